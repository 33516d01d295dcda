"""Term matching: English source terms and inflection-aware target terms in ar, zh, fr, ru, es."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.glossary import Glossary, load_glossaries
from translate.qa.base import CheckContext, Segment, run_checks

REPO = Path(__file__).resolve().parents[1]
GLOSSARY_CSV = REPO / "glossaries" / "trafficking.csv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries([GLOSSARY_CSV])


def ids(glossary: Glossary, text: str) -> list[str]:
    return [hit.concept_id for hit in glossary.find_source_terms(text)]


def findings(glossary: Glossary, source: str, target: str, lang: str) -> set[tuple[str, str]]:
    result = set()
    for check in glossary.check_target(source, target, lang):
        if check.missing:
            result.add((check.hit.concept_id, "missing"))
        result.update((concept.id, "forbidden") for concept, _ in check.forbidden)
        if check.dnt_changed:
            result.add((check.hit.concept_id, "dnt"))
    return result


# --- English source ----------------------------------------------------------------------------------


def test_source_terms_are_case_and_plural_insensitive(glossary: Glossary) -> None:
    assert ids(glossary, "One Member State objected.") == ["member-states"]
    assert ids(glossary, "MEMBER STATES objected.") == ["member-states"]
    hits = glossary.find_source_terms("Most Member States reported victims.")
    assert (hits[0].start, hits[0].end, hits[0].text) == (5, 18, "Member States")


def test_longest_match_wins_and_keeps_nested_concepts(glossary: Glossary) -> None:
    hits = glossary.find_source_terms("Victims of trafficking in persons were detected.")
    assert [hit.concept_id for hit in hits] == ["victims-tip"]
    assert hits[0].text == "Victims of trafficking in persons"
    assert "tip" in [inner.concept_id for inner in hits[0].nested]
    assert ids(
        glossary,
        "The Conference of the Parties to the United Nations Convention against Transnational Organized Crime met.",
    ) == ["cop"]


def test_smuggling_and_other_trafficking_are_not_trafficking_in_persons(glossary: Glossary) -> None:
    assert ids(glossary, "The smuggling of migrants is a distinct crime.") == ["som"]
    assert ids(glossary, "Poaching and trafficking of protected species") == ["wildlife-trafficking"]
    assert ids(glossary, "Wildlife trafficking and drug trafficking grew.") == [
        "wildlife-trafficking",
        "drug-trafficking",
    ]
    assert ids(glossary, "Trafficking in firearms") == ["arms-trafficking"]
    assert ids(glossary, "a trafficker and traffickers") == ["traffickers", "traffickers"]


def test_target_terms_are_shared_with_drafting_and_review(glossary: Glossary) -> None:
    hit = glossary.find_source_terms("trafficking in persons")[0]
    fr = hit.target_terms("fr")
    assert fr.preferred == "traite des personnes"
    assert "traite d'êtres humains" in fr.admitted
    assert "trafic de personnes" in fr.forbidden
    assert hit.to_meta("zh") == {"id": "tip", "source": "trafficking in persons", "target": "贩运人口"}


# --- Russian ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "Торговля людьми растёт.",
        "Масштабы торговли людьми растут.",
        "Борьба с торговлей людьми продолжается.",
        "О ТОРГОВЛЕ ЛЮДЬМИ.",
    ],
)
def test_russian_case_endings_of_every_word(glossary: Glossary, target: str) -> None:
    assert findings(glossary, "Trafficking in persons grows.", target, "ru") == set()


def test_russian_hyphenated_compound_declines(glossary: Glossary) -> None:
    assert findings(glossary, "Member States", "направлено государствам-членам", "ru") == set()
    assert findings(glossary, "Member States", "большинство государств-членов", "ru") == set()
    assert findings(glossary, "Member States", "направлено странам", "ru") == {("member-states", "missing")}


def test_russian_forbidden_terms_are_found_inflected(glossary: Glossary) -> None:
    assert findings(glossary, "Conference of the Parties", "доклад Конференции Сторон", "ru") == {("cop", "forbidden")}
    assert findings(glossary, "trafficking in persons", "борьба с контрабандой людей", "ru") == {("tip", "forbidden")}


def test_russian_snowball_backend_also_matches_case_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    from translate.glossary import matching

    assert matching.russian_keys("торговлей", backend="snowball") == matching.russian_keys(
        "торговли", backend="snowball"
    )
    assert "человек" in matching.russian_keys("людьми") & matching.russian_keys("людей")


# --- French and Spanish ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The United Nations Office on Drugs and Crime", "L'Office des Nations Unies contre la drogue et le crime"),
        ("organ removal", "aux fins de prélèvement d’organes"),
        ("Member States", "LES ÉTATS MEMBRES"),
        ("Member States", "les Etats Membres"),
        ("forced labour", "les travaux forcés"),
        ("trafficking in human beings", "la traite d’êtres humains"),
        ("forced marriage", "le mariage précoce ou forcé"),
    ],
)
def test_french_plural_gender_elision_case_accents(glossary: Glossary, source: str, target: str) -> None:
    assert findings(glossary, source, target, "fr") == set()


def test_french_forbidden_smuggling_word(glossary: Glossary) -> None:
    assert findings(glossary, "trafficking in persons", "les trafics de personnes", "fr") == {("tip", "forbidden")}
    assert findings(glossary, "Victims of trafficking in persons", "Victimes du trafic d'êtres humains", "fr") == {
        ("victims-tip", "forbidden")
    }
    # trafic is right for drugs and protected species
    assert findings(glossary, "drug trafficking", "le trafic de drogues", "fr") == set()
    assert findings(glossary, "trafficking of protected species", "le trafic d'espèces protégées", "fr") == set()


def test_spanish_forms_and_forbidden(glossary: Glossary) -> None:
    assert findings(glossary, "A Member State", "Un Estado Miembro", "es") == set()
    assert findings(glossary, "forced labour", "los trabajos forzosos", "es") == set()
    assert findings(glossary, "trafficking in persons", "el TRAFICO DE PERSONAS", "es") == {("tip", "forbidden")}
    assert findings(glossary, "Smuggling of migrants", "la trata de migrantes", "es") == {("som", "forbidden")}


# --- Arabic -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Member States", "المساعدة للدول الأعضاء"),
        ("Member States", "والدول الأعضاء"),
        ("trafficking in persons", "مكافحة الاتـجـار بالأشخَاص"),
        ("trafficking in persons", "مكافحة الإتجار بالاشخاص"),
        ("trafficking in persons", "للاتجار بالأشخاص"),
        ("refugees", "للاجئين"),
    ],
)
def test_arabic_proclitics_article_tatweel_diacritics_alef(glossary: Glossary, source: str, target: str) -> None:
    assert findings(glossary, source, target, "ar") == set()


def test_arabic_forbidden_with_proclitics(glossary: Glossary) -> None:
    assert findings(glossary, "trafficking in persons", "لمكافحة وتهريب البشر", "ar") == {("tip", "forbidden")}


# --- Chinese ------------------------------------------------------------------------------------------


def test_chinese_substring_and_width(glossary: Glossary) -> None:
    assert findings(glossary, "Member States", "各会员国", "zh") == set()
    assert findings(glossary, "Member States", "各成员国", "zh") == {("member-states", "forbidden")}
    assert findings(glossary, "member States of the European Union", "欧盟成员国", "zh") == set()
    assert findings(glossary, "civil society", "公民社会", "zh") == {("civil-society", "forbidden")}
    assert findings(glossary, "See SHERLOC", "见ＳＨＥＲＬＯＣ", "zh") == set()
    assert findings(glossary, "See SHERLOC", "见夏洛克", "zh") == {("sherloc", "dnt")}


# --- the registered checks ------------------------------------------------------------------------------


def test_checks_are_registered_and_report_the_approved_term(glossary: Glossary) -> None:
    segments = [
        Segment("Victims of trafficking in persons", "Víctimas del tráfico de personas", "es", id="s1"),
        Segment("Member States reported.", "各国报告了。", "zh", id="s2"),
        Segment("Member States reported.", "各会员国报告了。", "zh", id="s3", flags=("ignore-glossary-missing",)),
        Segment("See SHERLOC.", "См. ШЕРЛОК.", "ru", id="s4"),
    ]
    context = CheckContext(glossaries=[glossary], segments=segments)
    only = ["glossary-missing", "glossary-forbidden", "glossary-dnt"]
    found = [(segment.id, finding.check, finding.term) for segment, finding in run_checks(segments, context, only)]
    assert ("s1", "glossary-forbidden", "víctimas del tráfico") in found
    assert ("s2", "glossary-missing", "会员国") in found
    assert ("s4", "glossary-dnt", "SHERLOC") in found
    assert not [item for item in found if item[0] == "s3"]
    assert len([item for item in found if item[0] == "s1"]) == 1


def test_no_glossary_means_no_glossary_findings() -> None:
    segments = [Segment("Member States", "各国", "zh")]
    only = ["glossary-missing", "glossary-forbidden", "glossary-dnt"]
    assert list(run_checks(segments, CheckContext(segments=segments), only)) == []


def test_later_glossary_overrides_same_id(tmp_path: Path) -> None:
    override = tmp_path / "project.csv"
    override.write_text(
        "id,en,ar,zh,fr,ru,es\nmember-states,Member States,الدول الأعضاء,成员国,États membres,"
        "государства-члены,Estados miembros\n",
        encoding="utf-8",
    )
    merged = load_glossaries([GLOSSARY_CSV, override])
    assert merged.get("member-states").target_terms("zh").preferred == "成员国"
    assert len(merged) == len(load_glossaries([GLOSSARY_CSV]))


def test_lookup_by_any_language(glossary: Glossary) -> None:
    found = [concept.id for concept in glossary.lookup("trafic de personnes")]
    assert found[0] == "tip"
    assert "som" not in found
    assert glossary.lookup("cop")[0].id == "cop"
    assert "member-states" in [concept.id for concept in glossary.lookup("государствам-членам")]
