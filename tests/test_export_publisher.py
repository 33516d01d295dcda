"""The translated report as a publisher needs it, on a report written in LibreOffice plus a Markdown annex.

The fixture (tests/fixtures/lo-report, see its README) was made by the real ``soffice``: Title and Heading
styles with Roman chapter numbers, paragraphs numbered 1.-5. across headings, an (a)-(d) list, a table, three
footnotes (LibreOffice ids 2-4: its separators are 0 and 1), italic, bold, hyperlink and superscript runs,
and explicit ``<w:bidi w:val="0"/>`` / ``<w:jc w:val="left"/>`` on its paragraphs. Every language is
exported; LibreOffice opens every DOCX and prints it to PDF; the Arabic page is rendered to an image and
its lines must start at the right margin.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from translate.catalog import Catalog, approve
from translate.export import export_workflow
from translate.formats import read_source
from translate.formats.inline import TAG, find_tags, strip_tags
from translate.importer import import_workflow
from translate.patterns import FOOTNOTE_MARKER
from translate.workflow import Workflow, load_workflow

FIXTURE = Path(__file__).parent / "fixtures" / "lo-report"
LANGS = ("ar", "zh", "fr", "ru", "es")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
WORDS = {
    "ar": "الاتجار بالأشخاص في تقرير عالمي عن الضحايا",
    "zh": "贩运 人口 全球 报告 受害者 数据",
    "fr": "la traite des personnes dans le rapport mondial",
    "ru": "торговля людьми в глобальном докладе о жертвах",
    "es": "la trata de personas en el informe mundial",
}
PROBE = {"ar": "تقرير", "zh": "贩运", "fr": "traite", "ru": "людьми", "es": "trata"}
"""A word of each stand-in translation as pdftotext gives it back (it splits the Arabic lam-alef ligature)."""
KEEP = re.compile(TAG.pattern + "|" + FOOTNOTE_MARKER.pattern + r"|\d[\d,.]*\d|\d|[.;:,()]")


def translate(source: str, lang: str) -> str:
    """A stand-in translation in the target script that keeps placeholders, footnote markers and numbers."""
    vocabulary = WORDS[lang].split()
    parts: list[str] = []
    position = 0
    for match in [*KEEP.finditer(source), None]:
        stop = match.start() if match else len(source)
        words = source[position:stop].split()
        if words:
            spaced = source[position:stop]
            text = " ".join(vocabulary[(len(parts) + n) % len(vocabulary)] for n in range(len(words)))
            parts.append((" " if spaced[0].isspace() else "") + text + (" " if spaced[-1].isspace() else ""))
        elif source[position:stop]:
            parts.append(source[position:stop])
        if match:
            parts.append(match.group(0))
            position = match.end()
    return "".join(parts).replace(" ", "") if lang == "zh" else "".join(parts)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture workflow imported, every segment approved in five languages, exported as DOCX and Markdown."""
    root = tmp_path_factory.mktemp("publisher") / "lo-report"
    shutil.copytree(FIXTURE, root)
    workflow = load_workflow(root)
    import_workflow(workflow)
    for lang in LANGS:
        catalog = Catalog.load(workflow.catalog_path(lang))
        for entry in catalog:
            approve(entry, "claire", text=translate(entry.msgid, lang))
        catalog.save()
    paths = {}
    for lang in LANGS:
        paths[lang] = root / "out" / f"{lang}.docx"
        report = export_workflow(workflow, lang, "docx", paths[lang])
        assert report.counts.documents == ["report", "annex-sdg"]
        assert report.counts.source == 0
        export_workflow(workflow, lang, "md", root / "out" / f"{lang}.md")
    return paths


SAMPLE_SOURCES = Path(__file__).resolve().parents[1] / "workflows" / "glotip-sample" / "sources"


@pytest.fixture(scope="module")
def sample_exported(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample job (a Word file made by python-docx, a Markdown chapter) approved in five languages and
    exported as one DOCX per language, and one DOCX per document for Arabic."""
    root = tmp_path_factory.mktemp("sample") / "job"
    shutil.copytree(SAMPLE_SOURCES, root / "sources")
    names = sorted(path.name for path in SAMPLE_SOURCES.iterdir())
    (root / "workflow.yaml").write_text(
        "name: sample\ntarget_languages: [ar, zh, fr, ru, es]\nsources: [" + ", ".join(f"sources/{n}" for n in names)
        + "]\n", encoding="utf-8"
    )  # fmt: skip
    workflow = load_workflow(root)
    import_workflow(workflow)
    paths = []
    for lang in LANGS:
        catalog = Catalog.load(workflow.catalog_path(lang))
        for entry in catalog:
            approve(entry, "claire", text=translate(entry.msgid, lang))
        catalog.save()
        paths.append(root / "out" / f"sample-{lang}.docx")
        export_workflow(workflow, lang, "docx", paths[-1])
    export_workflow(workflow, "ar", "docx", root / "out" / "ar", per_document=True)
    paths += sorted((root / "out" / "ar").glob("*.docx"))
    return paths


def _xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


def _sources() -> list:
    return [read_source(FIXTURE / "sources" / "report.docx"), read_source(FIXTURE / "sources" / "annex-sdg.md")]


def test_fixture_is_what_libreoffice_writes() -> None:
    document = _xml(FIXTURE / "sources" / "report.docx", "word/document.xml")
    assert document.findall(".//w:pPr/w:bidi[@w:val='0']", NS)
    assert document.findall(".//w:pPr/w:jc[@w:val='left']", NS)
    notes = _xml(FIXTURE / "sources" / "report.docx", "word/footnotes.xml")
    ids = [note.get(f"{{{W}}}id") for note in notes.iterfind("w:footnote", NS)]
    assert ids == ["0", "1", "2", "3", "4"]  # separators 0 and 1, the three footnotes 2-4
    report, annex = _sources()
    notes = [p for p in report.paragraphs if p.kind == "footnote"]
    assert [(p.footnote_id, p.locator) for p in notes] == [("1", "fn2"), ("2", "fn3"), ("3", "fn4")]
    body = " ".join(p.text for p in report.paragraphs if p.kind != "footnote")
    assert FOOTNOTE_MARKER.findall(body) == ["1", "2", "3"]
    kinds = sorted(code.kind for doc in (report, annex) for p in doc.paragraphs for code in p.codes.values())
    assert kinds == ["b", "b", "i", "i", "i", "link", "link", "sup"]
    labels = [p.label for p in report.paragraphs if p.label]
    assert labels == ["I.", "1.", "2.", "II.", "3.", "4.", "(a)", "(b)", "(c)", "(d)", "5."]


@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_footnote_and_inline_format_in_place(exported: dict[str, Path], lang: str) -> None:
    report, annex = _sources()
    out = read_source(exported[lang])
    body = [p for p in out.paragraphs if p.kind != "footnote"]
    source_body = [p for doc in (report, annex) for p in doc.paragraphs if p.kind != "footnote"]
    assert len(body) == len(source_body)
    # Footnotes 1-4 (the annex's numbered on), each referenced once, in order.
    notes = [p for p in out.paragraphs if p.kind == "footnote"]
    assert [p.footnote_id for p in notes] == ["1", "2", "3", "4"]
    assert FOOTNOTE_MARKER.findall(" ".join(p.text for p in body)) == ["1", "2", "3", "4"]
    # The same inline formatting, on translated words, in the same paragraphs.
    for source, written in zip(source_body, body, strict=True):
        assert sorted(c.kind for c in written.codes.values()) == sorted(c.kind for c in source.codes.values())
        for tag in find_tags(written.text):
            assert tag.kind != "standalone"
    links = {c.attrs.get("href") for p in body for c in p.codes.values() if c.kind == "link"}
    assert links == {"https://www.unodc.org/glotip", "https://unstats.un.org/sdgs"}
    italic_note = next(p for p in notes if p.footnote_id == "2")
    assert [c.kind for c in italic_note.codes.values()] == ["i"]
    assert WORDS[lang].split()[0] in strip_tags(italic_note.text).replace(" ", "") or lang == "zh"


def _labels(path: Path) -> list[str]:
    """The label text at the start of each paragraph that has one written as text (before its tab)."""
    labels = []
    for paragraph in _xml(path, "word/document.xml").iter(f"{{{W}}}p"):
        runs = paragraph.findall("w:r", NS)
        if len(runs) > 1 and runs[1].find("w:tab", NS) is not None:
            labels.append("".join(runs[0].itertext()))
    return labels


def test_labels_in_each_languages_style(exported: dict[str, Path]) -> None:
    assert _labels(exported["ar"]) == [
        "أولا -", "1 -", "2 -", "ثانيا -", "3 -", "4 -", "(أ)", "(ب)", "(ج)", "(د)", "5 -", "1 -", "2 -",
    ]  # fmt: skip
    for lang in ("fr", "es", "ru"):
        # Numbers and chapters as in English (Word keeps numbering them), letters "a)".
        assert _labels(exported[lang]) == ["a)", "b)", "c)", "d)", "1.", "2."], lang
    # Chinese: chapters in Chinese numerals (一. 导言), paragraph numbers and (a) as in English (Word's own)
    assert _labels(exported["zh"]) == ["一.", "二.", "1.", "2."]
    numbered = _xml(exported["zh"], "word/document.xml").findall(".//w:numPr/w:numId", NS)
    assert {n.get(f"{{{W}}}val") for n in numbered} >= {"2"}


@pytest.mark.parametrize("lang", LANGS)
def test_sub_item_labels_are_written_as_the_official_sdg_text_writes_them(shared_data: Path, lang: str) -> None:
    """The official SDG indicator 4.7.1 writes "(i) global citizenship education and (ii) education for
    sustainable development" as ’1‘ … ’2‘ (ar), (一) … (二) (zh), i) … ii) (fr, ru, es), and 4.1.1 writes (a)
    as (أ) (ar), (a) (zh), a) (fr, ru, es): the labels of every language follow it. A letter (i) after (h) stays a
    letter; chapters I.-XX. are Chinese numerals in Chinese."""
    from translate.lang import get_language

    path = shared_data / "sdg-translations" / "sdg_goals_targets_indicators_6way.tsv"
    rows = {line.split("\t")[0]: line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()}
    column = rows["id"].index(lang)
    english = rows["global_indicators:4-7-1-title"][rows["id"].index("en")]
    assert "(i) global citizenship" in english and "(ii) education" in english
    style = get_language(lang).labels
    sub_items = rows["global_indicators:4-7-1-title"][column]
    assert sub_items.index(style.localize("(i)")) < sub_items.index(style.localize("(ii)", "(a)"))
    assert style.localize("(a)") in rows["global_indicators:4-1-1-title"][column]
    ninth_letter = {"ar": "(ط)", "zh": "(i)"}.get(lang, "i)")  # written like the Roman i) in fr, ru, es
    assert style.localize("(i)", "(h)") == ninth_letter
    if lang == "zh":
        chapters = [style.localize(f"{roman}.") for roman in ("I", "IV", "IX", "XII", "XX")]
        assert chapters == ["一.", "四.", "九.", "十二.", "二十."]


def test_labels_configurable_per_workflow(tmp_path: Path) -> None:
    root = tmp_path / "lo-report"
    shutil.copytree(FIXTURE, root)
    yaml = (root / "workflow.yaml").read_text(encoding="utf-8")
    (root / "workflow.yaml").write_text(yaml + 'labels:\n  fr: {letter: "({x})"}\n  ar: {localize: false}\n')
    workflow: Workflow = load_workflow(root)
    import_workflow(workflow, ["ar", "fr"])
    export_workflow(workflow, "fr", "docx", root / "fr.docx")
    export_workflow(workflow, "ar", "docx", root / "ar.docx")
    assert _labels(root / "fr.docx") == ["1.", "2."]  # (a)-(d) as in English: Word's own numbering kept
    assert _labels(root / "ar.docx") == ["1.", "2."]


def test_arabic_is_right_to_left_everywhere(exported: dict[str, Path]) -> None:
    path = exported["ar"]
    document = _xml(path, "word/document.xml")
    paragraphs = list(document.iter(f"{{{W}}}p"))
    notes = [
        p
        for note in _xml(path, "word/footnotes.xml").iterfind("w:footnote", NS)
        if note.get(f"{{{W}}}type") is None
        for p in note.iterfind("w:p", NS)
    ]
    assert len(notes) == 4
    for paragraph in paragraphs + notes:
        bidi = paragraph.find("w:pPr/w:bidi", NS)
        assert bidi is not None and bidi.get(f"{{{W}}}val") is None, etree.tostring(paragraph)[:200]
    assert all(t.find("w:tblPr/w:bidiVisual", NS) is not None for t in document.iter(f"{{{W}}}tbl"))
    assert document.find(".//w:sectPr/w:bidi", NS) is not None
    styles = _xml(path, "word/styles.xml")
    heading = styles.find("w:style[@w:styleId='Heading1']/w:rPr", NS)
    assert heading.find("w:bCs", NS) is not None and heading.find("w:szCs", NS) is not None
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(f"{{{W}}}cs") == "Arial"
    assert (
        _xml(exported["zh"], "word/styles.xml").find(".//w:rPrDefault/w:rPr/w:rFonts", NS).get(f"{{{W}}}eastAsia")
        == "SimSun"
    )
    for paragraph in (p for p in _xml(exported["fr"], "word/document.xml").iter(f"{{{W}}}p")):
        bidi = paragraph.find("w:pPr/w:bidi", NS)
        assert bidi is None or bidi.get(f"{{{W}}}val") == "0"


def _effective(styles: etree._Element, paragraph: etree._Element, run: etree._Element, tag: str):
    """The run property ``tag`` as Word resolves it: the run's own, its character style's, the paragraph style's
    chain (basedOn), the document defaults."""
    found = run.find(f"w:rPr/w:{tag}", NS)
    if found is not None:
        return found
    chains = []
    run_style = run.find("w:rPr/w:rStyle", NS)
    if run_style is not None:
        chains.append(run_style.get(f"{{{W}}}val"))
    paragraph_style = paragraph.find("w:pPr/w:pStyle", NS)
    chains.append(paragraph_style.get(f"{{{W}}}val") if paragraph_style is not None else "Normal")
    for style_id in chains:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
            if style is None:
                break
            found = style.find(f"w:rPr/w:{tag}", NS)
            if found is not None:
                return found
            based = style.find("w:basedOn", NS)
            style_id = based.get(f"{{{W}}}val") if based is not None else None
    return styles.find(f"w:docDefaults/w:rPrDefault/w:rPr/w:{tag}", NS)


def _headings(path: Path) -> list[tuple[str, int, bool]]:
    """(style, size in half-points, bold) of each title or heading paragraph's text runs, as Word resolves them
    for the paragraph's script: the complex-script properties (w:szCs, w:bCs) for right-to-left Arabic text."""
    document, styles = _xml(path, "word/document.xml"), _xml(path, "word/styles.xml")
    found = []
    for paragraph in document.iter(f"{{{W}}}p"):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        name = style.get(f"{{{W}}}val") if style is not None else ""
        if not (name == "Title" or name.startswith("Heading")):
            continue
        for run in paragraph.findall(".//w:r", NS):
            text = "".join(t.text or "" for t in run.iter(f"{{{W}}}t"))
            if not text.strip() or text.strip().isdigit():
                continue
            complex_script = re.search("[\u0600-\u06ff]", text) is not None
            size = _effective(styles, paragraph, run, "szCs" if complex_script else "sz")
            bold = _effective(styles, paragraph, run, "bCs" if complex_script else "b")
            is_bold = bold is not None and bold.get(f"{{{W}}}val") not in ("0", "false")
            found.append((name, int(size.get(f"{{{W}}}val")), is_bold))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_headings_keep_their_size_and_weight_in_every_language(exported: dict[str, Path], lang: str) -> None:
    """The source's Title is 20 pt bold, Heading 1 16 pt bold, Heading 2 13 pt bold; its complex-script size is
    12 pt. Every heading run of every language (Arabic through w:szCs / w:bCs) comes out at its style's size and
    bold, the Markdown annex's headings too."""
    source = {(name, size, bold) for name, size, bold in _headings(FIXTURE / "sources" / "report.docx")}
    assert source == {("Title", 40, True), ("Heading1", 32, True), ("Heading2", 26, True)}
    written = _headings(exported[lang])
    assert len(written) >= 5, written  # title, two chapters, a section, the annex's heading
    for name, size, bold in written:
        expected = {"Title": 40, "Heading1": 32, "Heading2": 26}.get(name)
        assert bold, (lang, name)
        assert size == expected if expected else size > 24, (lang, name, size)


def test_markdown_export_has_the_same_footnote_numbers_and_formatting(exported: dict[str, Path]) -> None:
    text = exported["fr"].with_suffix(".md").read_text(encoding="utf-8")
    assert re.findall(r"^\[\^(\w+)\]:", text, re.MULTILINE) == ["1", "2", "3", "4"]
    assert "-b]" not in text
    assert "](https://www.unodc.org/glotip)" in text and "](https://unstats.un.org/sdgs)" in text
    assert re.search(r"\*\*[^*\s][^*]*[^*\s]\*\*", text) and "<sup>" in text
    assert "\na) " in text and "# I. " in text
    arabic = exported["ar"].with_suffix(".md").read_text(encoding="utf-8")
    assert arabic.startswith('<div dir="rtl"') and "(أ)" in arabic and "أولا -" in arabic


def _ink_lines(pgm: Path) -> tuple[int, list[tuple[int, int]]]:
    """Page width and (leftmost, rightmost) inked column of each text line of a binary PGM image."""
    data = pgm.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header, "not a binary PGM"
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end() :]
    lines: list[tuple[int, int]] = []
    current: list[int] | None = None
    for y in range(height):
        row = pixels[y * width : (y + 1) * width]
        dark = [x for x in range(width) if row[x] < 128]
        if dark:
            current = (
                [min(dark), max(dark)] if current is None else [min(current[0], dark[0]), max(current[1], dark[-1])]
            )
        elif current is not None:
            lines.append((current[0], current[1]))
            current = None
    return width, lines


def _line_heights(pdf: Path) -> list[float]:
    """The height of each text line of the PDF's first page, in reading order (``pdftotext -bbox-layout``)."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    lines = etree.fromstring(xhtml).iter("{http://www.w3.org/1999/xhtml}line")
    return [float(line.get("yMax")) - float(line.get("yMin")) for line in lines]


@pytest.mark.slow
def test_libreoffice_prints_every_export_and_arabic_starts_at_the_right_margin(
    exported: dict[str, Path], sample_exported: list[Path], tmp_path: Path
) -> None:
    """Every exported DOCX (the LibreOffice-made report in five languages, the python-docx-made sample in five
    languages and one file per document) is opened by LibreOffice and printed to PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        pytest.skip("LibreOffice (soffice) or poppler-utils (pdftoppm) is not installed")
    pdf_dir = tmp_path / "pdf"
    documents = [exported[lang] for lang in LANGS] + sample_exported
    assert len({path.stem for path in documents}) == len(documents) == 12
    result = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(pdf_dir), *(str(path) for path in documents)],
        capture_output=True, text=True, timeout=400,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for path in documents:
        pdf = pdf_dir / f"{path.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, path.name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        lang = path.stem.removeprefix("sample-") if path.stem.startswith("sample-") else path.stem
        assert PROBE.get(lang, PROBE["ar"]) in text, path.name  # the per-document files are the Arabic ones
    for lang in LANGS:  # the title is printed larger than the body text, Arabic included (w:szCs)
        heights = _line_heights(pdf_dir / f"{lang}.pdf")
        body = sorted(heights)[len(heights) // 2]
        assert heights[0] > 1.4 * body, (lang, heights[:3], body)
    edges = {}
    for lang in ("ar", "fr"):
        subprocess.run(
            [pdftoppm, "-r", "40", "-gray", "-f", "1", "-l", "1", str(pdf_dir / f"{lang}.pdf"), str(tmp_path / lang)],
            check=True,
            timeout=60,
        )
        (image,) = tmp_path.glob(f"{lang}*.pgm")
        edges[lang] = _ink_lines(image)
    width, arabic = edges["ar"]
    right_margin = max(right for _, right in arabic)
    assert right_margin > 0.8 * width
    # Every line but the centred title starts at the right margin (or a list indent, 1 cm, from it) ...
    at_right = [line for line in arabic if right_margin - line[1] <= 0.06 * width]
    assert len(at_right) >= len(arabic) - 1 >= 10, arabic
    # ... and short lines end in the middle of the page, not at the left margin.
    assert len([line for line in at_right if line[0] > 0.35 * width]) >= 5, arabic
    width, french = edges["fr"]  # the French page, for contrast, starts its lines at the left margin
    left_margin = min(left for left, _ in french)
    assert left_margin < 0.2 * width
    assert len([line for line in french if line[0] - left_margin <= 0.06 * width]) >= 0.8 * len(french), french


def test_one_file_per_document_and_errors_name_the_real_documents(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from translate.cli import cli

    root = tmp_path / "lo-report"
    shutil.copytree(FIXTURE, root)
    import_workflow(load_workflow(root), ["fr"])
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(root), "--lang", "fr", "--format", "docx", "-o", str(tmp_path / "fr"),
                                 "--per-document"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "fr").iterdir()) == ["annex-sdg.docx", "report.docx"]
    annex = read_source(tmp_path / "fr" / "annex-sdg.docx")
    assert [p.kind for p in annex.paragraphs] == ["heading", "list-item", "list-item", "footnote"]
    result = runner.invoke(cli, ["export", str(root), "--lang", "fr", "--format", "md", "-o", str(tmp_path / "md"),
                                 "--per-document"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == ["annex-sdg.md", "report.md"]
    assert "[^1]:" in (tmp_path / "md" / "report.md").read_text(encoding="utf-8")  # the Word file's footnotes
    export = ["export", str(root), "--lang", "fr", "--format", "docx", "-o"]
    result = runner.invoke(cli, [*export, str(tmp_path / "a.docx"), "--document", "annex-sdg"])
    assert result.exit_code == 0, result.output
    assert len(read_source(tmp_path / "a.docx").paragraphs) == 4  # the annex alone
    result = runner.invoke(cli, [*export, str(tmp_path / "b.docx"), "--document", "nope"])
    assert result.exit_code == 2
    assert "documents: report, annex-sdg" in result.output


def test_footnotes_by_printed_number_whatever_the_ids(tmp_path: Path) -> None:
    """Word and other producers number footnotes as they like (here 7, 5, 6): the printed numbers count."""
    root = tmp_path / "lo-report"
    shutil.copytree(FIXTURE, root)
    docx_path = root / "sources" / "report.docx"
    renumber = {"2": "7", "3": "5", "4": "6"}
    with zipfile.ZipFile(FIXTURE / "sources" / "report.docx") as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for name in ("word/document.xml", "word/footnotes.xml"):
        text = parts[name].decode("utf-8")
        parts[name] = re.sub(r'w:id="([234])"', lambda m: f'w:id="{renumber[m.group(1)]}"', text).encode("utf-8")
    with zipfile.ZipFile(docx_path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    source = read_source(docx_path)
    notes = [p for p in source.paragraphs if p.kind == "footnote"]
    assert [(p.footnote_id, p.locator) for p in notes] == [("1", "fn7"), ("2", "fn5"), ("3", "fn6")]
    assert notes[0].text.startswith("General Assembly resolution 64/293")
    workflow = load_workflow(root)
    import_workflow(workflow, ["ru"])
    export_workflow(workflow, "ru", "docx", root / "ru.docx")
    export_workflow(workflow, "ru", "md", root / "ru.md")
    out = read_source(root / "ru.docx")
    out_notes = [p for p in out.paragraphs if p.kind == "footnote"]
    assert [p.text for p in out_notes[:3]] == [p.text for p in notes]
    markdown = (root / "ru.md").read_text(encoding="utf-8")
    assert "[^1]: [EN] General Assembly resolution 64/293" in markdown
    assert "[^2]: [EN] See *Official Records" in markdown


def test_english_stand_in_keeps_its_word_order_across_formatted_runs(tmp_path: Path) -> None:
    """An untranslated sentence with an italic title inside an Arabic paragraph: one left-to-right isolate
    around the whole sentence, not one per run (which would show the runs in reverse order)."""
    root = tmp_path / "lo-report"
    shutil.copytree(FIXTURE, root)
    workflow = load_workflow(root)
    import_workflow(workflow, ["ar"])
    export_workflow(workflow, "ar", "docx", root / "ar.docx")
    paragraph = next(
        p for p in _xml(root / "ar.docx", "word/document.xml").iter(f"{{{W}}}p") if "mandated" in "".join(p.itertext())
    )
    runs = ["".join(t.text or "" for t in r.iter(f"{{{W}}}t")) for r in paragraph.iter(f"{{{W}}}r")]
    start = runs.index("\u2066The ")
    assert runs[start : start + 3] == [
        "\u2066The ",
        "Global Report on Trafficking in Persons",
        " is mandated by the General Assembly.",
    ]
    assert runs[start + 3 : start + 5] == ["", "\u2069"]  # the footnote reference, then the end of the isolate


def _python_docx_report(path: Path) -> None:
    """A report written with python-docx: a heading and one paragraph whose runs are underlined, struck
    through, subscript, bold-italic and a hyperlink (added through python-docx's oxml layer, as it has no API)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Emissions and trafficking", level=1)
    paragraph = document.add_paragraph("The parties must ")
    paragraph.add_run("not").underline = True
    paragraph.add_run(" report ")
    paragraph.add_run("provisional").font.strike = True
    paragraph.add_run(" figures of CO")
    paragraph.add_run("2").font.subscript = True
    paragraph.add_run(" emissions to the ")
    both = paragraph.add_run("Conference of the Parties")
    both.bold, both.italic = True, True
    paragraph.add_run(", as explained on ")
    relation = document.part.relate_to("https://www.unodc.org/glotip", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): relation})
    run = paragraph._p.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = "the UNODC website"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run(".")
    document.save(str(path))


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_python_docx_runs_and_a_text_source_survive_the_round_trip(tmp_path: Path, lang: str) -> None:
    """Underline, strike-through, subscript, bold-italic and a hyperlink made by python-docx come back on the
    translated words, in DOCX and in Markdown; a plain-text source of the same workflow goes into the DOCX too."""
    root = tmp_path / "job"
    (root / "sources").mkdir(parents=True)
    _python_docx_report(root / "sources" / "report.docx")
    (root / "sources" / "notes.txt").write_text(
        "Notes on the data\n\n1. Figures for 2020 are provisional.\n", encoding="utf-8"
    )
    (root / "workflow.yaml").write_text(
        f"name: runs\ntarget_languages: [{lang}]\nsources: [sources/report.docx, sources/notes.txt]\n", encoding="utf-8"
    )
    workflow = load_workflow(root)
    import_workflow(workflow)
    (source,) = [p for p in read_source(root / "sources" / "report.docx").paragraphs if p.codes]
    kinds = sorted(code.kind for code in source.codes.values())
    assert kinds == ["b", "i", "link", "s", "sub", "u"], kinds
    catalog = Catalog.load(workflow.catalog_path(lang))
    for entry in catalog:
        approve(entry, "claire", text=translate(entry.msgid, lang))
    catalog.save()
    report = export_workflow(workflow, lang, "docx", root / f"{lang}.docx")
    assert report.counts.documents == ["report", "notes"] and report.counts.source == 0
    out = read_source(root / f"{lang}.docx")
    (written,) = [p for p in out.paragraphs if p.codes]
    assert sorted(code.kind for code in written.codes.values()) == kinds
    assert {code.attrs.get("href") for code in written.codes.values() if code.kind == "link"} == {
        "https://www.unodc.org/glotip"
    }
    runs = {etree.QName(el).localname: el for el in _xml(root / f"{lang}.docx", "word/document.xml").iter()}
    assert {"u", "strike", "vertAlign", "hyperlink"} <= set(runs)
    texts = [p.text for p in out.paragraphs]
    assert any(WORDS[lang].split()[0] in strip_tags(text) for text in texts[-2:])  # the notes, translated
    last = out.paragraphs[-1]  # the notes' numbered paragraph, labelled the language's way
    assert last.text.startswith("1 - ") if lang == "ar" else last.label == "1."
    export_workflow(workflow, lang, "md", root / f"{lang}.md")
    markdown = (root / f"{lang}.md").read_text(encoding="utf-8")
    for mark in ("<u>", "~~", "<sub>", "](https://www.unodc.org/glotip)", "***" if lang == "fr" else "**"):
        assert mark in markdown, (mark, markdown)
