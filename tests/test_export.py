"""``hexaglot export`` / ``import-xliff`` (translate/export/) on the sample report's real DOCX and Markdown sources."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import polib
import pytest
from lxml import etree

from translate import journal
from translate.catalog import Catalog, Provenance, SegmentState, approve, provenance_of, set_draft, state_of
from translate.export import export_workflow
from translate.export.xliff_import import import_xliff
from translate.formats import read_source
from translate.formats.tmx import read_tmx
from translate.formats.xliff import read_xliff, write_xliff
from translate.importer import import_workflow
from translate.workflow import Workflow, load_workflow

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "workflows" / "glotip-sample" / "sources"
DOCX_SOURCE = "chapter-1-global-overview.docx"
MD_SOURCE = "chapter-2-regional-findings.md"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MARKER = re.compile(r"\[\^\w+\]")
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture
def workflow(tmp_path: Path) -> Workflow:
    """A job over the sample report's two sources, imported (the catalogs exist, nothing translated)."""
    if not (SOURCES / DOCX_SOURCE).exists() or not (SOURCES / MD_SOURCE).exists():
        pytest.skip("the sample report's sources (workflows/glotip-sample/sources) are not in this checkout")
    root = tmp_path / "job"
    shutil.copytree(SOURCES, root / "sources")
    (root / "workflow.yaml").write_text(
        f"name: export-test\nsources: [sources/{DOCX_SOURCE}, sources/{MD_SOURCE}]\n", encoding="utf-8"
    )
    wf = load_workflow(root)
    import_workflow(wf)
    return wf


def _translation(lang: str, n: int, source: str) -> str:
    """A target sentence in the language's script that keeps the source's footnote markers and numbers."""
    words = {"ar": "الاتجار بالأشخاص", "fr": "La traite des personnes", "zh": "贩运人口", "ru": "Торговля людьми"}
    numbers = " ".join(re.findall(r"\d[\d,.]*\d|\d", MARKER.sub("", source))[:2])
    return f"{words[lang]} {n} {numbers}".strip() + "".join(MARKER.findall(source)) + "."


def _fill(wf: Workflow, lang: str) -> Catalog:
    """Approve two segments in three, leave every third an MT draft; returns the saved catalog."""
    catalog = Catalog.load(wf.catalog_path(lang))
    for n, entry in enumerate(catalog):
        text = _translation(lang, n, entry.msgid)
        if n % 3 == 0:
            set_draft(entry, text, Provenance(origin="mt", engine="marian"))
        else:
            approve(entry, "claire", text=text)
    catalog.save()
    return catalog


def _body_paragraphs(path: Path) -> list[etree._Element]:
    return list(docx.Document(str(path)).element.body.iterchildren(f"{{{W}}}p"))


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(f"{{{W}}}t"))


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


# --- DOCX ----------------------------------------------------------------------------------------------


def test_arabic_docx_is_right_to_left_and_keeps_structure(workflow: Workflow, tmp_path: Path) -> None:
    catalog = _fill(workflow, "ar")
    out = tmp_path / "out" / "ar.docx"
    report = export_workflow(workflow, "ar", "docx", out)
    source = read_source(SOURCES / DOCX_SOURCE)
    exported = read_source(out)
    # Same paragraphs, kinds, styles, footnotes; list labels written the Arabic way ("1 -", "(أ)").
    by_locator = {p.locator: p for p in exported.paragraphs if not p.locator.startswith("fn")}
    labels = {"1.": "1 -", "(a)": "(أ)", "(b)": "(ب)", "(c)": "(ج)", "(d)": "(د)"}
    for paragraph in (p for p in source.paragraphs if p.kind != "footnote"):
        out_paragraph = by_locator[paragraph.locator]
        assert (out_paragraph.style, out_paragraph.level) == (paragraph.style, paragraph.level)
        if paragraph.label in labels:
            assert out_paragraph.text.startswith(labels[paragraph.label]), out_paragraph.text
    notes = [p for p in exported.paragraphs if p.kind == "footnote"]
    assert [p.footnote_id for p in notes][:5] == ["1", "2", "3", "4", "5"]
    # The Markdown chapter is in the DOCX too, after the Word chapter.
    assert report.counts.documents == ["chapter-1-global-overview", "chapter-2-regional-findings"]
    index = catalog.index()
    approved = [e for e in index.values() if state_of(e) is SegmentState.APPROVED]
    assert report.counts.approved == len(approved) > 0
    text = " ".join(p.text for p in exported.paragraphs)
    for entry in approved:  # (the Markdown chapter's footnotes are numbered on from the Word chapter's)
        assert MARKER.sub("", entry.msgstr).rstrip(".") in MARKER.sub("", text)
    # Every footnote reference survives, once, at the translated markers.
    markdown = read_source(SOURCES / MD_SOURCE)
    expected = len(MARKER.findall(" ".join(p.text for p in source.paragraphs + markdown.paragraphs)))
    assert len(MARKER.findall(text)) == expected
    # Right to left: w:bidi on every translated paragraph, w:rtl on Arabic runs, RTL defaults and section.
    body = _body_paragraphs(out)
    for paragraph in (p for p in exported.paragraphs if p.locator.startswith("p")):
        element = body[int(paragraph.locator[1:])]
        assert element.find("w:pPr/w:bidi", NS) is not None, paragraph.text
        for run in element.iterfind("w:r", NS):
            if ARABIC.search("".join(run.itertext())):
                assert run.find("w:rPr/w:rtl", NS) is not None
    styles = _part(out, "word/styles.xml")
    assert styles.find("w:docDefaults/w:pPrDefault/w:pPr/w:bidi", NS) is not None
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{{{W}}}bidi") == "ar-SA"
    assert _part(out, "word/document.xml").find(".//w:body/w:sectPr/w:bidi", NS) is not None
    footnotes = _part(out, "word/footnotes.xml")
    for note in footnotes.iterfind("w:footnote", NS):
        if note.get(f"{{{W}}}type") is None:
            assert note.find("w:p/w:pPr/w:bidi", NS) is not None
            assert note.find("w:p/w:r/w:footnoteRef", NS) is not None


def test_docx_approved_only_marks_english_stand_ins(workflow: Workflow, tmp_path: Path) -> None:
    _fill(workflow, "ar")
    out = tmp_path / "ar.docx"
    report = export_workflow(workflow, "ar", "docx", out)
    assert report.counts.drafts == 0 and report.counts.source > 0
    runs = [run for p in _body_paragraphs(out) for run in p.iterfind("w:r", NS)]
    grey = [r for r in runs if r.find("w:rPr/w:highlight[@w:val='lightGray']", NS) is not None]
    assert grey and all(not ARABIC.search("".join(r.itertext())) for r in grey)
    assert all(r.find("w:rPr/w:lang", NS).get(f"{{{W}}}val") == "en-US" for r in grey)
    # One left-to-right isolate around each English sentence, also across its italic run, so that its words
    # stay in order inside the right-to-left paragraph.
    for paragraph in _body_paragraphs(out):
        english = "".join(
            _run_text(r)
            for r in paragraph.iter(f"{{{W}}}r")
            if r.find("w:rPr/w:highlight[@w:val='lightGray']", NS) is not None
        )
        if english.strip():
            assert english.startswith("\u2066") and english.endswith("\u2069"), english
            marks = "".join(ch for ch in english if ch in "\u2066\u2069")
            assert marks == "\u2066\u2069" * (len(marks) // 2), english  # one isolate per sentence, none nested
    assert not [r for r in runs if r.find("w:rPr/w:highlight[@w:val='yellow']", NS) is not None]
    arabic = [r for r in runs if ARABIC.search("".join(r.itertext()))]
    assert all(r.find("w:rPr/w:highlight", NS) is None for r in arabic)


def test_docx_include_drafts_highlights_them(workflow: Workflow, tmp_path: Path) -> None:
    catalog = _fill(workflow, "ar")
    out = tmp_path / "ar-drafts.docx"
    report = export_workflow(workflow, "ar", "docx", out, include_drafts=True)
    drafts = [e for e in catalog if state_of(e) is SegmentState.DRAFT]
    assert report.counts.drafts == len(drafts) and report.counts.source == 0
    runs = [run for p in _body_paragraphs(out) for run in p.iterfind("w:r", NS)]
    yellow = "".join(
        "".join(r.itertext()) for r in runs if r.find("w:rPr/w:highlight[@w:val='yellow']", NS) is not None
    )
    body_drafts = [e for e in drafts if not e.comment.startswith(("footnote", "table-cell"))]
    for entry in body_drafts:
        assert MARKER.sub("", entry.msgstr).rstrip(".") in yellow
    assert not [r for r in runs if r.find("w:rPr/w:highlight[@w:val='lightGray']", NS) is not None]


def test_french_docx_is_left_to_right_with_french_proofing(workflow: Workflow, tmp_path: Path) -> None:
    _fill(workflow, "fr")
    out = tmp_path / "fr.docx"
    export_workflow(workflow, "fr", "docx", out, include_drafts=True)
    document = docx.Document(str(out))
    assert document.core_properties.language == "fr"
    assert not document.element.body.findall(".//w:bidi", NS)
    assert not document.element.body.findall(".//w:rtl", NS)
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert heading.text.startswith("La traite des personnes")
    langs = {el.get(f"{{{W}}}val") for el in document.element.body.iterfind(".//w:rPr/w:lang", NS)}
    assert langs == {"fr-FR"}


@pytest.mark.slow
def test_docx_export_opens_in_libreoffice(workflow: Workflow, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    _fill(workflow, "ar")
    out = tmp_path / "ar.docx"
    export_workflow(workflow, "ar", "docx", out, include_drafts=True)
    result = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path / "txt"), str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    text = (tmp_path / "txt" / "ar.txt").read_text(encoding="utf-8-sig")
    assert result.returncode == 0
    assert "الاتجار بالأشخاص" in text
    assert "1 -" in text and "(أ)" in text  # paragraph numbers and list letters the Arabic way


# --- Markdown ------------------------------------------------------------------------------------------


def test_markdown_rebuilds_structure_and_marks_drafts(workflow: Workflow, tmp_path: Path) -> None:
    _fill(workflow, "fr")
    out = tmp_path / "fr.md"
    report = export_workflow(workflow, "fr", "md", out, include_drafts=True)
    text = out.read_text(encoding="utf-8")
    assert report.counts.documents == ["chapter-1-global-overview", "chapter-2-regional-findings"]
    assert text.count("[DRAFT] ") == report.counts.drafts > 0
    assert "[EN]" not in text
    source_paragraphs = [p for name in (DOCX_SOURCE, MD_SOURCE) for p in read_source(SOURCES / name).paragraphs]
    again = read_source(out)
    for kind in ("heading", "footnote", "table-cell"):
        expected = sum(p.kind == kind for p in source_paragraphs) + (kind == "heading")  # the DOCX title is "#"
        assert sum(p.kind == kind for p in again.paragraphs) == expected, kind
    assert sum(p.kind == "list-item" for p in again.paragraphs) == sum(p.kind == "list-item" for p in source_paragraphs)
    assert re.search(r"^\| (\[DRAFT\] )?La traite des personnes \d+", text, re.MULTILINE)
    assert "| Region" not in text


def test_markdown_default_keeps_english_marked(workflow: Workflow, tmp_path: Path) -> None:
    _fill(workflow, "ar")
    out = tmp_path / "ar.md"
    report = export_workflow(workflow, "ar", "md", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<div dir="rtl" lang="ar">')
    assert text.count("[EN] ") == report.counts.source > 0
    assert "[DRAFT]" not in text


# --- PO, MO, XLIFF, TMX --------------------------------------------------------------------------------


def test_po_export_keeps_every_state(workflow: Workflow, tmp_path: Path) -> None:
    catalog = _fill(workflow, "fr")
    out = tmp_path / "fr.po"
    export_workflow(workflow, "fr", "po", out)
    exported = polib.pofile(str(out))
    assert [(e.msgctxt, e.msgstr, state_of(e)) for e in exported] == [
        (e.msgctxt, e.msgstr, state_of(e)) for e in catalog
    ]


def test_mo_holds_approved_only(workflow: Workflow, tmp_path: Path) -> None:
    catalog = _fill(workflow, "ru")
    out = tmp_path / "ru.mo"
    report = export_workflow(workflow, "ru", "mo", out)
    with out.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    entries = list(catalog)
    assert report.segments == sum(state_of(e) is SegmentState.APPROVED for e in entries)
    for entry in entries:
        found = translations.pgettext(entry.msgctxt, entry.msgid)
        assert found == (entry.msgstr if state_of(entry) is SegmentState.APPROVED else entry.msgid)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_xliff_export_carries_states(workflow: Workflow, tmp_path: Path, version: str) -> None:
    catalog = _fill(workflow, "zh")
    out = tmp_path / f"zh-{version}.xlf"
    export_workflow(workflow, "zh", "xliff", out, xliff_version=version)
    units = read_xliff(out)
    assert [(u.id, u.source, u.target, u.state) for u in units] == [
        (e.msgctxt, e.msgid, e.msgstr, state_of(e).value) for e in catalog
    ]
    assert {u.original for u in units} == {f"sources/{DOCX_SOURCE}", f"sources/{MD_SOURCE}"}


def test_tmx_export_holds_approved_pairs(workflow: Workflow, tmp_path: Path) -> None:
    catalog = _fill(workflow, "fr")
    out = tmp_path / "fr.tmx"
    export_workflow(workflow, "fr", "tmx", out, document="chapter-2-regional-findings")
    units = list(read_tmx(out))
    expected = [e for e in catalog if state_of(e) is SegmentState.APPROVED and e.msgctxt.startswith("chapter-2")]
    assert [(u.tuid, u.text("en"), u.text("fr")) for u in units] == [(e.msgctxt, e.msgid, e.msgstr) for e in expected]


# --- import-xliff --------------------------------------------------------------------------------------


def test_agency_round_trip_keeps_states_and_protects_approved_work(workflow: Workflow, tmp_path: Path) -> None:
    catalog = _fill(workflow, "fr")
    sent = tmp_path / "to-agency.xlf"
    export_workflow(workflow, "fr", "xliff", sent, xliff_version="1.2")
    units = read_xliff(sent)
    drafts = [u for u in units if u.state == "draft"]
    approved = [u for u in units if u.state == "approved"]
    # The agency: confirms three drafts as translated, finalises two, rejects one, edits an approved segment,
    # demotes another approved one, and sends back a unit whose source they changed and one that is not ours.
    drafts[0].state, drafts[0].target = "translated", "Traduction de l'agence 1."
    drafts[1].state = "translated"
    drafts[2].state, drafts[2].target = "approved", "Traduction finale 2."
    drafts[3].state = "approved"
    drafts[4].state, drafts[4].note = "rejected", "terme: « traite des personnes »"
    approved[0].target = "Texte modifié par l'agence."
    approved[1].state = "draft"
    drafts[5].source = "A different English sentence."
    drafts[6].id = "chapter-9:deadbeef:1"
    returned = tmp_path / "from-agency.xlf"
    write_xliff(returned, units, version="1.2", target_lang="fr-FR")
    before = {e.msgctxt: (e.msgstr, state_of(e)) for e in catalog}

    report = import_xliff(workflow, returned, by="agency-x")

    after = Catalog.load(workflow.catalog_path("fr")).index()
    assert report.updated == {"translated": 2, "approved": 2, "rejected": 1}
    assert (after[drafts[0].id].msgstr, state_of(after[drafts[0].id])) == ("Traduction de l'agence 1.", "translated")
    assert state_of(after[drafts[1].id]) is SegmentState.TRANSLATED
    assert (after[drafts[2].id].msgstr, state_of(after[drafts[2].id])) == ("Traduction finale 2.", "approved")
    assert state_of(after[drafts[4].id]) is SegmentState.REJECTED
    assert provenance_of(after[drafts[0].id]).origin == "xliff"
    # Approved work is untouched and both changes to it are conflicts.
    assert {segment for segment, _ in report.conflicts} == {approved[0].id, approved[1].id}
    for unit in approved[:2]:
        assert (after[unit.id].msgstr, state_of(after[unit.id])) == before[unit.id]
    assert {segment for segment, _ in report.skipped} == {drafts[5].id, drafts[6].id}
    assert before[drafts[5].id] == (after[drafts[5].id].msgstr, state_of(after[drafts[5].id]))
    records = list(journal.read(workflow.journal_path("fr")))
    assert len(records) == 5 and {r["reviewer"] for r in records} == {"agency-x"}
    assert sum(r["words"] for r in records if r["state_after"] == "approved") > 0

    again = import_xliff(workflow, returned, by="agency-x")
    assert again.updated == {} and again.unchanged == report.unchanged + 5

    forced = import_xliff(workflow, returned, by="agency-x", overwrite_approved=True)
    assert set(forced.overwritten) == {approved[0].id, approved[1].id}
    final = Catalog.load(workflow.catalog_path("fr")).index()
    assert final[approved[0].id].msgstr == "Texte modifié par l'agence."
    assert state_of(final[approved[1].id]) is SegmentState.DRAFT


def test_import_never_moves_work_backwards_or_erases(workflow: Workflow, tmp_path: Path) -> None:
    catalog = _fill(workflow, "fr")
    entry = next(e for e in catalog if state_of(e) is SegmentState.DRAFT)
    entry.flags = [f for f in entry.flags if f != "fuzzy"]  # now translated
    catalog.save()
    sent = tmp_path / "fr.xlf"
    export_workflow(workflow, "fr", "xliff", sent)
    units = read_xliff(sent)
    for unit in units:
        if unit.id == entry.msgctxt:
            unit.state, unit.target = "draft", "Un brouillon plus ancien."
    units[1].state, units[1].target = "untranslated", ""
    write_xliff(sent, units, version="2.0", target_lang="fr")
    report = import_xliff(workflow, sent)
    reloaded = Catalog.load(workflow.catalog_path("fr")).index()
    assert reloaded[entry.msgctxt].msgstr == entry.msgstr
    assert (entry.msgctxt, "translated here, only draft in the file") in report.skipped
    assert reloaded[units[1].id].msgstr  # never erased
    assert report.updated == {}


def test_import_keeps_a_rejection_over_a_draft_and_takes_a_translation(workflow: Workflow, tmp_path: Path) -> None:
    """One order of states (SegmentState.rank, as the merge driver): a draft in the file does not undo a
    reviewer's rejection; a translation does."""
    from translate.catalog import reject

    catalog = _fill(workflow, "fr")
    rejected = [e for e in catalog if state_of(e) is SegmentState.DRAFT][:2]
    for entry in rejected:
        reject(entry, "claire", "terme: « traite des personnes »")
    catalog.save()
    sent = tmp_path / "fr.xlf"
    export_workflow(workflow, "fr", "xliff", sent)
    units = {unit.id: unit for unit in read_xliff(sent)}
    first, second = (units[entry.msgctxt] for entry in rejected)
    first.state, first.target = "draft", "Un nouveau brouillon."
    second.state, second.target = "translated", "La traite des personnes a diminué."
    write_xliff(sent, list(units.values()), version="2.0", target_lang="fr")

    report = import_xliff(workflow, sent)

    after = Catalog.load(workflow.catalog_path("fr")).index()
    assert (rejected[0].msgctxt, "rejected here, only draft in the file") in report.skipped
    assert (after[rejected[0].msgctxt].msgstr, state_of(after[rejected[0].msgctxt])) == (
        rejected[0].msgstr,
        SegmentState.REJECTED,
    )
    assert (after[rejected[1].msgctxt].msgstr, state_of(after[rejected[1].msgctxt])) == (
        "La traite des personnes a diminué.",
        SegmentState.TRANSLATED,
    )
    assert report.updated == {"translated": 1}


# --- command line --------------------------------------------------------------------------------------


def _hexaglot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "translate.cli", *args], capture_output=True, text=True, cwd=REPO)


def test_cli_export_and_import(workflow: Workflow, tmp_path: Path) -> None:
    _fill(workflow, "ar")
    out = tmp_path / "ar.docx"
    result = _hexaglot("export", str(workflow.root), "--lang", "ar", "--format", "docx", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "approved" in result.stdout and out.exists()
    xlf = tmp_path / "ar.xlf"
    assert _hexaglot("export", str(workflow.root), "--lang", "ar", "--format", "xliff", "-o", str(xlf)).returncode == 0
    result = _hexaglot("import-xliff", str(workflow.root), str(xlf))
    assert result.returncode == 0, result.stderr
    assert "0 conflicts" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "{wf}", "--lang", "de", "--format", "md", "-o", "{out}"], "unknown language 'de'"),
        (["export", "{wf}", "--lang", "fr", "--format", "md", "--document", "nope", "-o", "{out}"], "nope:"),
        (["import-xliff", "{wf}", "{bad}"], "bad.xlf:1: a DOCTYPE"),
        (["import-xliff", "{wf}", "{bad}", "--lang", "xx"], "bad.xlf:1: a DOCTYPE"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(
    workflow: Workflow, tmp_path: Path, args: list[str], expected: str
) -> None:
    out = tmp_path / "kept.md"
    out.write_text("earlier export\n", encoding="utf-8")
    bad = tmp_path / "bad.xlf"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff>&e;</xliff>')
    values = {"wf": str(workflow.root), "out": str(out), "bad": str(bad)}
    result = _hexaglot(*(arg.format(**values) for arg in args))
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "earlier export\n"
