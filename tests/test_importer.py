"""Import and re-import: nothing a linguist typed is ever lost."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from translate.catalog import Catalog, SegmentState, approve, provenance_of, set_translated, state_of
from translate.errors import BadInputError
from translate.formats import read_source
from translate.importer import import_workflow
from translate.workflow import load_workflow

CHAPTER = """\
# Trafficking in persons: global overview

1. The Global Report covers 141 countries. It is the seventh edition mandated by A/RES/64/293.

2. Member States detected 50,000 victims in 2020.[^1] Women and girls accounted for 60 per cent of them.

3. Smuggling of migrants is a distinct crime. It is covered by a separate Protocol.

[^1]: See E/2013/30, para. 8.
"""


def make_workflow(root: Path, text: str = CHAPTER) -> Path:
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "sources" / "chapter.md").write_text(text, encoding="utf-8")
    (root / "workflow.yaml").write_text("name: reimport-test\nsources: [sources/chapter.md]\n", encoding="utf-8")
    return root


def translate_everything(workflow_root: Path) -> dict[str, str]:
    """Give every French segment a translation, approve half; return source -> translation."""
    workflow = load_workflow(workflow_root)
    catalog = Catalog.load(workflow.catalog_path("fr"))
    translations = {}
    for n, entry in enumerate(catalog):
        text = f"[fr {n}] {entry.msgid}"
        set_translated(entry, text, by="amelie")
        if n % 2:
            approve(entry, by="claire")
        translations[entry.msgid] = text
    catalog.save()
    return translations


def test_import_creates_one_catalog_per_language(tmp_path: Path) -> None:
    workflow = load_workflow(make_workflow(tmp_path))
    report = import_workflow(workflow)
    assert sorted(report.languages) == ["ar", "es", "fr", "ru", "zh"]
    catalog = Catalog.load(workflow.catalog_path("ar"))
    sources = [entry.msgid for entry in catalog]
    assert sources[0] == "Trafficking in persons: global overview"
    assert "The Global Report covers 141 countries." in sources
    assert "It is the seventh edition mandated by A/RES/64/293." in sources
    assert "Member States detected 50,000 victims in 2020.[^1]" in sources
    assert "See E/2013/30, para. 8." in sources
    assert all(state_of(entry) is SegmentState.UNTRANSLATED for entry in catalog)
    assert len({entry.msgctxt for entry in catalog}) == len(sources)


def test_segment_ids_are_stable_when_another_paragraph_changes(tmp_path: Path) -> None:
    root = make_workflow(tmp_path)
    workflow = load_workflow(root)
    import_workflow(workflow)
    before = {entry.msgid: entry.msgctxt for entry in Catalog.load(workflow.catalog_path("fr"))}
    edited = CHAPTER.replace("1. The Global Report covers 141 countries.", "1. The Global Report covers 156 countries.")
    edited = edited.replace("# Trafficking", "# Preface\n\nA new opening paragraph.\n\n# Trafficking")
    (root / "sources" / "chapter.md").write_text(edited, encoding="utf-8")
    import_workflow(workflow)
    after = {entry.msgid: entry.msgctxt for entry in Catalog.load(workflow.catalog_path("fr"))}
    for source in ("Member States detected 50,000 victims in 2020.[^1]", "Smuggling of migrants is a distinct crime."):
        assert after[source] == before[source]


def test_reimport_keeps_translations_and_marks_changed_segments_fuzzy(tmp_path: Path) -> None:
    root = make_workflow(tmp_path)
    workflow = load_workflow(root)
    import_workflow(workflow)
    translations = translate_everything(root)
    old = "Women and girls accounted for 60 per cent of them."
    new = "Women and girls accounted for 65 per cent of them."
    (root / "sources" / "chapter.md").write_text(CHAPTER.replace(old, new), encoding="utf-8")

    report = import_workflow(workflow)

    assert report.languages["fr"].changed == 1
    catalog = Catalog.load(workflow.catalog_path("fr"))
    for entry in catalog:
        if entry.msgid == new:
            assert state_of(entry) is SegmentState.DRAFT
            assert entry.previous_msgid == old
            assert entry.msgstr == translations[old]
            assert provenance_of(entry).origin == "previous-source"
        else:
            assert entry.msgstr == translations[entry.msgid], entry.msgid
    text = workflow.catalog_path("fr").read_text(encoding="utf-8")
    assert f'#| msgid "{old}"' in text


def test_removed_segments_become_obsolete_and_can_come_back(tmp_path: Path) -> None:
    root = make_workflow(tmp_path)
    workflow = load_workflow(root)
    import_workflow(workflow)
    translations = translate_everything(root)
    removed = "3. Smuggling of migrants is a distinct crime. It is covered by a separate Protocol.\n\n"
    (root / "sources" / "chapter.md").write_text(CHAPTER.replace(removed, ""), encoding="utf-8")
    import_workflow(workflow)
    catalog = Catalog.load(workflow.catalog_path("fr"))
    obsolete = {entry.msgid: entry.msgstr for entry in catalog.obsolete_entries()}
    assert (
        obsolete["Smuggling of migrants is a distinct crime."]
        == translations["Smuggling of migrants is a distinct crime."]
    )
    assert "Smuggling of migrants is a distinct crime." not in [entry.msgid for entry in catalog]

    (root / "sources" / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    report = import_workflow(workflow)
    assert report.languages["fr"].revived == 2
    catalog = Catalog.load(workflow.catalog_path("fr"))
    restored = {entry.msgid: entry.msgstr for entry in catalog}
    assert (
        restored["Smuggling of migrants is a distinct crime."]
        == translations["Smuggling of migrants is a distinct crime."]
    )
    assert not catalog.obsolete_entries()


def test_reimport_of_unchanged_source_changes_no_translation(tmp_path: Path) -> None:
    root = make_workflow(tmp_path)
    workflow = load_workflow(root)
    import_workflow(workflow)
    translate_everything(root)
    before = [(e.msgctxt, e.msgstr, state_of(e)) for e in Catalog.load(workflow.catalog_path("fr"))]
    import_workflow(workflow)
    after = [(e.msgctxt, e.msgstr, state_of(e)) for e in Catalog.load(workflow.catalog_path("fr"))]
    assert after == before


def test_docx_reader_keeps_headings_numbering_and_footnotes(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Global Report on Trafficking in Persons", style="Title")
    document.add_heading("Chapter 1. Overview", level=1)
    document.add_paragraph("The Report covers 141 countries. It is the seventh edition.", style="List Number")
    document.add_paragraph("Member States reported 50,000 victims.", style="List Number")
    document.add_paragraph("(a) Sexual exploitation;", style="List Paragraph")
    document.add_paragraph("Forced labour.", style="List Bullet")
    path = tmp_path / "chapter.docx"
    document.save(path)
    paragraphs = read_source(path).paragraphs
    assert [(p.kind, p.label) for p in paragraphs] == [
        ("title", ""),
        ("heading", ""),
        ("list-item", "1."),
        ("list-item", "2."),
        ("list-item", "(a)"),
        ("list-item", "•"),
    ]
    assert paragraphs[1].level == 1
    assert paragraphs[4].text == "Sexual exploitation;"


def test_bad_source_writes_nothing(tmp_path: Path) -> None:
    root = make_workflow(tmp_path)
    (root / "sources" / "second.md").write_bytes("Caf\xe9 latin-1 text.\n".encode("latin-1"))
    (root / "workflow.yaml").write_text("name: t\nsources: [sources/chapter.md, sources/second.md]\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"second.md:1: not valid UTF-8"):
        import_workflow(load_workflow(root))
    assert not (root / "translations").exists()


def test_corrupt_docx_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(BadInputError, match=r"broken\.docx: not a readable DOCX"):
        read_source(path)


def test_reimport_waits_for_a_reviewers_save_and_keeps_it(tmp_path: Path) -> None:
    """A reviewer saving while a re-import runs: the import holds the catalog lock, so the save is never lost."""
    import threading

    from translate.catalog import catalog_lock

    root = make_workflow(tmp_path)
    workflow = load_workflow(root)
    import_workflow(workflow)
    path = workflow.catalog_path("fr")
    (root / "sources" / "chapter.md").write_text(CHAPTER.replace("141 countries", "156 countries"), encoding="utf-8")

    with catalog_lock(workflow.lock_path("fr"), path):
        worker = threading.Thread(target=import_workflow, args=(workflow,))
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive(), "the import must wait for the reviewer's lock"
        catalog = Catalog.load(path)  # the reviewer's save, under the lock
        entry = next(e for e in catalog if e.msgid == "Smuggling of migrants is a distinct crime.")
        set_translated(entry, "Le trafic illicite de migrants est un crime distinct.", by="amelie")
        approve(entry, by="claire")
        catalog.save()
    worker.join(timeout=30)
    assert not worker.is_alive()
    after = Catalog.load(path)
    entry = next(e for e in after if e.msgid == "Smuggling of migrants is a distinct crime.")
    assert entry.msgstr == "Le trafic illicite de migrants est un crime distinct."
    assert state_of(entry) is SegmentState.APPROVED
    assert any(e.msgid == "The Global Report covers 156 countries." for e in after)


# --- re-import after the splitter's rules changed (issue 15) ---------------------------------------------------

RESEGMENTED = """\
# Annexes

1. The questionnaire is reproduced in annex I. The replies are summarized below. They came from 94 States.

B. Regional trends are uneven across the world.

2. Results were reported by Cockbain et al. The sample covered 2 countries.
"""

FRENCH = {
    "The questionnaire is reproduced in annex I.": "Le questionnaire est reproduit à l’annexe I.",
    "The replies are summarized below.": "Les réponses sont résumées ci-après.",
    "They came from 94 States.": "Elles émanent de 94 États.",
    "Regional trends are uneven across the world.": "Les tendances régionales sont inégales dans le monde.",
    "Results were reported by Cockbain et al.": "Les résultats ont été communiqués par Cockbain et al.",
    "The sample covered 2 countries.": "L’échantillon portait sur 2 pays.",
}


def _old_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The splitter as it was: "annex I." an initial, "et al." a sentence end, "B." no label."""
    import translate.formats.markdown as markdown
    import translate.importer as importer
    from translate.segmentation import split_label, split_sentences

    def old_split(text: str, lang: str = "en") -> list[str]:
        pieces = split_sentences(text.replace("annex I. The", "annex I.\x00The").replace("et al. The", "et al.|The"))
        return [piece.replace("\x00", " ") for part in pieces for piece in part.split("|") if piece]

    def old_label(text: str) -> tuple[str, str]:
        return ("", text.strip()) if text.startswith("B. ") else split_label(text)

    monkeypatch.setattr(importer, "split_sentences", old_split)
    monkeypatch.setattr(markdown, "split_label", old_label)


def _french_for(source: str) -> str:
    """The French of a source sentence however it is cut: its known sentences' translations joined."""
    if source in FRENCH:
        return FRENCH[source]
    if source.startswith("B. "):
        return "B. " + FRENCH[source[3:]]
    pieces, rest = [], source
    while rest:
        known = next(english for english in FRENCH if rest.startswith(english))
        pieces.append(FRENCH[known])
        rest = rest[len(known) :].strip()
    return " ".join(pieces)


def test_reimport_after_the_splitter_changed_keeps_every_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catalogs made by the old rules, re-imported with the new ones (msgmerge-style): an old sentence now cut in
    two gives each part its translation and state, old sentences now joined give theirs joined, a sentence whose
    label is now kept out of the text keeps its translation without the label. Nothing becomes obsolete."""
    root = make_workflow(tmp_path, RESEGMENTED)
    workflow = load_workflow(root)
    with monkeypatch.context() as patch:
        _old_rules(patch)
        import_workflow(workflow, ["fr"])
    catalog = Catalog.load(workflow.catalog_path("fr"))
    old = [entry.msgid for entry in catalog]
    assert "The questionnaire is reproduced in annex I. The replies are summarized below." in old
    assert "B. Regional trends are uneven across the world." in old
    assert "Results were reported by Cockbain et al." in old
    for entry in catalog:
        if entry.msgid != "Trafficking in persons: global overview" and entry.msgid != "Annexes":
            approve(entry, by="claire", text=_french_for(entry.msgid))
    catalog.save()

    report = import_workflow(workflow, ["fr"])

    catalog = Catalog.load(workflow.catalog_path("fr"))
    new = {entry.msgid: entry for entry in catalog}
    assert "The questionnaire is reproduced in annex I." in new
    assert "The replies are summarized below." in new
    assert "Regional trends are uneven across the world." in new
    assert "Results were reported by Cockbain et al. The sample covered 2 countries." in new
    for source, entry in new.items():
        if source == "Annexes":
            continue
        assert entry.msgstr == _french_for(source), source
        assert state_of(entry) is SegmentState.APPROVED, source
    assert not catalog.obsolete_entries()
    assert report.languages["fr"].obsoleted == 0


def test_reimport_cut_whose_translation_does_not_cut_alike_keeps_it_as_a_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workflow(tmp_path, "The questionnaire is reproduced in annex I. The replies are summarized below.\n")
    workflow = load_workflow(root)
    with monkeypatch.context() as patch:
        _old_rules(patch)
        import_workflow(workflow, ["fr"])
    catalog = Catalog.load(workflow.catalog_path("fr"))
    (entry,) = list(catalog)
    whole = "Le questionnaire, reproduit à l’annexe I, dont les réponses sont résumées ci-après."
    approve(entry, by="claire", text=whole)
    catalog.save()

    import_workflow(workflow, ["fr"])

    first, second = list(Catalog.load(workflow.catalog_path("fr")))
    assert first.msgid == "The questionnaire is reproduced in annex I."
    assert first.msgstr == whole
    assert state_of(first) is SegmentState.DRAFT
    assert first.previous_msgid == entry.msgid
    assert second.msgid == "The replies are summarized below."
    assert state_of(second) is SegmentState.UNTRANSLATED
