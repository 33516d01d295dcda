"""Rebuild ``sources/chapter-1-global-overview.docx``, the Word source of the glotip-sample job.

Run ``.venv/bin/python workflows/glotip-sample/build_sources.py``: the file is rewritten byte for byte the same
(fixed core-property dates, fixed zip timestamps), so the binary in git can always be regenerated from this text.

What the document holds, as a real Word file:

* a ``Title`` paragraph, ``Heading 1`` and ``Heading 2`` headings;
* UN-style numbered paragraphs ("1.", "2." ...) in the built-in ``List Number`` style with real Word numbering:
  every paragraph carries ``w:numPr`` pointing to one multilevel list (level 0 ``%1.``, level 1 ``(%2)``);
* "(a) (b) (c)" sub-items in ``List Number 2`` paragraphs, real numbering too (level 1 of the same list, so each
  sub-list restarts at "(a)" after a numbered paragraph); the letters are not typed in the text;
* a ``List Bullet`` list (its own bullet numbering);
* real footnotes: a ``word/footnotes.xml`` part related to the main document part, ``w:footnoteReference`` runs
  in the body, ``Footnote Text`` / ``Footnote Reference`` styles. python-docx has no footnote API, so the part is
  built here with its opc layer and lxml.

Inline mini-markup in the texts below: ``*italic*`` and ``[^N]`` (a reference to footnote N).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

HERE = Path(__file__).resolve().parent
TARGET = HERE / "sources" / "chapter-1-global-overview.docx"
FIXED_TIME = dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.UTC)
ZIP_TIME = (2024, 3, 4, 9, 30, 0)
LIST_NUM_ID = 90
"""w:numId of the numbered paragraphs and their (a) (b) sub-items."""
BULLET_NUM_ID = 91

# The chapter: (kind, text). Kinds: title, h1, h2, num (numbered paragraph), sub ("(a)" item), bullet.
CHAPTER: list[tuple[str, str]] = [
    ("title", "Global overview of trafficking in persons"),
    ("h1", "Introduction"),
    (
        "num",
        "The *Global Report on Trafficking in Persons* is the only report of its kind that covers the whole world.[^1] "
        "UNODC prepares it every two years under the mandate that the General Assembly gave it in the United Nations "
        "Global Plan of Action to Combat Trafficking in Persons. This edition covers 141 countries and territories "
        "and draws on information about 69,627 victims of trafficking detected between 1 January 2020 and "
        "31 December 2022.",
    ),
    (
        "num",
        "In paragraph 8 of its resolution 2013/41, the Economic and Social Council requested UNODC to make the Global "
        "Report available in all six official languages of the United Nations.[^2] Member States have repeatedly "
        "stressed that translation is essential if the findings are to inform national policies, training and public "
        "awareness. The present edition is therefore issued simultaneously in Arabic, Chinese, English, French, "
        "Russian and Spanish.",
    ),
    (
        "num",
        "The information was collected through a questionnaire sent to national authorities, i.e. ministries of "
        "justice, of the interior and of social affairs, and through official reports that Member States have made "
        "public. Where national figures were not available, UNODC used data from international organizations and "
        "civil society, e.g. shelters and hotlines, after checking them against official sources. All figures refer "
        "to detected cases and should be read with the limitations described in para. 20 below.",
    ),
    ("h1", "The legal framework"),
    ("h2", "The definition in the Protocol"),
    (
        "num",
        "The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, "
        "supplementing the United Nations Convention against Transnational Organized Crime, was adopted by the "
        "General Assembly in its resolution 55/25 of 15 November 2000 (A/RES/55/25).[^3] It entered into force on "
        "25 December 2003 and, as at 1 January 2024, had 182 States parties.",
    ),
    (
        "num",
        "The definition in article 3 of the Trafficking in Persons Protocol has three constituent elements, all of "
        "which must be present when the victim is an adult:",
    ),
    ("sub", "The act, i.e. the recruitment, transportation, transfer, harbouring or receipt of persons;"),
    (
        "sub",
        "The means, namely the threat or use of force or other forms of coercion, abduction, fraud, deception, the "
        "abuse of power or of a position of vulnerability, or the giving or receiving of payments or benefits to "
        "achieve the consent of a person having control over another person;",
    ),
    (
        "sub",
        "The purpose of exploitation, which includes, at a minimum, the exploitation of the prostitution of others "
        "or other forms of sexual exploitation, forced labour or services, slavery or practices similar to slavery, "
        "servitude or the removal of organs.",
    ),
    (
        "num",
        "Where any of the means has been used, the consent of the victim to the intended exploitation is irrelevant. "
        "When the victim is a child, i.e. a person under 18 years of age, the means element is not required. In that "
        "case, the act and the purpose are sufficient to establish the offence. Several national courts have relied "
        "directly on what one judgment called \u201cthe U.N. definition\u201d of the offence.",
    ),
    ("h2", "Trafficking in persons and smuggling of migrants"),
    (
        "num",
        "Trafficking in persons must not be confused with the smuggling of migrants, which is a distinct crime "
        "defined in a separate Protocol.[^4] Smuggling is the procurement of the illegal entry of a person into a "
        "State of which the person is not a national or a permanent resident, in order to obtain a financial or "
        "other material benefit. Smuggled migrants consent to being moved, whereas victims of trafficking are "
        "exploited. Smuggling is always transnational, whereas trafficking in persons can take place within the "
        "borders of a single country.",
    ),
    (
        "num",
        "The two crimes can nevertheless overlap. Migrants who cannot repay the fees charged by smugglers are "
        "particularly vulnerable to debt bondage and other forms of exploitation. Member States reported 2.5 million "
        "irregular border crossings in 2022, and 30.5 per cent of the victims detected in Western and Southern "
        "Europe that year had first been smuggled into the region.",
    ),
    ("h1", "Main global findings"),
    ("h2", "Number of detected victims"),
    (
        "num",
        "The number of detected victims fell by 11 per cent in 2020 compared with 2019, the first decrease in 20 "
        "years of data collection. The decline was largest in low- and middle-income countries, where the COVID-19 "
        "pandemic reduced the capacity of law enforcement to identify victims. By 2022, detections had recovered "
        "and exceeded pre-pandemic levels by 25 per cent.",
    ),
    (
        "num",
        "Detected victims do not represent the total number of people trafficked, which remains unknown. The "
        "figures reflect the capacity and priorities of national authorities, e.g. the number of labour inspectors "
        "or specialized police units, as much as the extent of the crime itself.",
    ),
    ("h2", "Profile of the victims"),
    (
        "num",
        "Women and girls accounted for 61 per cent of all detected victims in 2022. Children made up 38 per cent of "
        "the total, and the share of boys has more than tripled since 2004. Men represented 23 per cent of the "
        "victims detected worldwide, most of them trafficked for forced labour.",
    ),
    (
        "num",
        "Victims are most often identified by the police, who detected 47 per cent of the victims reported in 2022. "
        "Only 12 per cent came forward on their own initiative, a share that has fallen since 2018. This suggests "
        "that many victims do not trust the authorities or do not see themselves as victims. Civil society "
        "organizations, labour inspectors and health workers identified most of the remaining victims.",
    ),
    ("num", "The main forms of exploitation detected in 2022 were the following:"),
    ("bullet", "Sexual exploitation, 38.7 per cent of detected victims;"),
    ("bullet", "Forced labour, 38.3 per cent;"),
    ("bullet", "Forced criminal activity, e.g. drug cultivation, pickpocketing or online fraud, 10.2 per cent;"),
    ("bullet", "Mixed forms of exploitation, 4.1 per cent;"),
    ("bullet", "Other purposes, including forced marriage, baby selling and organ removal, 8.7 per cent."),
    (
        "num",
        "Trafficking for organ removal remains rare in the data, with fewer than 200 victims reported between 2020 "
        "and 2022. Each case nevertheless involves networks of brokers, medical professionals and transplant "
        "facilities. The WHO Guiding Principles on Human Cell, Tissue and Organ Transplantation provide a useful "
        "reference for national authorities in this area.",
    ),
    ("h2", "Offenders and convictions"),
    (
        "num",
        "The number of convictions for trafficking in persons fell by 27 per cent between 2017 and 2020. The decline "
        "was steepest in South Asia, in Central America and the Caribbean and in South America. Fewer than 20,000 "
        "offenders are convicted worldwide each year, a figure that has changed little over the past decade.",
    ),
    (
        "num",
        "Most convicted offenders are men, but women account for 38 per cent of offenders in Eastern Europe and "
        "Central Asia, where they often recruit victims from their own communities. Organized criminal groups are "
        "behind most of the cases recorded in the Human Trafficking Case Law Database. These cases involve more "
        "victims and last longer than those committed by individual offenders.",
    ),
    (
        "num",
        "Traffickers increasingly use the Internet to recruit, advertise and control their victims. Fake job offers "
        "posted on social media, i.e. offers of well-paid work abroad, were used in 41 per cent of the cases "
        "reviewed for this report. Online tools also make it easier to move the proceeds of crime across borders.",
    ),
    ("h1", "The international response"),
    (
        "num",
        "The Conference of the Parties to the United Nations Convention against Transnational Organized Crime "
        "reviews the implementation of the Protocol with the help of its Working Group on Trafficking in Persons. "
        "At its sixth session, the Conference adopted recommendations on the non-punishment of victims and on their "
        "access to remedies (see CTOC/COP/2012/15, para. 12).",
    ),
    (
        "num",
        "In the Global Plan of Action, the General Assembly also established the United Nations Voluntary Trust "
        "Fund for Victims of Trafficking in Persons, Especially Women and Children. By 30 June 2023, the Fund had "
        "supported more than 200 projects run by civil society organizations in over 70 countries. Speaking at a "
        "side event in Vienna, Mr. Daniel Okafor, a representative of the Inter-Agency Coordination Group against "
        "Trafficking in Persons, noted that technical assistance had helped 48 Member States to adopt or amend "
        "legislation since 2018.",
    ),
    ("h1", "Limitations of the data"),
    (
        "num",
        "The data presented in this report have several limitations, which readers should keep in mind:",
    ),
    (
        "sub",
        "National definitions differ, and some countries still criminalize only trafficking for sexual exploitation;",
    ),
    (
        "sub",
        "Detection depends on the resources of national authorities, so that a rise in detected victims can mean "
        "better identification rather than more crime;",
    ),
    ("sub", "Figures for the most recent year are provisional and may be revised in the next edition."),
    (
        "num",
        "Comparisons over time use only countries that reported for at least three consecutive years. Earlier "
        "figures are taken from the 2022 edition of the report, which used the same methodology.[^5] Regional "
        "findings, which follow the grouping of countries used since 2009, are presented in chapter II.",
    ),
]

FOOTNOTES: dict[int, str] = {
    1: "General Assembly resolution 64/293 of 30 July 2010 (A/RES/64/293), annex, para. 60. The first edition of "
    "the report was published in 2009.",
    2: "See *Official Records of the Economic and Social Council, 2013, Supplement No. 10* (E/2013/30), chap. I, "
    "sect. B.",
    3: "United Nations, *Treaty Series*, vol. 2237, No. 39574.",
    4: "Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations "
    "Convention against Transnational Organized Crime (United Nations, *Treaty Series*, vol. 2241, No. 39574).",
    5: "*Global Report on Trafficking in Persons 2022* (United Nations publication, Sales No. E.23.IV.1).",
}

STYLE_OF = {
    "title": "Title",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "num": "List Number",
    "sub": "List Number 2",
    "bullet": "List Bullet",
}
_INLINE = re.compile(r"(\*[^*]+\*|\[\^\d+\])")

_NUMBERING = f"""
<w:numbering {nsdecls("w")}>
  <w:abstractNum w:abstractNumId="{LIST_NUM_ID}">
    <w:nsid w:val="6A1F3C20"/>
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0">
      <w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
      <w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr>
    </w:lvl>
    <w:lvl w:ilvl="1">
      <w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/>
      <w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr>
    </w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="{BULLET_NUM_ID}">
    <w:nsid w:val="6A1F3C21"/>
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0">
      <w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
      <w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr>
    </w:lvl>
  </w:abstractNum>
  <w:num w:numId="{LIST_NUM_ID}"><w:abstractNumId w:val="{LIST_NUM_ID}"/></w:num>
  <w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="{BULLET_NUM_ID}"/></w:num>
</w:numbering>
"""


def add_numbering(document: docx.document.Document) -> None:
    """Add the chapter's multilevel list and bullet list to ``word/numbering.xml`` (abstractNums before nums)."""
    numbering = document.part.numbering_part.element
    extra = parse_xml(_NUMBERING)
    first_num = numbering.find(qn("w:num"))
    for abstract in extra.findall(qn("w:abstractNum")):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    for num in extra.findall(qn("w:num")):
        numbering.append(num)


def add_footnote_styles(document: docx.document.Document) -> None:
    text_style = document.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    text_style.base_style = document.styles["Normal"]
    text_style.font.size = Pt(9)
    text_style.paragraph_format.space_after = Pt(0)
    reference_style = document.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    reference_style.font.superscript = True


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Give the paragraph its own ``w:numPr`` (real Word numbering, not typed numbers)."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert_element_before(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'),
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:spacing",
        "w:ind",
        "w:jc",
        "w:rPr",
    )


def add_inline(paragraph: Paragraph, text: str) -> None:
    """Add ``text`` as runs: ``*italic*`` becomes an italic run, ``[^N]`` a footnote reference."""
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("[^"):
            footnote_id = int(piece[2:-1])
            run = paragraph.add_run()
            run._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="FootnoteReference"/></w:rPr>'))
            run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{footnote_id}"/>'))
        elif piece.startswith("*"):
            paragraph.add_run(piece[1:-1]).italic = True
        else:
            paragraph.add_run(piece)


def footnotes_xml() -> bytes:
    """The ``word/footnotes.xml`` part: the two separators Word expects, then the numbered footnotes."""
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}>{separators}</w:footnotes>")
    holder = docx.Document()  # a scratch document to build runs with python-docx's own API
    for footnote_id, text in FOOTNOTES.items():
        paragraph = holder.add_paragraph()
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {nsdecls("w")} w:val="FootnoteText"/>'))
        mark = paragraph.add_run()
        mark._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="FootnoteReference"/></w:rPr>'))
        mark._r.append(parse_xml(f"<w:footnoteRef {nsdecls('w')}/>"))
        paragraph.add_run(" ")
        add_inline(paragraph, text)
        footnote = parse_xml(f'<w:footnote {nsdecls("w")} w:id="{footnote_id}"/>')
        footnote.append(paragraph._p)
        root.append(footnote)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_footnotes_part(document: docx.document.Document) -> None:
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, footnotes_xml(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def set_core_properties(document: docx.document.Document) -> None:
    core = document.core_properties
    core.title = "Global Report on Trafficking in Persons: chapter I (sample)"
    core.subject = "Trafficking in persons"
    core.author = "hexaglot sample (not a UNODC document)"
    core.last_modified_by = "hexaglot sample"
    core.keywords = "trafficking in persons; GLOTIP; sample"
    core.comments = "Written for the hexaglot glotip-sample job; figures are illustrative."
    core.language = "en-GB"
    core.revision = 1
    core.created = FIXED_TIME
    core.modified = FIXED_TIME
    core.last_printed = FIXED_TIME


def build_document() -> docx.document.Document:
    document = docx.Document()
    add_numbering(document)
    add_footnote_styles(document)
    for kind, text in CHAPTER:
        paragraph = document.add_paragraph(style=STYLE_OF[kind])
        if kind == "num":
            set_numbering(paragraph, LIST_NUM_ID, 0)
        elif kind == "sub":
            set_numbering(paragraph, LIST_NUM_ID, 1)
        elif kind == "bullet":
            set_numbering(paragraph, BULLET_NUM_ID, 0)
        add_inline(paragraph, text)
    add_footnotes_part(document)
    set_core_properties(document)
    return document


def deterministic_zip(data: bytes) -> bytes:
    """The same package with every member stamped ``ZIP_TIME`` (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return output.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main() -> None:
    buffer = io.BytesIO()
    build_document().save(buffer)
    write_atomically(TARGET, deterministic_zip(buffer.getvalue()))
    print(f"wrote {TARGET.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
