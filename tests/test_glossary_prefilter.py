"""The fast paths of the glossary checks give the same answers as the full analysis.

``hexaglot check`` skips work: a source sentence whose words start no English term is dropped after set
operations; a target text is indexed only for the words that carry a key of the concepts found in its
source; numbers skip the stemmers; each segment's analysis is shared by the three checks. These tests hold
those paths to the plain analysis (every word, every key) on hand-written and real six-language text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from translate.glossary import Concept, Glossary, LangTerms, load_glossaries
from translate.glossary.glossary import TermCheck
from translate.glossary.matching import AnalyzedText, Analyzer, analyzer_for
from translate.qa.base import CheckContext, Segment, run_checks

REPO = Path(__file__).resolve().parents[1]
GLOSSARY_CSV = REPO / "glossaries" / "trafficking.csv"
LANGS = ("ar", "zh", "fr", "ru", "es")
CHECKS = ["glossary-missing", "glossary-forbidden", "glossary-dnt"]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries([GLOSSARY_CSV])


def reference_checks(glossary: Glossary, source: str, target: str, lang: str) -> list[TermCheck]:
    """What ``check_target`` must return, from an analysis of every word of the target (no restriction)."""
    analyzed = AnalyzedText(analyzer_for(lang), target)
    return [glossary._check_hit(hit, analyzed, lang, target) for hit in glossary.find_source_terms(source)]


def outcome(checks: list[TermCheck]) -> list[tuple]:
    return [
        (check.hit.concept_id, check.found, [(concept.id, term) for concept, term in check.forbidden], check.missing)
        for check in checks
    ]


def plain_source_hits(glossary: Glossary, text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Source hits computed without the set prefilter: every word position is tried (the splitting path)."""
    plain = Glossary(dict(glossary.concepts))
    with monkeypatch.context() as patch:
        patch.setattr(Analyzer, "words", lambda self, text: None)
        return hit_list(plain.find_source_terms(text))


def hit_list(hits: list) -> list[tuple]:
    return [(hit.start, hit.end, hit.concept_id, hit.text, hit_list(hit.nested)) for hit in hits]


def brute_force_matches(glossary: Glossary, text: str) -> set[tuple[int, int, str]]:
    """Every (first word, end word, concept) where an English term's keys occur: a plain scan of all words."""
    english = analyzer_for("en")
    starts, ends, keys = english.scan(text)
    found = set()
    for concept in glossary:
        for term in concept.english.accepted:
            pattern = english.pattern(term)
            for first in range(len(keys) - len(pattern) + 1):
                if all(keys[first + offset] == pattern[offset] for offset in range(len(pattern))):
                    found.add((starts[first], ends[first + len(pattern) - 1], concept.id))
    return found


# --- source side -------------------------------------------------------------------------------------


def test_a_sentence_without_any_term_has_no_hit_and_no_check(glossary: Glossary) -> None:
    text = "The weather was fine on Tuesday and the trains ran on time."
    assert glossary.find_source_terms(text) == []
    assert brute_force_matches(glossary, text) == set()
    assert glossary.check_target(text, "Il faisait beau mardi.", "fr") == []


def test_words_seen_in_a_sentence_without_hits_still_start_terms_later(glossary: Glossary) -> None:
    fresh = load_glossaries([GLOSSARY_CSV])
    assert fresh.find_source_terms("Persons were seen; the States objected.") == []
    hits = fresh.find_source_terms("Member States condemned trafficking in persons.")
    assert [hit.concept_id for hit in hits] == ["member-states", "tip"]
    assert [hit.text for hit in hits] == ["Member States", "trafficking in persons"]


def test_glued_words_take_the_splitting_path(glossary: Glossary) -> None:
    hits = glossary.find_source_terms("the report of the Member StatesResolution 217 A")
    assert [(hit.concept_id, hit.text) for hit in hits] == [("member-states", "Member States")]
    assert outcome(glossary.check_target("Member States agreed.", "les États MembresRésolution 217", "fr")) == [
        ("member-states", ("États Membres",), [], False)
    ]


def test_source_hits_equal_the_unfiltered_matcher(glossary: Glossary, monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = [
        "Victims of trafficking in persons, including women and children, were identified by Member States.",
        "The Conference of the Parties to the United Nations Convention against Transnational Organized Crime met.",
        "Smuggling of migrants and trafficking of protected species are other crimes; child labour too.",
        "MEMBER STATES' reports on the trafficking protocol, 2030 Agenda",
    ]
    for text in sentences:
        hits = glossary.find_source_terms(text)
        assert hits
        assert hit_list(hits) == plain_source_hits(glossary, text, monkeypatch), text
        found = {(hit.start, hit.end, hit.concept_id) for top in hits for hit in (top, *top.nested)}
        assert found <= brute_force_matches(glossary, text), text


# --- target side -------------------------------------------------------------------------------------

INFLECTED = [
    ("ru", "Victims of trafficking in persons", "Жертвы торговли людьми были выявлены."),
    ("ru", "Trafficking in persons is a crime.", "Борьба с торговлей людьми продолжается."),
    ("ru", "Member States reported.", "Государствам-членам было предложено сообщить."),
    ("ru", "Trafficking in persons", "Торговля детьми и торговля органами."),
    ("fr", "Member States reported.", "Les ÉTATS MEMBRES ont fait rapport."),
    ("fr", "Victims of trafficking in persons", "victimes de la traite d'êtres humains"),
    ("fr", "Trafficking in persons", "le trafic de personnes"),
    ("es", "Trafficking in persons", "Las víctimas del tráfico de personas."),
    ("es", "Member States reported.", "Los Estados Miembros informaron."),
    ("ar", "Member States reported.", "أبلغت للدول الأعضاء"),
    ("ar", "Trafficking in persons", "مكافحة تهريب الأشخاص"),
    ("zh", "Member States reported.", "会员国报告了。"),
    ("zh", "Member States reported.", "成员国报告了。"),
]


@pytest.mark.parametrize(("lang", "source", "target"), INFLECTED)
def test_inflected_and_forbidden_forms_match_through_the_restricted_index(
    glossary: Glossary, lang: str, source: str, target: str
) -> None:
    assert glossary.find_source_terms(source)
    assert outcome(glossary.check_target(source, target, lang)) == outcome(
        reference_checks(glossary, source, target, lang)
    )


def test_restricted_index_still_finds_inflections_and_forbidden_terms(glossary: Glossary) -> None:
    clean = glossary.check_target("Victims of trafficking in persons", "Помощь жертвам торговли людьми", "ru")
    assert [check.missing for check in clean] == [False]
    forbidden = glossary.check_target("Trafficking in persons", "Les victimes du trafic de personnes", "fr")
    assert [term for check in forbidden for _, term in check.forbidden] == ["trafic de personnes"]


def test_numbers_get_the_same_keys_without_the_analysers() -> None:
    for lang in ("en", *LANGS):
        analyzer = Analyzer(lang)
        language_keys = Analyzer._key_function(lang)
        for number in ("2030", "16", "0", "١٦", "٢٠٣٠"):
            assert analyzer.keys_of(number) == language_keys(number) == frozenset((number,)), (lang, number)


def test_the_shared_analysis_is_not_stale_across_segments(glossary: Glossary) -> None:
    source = "Member States reported."
    segments = [
        Segment(source, "Les États Membres ont fait rapport.", "fr", id="1"),
        Segment(source, "Les pays ont fait rapport.", "fr", id="2"),
        Segment(source, "Les pays ont fait rapport.", "fr", id="3"),
        Segment(source, "Les États Membres ont fait rapport.", "fr", id="4"),
    ]
    found = [(segment.id, finding.check) for segment, finding in run_checks(segments, CheckContext([glossary]), CHECKS)]
    assert found == [("2", "glossary-missing"), ("3", "glossary-missing")]


# --- real text: fast paths = full analysis -----------------------------------------------------------


def unbis_concepts(data: Path, count: int) -> dict[str, Concept]:
    """``count`` UNBIS thesaurus labels as concepts (real six-language terms)."""
    concepts: dict[str, Concept] = {}
    with (data / "unbis-thesaurus" / "unbis_labels_6lang.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if all(row.get(lang) for lang in ("en", *LANGS)) and "," not in row["en"]:
                concept_id = f"unbis-{row['identifier']}"
                concepts[concept_id] = Concept(concept_id, {lang: LangTerms(row[lang]) for lang in ("en", *LANGS)})
            if len(concepts) == count:
                break
    return concepts


def real_sentences(data: Path) -> list[dict[str, str]]:
    rows = []
    for path in (
        data / "sdg-translations" / "sdg_goals_targets_indicators_6way.tsv",
        data / "udhr" / "udhr_articles_6way.tsv",
    ):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row.get("en")]
    return rows


def test_real_text_checks_equal_the_full_analysis(
    glossary: Glossary, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against 76 + 600 UNBIS concepts, every real SDG / UDHR sentence pair: source hits equal those of the
    unfiltered matcher and the restricted index gives the same outcome per hit as indexing every word."""
    big = Glossary({**glossary.concepts, **unbis_concepts(shared_data, 600)})
    rows = real_sentences(shared_data)
    assert len(rows) > 200
    checked = 0
    for row in rows:
        assert hit_list(big.find_source_terms(row["en"])) == plain_source_hits(big, row["en"], monkeypatch)
        for lang in LANGS:
            if row.get(lang):
                fast = big.check_target(row["en"], row[lang], lang)
                assert outcome(fast) == outcome(reference_checks(big, row["en"], row[lang], lang)), (lang, row[lang])
                checked += len(fast)
    assert checked > 500
