"""Re-import's fuzzy matching (issue 19 item 2): the bulk matcher chooses exactly what the old quadratic loop chose,
and the catalog lock is held for the write only, never losing a reviewer's save made during the matching."""

from __future__ import annotations

import random
from pathlib import Path

import polib
import pytest
from rapidfuzz import fuzz, process

from translate import importer, previous_match
from translate.catalog import Catalog, approve, catalog_lock, provenance_of, set_translated
from translate.importer import SourceSegment, import_workflow, merge_segments
from translate.previous_match import FUZZY_CUTOFF, DocumentPool
from translate.workflow import load_workflow


@pytest.fixture(params=["bounds", "direct"], autouse=True)
def scan_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with the bounds (no direct scan of small pools) and with the default direct scan."""
    if request.param == "bounds":
        monkeypatch.setattr(previous_match, "DIRECT_SCAN", 0)
    return request.param


def _reference_take(segment: SourceSegment, unused: dict[int, polib.POEntry]) -> polib.POEntry | None:
    """The matching as it was before issue 19: every unused entry of the document, scored one query at a time."""
    candidates = {
        key: entry.msgid
        for key, entry in unused.items()
        if entry.msgstr and importer._document_of(entry) == segment.document
    }
    if not candidates:
        return None
    best = process.extractOne(segment.text, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return None if best is None else unused[best[2]]


def _sentences(shared_data: Path, count: int) -> list[str]:
    lines = (shared_data / "flores200-devtest" / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()][:count]


def _edit(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 4)):
        position = rng.randrange(len(words))
        action = rng.random()
        if action < 0.5:
            words[position] = rng.choice(vocabulary)
        elif action < 0.75 and len(words) > 2:
            del words[position]
        else:
            words.insert(position, rng.choice(vocabulary))
    return " ".join(words)


def _catalog(tmp_path: Path, documents: dict[str, list[str]]) -> Catalog:
    catalog = Catalog.new(tmp_path / "fr.po", "fr", "matching")
    for document, texts in documents.items():
        for number, text in enumerate(texts, start=1):
            entry = polib.POEntry(msgctxt=f"{document}:p{number}:1", msgid=text, msgstr="")
            if number % 7:  # some old sentences were never translated: they are no candidates
                set_translated(entry, f"[fr] {text}", by="amelie")
                if number % 3 == 0:
                    approve(entry, by="claire")
            catalog.po.append(entry)
    return catalog


def _outcome(catalog: Catalog) -> list[tuple]:
    rows = []
    for entry in catalog.po:
        provenance = provenance_of(entry)
        score = provenance.score if provenance is not None else None
        rows.append((entry.msgctxt, entry.msgid, entry.msgstr, entry.previous_msgid, entry.obsolete, score))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulk_matching_chooses_what_the_old_loop_chose(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Real FLORES sentences in two documents, 90 % of them edited (1-4 words), some duplicated (ties go to the
    first), some new, some unrelated: the same old entry is taken for every changed sentence, with the same score."""
    rng = random.Random(seed)
    texts = _sentences(shared_data, 700)
    vocabulary = sorted({word for text in texts for word in text.split() if word.isalpha()})
    old = {"report": texts[:400] + texts[:10], "annex": texts[400:650]}
    segments = []
    for document, sentences in old.items():
        new_texts = [_edit(text, rng, vocabulary) if rng.random() < 0.9 else text for text in sentences]
        new_texts += texts[650:700] if document == "annex" else [texts[420], texts[430]]  # new or another document's
        rng.shuffle(new_texts)
        for number, text in enumerate(new_texts, start=1):
            segments.append(SourceSegment(f"{document}:p{number}:1", text, document, f"{document}.md", number, ""))
    ours = _catalog(tmp_path, old)
    reference = _catalog(tmp_path, old)

    stats = merge_segments(ours, segments)
    with monkeypatch.context() as patched:
        patched.setattr(importer._FuzzyMatcher, "__init__", _reference_init)
        patched.setattr(importer._FuzzyMatcher, "take", _reference_matcher_take)
        expected = merge_segments(reference, segments)

    assert stats == expected
    assert stats.changed > 400
    assert _outcome(ours) == _outcome(reference)


def _reference_init(self, old_active: list[polib.POEntry], unused: dict[int, polib.POEntry]) -> None:
    self.old_active, self.unused = old_active, unused


def _reference_matcher_take(self, segment: SourceSegment) -> tuple[int, float] | None:
    entry = _reference_take(segment, self.unused)
    if entry is None:
        return None
    position = next(n for n, old in enumerate(self.old_active) if old is entry)
    return position, fuzz.ratio(segment.text, entry.msgid)


@pytest.mark.parametrize(
    ("alphabet", "longest"),
    [("abcdefgh مرحبا 贩卖人口问题", 60), ("ab", 9), ("abc de", 14)],
    ids=["mixed", "ab", "abc"],
)
def test_document_pool_equals_extract_one_on_every_step(alphabet: str, longest: int) -> None:
    """Ties (many, with a two-letter alphabet), short strings, Arabic and Chinese, queries below the cut-off: at
    each step the pool answers as extractOne over the sentences still available, in order."""
    rng = random.Random(7)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest))) for _ in range(300)]
    texts += texts[:30]  # exact duplicates: the first must win
    pool = DocumentPool(list(texts))
    available = list(range(len(texts)))
    for _ in range(400):
        base = rng.choice(texts)
        query = "".join(char if rng.random() > 0.2 else rng.choice(alphabet) for char in base) or "a"
        found = pool.take_best(query)
        best = process.extractOne(query, [texts[n] for n in available], scorer=fuzz.ratio, score_cutoff=60)
        if best is None:
            assert found is None
            continue
        assert found == (available[best[2]], best[1])
        available.remove(found[0])


def test_a_tie_with_the_seed_goes_to_the_first_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed's score is the cut-off of the final scoring: a sentence before the seed's own, with the same score,
    must still be found and win the tie."""
    monkeypatch.setattr(previous_match, "SEED_CANDIDATES", 1)
    query = "trafficking in persons remains a crime"
    first = "trafficking in persons remains a crimx"  # one letter changed: lacks "crime", the query's rarest word
    seeded = "trafficking in persons remainx a crime"  # one letter changed too, and the only one with "crime"
    fillers = [f"trafficking in persons remains a concern in region {n}" for n in range(150)]
    texts = [first, *fillers, seeded]
    assert fuzz.ratio(query, first) == fuzz.ratio(query, seeded)
    pool = DocumentPool(texts)
    assert pool._seed_score(query) == fuzz.ratio(query, seeded)
    assert pool.take_best(query) == (0, fuzz.ratio(query, first))
    assert pool.take_best(query) == (len(texts) - 1, fuzz.ratio(query, seeded))


def test_matching_runs_without_the_lock_and_a_save_made_meanwhile_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer approves (and another translates an untranslated segment) while the import is matching:
    the lock is free during the matching, and the import writes on top of both saves."""
    from test_importer import CHAPTER, make_workflow

    root = make_workflow(tmp_path)
    workflow = load_workflow(root)
    import_workflow(workflow)
    path = workflow.catalog_path("fr")
    catalog = Catalog.load(path)
    for entry in catalog:
        if entry.msgid != "It is covered by a separate Protocol.":
            set_translated(entry, f"[fr] {entry.msgid}", by="amelie")
    catalog.save()
    changed = CHAPTER.replace("141 countries", "156 countries")
    (root / "sources" / "chapter.md").write_text(changed, encoding="utf-8")

    saves = {"done": 0}
    take_best = DocumentPool.take_best

    def matching(self, query, cutoff=FUZZY_CUTOFF):
        if not saves["done"]:
            with catalog_lock(workflow.lock_path("fr"), path, timeout=0.1):  # free: nobody holds it
                during = Catalog.load(path)
                for entry in during:
                    if entry.msgid == "Smuggling of migrants is a distinct crime.":
                        approve(entry, by="claire", text="Le trafic illicite de migrants est un crime distinct.")
                    if entry.msgid == "It is covered by a separate Protocol.":
                        set_translated(entry, "Il relève d'un protocole distinct.", by="bastien")
                during.save()
            saves["done"] = 1
        return take_best(self, query, cutoff)

    monkeypatch.setattr(DocumentPool, "take_best", matching)
    report = import_workflow(workflow)

    assert saves["done"] == 1
    assert report.languages["fr"].changed == 1
    after = {entry.msgid: entry for entry in Catalog.load(path)}
    assert after["Smuggling of migrants is a distinct crime."].msgstr == (
        "Le trafic illicite de migrants est un crime distinct."
    )
    assert after["It is covered by a separate Protocol."].msgstr == "Il relève d'un protocole distinct."
    moved = after["The Global Report covers 156 countries."]
    assert moved.previous_msgid == "The Global Report covers 141 countries."
    assert moved.msgstr == "[fr] The Global Report covers 141 countries."


def test_a_save_that_keeps_the_sentences_reuses_the_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Matching once is enough when the file under the lock has the same sentences and translated states."""
    from test_importer import CHAPTER, make_workflow, translate_everything

    root = make_workflow(tmp_path)
    workflow = load_workflow(root)
    import_workflow(workflow, ["fr"])
    translate_everything(root)
    (root / "sources" / "chapter.md").write_text(CHAPTER.replace("60 per cent", "65 per cent"), encoding="utf-8")
    calls = []
    take_best = DocumentPool.take_best

    def counting(self, query, cutoff=FUZZY_CUTOFF):
        calls.append(query)
        return take_best(self, query, cutoff)

    monkeypatch.setattr(DocumentPool, "take_best", counting)
    report = import_workflow(workflow, ["fr"])
    assert report.languages["fr"].changed == 1
    assert calls == ["Women and girls accounted for 65 per cent of them."]
