"""The evaluation of benchmarks/glossary_eval.py as a test: recall 1.0 and precision >= 0.95 per language."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from translate.glossary import load_glossaries

REPO = Path(__file__).resolve().parents[1]
LANGS = ("ar", "zh", "fr", "ru", "es")


def load_eval():
    spec = importlib.util.spec_from_file_location("glossary_eval", REPO / "benchmarks" / "glossary_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["glossary_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation():
    module = load_eval()
    return module, load_glossaries([REPO / "glossaries" / "trafficking.csv"])


def test_handmade_variants_alone_meet_the_targets(evaluation) -> None:
    """Every planted error and inflection of the hand-written cases, with no data folder needed."""
    module, glossary = evaluation
    for lang, source, target, expected in module.handmade_cases():
        assert module.findings(glossary, source, target, lang) == expected, (lang, source, target)


def test_real_pairs_meet_recall_and_precision_targets(evaluation, shared_data: Path) -> None:
    module, glossary = evaluation
    tallies = module.evaluate(glossary, "pymorphy3")
    for lang in LANGS:
        tally = tallies[lang]
        assert tally.pairs >= 25, f"{lang}: only {tally.pairs} real sentence pairs"
        assert tally.recall == 1.0, (lang, tally.misses)
        assert tally.precision >= 0.95, (lang, tally.false_alarms)
        assert tally.planted >= 100


def test_sdg_trafficking_targets_raise_no_false_alarm(evaluation, shared_data: Path) -> None:
    """SDG 5.2, 8.7, 16.2 and 16.2.2 render 'trafficking' differently; the official texts are all accepted."""
    module, glossary = evaluation
    wanted = {"5-2", "8-7", "16-2", "16-2-2", "15-7"}
    checked = 0
    for lang, items in module.real_pairs().items():
        for pair_id, source, target in items:
            if pair_id.startswith("sdg:") and pair_id.split(":")[2].rsplit("-", 1)[0] in wanted:
                assert module.findings(glossary, source, target, lang) == set(), (pair_id, lang, target)
                checked += 1
    assert checked == 25


def test_pymorphy3_is_at_least_as_good_as_snowball(evaluation, shared_data: Path) -> None:
    module, glossary = evaluation
    snowball = module.evaluate(glossary, "snowball")["ru"]
    pymorphy = module.evaluate(glossary, "pymorphy3")["ru"]
    assert pymorphy.recall >= snowball.recall
    assert pymorphy.fp <= snowball.fp
