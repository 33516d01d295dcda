"""How good were the MT drafts: BLEU, chrF and TER (sacrebleu) per language and engine.

Two comparisons:

* a workflow's MT drafts (the original MT text kept in each entry's ``mt`` metadata, which survives human
  edits) against the translation reviewers approved: how much reviewers changed, per language and engine;
* any hypothesis file against a reference file, line by line.

Chinese is scored with sacrebleu's ``zh`` tokenizer for BLEU and ``asian_support`` for TER.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.catalog import Catalog, SegmentState, get_meta, state_of
from translate.errors import BadInputError
from translate.lang import get_language
from translate.utf8 import read_utf8
from translate.workflow import Workflow


@dataclass
class Score:
    """Corpus scores of one set of hypotheses against references."""

    lang: str
    segments: int
    bleu: float
    chrf: float
    ter: float
    signatures: dict[str, str] = field(default_factory=dict)
    engine: str = ""
    model: str = ""


def corpus_score(hypotheses: Sequence[str], references: Sequence[str], lang: str) -> Score:
    """BLEU, chrF and TER of ``hypotheses`` against one reference each."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if len(hypotheses) != len(references):
        raise ValueError("hypotheses and references differ in number")
    language = get_language(lang)
    metrics = {
        "BLEU": BLEU(tokenize=language.bleu_tokenize),
        "chrF": CHRF(),
        "TER": TER(asian_support=not language.uses_spaces),
    }
    refs = [list(references)]
    values = {name: metric.corpus_score(list(hypotheses), refs).score for name, metric in metrics.items()}
    signatures = {name: str(metric.get_signature()) for name, metric in metrics.items()}
    return Score(lang, len(hypotheses), values["BLEU"], values["chrF"], values["TER"], signatures)


def approved_pairs(catalog: Catalog) -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    """(engine, model) -> (original MT texts, approved translations) for approved segments drafted by MT."""
    from translate.catalog import source_hash

    pairs: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for entry in catalog:
        if state_of(entry) != SegmentState.APPROVED:
            continue
        mt = get_meta(entry, "mt")
        if not mt or not mt.get("text") or mt.get("source") != source_hash(entry.msgid):
            continue
        hyps, refs = pairs.setdefault((str(mt.get("engine", "?")), str(mt.get("model", "?"))), ([], []))
        hyps.append(str(mt["text"]))
        refs.append(entry.msgstr)
    return pairs


def evaluate_workflow(wf: Workflow, langs: Iterable[str] | None = None) -> list[Score]:
    """One :class:`Score` per language and engine/model with at least one approved MT-drafted segment."""
    scores: list[Score] = []
    for lang in langs or wf.target_languages:
        path = wf.catalog_path(lang)
        if not path.exists():
            continue
        from translate.store import sync_language

        sync_language(wf, lang)  # the file holds every save of the working store
        for (engine, model), (hyps, refs) in sorted(approved_pairs(Catalog.load(path, lang)).items()):
            result = corpus_score(hyps, refs, lang)
            result.engine, result.model = engine, model
            scores.append(result)
    return scores


def read_lines(path: Path) -> list[str]:
    """A plain-text file of one segment per line (UTF-8)."""
    return read_utf8(path, controls=False).splitlines()


def evaluate_files(hypothesis: Path, reference: Path, lang: str) -> Score:
    """Score a hypothesis file against a reference file, line by line."""
    hyps, refs = read_lines(hypothesis), read_lines(reference)
    if len(hyps) != len(refs):
        raise BadInputError(hypothesis, f"{len(hyps)} lines but the reference {reference} has {len(refs)}")
    if not hyps:
        raise BadInputError(hypothesis, "no lines to evaluate")
    return corpus_score(hyps, refs, lang)
