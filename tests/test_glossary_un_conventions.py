"""Terms in context (issue 15, item 5): a forbidden term licensed by another concept of the source, Arabic broken
plurals, duals and attached pronouns, and capitals that carry meaning (UN «États Membres», EU «États membres»)."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.glossary import load_glossaries
from translate.qa.base import CheckContext, Segment, run_checks

GLOSSARY = Path(__file__).resolve().parents[1] / "glossaries" / "trafficking.csv"


@pytest.fixture(scope="module")
def glossary():
    return load_glossaries([GLOSSARY])


def findings(glossary, lang: str, source: str, target: str) -> list[tuple[str, str]]:
    context = CheckContext(glossaries=[glossary])
    segment = Segment(source, target, lang)
    only = ("glossary-missing", "glossary-forbidden", "glossary-dnt")
    return [(finding.check, finding.message) for _, finding in run_checks([segment], context, only)]


TRAFFICKERS_AND_SMUGGLERS = "Traffickers and smugglers often use the same routes."


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("fr", "Les trafiquants et les passeurs empruntent souvent les mêmes itinéraires."),
        ("ar", "كثيرا ما يستخدم المتجرون والمهربون الطرق نفسها."),
        ("ru", "Торговцы людьми и контрабандисты часто используют одни и те же маршруты."),
        ("es", "Los tratantes y los traficantes de migrantes suelen utilizar las mismas rutas."),
        ("zh", "贩运者和偷运者经常使用相同的路线。"),
    ],
)
def test_a_forbidden_term_licensed_by_another_concept_of_the_source_is_no_error(
    glossary, lang: str, target: str
) -> None:
    assert findings(glossary, lang, TRAFFICKERS_AND_SMUGGLERS, target) == []


@pytest.mark.parametrize(
    ("lang", "target", "word"),
    [
        ("fr", "Les passeurs empruntent souvent les mêmes itinéraires.", "passeurs"),
        ("ar", "كثيرا ما يستخدم المهربون الطرق نفسها.", "المهربون"),
        ("ru", "Контрабандисты часто используют одни и те же маршруты.", "контрабандисты"),
        ("es", "Los traficantes de personas suelen utilizar las mismas rutas.", "traficantes de personas"),
    ],
)
def test_the_same_word_without_the_licensing_concept_is_still_forbidden(
    glossary, lang: str, target: str, word: str
) -> None:
    found = findings(glossary, lang, "Traffickers often use the same routes.", target)
    assert [check for check, _ in found] == ["glossary-forbidden"]
    assert word in found[0][1]


def test_licensing_covers_only_the_words_of_the_other_concepts_term(glossary) -> None:
    """«trafic illicite» is the term for smuggling; «trafic de personnes» (not inside it) stays forbidden."""
    source = "Smuggling and trafficking in persons are distinct crimes."
    assert (
        findings(glossary, "fr", source, "Le trafic illicite et la traite des personnes sont des crimes distincts.")
        == []
    )
    found = findings(glossary, "fr", source, "Le trafic illicite et le trafic de personnes sont des crimes distincts.")
    assert ("glossary-forbidden" in {check for check, _ in found}) and any("trafic de personnes" in m for _, m in found)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # broken plural: the glossary's ضحايا الاتجار matches the singular ضحية
        ("She is a victim of trafficking in persons.", "إنها ضحية للاتجار بالأشخاص."),
        ("Victims of trafficking in persons were identified.", "تم تحديد ضحايا الاتجار بالأشخاص."),
        # dual: two Member States = دولتان عضوان (the glossary has الدول الأعضاء, الدولة العضو)
        ("Two Member States did not reply.", "لم ترد دولتان عضوان."),
        ("The report was submitted by two Member States.", "قدمت التقرير دولتين عضوين."),
        # attached pronoun: the United Nations and its Member States
        ("The United Nations and its Member States", "الأمم المتحدة ودولها الأعضاء"),
    ],
)
def test_arabic_broken_plurals_duals_and_pronoun_suffixes(glossary, source: str, target: str) -> None:
    assert findings(glossary, "ar", source, target) == []


def test_arabic_wrong_term_is_still_missing(glossary) -> None:
    found = findings(glossary, "ar", "Two Member States did not reply.", "لم ترد منظمتان.")
    assert [check for check, _ in found] == ["glossary-missing"]


@pytest.mark.parametrize(
    ("lang", "right", "wrong"),
    [
        (
            "fr",
            "L’Assemblée générale prie les États Membres de coopérer.",
            "L’Assemblée générale prie les États membres de coopérer.",
        ),
        (
            "es",
            "La Asamblea General exhorta a los Estados Miembros a cooperar.",
            "La Asamblea General exhorta a los Estados miembros a cooperar.",
        ),
    ],
)
def test_un_member_states_keep_their_capital(glossary, lang: str, right: str, wrong: str) -> None:
    source = "The General Assembly urges Member States to cooperate."
    assert findings(glossary, lang, source, right) == []
    assert findings(glossary, lang, source, right.upper()) == []
    found = findings(glossary, lang, source, wrong)
    assert [check for check, _ in found] == ["glossary-missing"]
    assert "another concept's term" in found[0][1]


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("fr", "Les États membres de l’Union européenne coopèrent."),
        ("es", "Los Estados miembros de la Unión Europea cooperan."),
    ],
)
def test_eu_member_states_stay_lower_case(glossary, lang: str, target: str) -> None:
    assert findings(glossary, lang, "The member States of the European Union cooperate.", target) == []
