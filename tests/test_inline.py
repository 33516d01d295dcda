"""The inline placeholder notation shared by readers, writers, MT protection, QA and XLIFF."""

from __future__ import annotations

from mt_model import tiny_marian_fixture  # noqa: F401 - session fixture

from translate.formats.inline import (
    chunks,
    compact,
    compare_tags,
    find_tags,
    local_numbers,
    strip_tags,
    tag_problems,
)

SOURCE = "See <1>Official Records of the <2>General Assembly</2></1>, para. 4.<3/>"


def test_find_and_strip() -> None:
    assert [tag.text for tag in find_tags(SOURCE)] == ["<1>", "<2>", "</2>", "</1>", "<3/>"]
    assert strip_tags(SOURCE) == "See Official Records of the General Assembly, para. 4."
    assert strip_tags("x < 1 and 2 > y") == "x < 1 and 2 > y"
    assert find_tags("a <0> b </1/>") == []


def test_problems_of_malformed_text() -> None:
    assert tag_problems(SOURCE) == []
    assert tag_problems("<1>a <2>b</1> c</2>") == ["</1> crosses <2> (placeholders must nest)"]
    assert tag_problems("<1>a") == ["<1> is never closed"]
    assert tag_problems("a</1>") == ["</1> closes a placeholder that is not open"]


def test_compare_allows_sibling_reordering_only() -> None:
    fr = "Voir <3/><1>Documents officiels de l'<2>Assemblée générale</2></1>, par. 4."
    assert compare_tags(SOURCE, fr).ok
    lost = compare_tags(SOURCE, "Voir Documents officiels de l'<2>Assemblée générale</2>, par. 4.<3/>")
    assert lost.missing == ("<1>",) and not lost.extra
    moved = compare_tags(SOURCE, "Voir <1>Documents officiels</1> de l'<2>Assemblée générale</2>.<3/>")
    assert moved.misnested == ("<2>",) and not moved.missing
    extra = compare_tags("plain", "<1>plain</1>")
    assert extra.extra == ("<1>",)


def test_chunks_and_compact() -> None:
    assert list(chunks(SOURCE)) == [
        ("See ", (), None),
        ("Official Records of the ", ("1",), None),
        ("General Assembly", ("1", "2"), None),
        (", para. 4.", (), None),
        ("", (), "3"),
    ]
    assert compact(SOURCE) == "See ⟨1Official Records of the ⟨2General Assembly2⟩1⟩, para. 4.⟨3⟩"


def test_local_numbers() -> None:
    text, mapping = local_numbers("<4>a</4> <6/> <5>b</5>")
    assert text == "<1>a</1> <2/> <3>b</3>"
    assert mapping == {"1": "4", "2": "6", "3": "5"}


def test_sentences_split_as_the_plain_text_and_stay_well_formed() -> None:
    from translate.formats.document import Paragraph
    from translate.importer import paragraph_segments

    text = "See <1>Official Records, No. 10</1>.[^2] The <2>report. It</2> said <3>so</3>."
    segments = paragraph_segments(Paragraph(text))
    assert [s for s, _ in segments] == [
        "See <1>Official Records, No. 10</1>.[^2]",
        "The <1>report.</1>",
        "<1>It</1> said <2>so</2>.",
    ]
    assert [m for _, m in segments] == [{"1": "1"}, {"1": "2"}, {"1": "2", "2": "3"}]
    plain = "The report is out. It said so."
    assert paragraph_segments(Paragraph(plain)) == [("The report is out.", {}), ("It said so.", {})]


def test_tags_check_and_other_checks_see_the_words_only() -> None:
    from translate.qa.base import CheckContext, Segment, run_checks

    source = "See <1>Official Records of the Economic and Social Council, 2013, Supplement No. 10</1> (E/2013/30)."
    good = "Voir <1>Documents officiels du Conseil économique et social, 2013, Supplément no 10</1> (E/2013/30)."
    lost = "Voir Documents officiels du Conseil économique et social, 2013, Supplément no 10 (E/2013/30)."
    crossed = "Voir <1>Documents officiels <2/></1> (E/2013/30) 2013, 10."

    def found(target: str) -> list[tuple[str, str]]:
        segments = [Segment(source, target, "fr")]
        return [(f.check, f.message) for _, f in run_checks(segments, CheckContext(segments=segments))]

    assert not [f for f in found(good) if f[0] in ("tags", "numbers")]
    assert ("tags", "missing placeholder <1>") in found(lost)
    assert not [f for f in found(lost) if f[0] == "numbers"]  # "<1>" is not the number 1
    assert ("tags", "placeholder not in the source: <2/>") in found(crossed)


def test_compact_form_keeps_offsets_for_highlighting() -> None:
    from translate.formats.inline import compact_with_offsets

    source = "The <1>Global Report</1> is out."
    shown, offsets = compact_with_offsets(source)
    assert shown == "The ⟨1Global Report1⟩ is out."
    start = source.index("Global")
    assert shown[offsets[start] : offsets[start + len("Global Report")]] == "Global Report"
    assert offsets[len(source)] == len(shown)


def test_reimport_keeps_translations_when_only_the_formatting_changed(tmp_path) -> None:
    """A catalog made before placeholders existed (plain msgids) keeps every translation and state."""
    import shutil
    from pathlib import Path

    from translate.catalog import Catalog, state_of
    from translate.importer import import_workflow
    from translate.workflow import load_workflow

    sample = Path(__file__).resolve().parents[1] / "workflows" / "glotip-sample"
    copy = tmp_path / "glotip-sample"
    shutil.copytree(sample, copy, ignore=shutil.ignore_patterns(".cache", "journal"))
    path = copy / "translations" / "fr.po"
    catalog = Catalog.load(path)
    before = {}
    for entry in catalog:
        if "<1>" in entry.msgid:
            entry.msgid, entry.msgstr = strip_tags(entry.msgid), strip_tags(entry.msgstr)
            document, key, n = entry.msgctxt.split(":")
            entry.msgctxt = f"{document}:0ld{key[3:]}:{n}"  # the paragraph's key was that of its plain text
        before[strip_tags(entry.msgid)] = (entry.msgstr, state_of(entry))
    catalog.save()
    report = import_workflow(load_workflow(copy), ["fr"])
    assert report.languages["fr"].changed == report.languages["fr"].new == 0
    after = Catalog.load(path)
    tagged = [entry for entry in after if "<1>" in entry.msgid]
    assert len(tagged) == 5
    for entry in after:
        msgstr, state = before[strip_tags(entry.msgid)]
        assert strip_tags(entry.msgstr) == strip_tags(msgstr) and state_of(entry) == state


def test_memory_scores_the_words_and_counts_placeholders_as_markup() -> None:
    from translate.memory.score import score

    tagged = "The <1>Global Report on Trafficking in Persons</1> is the only report of its kind."
    plain = "The Global Report on Trafficking in Persons is the only report of its kind."
    detail = score(tagged, plain)
    assert detail.base == 100.0 and "markup" in detail.penalties and 90 <= detail.score < 100
    assert score(tagged, tagged).score == 100


TAGGED = [
    "See the <1>Global Report on Trafficking in Persons</1> of 2020.<2/>",
    "Victims were <1>mostly</1> women and <3>girls</3>.",
]


def test_mt_protection_keeps_inline_placeholders_with_apertium() -> None:
    """Inline formatting placeholders are protected spans: the MT output has each of them, in a well-formed
    order, so that the ``tags`` check passes and the export can rebuild the formatting."""
    import shutil

    import pytest

    from translate.formats.inline import compare_tags
    from translate.mt import create_engine
    from translate.mt.protect import Protector, find_spans

    if shutil.which("apertium") is None:
        pytest.skip("apertium is not installed")
    engine = create_engine("apertium", None, "es")
    engine.resolve()
    spans = [find_spans(text, [], "es") for text in TAGGED]
    assert [span.text for span in spans[0] if span.kind == "tag"] == ["<1>", "</1>", "<2/>"]
    jobs = Protector(engine, "es").translate(TAGGED, spans)
    for source, job in zip(TAGGED, jobs, strict=True):
        assert compare_tags(source, job.output).ok, job.output


def test_mt_protection_keeps_inline_placeholders_with_every_strategy(tiny_marian) -> None:
    from translate.formats.inline import compare_tags
    from translate.mt import create_engine
    from translate.mt.protect import STRATEGIES, Protector, find_spans

    engine = create_engine("marian", str(tiny_marian), "fr", beam_size=1, batch_size=4)
    for strategy in STRATEGIES:
        jobs = Protector(engine, "fr", strategy).translate(TAGGED, [find_spans(text, [], "fr") for text in TAGGED])
        for source, job in zip(TAGGED, jobs, strict=True):
            assert compare_tags(source, job.output).ok, (strategy, job.output)
