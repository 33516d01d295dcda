"""Generate the hostile-input corpus (``tests/hostile/corpus/<reader>/``) and its manifest.

Run ``python tests/hostile/make_corpus.py`` after changing it; the files are committed so that CI reads exactly
these bytes. Each file is small (the biggest is a DOCX zip bomb of a few hundred KB that would inflate to
hundreds of MB). ``MANIFEST.tsv`` lists every file with the exit code the CLI must give (2: one line naming the
file; 0: a documented clean result) and why. ``tests/test_hostile_corpus.py`` runs each file through the
command that reads it. A few files are hand-made (``corpus/*/hand-*``); they are listed here too.

Files that cannot live in git (FIFOs, folders named like files, symlinks out of the project, unreadable
files) are made by the test itself.
"""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

ENTRIES: list[tuple[str, int, str]] = []
"""(relative path, expected exit code, why) for the manifest."""


def put(relative: str, data: bytes | str, expect: int = 2, why: str = "") -> None:
    path = CORPUS / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    ENTRIES.append((relative, expect, why))


# --- plain text and Markdown: encodings and control characters ---------------------------------------

GOOD_TEXT = "1. Trafficking in persons is a crime. The Protocol entered into force in 2003.\n\n2. Victims need help.\n"

ENCODING_CASES: list[tuple[str, bytes, str]] = [
    ("utf16-le-bom", GOOD_TEXT.encode("utf-16"), "UTF-16 with BOM"),
    ("utf16-be", GOOD_TEXT.encode("utf-16-be"), "UTF-16 BE without BOM"),
    ("utf32", GOOD_TEXT.encode("utf-32"), "UTF-32"),
    ("latin1", "Traite des êtres humains, déjà.\n".encode("latin-1"), "Latin-1 bytes"),
    ("cp1252-quotes", b"The \x93Protocol\x94 is \x96 in force.\n", "Windows-1252 smart quotes"),
    ("invalid-late", (GOOD_TEXT * 200).encode() + b"\n\nBroken \xff byte here.\n", "invalid byte after 8 KB"),
    ("truncated-multibyte", GOOD_TEXT.encode() + b"Caf\xc3", "multibyte sequence cut at end of file"),
    ("overlong", b"Overlong slash \xc0\xaf here.\n", "overlong UTF-8 encoding"),
    ("surrogate", b"Lone surrogate \xed\xa0\x80 here.\n", "encoded UTF-16 surrogate"),
    ("nul-start", b"\x00" + GOOD_TEXT.encode(), "NUL at the start"),
    ("nul-late", (GOOD_TEXT * 200).encode() + b"\n\nA NUL \x00 after 8 KB.\n", "NUL after the first 4 KB"),
    ("esc-sequence", (GOOD_TEXT + "\n3. A title \x1b]0;owned\x07 with an escape sequence.\n").encode(), "ESC/BEL"),
    ("esc-late", (GOOD_TEXT * 200 + "\n\n\x1b[2J\x1b[31mRed and cleared.\n").encode(), "CSI after 8 KB"),
    ("bell", (GOOD_TEXT + "\n\nRing \x07 the bell.\n").encode(), "BEL"),
    ("backspace", (GOOD_TEXT + "\n\nHidden\x08\x08\x08 text.\n").encode(), "backspaces"),
    ("c1-csi", (GOOD_TEXT + "\n\nC1 control \u009b31m here.\n").encode(), "C1 CSI U+009B"),
    ("del-char", (GOOD_TEXT + "\n\nDelete \x7f here.\n").encode(), "DEL"),
    ("vertical-tab", (GOOD_TEXT + "\n\nVertical\x0btab.\n").encode(), "vertical tab"),
    ("binary-png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "a PNG image"),
    ("binary-elf", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "an executable"),
]

CLEAN_TEXT_CASES: list[tuple[str, str, str]] = [
    ("empty", "", "empty file: imported with no segments"),
    ("whitespace-only", " \n\t\n\r\n   \n", "only whitespace: no segments"),
    ("crlf", GOOD_TEXT.replace("\n", "\r\n"), "Windows line ends"),
    ("cr-only", GOOD_TEXT.replace("\n", "\r"), "old Mac line ends"),
    ("form-feed", GOOD_TEXT + "\f\n3. After a page break.\n", "form feed (pdftotext page break) is whitespace"),
    ("bom-good", "\ufeff" + GOOD_TEXT, "UTF-8 BOM"),
    ("bom-only", "\ufeff", "a BOM and nothing else: no segments"),
    ("bidi-override", "The \u202eecnetnes\u202c reversed.\n", "bidi controls are format characters, kept"),
    ("zero-width", "Zero\u200bwidth\u200d joiners\ufeff inside.\n", "zero-width characters kept"),
    ("long-line", ("word " * 8000) + "\n", "one 40 KB paragraph without full stops"),
    ("no-spaces", "x" * 20000 + "\n", "20 KB without a space"),
    ("abbreviations", "See e.g. No. 5, i.e. para. 3, cf. art. 2 ed. vol. I. " * 500 + "\n", "27 KB of abbreviations"),
    ("full-stops", ". " * 10000 + "\n", "20 KB of full stops"),
    ("labels-only", "".join(f"{n}.\n\n" for n in range(1, 2000)), "paragraph numbers without text"),
    ("deep-brackets", "(" * 5000 + "x" + ")" * 5000 + "\n", "5,000 nested brackets"),
    ("footnote-markers", "Text[^1][^2][^3]. " * 1000 + "\n", "many footnote markers"),
    ("placeholder-lookalike", "A <1>fake</1> tag and <2/> here. The {0} and %s stay.\n", "placeholder look-alikes"),
    ("rtl-text", "الاتجار بالأشخاص جريمة. وهذا نص.\n", "Arabic text in an English source"),
    ("astral", "Emoji \U0001f600 and math \U0001d400 and CJK ext \U00020000.\n", "characters outside the BMP"),
    ("combining", "e\u0301" * 5000 + " stacked.\n", "combining marks"),
    ("unicode-line-sep", "Line\u2028separator and\u2029paragraph separator.\n", "Unicode line separators"),
]


def text_sources() -> None:
    for suffix, folder in ((".txt", "txt"), (".md", "md")):
        for name, data, why in ENCODING_CASES:
            put(f"{folder}/{name}{suffix}", data, 2, why)
        for name, data, why in CLEAN_TEXT_CASES:
            put(f"{folder}/clean-{name}{suffix}", data, 0, why)
    markdown = {
        "clean-deep-quote": (">" * 3000 + " deep quote.\n", "3,000 nested block quotes (markdown-it caps nesting)"),
        "clean-deep-list": ("".join("  " * n + "- item\n" for n in range(150)), "150 nested list levels"),
        "clean-emphasis-storm": ("*a " * 10000 + "\n", "10,000 unclosed emphasis markers"),
        "clean-brackets-storm": ("[" * 10000 + "\n", "10,000 open link brackets"),
        "clean-backticks-storm": ("`" * 5000 + " x " + "``" * 2500 + "\n", "backtick runs"),
        "clean-unclosed-fence": ("```\ncode never closed\n" + "line\n" * 1000, "a code fence never closed"),
        "clean-html-script": ("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>.\n", "raw HTML"),
        "clean-footnote-loop": ("A[^a].\n\n[^a]: B[^a].\n", "a footnote that cites itself"),
        "clean-footnote-missing": ("A[^9] has no definition.\n", "a footnote marker without a definition"),
        "clean-huge-table": ("|a|b|\n|-|-|\n" + "|x|y|\n" * 3000, "a 3,000-row table"),
        "clean-wide-table": ("|" + "a|" * 2000 + "\n|" + "-|" * 2000 + "\n|" + "x|" * 2000 + "\n", "2,000 columns"),
        "clean-link-refs": ("".join(f"[l{n}]: http://e/{n}\n" for n in range(1000)) + "[l1] text.\n", "1,000 refs"),
        "clean-front-matter": ("---\n!!python/object/apply:os.system [echo]\n---\n\nText.\n", "YAML-looking text"),
        "clean-heading7": ("####### Seven hashes.\n", "not a heading"),
        "clean-entities": ("&nbsp;&amp;&#0;&#x110000;&bogus; text.\n", "HTML entities, invalid code points"),
        "hand-esc-in-heading": ("# Title \x1b[31mred\x1b[0m\n\nText.\n", "escape sequence in a heading"),
        "hand-nul-in-table": ("|a|b|\n|-|-|\n|x\x00|y|\n", "NUL in a table cell"),
    }
    for name, (data, why) in markdown.items():
        put(f"md/{name}.md", data, 0 if name.startswith("clean-") else 2, why)


# --- DOCX -------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/><Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/></Relationships>'
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1">'
    '<w:name w:val="heading 1"/></w:style></w:styles>'
)


def base_docx() -> dict[str, bytes]:
    """The members of a small valid DOCX: a heading, a sentence pair and a numbered list item."""
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Global overview</w:t></w:r></w:p>'
        + para("Trafficking in persons is a crime. The Protocol entered into force in 2003.")
        + numbered_para("First item.")
    )
    return {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": PACKAGE_RELS.encode(),
        "word/document.xml": document_xml(body),
        "word/_rels/document.xml.rels": DOCUMENT_RELS.encode(),
        "word/styles.xml": STYLES.encode(),
        "word/numbering.xml": numbering_xml(),
    }


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    ).encode()


def para(text: str, extra: str = "") -> str:
    return f'<w:p>{extra}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)
EXTERNAL = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
BARE_DOCTYPE = "<!DOCTYPE w:document>\n"
REMOTE_DTD = '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:1/wordml.dtd">\n'


def numbering_xml(ilvl: str = "0", start: str = "1", num_fmt: str = "decimal") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{num_fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()


def numbered_para(text: str, ilvl: str = "0", num_id: str = "1") -> str:
    return para(text, f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>')


PARTS = {
    "CT": "[Content_Types].xml",
    "rels": "_rels/.rels",
    "document": "word/document.xml",
    "styles": "word/styles.xml",
    "numbering": "word/numbering.xml",
}


def docx_sources() -> None:
    base = base_docx()

    def variant(name: str, expect: int, why: str, **changes: bytes | None) -> None:
        members = dict(base)
        for member, data in changes.items():
            key = PARTS[member]
            if data is None:
                members.pop(key, None)
            else:
                members[key] = data
        put(f"docx/{name}.docx", zip_bytes(members), expect, why)

    def doc(body: str, prolog: str = "") -> bytes:
        return document_xml(body, prolog)

    put("docx/clean-minimal.docx", zip_bytes(base), 0, "a valid DOCX (control)")
    put("docx/not-a-zip.docx", b"This is plain text pretending to be Word.\n", 2, "text named .docx")
    put("docx/empty.docx", b"", 2, "empty file")
    whole = zip_bytes(base)
    put("docx/truncated.docx", whole[: len(whole) // 2], 2, "zip cut in half")
    put("docx/zip-header-only.docx", b"PK\x03\x04" + b"\x00" * 26, 2, "a local header and nothing else")
    put("docx/old-word-doc.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, 2, "an OLE .doc renamed")
    put("docx/pdf-renamed.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 2, "a PDF renamed")
    put("docx/zip-no-members.docx", zip_bytes({}), 2, "an empty zip")
    put("docx/zip-of-text.docx", zip_bytes({"readme.txt": b"hello"}), 2, "a zip without Word parts")
    variant("no-content-types", 2, "no [Content_Types].xml", CT=None)
    variant("no-document-part", 2, "the main document part missing", document=None)
    variant("no-rels", 2, "no _rels/.rels", rels=None)
    variant("malformed-document", 2, "document.xml is not well-formed", document=b"<w:document><w:body>")
    variant("document-not-xml", 2, "document.xml is binary", document=b"\x00\x01\x02\xff")
    variant("document-empty", 2, "document.xml is empty", document=b"")
    variant("billion-laughs", 2, "DOCTYPE with an entity bomb", document=doc(para("&lol3;"), LAUGHS))
    variant("xxe-file", 2, "external entity to /etc/passwd", document=doc(para("&xxe;"), EXTERNAL))
    variant("bare-doctype", 0, "a DOCTYPE without an internal subset: read, as in TMX (one DOCTYPE rule)",
            document=doc(para("Text."), BARE_DOCTYPE))  # fmt: skip
    variant("remote-dtd", 0, "a DOCTYPE naming a remote DTD: read, the DTD never fetched",
            document=doc(para("Text."), REMOTE_DTD))  # fmt: skip
    variant("empty-subset", 2, "a DOCTYPE with an empty internal subset: refused, as in TMX, TBX and XLIFF",
            document=doc(para("Text."), "<!DOCTYPE w:document [ ]>\n"))  # fmt: skip
    variant(
        "doctype-in-styles",
        2,
        "DOCTYPE in styles.xml",
        styles=LAUGHS.encode() + base["word/styles.xml"].split(b"?>", 1)[1],
    )
    variant(
        "doctype-in-content-types",
        2,
        "DOCTYPE in [Content_Types].xml",
        CT=b'<?xml version="1.0"?>\n' + EXTERNAL.encode() + base["[Content_Types].xml"].split(b"?>", 1)[1],
    )
    variant(
        "doctype-in-rels",
        2,
        "DOCTYPE in _rels/.rels",
        rels=b'<?xml version="1.0"?>\n' + LAUGHS.encode() + base["_rels/.rels"].split(b"?>", 1)[1],
    )
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?>\n' + EXTERNAL).encode("utf-16") + (
        f'<w:document xmlns:w="{W}"><w:body>{para("&xxe;")}</w:body></w:document>'
    ).encode("utf-16-le")
    variant("utf16-doctype", 2, "a UTF-16 document.xml hiding its DOCTYPE from a byte search", document=utf16)
    variant("control-char-ref", 2, "&#x1; in text (not XML 1.0)", document=doc(para("bad &#x1; char")))
    variant("c1-control", 2, "a C1 control in w:t", document=doc(para("bad \u009b31m char")))
    variant("esc-in-text", 2, "ESC written as a character reference", document=doc(para("&#x1b;[2J")))
    variant("deep-nesting", 2, "10,000 nested elements", document=doc("<w:p>" * 10000 + "</w:p>" * 10000))
    variant(
        "numbering-ilvl-word",
        0,
        "w:ilvl='x' in a paragraph: read as level 0",
        document=doc(numbered_para("First.", ilvl="x")),
        numbering=numbering_xml(),
    )
    variant(
        "numbering-lvl-word",
        0,
        "w:ilvl='one' on the level definition: ignored",
        document=doc(numbered_para("First.")),
        numbering=numbering_xml(ilvl="one"),
    )
    variant(
        "numbering-start-word",
        0,
        "w:start='abc': numbering starts at 1",
        document=doc(numbered_para("First.")),
        numbering=numbering_xml(start="abc"),
    )
    variant(
        "numbering-start-huge",
        0,
        "w:start=10^30: read, label printed",
        document=doc(numbered_para("First.")),
        numbering=numbering_xml(start="1" + "0" * 30),
    )
    variant(
        "numbering-start-negative",
        0,
        "w:start=-5",
        document=doc(numbered_para("First.")),
        numbering=numbering_xml(start="-5"),
    )
    variant(
        "numbering-ilvl-huge",
        0,
        "w:ilvl=99999",
        document=doc(numbered_para("First.", ilvl="99999")),
        numbering=numbering_xml(),
    )
    variant(
        "numbering-ilvl-negative",
        0,
        "w:ilvl=-1",
        document=doc(numbered_para("First.", ilvl="-1")),
        numbering=numbering_xml(),
    )
    variant(
        "numbering-numid-missing",
        0,
        "a numId that numbering.xml does not define",
        document=doc(numbered_para("First.", num_id="42")),
        numbering=numbering_xml(),
    )
    variant(
        "numbering-numid-word",
        0,
        "numId='abc'",
        document=doc(numbered_para("First.", num_id="abc")),
        numbering=numbering_xml(),
    )
    variant(
        "numbering-roman-huge",
        0,
        "upperRoman with start 10^6",
        document=doc(numbered_para("First.")),
        numbering=numbering_xml(start="1000000", num_fmt="upperRoman"),
    )
    variant(
        "numbering-letter-huge",
        0,
        "lowerLetter with start 10^9",
        document=doc(numbered_para("First.")),
        numbering=numbering_xml(start="1000000000", num_fmt="lowerLetter"),
    )
    variant(
        "numbering-malformed",
        2,
        "numbering.xml not well-formed",
        document=doc(numbered_para("First.")),
        numbering=b"<w:numbering",
    )
    variant(
        "footnote-ref-missing",
        0,
        "a footnote reference to a footnote that does not exist",
        document=doc('<w:p><w:r><w:t>Text.</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r></w:p>'),
    )
    variant("empty-body", 0, "no paragraphs", document=doc(""))
    variant("huge-paragraph", 0, "one 300 KB paragraph", document=doc(para("Word. " * 50000)))
    bomb = dict(base)
    bomb["word/media/padding.bin"] = b"\x00" * (60 * 1024 * 1024)
    put("docx/zip-bomb-member.docx", zip_bytes(bomb), 2, "a 60 MB member of zeros (ratio ~1000:1)")
    bomb_doc = dict(base)
    bomb_doc["word/document.xml"] = document_xml(para("A" * (40 * 1024 * 1024)))
    put("docx/zip-bomb-document.docx", zip_bytes(bomb_doc), 2, "a 40 MB document.xml of one letter")
    put("docx/lying-size.docx", _lying_zip(base), 2, "a member whose header claims 4 GB")
    traversal = dict(base)
    traversal["../../evil.txt"] = b"owned"
    put("docx/member-traversal.docx", zip_bytes(traversal), 0, "a member named ../../evil.txt is never extracted")
    put("docx/hand-macro-docm.docx", _docm(base), 2, "a macro-enabled document (.docm) is not a DOCX")


def _lying_zip(base: dict[str, bytes]) -> bytes:
    """A DOCX whose document.xml header claims 4 GB uncompressed (the central directory lies)."""
    data = bytearray(zip_bytes(base))
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        name_length = int.from_bytes(data[offset + 28 : offset + 30], "little")
        name = bytes(data[offset + 46 : offset + 46 + name_length])
        if name == b"word/document.xml":
            data[offset + 24 : offset + 28] = (0xFFFFFFF0).to_bytes(4, "little")
        offset = data.find(b"PK\x01\x02", offset + 4)
    return bytes(data)


def _docm(base: dict[str, bytes]) -> bytes:
    members = dict(base)
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really vba"
    return zip_bytes(members)


# --- PDF (read by `hexaglot align`) ------------------------------------------------------------------


def _pdf(text: str, extra_objects: str = "") -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n{extra_objects}".encode()
    )
    return out.getvalue()


def pdf_sources() -> None:
    put("pdf/clean-minimal.pdf", _pdf("Trafficking in persons is a crime."), 0, "a valid one-page PDF (control)")
    put("pdf/not-a-pdf.pdf", b"Just text.\n", 2, "text named .pdf")
    put("pdf/empty.pdf", b"", 2, "empty file")
    put("pdf/header-only.pdf", b"%PDF-1.7\n", 2, "a header and nothing else")
    whole = _pdf("Cut here.")
    put("pdf/truncated.pdf", whole[:120], 2, "cut after the first object")
    put("pdf/clean-no-text.pdf", _pdf(""), 0, "a page without text: no paragraphs")
    put("pdf/zip-renamed.pdf", zip_bytes({"a.txt": b"x"}), 2, "a zip renamed")
    put("pdf/binary.pdf", bytes(range(256)) * 8, 2, "random bytes")


# --- PO ----------------------------------------------------------------------------------------------

PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)


def po_entry(
    msgstr: str = "La traite des personnes est un crime.", extra: str = "", ctxt: str = "doc:abcd1234:1"
) -> str:
    return f'{extra}msgctxt "{ctxt}"\nmsgid "Trafficking in persons is a crime."\nmsgstr "{msgstr}"\n\n'


def po_files() -> None:
    put("po/clean-minimal.po", PO_HEADER + po_entry(), 0, "a valid catalog (control)")
    put("po/latin1.po", (PO_HEADER + po_entry("Traite des êtres")).encode("latin-1"), 2, "Latin-1 bytes")
    put("po/utf16.po", (PO_HEADER + po_entry()).encode("utf-16"), 2, "UTF-16")
    put("po/nul.po", PO_HEADER + po_entry("La\x00 traite"), 2, "NUL inside a msgstr")
    put("po/binary.po", bytes(range(256)), 2, "binary")
    put("po/mo-renamed.po", b"\xde\x12\x04\x95" + b"\x00" * 64, 2, "an MO file renamed .po")
    put("po/unterminated-msgid.po", PO_HEADER + 'msgctxt "a"\nmsgid "Open\nmsgstr "x"\n', 2, "unterminated msgid")
    put("po/garbage-line.po", PO_HEADER + po_entry() + "this is not PO syntax\n", 2, "a line that is not PO")
    put("po/msgstr-before-msgid.po", PO_HEADER + 'msgstr "x"\nmsgid "y"\n', 2, "keywords out of order")
    put("po/no-language.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + po_entry(), 0,
        "no Language header: --lang fr given")  # fmt: skip
    put("po/language-de.po", PO_HEADER.replace("Language: fr", "Language: de") + po_entry(), 2,
        "Language: de in the header is not a hexaglot language, whatever --lang says")  # fmt: skip
    put("po/empty.po", "", 0, "an empty catalog: nothing to check")
    put("po/header-only.po", PO_HEADER, 0, "a header and no entries")
    esc = po_entry("La traite \\x1b[31m est \x1b[2J un crime.")
    put("po/esc-in-msgstr.po", PO_HEADER + esc, 2, "a raw ESC in a msgstr")
    put("po/bel-in-msgstr.po", PO_HEADER + po_entry("Sonne\x07 ici."), 2, "a raw BEL in a msgstr")
    put("po/c1-in-msgstr.po", PO_HEADER + po_entry("C1 \u009b31m ici."), 2, "a C1 control in a msgstr")
    bad_types = [
        ('{"origin": 5, "score": "high", "at": [1]}', "provenance"),
        ('{"origin": "tm", "score": "high"}', "provenance"),
        ('{"origin": null, "score": {"a": 1}}', "provenance"),
        ('["not", "an", "object"]', "provenance"),
        ('"just a string"', "provenance"),
        ("{not json at all", "provenance"),
        ('{"action": 7, "by": ["x"], "at": 12, "comment": {"a": 1}}', "review"),
        ('{"action": "approved", "by": null, "at": null}', "review"),
        ('{"action": "approved", "override": "yes", "reason": 5}', "review"),
        ('{"previous": 5}', "previous"),
        ('{"reviewer": ["a", "b"], "stage": 3}', "assignment"),
        ('{"' + "k" * 100 + '": 1e999}', "provenance"),
    ]
    for number, (value, key) in enumerate(bad_types, start=1):
        comment = f"# hexaglot-{key}: {value}\n"
        put(f"po/meta-wrong-types-{number}.po", PO_HEADER + po_entry(extra=comment), 0,
            f"hexaglot-{key} metadata with wrong JSON types is ignored or normalised, not a crash")  # fmt: skip
    put("po/duplicate-msgctxt.po", PO_HEADER + po_entry() + po_entry(), 2, "the same msgctxt twice")
    put("po/huge-msgstr.po", PO_HEADER + po_entry("mot " * 10000), 0, "a 40 KB msgstr")
    put("po/many-entries.po", PO_HEADER + "".join(po_entry(ctxt=f"d:{n:08x}:1") for n in range(500)), 0,
        "500 entries")  # fmt: skip
    put("po/bad-plural-forms.po", PO_HEADER.replace("plural=(n > 1)", "plural=(n >") + po_entry(), 0,
        "a broken Plural-Forms header (the language's own rules apply)")  # fmt: skip
    put("po/fuzzy-header.po", "#, fuzzy\n" + PO_HEADER + po_entry(), 0, "a fuzzy header")
    put("po/obsolete-only.po", PO_HEADER + '#~ msgctxt "a"\n#~ msgid "b"\n#~ msgstr "c"\n', 0, "only obsolete entries")
    put("po/long-line.po", PO_HEADER + f"#: {'x' * 20000}\n" + po_entry(), 0, "a 20 KB reference comment")
    put("po/crlf.po", (PO_HEADER + po_entry()).replace("\n", "\r\n"), 0, "Windows line ends")
    put("po/hand-placeholder-mismatch.po", PO_HEADER + po_entry("La <1>traite</2> est un crime."), 0,
        "unbalanced placeholders: a finding, exit 0 or 1")  # fmt: skip


# --- TMX ---------------------------------------------------------------------------------------------


def tmx(body: str, prolog: str = "", header: str | None = None, encoding: str = "UTF-8") -> str:
    header = (
        header
        if header is not None
        else (
            '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
            'srclang="en" datatype="plaintext"/>'
        )
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{prolog}<tmx version="1.4">{header}<body>{body}</body></tmx>\n'
    )


def tu(en: str = "Trafficking in persons.", fr: str = "La traite des personnes.", tuid: str = "1") -> str:
    return f'<tu tuid="{tuid}"><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="fr"><seg>{fr}</seg></tuv></tu>'


def tmx_files() -> None:
    put("tmx/clean-minimal.tmx", tmx(tu()), 0, "a valid TMX (control)")
    put("tmx/undefined-entity.tmx", tmx("\n" + tu(fr="La&nbsp;traite")), 2, "&nbsp; is not defined in XML: line named")
    put("tmx/billion-laughs.tmx", tmx(tu(fr="&lol3;"), LAUGHS), 2, "entity bomb")
    put("tmx/xxe.tmx", tmx(tu(fr="&xxe;"), EXTERNAL), 2, "external entity")
    put("tmx/xxe-parameter.tmx", tmx(tu(), '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x"> %p;]>\n'), 2,
        "external parameter entity")  # fmt: skip
    put("tmx/utf16-entity.tmx", tmx(tu(fr="&lol3;"), LAUGHS, encoding="UTF-16").encode("utf-16"), 2,
        "UTF-16 TMX with an entity bomb")  # fmt: skip
    put("tmx/not-tmx.tmx", '<?xml version="1.0"?><html><body/></html>', 2, "an XML file that is not TMX")
    put("tmx/empty.tmx", "", 2, "empty file")
    put("tmx/truncated.tmx", tmx(tu())[:150], 2, "cut in the middle")
    put("tmx/malformed.tmx", tmx("<tu><tuv xml:lang='en'><seg>x</tuv></tu>"), 2, "mismatched tags")
    put("tmx/binary.tmx", bytes(range(256)), 2, "binary")
    put(
        "tmx/latin1-undeclared.tmx",
        tmx(tu(fr="Traite des êtres")).encode("latin-1"),
        2,
        "Latin-1 bytes, UTF-8 declared",
    )
    put("tmx/latin1-declared.tmx", tmx(tu(fr="Traite des êtres"), encoding="ISO-8859-1").encode("latin-1"), 0,
        "Latin-1 declared in the XML prolog")  # fmt: skip
    put("tmx/control-ref.tmx", tmx(tu(fr="bad &#x1b;[2J")), 2, "&#x1b; is not XML 1.0")
    put("tmx/nul-ref.tmx", tmx(tu(fr="bad &#0; nul")), 2, "&#0;")
    put("tmx/c1-control.tmx", tmx(tu(fr="C1 \u009b31m")), 2, "a C1 control in a segment")
    put("tmx/deep-nesting.tmx", tmx(tu(fr="<bpt i='1'>" * 3000 + "x")), 2, "3,000 nested elements")
    put(
        "tmx/no-body.tmx", '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/></tmx>', 0, "no body: 0 units"
    )
    put("tmx/no-header.tmx", '<?xml version="1.0"?><tmx version="1.4"><body>' + tu() + "</body></tmx>", 0,
        "no header: srclang assumed en")  # fmt: skip
    put("tmx/tu-no-tuv.tmx", tmx('<tu tuid="1"></tu>'), 2, "a unit without variants")
    put(
        "tmx/tuv-no-seg.tmx",
        tmx('<tu tuid="1"><tuv xml:lang="en"/><tuv xml:lang="fr"/></tu>'),
        2,
        "variants without seg",
    )
    put("tmx/bad-lang.tmx", tmx(tu().replace('xml:lang="fr"', 'xml:lang="x\x1b"')), 2, "ESC in xml:lang")
    put("tmx/unknown-lang.tmx", tmx(tu().replace('xml:lang="fr"', 'xml:lang="tlh"')), 0, "Klingon variant skipped")
    put("tmx/huge-attribute.tmx", tmx(tu(tuid="x" * 20000)), 0, "a 20 KB tuid")
    put("tmx/many-units.tmx", tmx("".join(tu(tuid=str(n)) for n in range(300))), 0, "300 units")
    put("tmx/pi-and-comment.tmx", tmx("<?evil x?><!-- c -->" + tu()), 0, "processing instruction and comment")
    put("tmx/bare-doctype.tmx", tmx(tu(), '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'), 0,
        "a DOCTYPE naming the public TMX DTD without declarations: DTD never loaded")  # fmt: skip
    put("tmx/hand-ebcdic.tmx", '<?xml version="1.0" encoding="EBCDIC-FOO"?><tmx/>', 2, "an unknown encoding")
    put("tmx/cdata.tmx", tmx(tu(fr="<![CDATA[La <b>traite</b>]]>")), 0, "CDATA")


# --- TBX and CSV glossaries --------------------------------------------------------------------------


def tbx(body: str, prolog: str = "", encoding: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{prolog}<tbx type="TBX-Basic" style="dca" xml:lang="en" '
        f'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>{body}</body></text></tbx>\n'
    )


def concept(cid: str = "tip", en: str = "trafficking in persons", fr: str = "traite des personnes") -> str:
    return (
        f'<conceptEntry id="{cid}"><langSec xml:lang="en"><termSec><term>{en}</term></termSec></langSec>'
        f'<langSec xml:lang="fr"><termSec><term>{fr}</term></termSec></langSec></conceptEntry>'
    )


def tbx_files() -> None:
    put("tbx/clean-minimal.tbx", tbx(concept()), 0, "a valid TBX (control)")
    put("tbx/billion-laughs.tbx", tbx(concept(fr="&lol3;"), LAUGHS), 2, "entity bomb")
    put("tbx/xxe.tbx", tbx(concept(fr="&xxe;"), EXTERNAL), 2, "external entity")
    put("tbx/utf16-entity.tbx", tbx(concept(fr="&xxe;"), EXTERNAL, "UTF-16").encode("utf-16"), 2,
        "UTF-16 hides <!ENTITY from a byte search")  # fmt: skip
    put("tbx/utf16be-entity.tbx", tbx(concept(fr="&lol3;"), LAUGHS, "UTF-16BE").encode("utf-16-be"), 2,
        "UTF-16BE without BOM")  # fmt: skip
    put("tbx/utf32-entity.tbx", tbx(concept(fr="&lol3;"), LAUGHS, "UTF-32").encode("utf-32"), 2, "UTF-32")
    put("tbx/undefined-entity.tbx", tbx(concept(fr="traite&nbsp;des")), 2, "&nbsp; undefined")
    put("tbx/not-tbx.tbx", '<?xml version="1.0"?><html/>', 2, "not a termbase")
    put("tbx/empty.tbx", "", 2, "empty file")
    put("tbx/truncated.tbx", tbx(concept())[:120], 2, "cut")
    put("tbx/binary.tbx", bytes(range(256)), 2, "binary")
    put("tbx/control-ref.tbx", tbx(concept(fr="bad &#x7;")), 2, "&#x7; is not XML 1.0")
    put("tbx/c1-control.tbx", tbx(concept(fr="traite\u009b")), 2, "a C1 control in a term")
    put("tbx/esc-in-id.tbx", tbx(concept(cid="tip\u0085")), 2, "a control character in an id")
    put("tbx/no-english.tbx", tbx('<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x</term></termSec>'
        "</langSec></conceptEntry>"), 2, "a concept without an English term")  # fmt: skip
    put("tbx/duplicate-id.tbx", tbx(concept() + concept()), 2, "the same concept id twice")
    put("tbx/deep-nesting.tbx", tbx("<note>" * 3000 + "</note>" * 3000), 2, "3,000 nested elements")
    put("tbx/many-concepts.tbx", tbx("".join(concept(cid=f"c{n}", en=f"term {n}") for n in range(300))), 0,
        "300 concepts")  # fmt: skip
    put("tbx/empty-body.tbx", tbx(""), 2, "no concepts")
    put("tbx/martif-v2.tbx", '<?xml version="1.0"?><martif type="TBX"><text><body><termEntry id="a"><langSet '
        'xml:lang="en"><tig><term>court</term></tig></langSet></termEntry></body></text></martif>', 0,
        "TBX v2 martif")  # fmt: skip
    put("tbx/empty-term.tbx", tbx(concept(fr="")), 2, "an empty term")
    put("tbx/huge-term.tbx", tbx(concept(fr="mot " * 5000)), 0, "a 20 KB term")


def csv_files() -> None:
    header = "id,en,ar,zh,ru,es,fr\n"
    put("csv/clean-minimal.csv", header + "tip,trafficking in persons,,,,,traite des personnes\n", 0, "valid (control)")
    put("csv/utf16.csv", (header + "tip,a,,,,,b\n").encode("utf-16"), 2, "UTF-16")
    put("csv/latin1.csv", (header + "tip,a,,,,,traite des êtres\n").encode("latin-1"), 2, "Latin-1")
    put("csv/nul.csv", header + "tip,a\x00,,,,,b\n", 2, "NUL in a cell")
    rows = "".join(f"c{n},term {n},,,,,terme {n}\n" for n in range(500))
    put("csv/nul-late.csv", header + rows + "x,\x00,,,,,y\n", 2,
        "NUL after 4 KB")  # fmt: skip
    put("csv/esc.csv", header + "tip,traf\x1b[2Jficking,,,,,traite\n", 2, "ESC in a cell")
    put("csv/c1.csv", header + "tip,a,,,,,traite\u0085\n", 2, "C1 control in a cell")
    put("csv/binary.csv", bytes(range(256)), 2, "binary")
    put("csv/empty.csv", "", 2, "empty file")
    put("csv/no-id-column.csv", "en,fr\na,b\n", 2, "no id column")
    put("csv/no-en-column.csv", "id,fr\na,b\n", 2, "no en column")
    put("csv/unknown-column.csv", "id,en,de\na,b,c\n", 2, "an unknown language column")
    put("csv/duplicate-column.csv", "id,en,en\na,b,c\n", 2, "a column twice")
    put("csv/duplicate-id.csv", header + "a,b,,,,,c\na,d,,,,,e\n", 2, "an id twice")
    put("csv/ragged.csv", header + "a,b\n", 2, "a row with too few fields")
    put("csv/extra-fields.csv", header + "a,b,,,,,c,d\n", 2, "a row with too many fields")
    put("csv/unterminated-quote.csv", header + 'a,"b,c\n', 2, "a quote never closed")
    put("csv/huge-field.csv", header + "a,b,,,,," + "x" * 140000 + "\n", 2, "a 140 KB cell (over the csv field limit)")
    put("csv/empty-id.csv", header + ",b,,,,,c\n", 2, "an empty id")
    put("csv/empty-alternative.csv", "id,en,ar,zh,ru,es,fr,fr:admitted\na,b,,,,,c,x||y\n", 2, "a||b")
    put("csv/header-only.csv", header, 0, "a header and no concepts")
    put("csv/bom.csv", "\ufeff" + header + "a,b,,,,,c\n", 0, "a BOM")
    put("csv/formula.csv", header + 'a,=cmd(\' /C calc\')!A0,,,,,"=HYPERLINK(""http://x"")"\n', 0,
        "spreadsheet formulas are text")  # fmt: skip
    put("csv/crlf.csv", (header + "a,b,,,,,c\n").replace("\n", "\r\n"), 0, "Windows line ends")
    put("csv/semicolons.csv", "id;en;fr\na;b;c\n", 2, "semicolon-separated")
    put("csv/blank-lines.csv", header + "\n\na,b,,,,,c\n\n", 0, "blank lines between rows")
    put("csv/hand-quoted-newline.csv", header + 'a,"two\nlines",,,,,c\n', 0, "a quoted newline inside a term")


# --- XLIFF -------------------------------------------------------------------------------------------


def xliff20(units: str, trg: str = "fr", prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        f'version="2.0" srcLang="en" trgLang="{trg}"><file id="f1">{units}</file></xliff>\n'
    )


def unit20(target: str = "La traite des personnes.", uid: str = "doc:abcd1234:1", state: str = "translated") -> str:
    return (
        f'<unit id="{uid}"><segment state="{state}"><source>Trafficking in persons.</source>'
        f"<target>{target}</target></segment></unit>"
    )


def xliff_files() -> None:
    put("xliff/clean-minimal.xlf", xliff20(unit20()), 0, "a valid XLIFF 2.0 (control)")
    put("xliff/clean-12.xlf", '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="fr" datatype="plaintext" original="x"><body>'
        '<trans-unit id="a:b:1"><source>Hello.</source><target state="translated">Bonjour.</target></trans-unit>'
        "</body></file></xliff>", 0, "a valid XLIFF 1.2")  # fmt: skip
    put("xliff/billion-laughs.xlf", xliff20(unit20("&lol3;"), prolog=LAUGHS), 2, "entity bomb")
    put("xliff/xxe.xlf", xliff20(unit20("&xxe;"), prolog=EXTERNAL), 2, "external entity")
    put("xliff/utf16-entity.xlf", xliff20(unit20("&xxe;"), prolog=EXTERNAL).replace("UTF-8", "UTF-16").encode("utf-16"),
        2, "UTF-16 with an external entity")  # fmt: skip
    put("xliff/undefined-entity.xlf", xliff20(unit20("La&nbsp;traite")), 2, "&nbsp;")
    put("xliff/other-language.xlf", xliff20(unit20(), trg="de"), 2, "an XLIFF for German")
    put("xliff/other-target-language.xlf", xliff20(unit20(), trg="es"), 2, "an XLIFF for Spanish checked as French")
    put("xliff/empty.xlf", "", 2, "empty file")
    put("xliff/truncated.xlf", xliff20(unit20())[:140], 2, "cut")
    put("xliff/binary.xlf", bytes(range(256)), 2, "binary")
    put("xliff/not-xliff.xlf", '<?xml version="1.0"?><html/>', 2, "not XLIFF")
    put("xliff/version-9.xlf", xliff20(unit20()).replace('version="2.0"', 'version="9.0"').replace(
        "urn:oasis:names:tc:xliff:document:2.0", "urn:x"), 2, "an unknown version")  # fmt: skip
    put("xliff/control-ref.xlf", xliff20(unit20("bad &#x1b;[2J")), 2, "&#x1b;")
    put("xliff/c1-control.xlf", xliff20(unit20("bad \u009b31m")), 2, "a C1 control in a target")
    put("xliff/whitespace-target.xlf", xliff20(unit20("   \t ")), 0, "a whitespace-only target is not a translation")
    put("xliff/no-source.xlf", xliff20('<unit id="a:b:1"><segment><target>x</target></segment></unit>'), 2,
        "a segment without source")  # fmt: skip
    put(
        "xliff/unknown-state.xlf",
        xliff20(unit20(state="owned")),
        0,
        "an unknown state reads as a draft (module docstring)",
    )
    put("xliff/deep-inline.xlf", xliff20(unit20('<pc id="1">' * 3000 + "x")), 2, "3,000 nested inline elements")
    put("xliff/many-units.xlf", xliff20("".join(unit20(uid=f"d:{n:08x}:1") for n in range(300))), 0, "300 units")
    put("xliff/huge-target.xlf", xliff20(unit20("mot " * 5000)), 0, "a 20 KB target")
    put("xliff/latin1.xlf", xliff20(unit20("Traite des êtres")).encode("latin-1"), 2, "Latin-1 bytes, UTF-8 declared")
    put("xliff/hand-duplicate-ids.xlf", xliff20(unit20() + unit20()), 2, "the same unit id twice")


# --- workflow.yaml -----------------------------------------------------------------------------------

GOOD_YAML = "name: hostile\nsources: [sources/a.md]\n"


def yaml_files() -> None:
    cases: dict[str, tuple[str | bytes, int, str]] = {
        "clean-minimal": (GOOD_YAML, 0, "valid (control)"),
        "python-tag": (GOOD_YAML + "x: !!python/object/apply:os.system ['true']\n", 2, "a Python tag"),
        "python-name": ("name: !!python/name:os.system\nsources: [sources/a.md]\n", 2, "a Python name tag"),
        "deep-nesting": ("name: x\nsources: [sources/a.md]\ntm: " + "[" * 3000 + "]" * 3000 + "\n", 2, "3,000 levels"),
        "deep-mapping": (
            "name: x\nsources: [sources/a.md]\nmt: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
            2,
            "3,000 nested mappings",
        ),
        "alias-bomb": (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
            "name: x\nsources: *h\n",
            2,
            "a billion-laughs alias bomb",
        ),
        "utf16": (GOOD_YAML.encode("utf-16"), 2, "UTF-16"),
        "latin1": ("name: tr\xe8s\nsources: [sources/a.md]\n".encode("latin-1"), 2, "Latin-1"),
        "nul": (b"name: x\x00\nsources: [sources/a.md]\n", 2, "NUL"),
        "empty": ("", 2, "empty file"),
        "comment-only": ("# nothing\n", 2, "only a comment"),
        "list": ("- a\n- b\n", 2, "a list, not a mapping"),
        "scalar": ("just text\n", 2, "a scalar"),
        "tabs": ("name: x\nsources:\n\t- sources/a.md\n", 2, "tab indentation"),
        "unclosed": ("name: x\nsources: [sources/a.md\n", 2, "an unclosed flow list"),
        "name-traversal": ("name: ../../evil\nsources: [sources/a.md]\n", 2, "name climbing out of the project"),
        "name-slash": ("name: a/b\nsources: [sources/a.md]\n", 2, "a separator in the name"),
        "name-backslash": ("name: 'a\\b'\nsources: [sources/a.md]\n", 2, "a backslash in the name"),
        "name-dot": ("name: .\nsources: [sources/a.md]\n", 2, "the name '.'"),
        "name-dotdot": ("name: ..\nsources: [sources/a.md]\n", 2, "the name '..'"),
        "name-escape": ('name: "x\\e]0;owned\\a"\nsources: [sources/a.md]\n', 2, "an escape sequence in the name"),
        "name-nul": ('name: "x\\0y"\nsources: [sources/a.md]\n', 2, "NUL in the name"),
        "name-newline": ('name: "x\\ny"\nsources: [sources/a.md]\n', 2, "a newline in the name"),
        "name-long": ("name: " + "n" * 300 + "\nsources: [sources/a.md]\n", 2, "a 300-character name"),
        "name-number": ("name: 12\nsources: [sources/a.md]\n", 2, "a number as the name"),
        "name-empty": ("name: ''\nsources: [sources/a.md]\n", 2, "an empty name"),
        "name-unicode": ("name: traite-des-êtres\nsources: [sources/a.md]\n", 0, "a non-ASCII name is fine"),
        "memory-absolute": (GOOD_YAML + "memories: [/etc]\n", 2, "an absolute memory folder outside the project"),
        "glossary-absolute": (GOOD_YAML + "glossaries: [/etc/passwd]\n", 2, "an absolute glossary path"),
        "memory-root": (GOOD_YAML + "memories: [/]\n", 2, "the root folder as memory"),
        "memory-traversal": (
            GOOD_YAML + "memories: [../../../../../../../../../../etc]\n",
            2,
            "a memory outside the project",
        ),
        "source-nul": ('name: x\nsources: ["sources/a\\0.md"]\n', 2, "NUL in a source path"),
        "source-escape": ('name: x\nsources: ["sources/\\e[2Ja.md"]\n', 2, "an escape sequence in a source path"),
        "sources-string": ("name: x\nsources: sources/a.md\n", 2, "sources as a string"),
        "sources-empty": ("name: x\nsources: []\n", 2, "no sources"),
        "sources-mapping": ("name: x\nsources: {a: b}\n", 2, "sources as a mapping"),
        "huge-int": (GOOD_YAML + "tm: {fuzzy_threshold: " + "9" * 5000 + "}\n", 2, "a 5,000-digit number"),
        "nan": (GOOD_YAML + "tm: {fuzzy_threshold: .nan}\n", 2, "NaN threshold"),
        "inf": (GOOD_YAML + "tm: {fuzzy_threshold: .inf}\n", 2, "infinite threshold"),
        "unknown-key": (GOOD_YAML + "evil: 1\n", 2, "an unknown key"),
        "store-password": (GOOD_YAML + "store: postgresql://u:secret@h/db\n", 2, "a password in the store URL"),
        "store-file": (GOOD_YAML + "store: /etc/passwd\n", 2, "a file path as the store"),
        "reviewer-escape": (GOOD_YAML + 'reviewers: {fr: {translation: ["a\\e[2J"]}}\n', 2, "ESC in a reviewer"),
        "stage-escape": (GOOD_YAML + 'stages: [{name: "t\\e"}]\n', 2, "ESC in a stage"),
        "mt-unknown-engine": (GOOD_YAML + "mt: {fr: {engine: evil}}\n", 2, "an unknown MT engine"),
        "target-unknown": (GOOD_YAML + "target_languages: [fr, xx]\n", 2, "an unknown language"),
        "long-key": (GOOD_YAML + "k" * 2000 + ": 1\n", 2, "a 2,000-character key"),
        "hand-merge-key": (
            "base: &b {name: x, sources: [sources/a.md]}\n<<: *b\n",
            2,
            "a merge key leaves 'base' as an unknown key",
        ),
        "hand-duplicate-name": ("name: x\nname: y\nsources: [sources/a.md]\n", 2, "the name given twice"),
    }
    for name, (data, expect, why) in cases.items():
        put(f"yaml/{name}.yaml", data, expect, why)


GENERATORS: list[Callable[[], None]] = [
    text_sources,
    docx_sources,
    pdf_sources,
    po_files,
    tmx_files,
    tbx_files,
    csv_files,
    xliff_files,
    yaml_files,
]


def main() -> int:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for generate in GENERATORS:
        generate()
    lines = ["# file\texit\twhy (generated by tests/hostile/make_corpus.py)"]
    lines += [f"{path}\t{expect}\t{why}" for path, expect, why in ENTRIES]
    (CORPUS / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = sum((CORPUS / path).stat().st_size for path, _, _ in ENTRIES)
    print(f"{len(ENTRIES)} files, {total / 1e6:.1f} MB, in {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
