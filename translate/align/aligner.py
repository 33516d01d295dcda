"""Two-level alignment of an English document and its translation: paragraphs, then sentences within them.

Sentences are cut exactly as the importer cuts the English source (:func:`translate.importer.paragraph_sentences`,
labels kept apart), so that an aligned unit is an exact match for the same sentence in a future job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from translate.align.anchors import Anchors, text_anchors
from translate.align.cost import CostModel, Item, pair_score
from translate.align.dynamic import FIRST_PASS_BEADS, PARAGRAPH_BEADS, SENTENCE_BEADS, align, corridor
from translate.align.lexicon import COGNATE_SCRIPTS, Lexicon, cognate_keys, target_keys
from translate.formats.document import Paragraph, SourceDocument
from translate.formats.inline import strip_tags
from translate.importer import UNSPLIT_KINDS
from translate.lang import get_language
from translate.segmentation import split_sentences

Translator = Callable[[list[str]], list[str]]
"""English texts -> machine translations, in order (an MT engine's batch call)."""


@dataclass
class Link:
    """English sentences linked to target sentences (either side may be empty: an omission or an addition)."""

    english: list[str]
    target: list[str]
    score: float
    paragraph: int
    """Index of the first English paragraph of the group (or -1 for an added target paragraph)."""
    status: str = "auto"
    """auto (at or above the threshold), pending (below it: written only once confirmed), confirmed, skipped."""

    @property
    def shape(self) -> str:
        return f"{len(self.english)}-{len(self.target)}"

    @property
    def is_pair(self) -> bool:
        return bool(self.english) and bool(self.target)

    def to_dict(self) -> dict[str, object]:
        return {
            "english": self.english,
            "target": self.target,
            "score": round(self.score, 4),
            "paragraph": self.paragraph,
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Link:
        return cls(
            english=[str(text) for text in data.get("english", [])],  # type: ignore[union-attr]
            target=[str(text) for text in data.get("target", [])],  # type: ignore[union-attr]
            score=float(data.get("score", 0.0)),  # type: ignore[arg-type]
            paragraph=int(data.get("paragraph", -1)),  # type: ignore[call-overload]
            status=str(data.get("status", "pending")),
        )


@dataclass
class Alignment:
    """The result of aligning one document pair."""

    lang: str
    english_path: str
    target_path: str
    links: list[Link] = field(default_factory=list)
    ratio: float = 1.0
    threshold: float = 0.5

    def pairs(self) -> list[Link]:
        """The links with text on both sides."""
        return [link for link in self.links if link.is_pair]

    def writable(self) -> list[Link]:
        """What goes into a memory: links with both sides that are confident enough or confirmed."""
        return [link for link in self.pairs() if link.status in ("auto", "confirmed")]

    # A linguist's decisions (hexaglot align --review) ---------------------------------------------------

    def confirm(self, index: int) -> None:
        """The link is right: it enters the memory whatever its score."""
        if self.links[index].is_pair:
            self.links[index].status = "confirmed"

    def skip(self, index: int) -> None:
        """The link is wrong or useless: it never enters the memory."""
        self.links[index].status = "skipped"

    def join(self, index: int) -> None:
        """Join a link with the next one (a sentence the aligner left alone, a split it got wrong)."""
        if index + 1 >= len(self.links):
            return
        first, second = self.links[index], self.links[index + 1]
        joined = Link(
            first.english + second.english,
            first.target + second.target,
            min(first.score, second.score),
            first.paragraph if first.english else second.paragraph,
            "confirmed",
        )
        self.links[index : index + 2] = [joined]

    def split(self, index: int) -> None:
        """Split a link after its first sentences: (first English, first target) + (the rest, the rest)."""
        link = self.links[index]
        if len(link.english) < 2 and len(link.target) < 2:
            return
        head = Link(link.english[:1], link.target[:1], link.score, link.paragraph, "pending")
        tail = Link(link.english[1:], link.target[1:], link.score, link.paragraph, "pending")
        for part in (head, tail):
            if not part.is_pair:
                part.status = "auto"
        self.links[index : index + 1] = [head, tail]


@dataclass
class _Block:
    """A paragraph as sentences (or kept whole), with its label."""

    label: str
    sentences: list[str]
    cell: bool = False
    """A table cell (never merged with a neighbour)."""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def blocks_of(document: SourceDocument, lang: str) -> list[_Block]:
    """The paragraphs of ``document`` cut into sentences by ``lang``'s rules, as the importer cuts them."""
    return [_block(paragraph, lang) for paragraph in document.paragraphs if paragraph.text.strip()]


def _block(paragraph: Paragraph, lang: str) -> _Block:
    if paragraph.kind in UNSPLIT_KINDS:
        sentences = [paragraph.text.strip()]
    else:
        sentences = split_sentences(paragraph.text, lang) or [paragraph.text.strip()]
    return _Block(paragraph.label, sentences, paragraph.kind == "table-cell")


def measure_ratio(english: Sequence[str], target: Sequence[str]) -> float:
    """Target characters per English character over the whole document pair."""
    english_chars = sum(_length(text) for text in english)
    target_chars = sum(_length(text) for text in target)
    if not english_chars or not target_chars:
        return 1.0
    return target_chars / english_chars


def _length(text: str) -> int:
    text = strip_tags(text)
    return len("".join(text.split())) + text.count(" ")


@dataclass
class _Features:
    """What the aligner knows about words beyond lengths and anchors."""

    lang: str
    concepts: Callable[[str, str], Anchors] | None = None
    mt: dict[str, str] | None = None
    lexicon: Lexicon | None = None

    _base: dict[tuple[str, str, str], tuple[Anchors, frozenset[str]]] = field(default_factory=dict)

    def item(self, text: str, lang: str, label: str = "", cell: bool = False) -> Item:
        base = self._base.get((text, lang, label))
        if base is None:
            anchors = text_anchors(text, lang, label)
            if self.concepts is not None:
                anchors = anchors + self.concepts(text, lang)
            base = (
                anchors,
                cognate_keys(text, lang) if get_language(self.lang).script in COGNATE_SCRIPTS else frozenset(),
            )
            self._base[(text, lang, label)] = base
        anchors, keys = base
        if self.lexicon is not None:
            keys = keys | (self.lexicon.english_keys(text) if lang == "en" else target_keys(text, lang))
        mt = self.mt.get(text) if self.mt and lang == "en" else None
        return Item(text, _length(text), anchors, mt, keys, cell)


LEXICON_SAMPLE = 1500
LEXICON_MIN_SCORE = 0.6
"""First-pass 1:1 links at or above this score teach the lexicon of the second pass."""


def align_documents(
    english: SourceDocument,
    target: SourceDocument,
    lang: str,
    *,
    threshold: float = 0.5,
    translator: Translator | None = None,
    concepts: Callable[[str, str], Anchors] | None = None,
) -> Alignment:
    """Align ``english`` with its ``lang`` translation: paragraphs first, then sentences within each group.

    A first pass uses lengths, anchors and cognates; its confident links teach a lexicon (English word ->
    target words) and a second pass, searched near the first path, uses it too. ``translator`` (English texts
    -> MT) adds the similarity of the MT to the target; ``concepts(text, lang)`` adds glossary concepts as weak
    anchors.
    """
    english_blocks = blocks_of(english, "en")
    target_blocks = blocks_of(target, lang)
    ratio = measure_ratio([block.text for block in english_blocks], [block.text for block in target_blocks])
    features = _Features(lang, concepts, _translate_all(english_blocks, translator))
    paragraphs, path = _two_levels(english_blocks, target_blocks, ratio, features, sentences=False)
    confident = [link for link in paragraphs if link.shape == "1-1" and link.score >= LEXICON_MIN_SCORE]
    confident = confident[:: max(1, len(confident) // LEXICON_SAMPLE)]  # enough to learn from, at any length
    lexicon = Lexicon.learn(((link.english[0], link.target[0]) for link in confident), lang)
    if len(lexicon) >= MIN_LEXICON:
        features.lexicon = lexicon
    links, _ = _two_levels(english_blocks, target_blocks, ratio, features, previous=path)
    result = Alignment(lang, str(english.path), str(target.path), links, ratio=ratio, threshold=threshold)
    for link in result.links:
        if link.is_pair:
            link.status = "auto" if link.score >= threshold else "pending"
    return result


MIN_LEXICON = 20
LEXICON_SAMPLE = 1500


def _two_levels(
    english_blocks: list[_Block],
    target_blocks: list[_Block],
    ratio: float,
    features: _Features,
    previous: list[tuple[int, int, int, int]] | None = None,
    sentences: bool = True,
) -> tuple[list[Link], list[tuple[int, int, int, int]]]:
    """Paragraphs aligned (near ``previous`` when given), then, with ``sentences``, the sentences inside each
    group; without, one link per paragraph group (its paragraphs' texts)."""
    english_items = [features.item(block.text, "en", block.label, block.cell) for block in english_blocks]
    target_items = [features.item(block.text, features.lang, block.label, block.cell) for block in target_blocks]
    beads = PARAGRAPH_BEADS if previous is not None else FIRST_PASS_BEADS
    model = CostModel(english_items, target_items, ratio, largest=max(max(bead) for bead in beads))
    limits = corridor(previous, len(english_items), len(target_items)) if previous is not None else None
    path = align(len(english_items), len(target_items), model.row_cost, beads, limits)
    if not sentences:
        return [
            Link([b.text for b in english_blocks[i : i + k]], [b.text for b in target_blocks[j : j + size]],
                 model.score(i, k, j, size), i)
            for i, k, j, size in path
        ], path  # fmt: skip
    links: list[Link] = []
    for i, k, j, size in path:
        english_sentences = [s for block in english_blocks[i : i + k] for s in block.sentences]
        target_sentences = [s for block in target_blocks[j : j + size] for s in block.sentences]
        labels = (english_blocks[i].label if k else "", target_blocks[j].label if size else "")
        links.extend(align_sentences(english_sentences, target_sentences, ratio, features, i if k else -1, labels))
    return links, path


def align_sentences(
    english: list[str],
    target: list[str],
    ratio: float,
    features: _Features,
    paragraph: int = 0,
    labels: tuple[str, str] = ("", ""),
) -> list[Link]:
    """Sentence links within one aligned paragraph group (1:1, 1:2, 2:1, 2:2, 1:0, 0:1 ...)."""
    if not english or not target:
        return [Link([s], [], 0.0, paragraph) for s in english] + [Link([], [s], 0.0, paragraph) for s in target]
    if len(english) == 1 and len(target) == 1:
        english_item = features.item(english[0], "en", labels[0])
        target_item = features.item(target[0], features.lang, labels[1])
        return [Link(english, target, pair_score(english_item, target_item, ratio, bool(features.mt)), paragraph)]
    english_items = [features.item(s, "en", labels[0] if n == 0 else "") for n, s in enumerate(english)]
    target_items = [features.item(s, features.lang, labels[1] if n == 0 else "") for n, s in enumerate(target)]
    model = CostModel(english_items, target_items, ratio, use_mt=bool(features.mt))
    return [
        Link(english[i : i + k], target[j : j + size], model.score(i, k, j, size), paragraph)
        for i, k, j, size in align(len(english), len(target), model.row_cost, SENTENCE_BEADS)
    ]


def _translate_all(blocks: list[_Block], translator: Translator | None) -> dict[str, str] | None:
    if translator is None:
        return None
    sentences = list(dict.fromkeys(s for block in blocks for s in block.sentences))
    return dict(zip(sentences, translator(sentences), strict=True))
