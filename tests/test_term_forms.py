"""Glossary forcing respects the form in the source (issue 11 item 4): an acronym stays an acronym, a full name a
full name, the article agrees with the term, and nothing is doubled. Uses the repository's trafficking glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from translate.draft import term_specs
from translate.glossary import load_glossaries
from translate.mt import create_engine
from translate.mt.agreement import agree_articles, choose_form, gender_and_number, is_acronym, undouble
from translate.mt.protect import Protector, find_spans

REPO = Path(__file__).resolve().parents[1]
FULL_ES = "Oficina de las Naciones Unidas contra la Droga y el Delito"
FULL_FR = "Office des Nations Unies contre la drogue et le crime"
BOTH = "The United Nations Office on Drugs and Crime (UNODC) publishes the report."


@pytest.fixture(scope="module")
def glossary():  # type: ignore[no-untyped-def]
    path = REPO / "glossaries" / "trafficking.tbx"
    if not path.exists():
        pytest.skip("the repository glossary is absent")
    return load_glossaries([path])


def _forced(glossary, text: str, lang: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(spec.source, spec.target) for spec in term_specs(glossary, text, lang)]


def test_an_acronym_is_forced_as_the_target_acronym(glossary) -> None:  # type: ignore[no-untyped-def]
    assert _forced(glossary, "UNODC publishes the report.", "fr") == [("UNODC", "ONUDC")]
    assert _forced(glossary, "UNODC publishes the report.", "es") == [("UNODC", "UNODC")]
    assert _forced(glossary, "UNODC publishes the report.", "ru") == [("UNODC", "ЮНОДК")]
    # no acronym in the language: the preferred name
    assert _forced(glossary, "UNODC publishes the report.", "zh") == [("UNODC", "联合国毒品和犯罪问题办公室")]
    assert _forced(glossary, BOTH, "es") == [("United Nations Office on Drugs and Crime", FULL_ES), ("UNODC", "UNODC")]
    assert _forced(glossary, BOTH, "fr")[0] == ("United Nations Office on Drugs and Crime", FULL_FR)


def test_acronyms_and_choice_of_form() -> None:
    assert is_acronym("UNODC") and is_acronym("УНП ООН") and is_acronym("SDG") and is_acronym("ONUDC")
    assert not is_acronym("Office") and not is_acronym("U") and not is_acronym("la UNODC")
    assert choose_form("UNODC", FULL_FR, [FULL_FR, "ONUDC"]) == "ONUDC"
    assert choose_form("United Nations Office on Drugs and Crime", "ONUDC", ["ONUDC", FULL_FR]) == FULL_FR
    assert choose_form("UNODC", None, []) is None


def test_articles_agree_with_the_term() -> None:
    assert gender_and_number(FULL_ES, "es") == ("f", False) and gender_and_number(FULL_FR, "fr") == ("m", False)
    assert gender_and_number("Estados Miembros", "es") == ("m", True)
    assert agree_articles(f"El {FULL_ES} publica", FULL_ES, FULL_ES, "es") == f"La {FULL_ES} publica"
    assert agree_articles(f"el apoyo del {FULL_ES}", FULL_ES, FULL_ES, "es") == f"el apoyo de la {FULL_ES}"
    assert agree_articles("pidió al UNODC", "UNODC", FULL_ES, "es") == "pidió a la UNODC"
    assert agree_articles("la ONUDC et du ONUDC", "ONUDC", FULL_FR, "fr") == "l'ONUDC et de l'ONUDC"
    assert agree_articles(f"La {FULL_FR} publie", FULL_FR, FULL_FR, "fr") == f"L'{FULL_FR} publie"
    convention = "Convention des Nations Unies contre la criminalité transnationale organisée"
    assert agree_articles(f"le {convention}", convention, convention, "fr") == f"la {convention}"
    assert agree_articles(f"El {FULL_ES}", FULL_ES, FULL_ES, "ru") == f"El {FULL_ES}"  # no articles in Russian


def test_nothing_is_doubled() -> None:
    name = "联合国毒品和犯罪问题办公室"
    assert undouble(f"{name}（{name}）发布了报告。", name) == f"{name}发布了报告。"
    assert undouble(f"{FULL_ES} ({FULL_ES}) publica", FULL_ES) == f"{FULL_ES} publica"
    assert undouble(f"{FULL_ES} (UNODC) publica", FULL_ES) == f"{FULL_ES} (UNODC) publica"


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium-eng-spa is not installed")
def test_apertium_drafts_keep_the_source_form_and_agree(glossary) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine("apertium", None, "es")
    engine.resolve()
    protector = Protector(engine, "es")
    sources = [BOTH, "The report of the United Nations Office on Drugs and Crime was issued.", "UNODC publishes it."]
    jobs = protector.translate(sources, [find_spans(text, term_specs(glossary, text, "es"), "es") for text in sources])
    assert jobs[0].output.startswith(f"La {FULL_ES} (UNODC) ")
    assert f"de la {FULL_ES}" in jobs[1].output and f"El {FULL_ES}" not in jobs[1].output
    assert jobs[2].output.startswith("UNODC ") and FULL_ES not in jobs[2].output
    assert all(job.output.count(FULL_ES) <= 1 for job in jobs)


def test_the_split_strategy_does_not_double_a_name_without_acronym(glossary, tiny_m2m100: Path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine("m2m100", str(tiny_m2m100), "zh", beam_size=1)
    engine.resolve()
    job = Protector(engine, "zh", "split").translate([BOTH], [find_spans(BOTH, term_specs(glossary, BOTH, "zh"), "zh")])
    assert job[0].output.count("联合国毒品和犯罪问题办公室") == 1


from mt_model import tiny_m2m100_fixture  # noqa: E402, F401 - session fixture
