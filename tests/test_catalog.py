"""PO state encoding: every state survives a polib round trip and msgfmt --check accepts it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translate.catalog import (
    Catalog,
    Provenance,
    SegmentState,
    approve,
    count_words,
    get_meta,
    provenance_of,
    reject,
    review_of,
    set_draft,
    set_meta,
    set_translated,
    state_of,
)
from translate.errors import BadInputError

SOURCES = [
    "Trafficking in persons is a serious crime.",
    "Member States reported 50,000 detected victims in 2022.",
    "The Conference of the Parties adopted resolution 6/1 (CTOC/COP/2012/15).",
    "Women and girls accounted for 60 per cent of detected victims.",
    "Smuggling of migrants is a distinct crime.",
]


def build(path: Path, lang: str = "fr") -> Catalog:
    catalog = Catalog.new(path, lang, "glotip-test")
    for n, source in enumerate(SOURCES, start=1):
        catalog.po.append(
            polib.POEntry(msgctxt=f"doc:abc{n}:1", msgid=source, msgstr="", occurrences=[("sources/doc.md", str(n))])
        )
    entries = list(catalog)
    set_draft(
        entries[1],
        "Les États Membres ont signalé 50 000 victimes détectées en 2022.",
        Provenance(origin="mt", engine="marian", model="Helsinki-NLP/opus-mt-en-fr", at="2026-01-01T00:00:00Z"),
    )
    set_translated(entries[2], "La Conférence des Parties a adopté la résolution 6/1 (CTOC/COP/2012/15).", by="amelie")
    set_translated(entries[3], "Les femmes et les filles représentaient 60 % des victimes détectées.", by="amelie")
    approve(entries[3], by="claire")
    set_draft(
        entries[4],
        "Le trafic illicite de migrants est un crime distinct.",
        Provenance(origin="tm", memory="memories/glotip-2022.tmx#17", score=100.0),
    )
    reject(entries[4], by="claire", comment="« trafic illicite de migrants » : vérifier la note 3")
    entries[0].tcomment = "Note du traducteur : titre provisoire, à confirmer avec l'ONUDC."
    return catalog


def test_every_state_is_read_back(tmp_path: Path) -> None:
    catalog = build(tmp_path / "fr.po")
    catalog.save()
    reread = Catalog.load(tmp_path / "fr.po")
    states = [state_of(entry) for entry in reread]
    assert states == [
        SegmentState.UNTRANSLATED,
        SegmentState.DRAFT,
        SegmentState.TRANSLATED,
        SegmentState.APPROVED,
        SegmentState.REJECTED,
    ]
    entries = list(reread)
    assert provenance_of(entries[1]).model == "Helsinki-NLP/opus-mt-en-fr"
    assert provenance_of(entries[4]).memory == "memories/glotip-2022.tmx#17"
    assert review_of(entries[4])["comment"] == "« trafic illicite de migrants » : vérifier la note 3"
    assert review_of(entries[3])["by"] == "claire"
    assert entries[0].tcomment.startswith("Note du traducteur")


def test_polib_round_trip_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    build(path).save()
    first = path.read_bytes()
    polib.pofile(str(path), wrapwidth=0).save(str(tmp_path / "again.po"))
    assert (tmp_path / "again.po").read_bytes() == first
    catalog = Catalog.load(path)
    path.write_text(catalog.render(), encoding="utf-8")
    assert path.read_bytes() == first


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("lang", ["ar", "zh", "fr", "ru", "es"])
def test_msgfmt_check_accepts_every_state(tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"{lang}.po"
    build(path, lang).save()
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "2 translated messages, 2 fuzzy translations, 1 untranslated message" in result.stderr


PLURAL_FORMS = {  # n -> the form gettext must choose (CLDR's rules: zero one two few many other in Arabic)
    "ar": {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5, 103: 3},
    "ru": {1: 0, 21: 0, 2: 1, 4: 1, 22: 1, 5: 2, 11: 2, 12: 2, 111: 2, 0: 2},
    "zh": {0: 0, 1: 0, 2: 0, 100: 0},
    "fr": {0: 0, 1: 0, 2: 1, 1000: 1},
    "es": {0: 1, 1: 0, 2: 1, 1000: 1},
}


@pytest.mark.parametrize("lang", sorted(PLURAL_FORMS))
def test_headers_name_language_and_plural_forms(tmp_path: Path, lang: str) -> None:
    """The Plural-Forms header gettext reads picks each language's form for a count (not only its number)."""
    import gettext

    catalog = Catalog.new(tmp_path / f"{lang}.po", lang, "glotip")
    assert catalog.po.metadata["Language"] == lang
    header = catalog.po.metadata["Plural-Forms"]
    nplurals = int(header.split("nplurals=")[1].split(";")[0])
    choose = gettext.c2py(header.split("plural=")[1].rstrip(";"))
    assert {n: choose(n) for n in PLURAL_FORMS[lang]} == PLURAL_FORMS[lang]
    assert nplurals == max(PLURAL_FORMS[lang].values()) + 1


def test_metadata_survives_an_editor_that_wraps_comments(tmp_path: Path) -> None:
    entry = polib.POEntry(msgctxt="a:b:1", msgid="Source text.", msgstr="")
    set_meta(entry, "tm", {"matches": [{"source": "A long source sentence " * 3, "score": 87.5}]})
    wrapped = polib.pofile('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n' + entry.__unicode__(78) + "\n")
    assert get_meta(wrapped[0], "tm")["matches"][0]["score"] == 87.5


def test_approving_keeps_the_text_and_clears_fuzzy(tmp_path: Path) -> None:
    catalog = build(tmp_path / "fr.po")
    entry = list(catalog)[1]
    approve(entry, by="claire", text="Les États Membres ont signalé 50 000 victimes détectées en 2022.")
    assert state_of(entry) is SegmentState.APPROVED
    assert "fuzzy" not in entry.flags


def test_word_count_treats_numbers_and_symbols_as_words() -> None:
    assert count_words("Member States reported 50,000 victims (E/2013/30).") == 6
    assert count_words("30.5 per cent") == 3


def test_malformed_and_misencoded_po_are_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.po"
    broken.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "a"\nbogus line\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(BadInputError, match=r"broken.po:6: malformed PO"):
        Catalog.load(broken)
    latin1 = tmp_path / "latin1.po"
    latin1.write_bytes('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "a"\nmsgstr "é"\n'.encode("latin-1"))
    with pytest.raises(BadInputError, match=r"latin1.po:6: not valid UTF-8"):
        Catalog.load(latin1)


def test_draft_saver_never_overwrites_a_reviewers_save(tmp_path: Path) -> None:
    """A long MT run loaded the catalog; a reviewer approves a segment meanwhile; the run's save keeps it."""
    from translate.catalog import DraftSaver

    path = tmp_path / "fr.po"
    build(path).save()
    machine = Catalog.load(path)
    saver = DraftSaver(machine, tmp_path / "fr.lock")
    untranslated = next(entry for entry in machine if state_of(entry) is SegmentState.UNTRANSLATED)
    set_draft(untranslated, "La traite des personnes est un crime grave.", Provenance(origin="mt", engine="marian"))
    saver.save()  # nobody else wrote: the machine's copy is written as is
    assert state_of(Catalog.load(path).entry(untranslated.msgctxt)) is SegmentState.DRAFT

    reviewer = Catalog.load(path)
    approve(reviewer.entry(untranslated.msgctxt), by="claire", text="La traite des personnes est un crime grave.")
    draft_entry = next(entry for entry in reviewer if state_of(entry) is SegmentState.DRAFT)
    set_translated(draft_entry, "Texte du réviseur.", by="claire")
    reviewer.save()

    set_draft(untranslated, "Autre brouillon automatique.", Provenance(origin="mt", engine="marian"))
    saver.save()  # someone else wrote: merge, keep their work
    final = Catalog.load(path)
    assert final.entry(untranslated.msgctxt).msgstr == "La traite des personnes est un crime grave."
    assert state_of(final.entry(untranslated.msgctxt)) is SegmentState.APPROVED
    assert final.entry(draft_entry.msgctxt).msgstr == "Texte du réviseur."
    assert saver.skipped == 1
