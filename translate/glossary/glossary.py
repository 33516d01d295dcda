"""A loaded termbase: English source-term matching and per-language target checks.

Shared with drafting and review::

    glossary = load_glossaries(["glossaries/trafficking.tbx"])
    for hit in glossary.find_source_terms("Member States reported victims of trafficking in persons."):
        hit.concept_id, hit.start, hit.end, hit.text          # 'member-states', 0, 13, 'Member States'
        hit.target_terms("fr")                               # LangTerms(preferred, admitted, forbidden)
    glossary.check_target(source, target, "fr")              # TermCheck per hit: missing / forbidden / dnt
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, count
from pathlib import Path

from translate.errors import BadInputError
from translate.glossary.matching import AnalyzedText, TermSpan, Vocabulary, analyzer_for, fold
from translate.lang import TARGET_LANGUAGES, get_language
from translate.termbase import Concept, LangTerms

_NO_TERMS = LangTerms()
_Candidate = tuple[tuple[str, ...], int, tuple[Concept, ...]]
"""A source term's keys, their number and the concepts with that English term."""

_SOURCE_CACHE_SIZE = 50_000
ACCEPTED_GAP = 3
"""Words that may stand between the words of an accepted target term (coordination, inserted adjectives)."""


@dataclass(frozen=True)
class TermHit:
    """A glossary concept found in an English source text."""

    concept: Concept
    start: int
    end: int
    text: str
    """The matched source span as written (``Member States``)."""
    nested: tuple[TermHit, ...] = ()
    """Shorter concepts inside this span (``trafficking in persons`` inside ``victims of trafficking in persons``)."""

    @property
    def concept_id(self) -> str:
        return self.concept.id

    def target_terms(self, lang: str) -> LangTerms:
        return self.concept.target_terms(lang)

    def to_meta(self, lang: str) -> dict[str, str]:
        """The catalog ``terms`` metadata shape: ``{"id", "source", "target"}``."""
        return {"id": self.concept.id, "source": self.text, "target": self.target_terms(lang).preferred or ""}


@dataclass(slots=True)
class TermCheck:
    """The outcome for one source hit in one target text."""

    hit: TermHit
    lang: str
    found: tuple[str, ...] = ()
    """Accepted target terms (preferred or admitted) present in the target."""
    forbidden: tuple[tuple[Concept, str], ...] = ()
    """Forbidden terms present (of the concept or of a concept nested in its span)."""
    dnt_changed: bool = False
    checked: bool = True
    miscased: str = ""
    """An accepted term whose capitals carry meaning, present only in another case (UN «États Membres» written as
    the EU's «États membres»): the term as the target writes it."""
    """False when the concept has no term in this language."""

    @property
    def missing(self) -> bool:
        return self.checked and not self.hit.concept.dnt and not self.found and not self.forbidden


@dataclass
class Glossary:
    """Concepts from one or more termbases, indexed for matching."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    paths: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], tuple[Concept, ...]]]] | None = None
        self._source_cache: dict[str, list[TermHit]] = {}
        self._vocabularies: dict[str, Vocabulary] = {}
        self._concept_keys: dict[tuple[str, str], frozenset[str]] = {}
        """(concept id, lang) -> the keys of its accepted and forbidden terms in ``lang``."""
        self._source_table: dict[str, tuple[dict[str, list[_Candidate]], tuple[Concept, ...] | None]] | None = None
        """First key -> (second key -> the longer terms starting with both, longest first; the one-word term's
        concepts): the source index arranged so that a position is tested against a handful of terms."""
        self._source_keys: dict[str, str] = {}
        """English word (case folded) -> its key, for every word seen in a source text."""
        self._case_terms: dict[str, frozenset[str]] = {}
        """lang -> the accepted terms whose capitals carry meaning (see :meth:`_case_matters`)."""
        self._source_starts: set[str] = set()
        """The words of ``_source_keys`` whose key starts a term: a text with none of them has no hit."""

    def __len__(self) -> int:
        return len(self.concepts)

    def reset_caches(self) -> None:
        """Forget memoised source hits and target vocabularies (after changing the Russian backend)."""
        self._source_cache.clear()
        self._vocabularies.clear()
        self._index = self._source_table = None
        self._concept_keys.clear()
        self._case_terms.clear()
        self._source_keys.clear()
        self._source_starts.clear()

    def __iter__(self):
        return iter(self.concepts.values())

    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    def merge(self, other: Glossary) -> Glossary:
        """A new glossary with ``other``'s concepts added; the same id in ``other`` replaces the earlier one."""
        return Glossary({**self.concepts, **other.concepts}, self.paths + other.paths)

    # Source side -------------------------------------------------------------------------------------

    def _source_index(self) -> dict[str, list[tuple[tuple[str, ...], tuple[Concept, ...]]]]:
        if self._index is None:
            analyzer = analyzer_for("en")
            by_pattern: dict[tuple[str, ...], list[Concept]] = {}
            for concept in self.concepts.values():
                english = concept.english
                for term in dict.fromkeys(english.accepted):
                    pattern = tuple(next(iter(keys)) for keys in analyzer.pattern(term))
                    if pattern and concept not in by_pattern.setdefault(pattern, []):
                        by_pattern[pattern].append(concept)
            index: dict[str, list[tuple[tuple[str, ...], tuple[Concept, ...]]]] = {}
            for pattern, concepts in by_pattern.items():
                index.setdefault(pattern[0], []).append((pattern, tuple(concepts)))
            for candidates in index.values():
                candidates.sort(key=lambda item: -len(item[0]))
            self._index = index
        return self._index

    def _table(self) -> dict[str, tuple[dict[str, list[_Candidate]], tuple[Concept, ...] | None]]:
        if self._source_table is None:
            table = {}
            for first, candidates in self._source_index().items():
                longer: dict[str, list[_Candidate]] = {}
                single = None
                for pattern, concepts in candidates:  # longest first
                    if len(pattern) == 1:
                        single = concepts
                    else:
                        longer.setdefault(pattern[1], []).append((pattern, len(pattern), concepts))
                table[first] = (longer, single)
            self._source_table = table
        return self._source_table

    def find_source_terms(self, text: str) -> list[TermHit]:
        """Concepts in an English text: case-insensitive, plural-insensitive, longest match wins.

        Two concepts with the same English term both produce a hit over the same span.
        """
        cached = self._source_cache.get(text)
        if cached is not None:
            return cached
        hits = self._match_source(text)
        if len(self._source_cache) >= _SOURCE_CACHE_SIZE:
            self._source_cache.clear()
        self._source_cache[text] = hits
        return hits

    def _source_word_keys(self, words: list[str]) -> tuple[list[str], Iterable[int]] | None:
        """The keys of a source text's words and the positions where a term may start; None when no word
        can start a term. Each distinct word is analysed once per glossary; the steps over all the words of
        the text run in C (set operations, ``map``, ``compress``)."""
        known = self._source_keys
        distinct = set(words)
        unseen = distinct.difference(known)  # a dict operand: one look-up per word, in C
        if unseen:
            index, keys_of, starts = self._source_index(), analyzer_for("en").keys_of, self._source_starts
            for word in unseen:
                key = next(iter(keys_of(word)))  # an English word has exactly one key
                known[word] = key
                if key in index:
                    starts.add(word)
        starts = self._source_starts
        if distinct.isdisjoint(starts):
            return None
        return list(map(known.__getitem__, words)), compress(count(), map(starts.__contains__, words))

    def _match_source(self, text: str) -> list[TermHit]:
        index = self._source_index()
        english = analyzer_for("en")
        words = english.words(text)
        if words is None:  # glued words: the analyser splits them
            keys = [next(iter(found)) for found in english.scan_keys(text)]
            positions: Iterable[int] = [position for position, key in enumerate(keys) if key in index]
        else:
            found = self._source_word_keys(words)
            if found is None:
                return []
            keys, positions = found
        matches: list[tuple[int, int, tuple[Concept, ...]]] = []
        table, last = self._table(), len(keys) - 1
        for position in positions:
            longer, single = table[keys[position]]
            if longer and position < last:
                for pattern, size, concepts in longer.get(keys[position + 1], ()):
                    if size == 2 or tuple(keys[position : position + size]) == pattern:
                        matches.append((position, position + size, concepts))
            if single is not None:
                matches.append((position, position + 1, single))
        if not matches:
            return []
        starts, ends = english.offsets(text)
        folded = fold(text)
        shown = folded if len(folded) != len(text) else text
        # Offsets come from the case-folded text; they match the original unless folding changed lengths.

        def hit(start: int, end: int, concept: Concept, nested: tuple[TermHit, ...]) -> TermHit:
            begin, finish = starts[start], ends[end - 1]
            return TermHit(concept, begin, finish, shown[begin:finish], nested)

        hits: list[TermHit] = []
        taken_until = 0
        for start, end, concepts in sorted(matches, key=lambda item: (item[0], item[0] - item[1])):
            if start < taken_until:
                continue
            nested = tuple(
                hit(s, e, concept, ())
                for s, e, group in matches
                if start <= s and e <= end and (s, e) != (start, end)
                for concept in group
                if concept not in concepts
            )
            hits.extend(hit(start, end, concept, nested) for concept in concepts)
            taken_until = end
        return hits

    # Target side -------------------------------------------------------------------------------------

    def analyze_target(self, text: str, lang: str) -> AnalyzedText:
        """A ``lang`` text tokenised and indexed for this glossary's target terms."""
        return AnalyzedText(analyzer_for(lang), text, self._vocabulary(lang))

    def _vocabulary(self, lang: str) -> Vocabulary | None:
        if not get_language(lang).uses_spaces:
            return None
        vocabulary = self._vocabularies.get(lang)
        if vocabulary is None:
            terms = [
                term
                for concept in self.concepts.values()
                for term in concept.target_terms(lang).accepted + concept.target_terms(lang).forbidden
            ]
            vocabulary = Vocabulary(analyzer_for(lang), terms)
            self._vocabularies[lang] = vocabulary
        return vocabulary

    def find_target_terms(self, text: str, lang: str, terms: Iterable[str]) -> dict[str, list[TermSpan]]:
        """Where each of ``terms`` occurs in a ``lang`` text (inflection-aware): term -> spans."""
        analyzed = AnalyzedText(analyzer_for(lang), text)
        return {term: analyzed.find(term) for term in terms}

    def check_target(self, source: str, target: str, lang: str) -> list[TermCheck]:
        """For each concept found in ``source``: which accepted / forbidden terms ``target`` holds."""
        hits = self.find_source_terms(source)
        if not hits:
            return []
        only = self._hit_keys(hits, lang) if get_language(lang).uses_spaces else None
        analyzed = AnalyzedText(analyzer_for(lang), target, only=only)
        results = [self._check_hit(hit, analyzed, lang, target) for hit in hits]
        if any(result.forbidden for result in results):
            self._license(results, hits, analyzed, lang)
        for result in results:
            if result.found and self._case_matters(result.found[0], lang):
                miscased = _miscased(result.found[0], analyzed, target)
                if miscased:
                    result.found, result.miscased = (), miscased
        return results

    @staticmethod
    def _license(results: list[TermCheck], hits: list[TermHit], analyzed: AnalyzedText, lang: str) -> None:
        """Drop the forbidden terms that another concept of the source licenses: in "Traffickers and smugglers",
        «passeurs» is forbidden for traffickers but is the term for smugglers, found in the same source."""
        concepts = {hit.concept.id: hit.concept for hit in hits}
        concepts.update((inner.concept.id, inner.concept) for hit in hits for inner in hit.nested)
        for result in results:
            if result.forbidden:
                result.forbidden = tuple(
                    (owner, term)
                    for owner, term in result.forbidden
                    if not _licensed(term, owner, concepts.values(), analyzed, lang)
                )

    def _case_matters(self, term: str, lang: str) -> bool:
        """True when the capitals of ``term`` tell it from another concept's term (UN «États Membres», EU «États
        membres de l'Union européenne», «Estados Miembros» / «Estados miembros»): only there is case checked."""
        if lang not in self._case_terms:
            self._case_terms[lang] = _case_significant_terms(self.concepts.values(), lang)
        return term in self._case_terms[lang]

    def _hit_keys(self, hits: list[TermHit], lang: str) -> frozenset[str]:
        """The keys of every ``lang`` term that checking ``hits`` looks up (their concepts, nested ones too)."""
        found: set[str] = set()
        for hit in hits:
            found.update(self._keys_of_concept(hit.concept, lang))
            for inner in hit.nested:
                found.update(self._keys_of_concept(inner.concept, lang))
        return frozenset(found)

    def _keys_of_concept(self, concept: Concept, lang: str) -> frozenset[str]:
        found = self._concept_keys.get((concept.id, lang))
        if found is None:
            analyzer, terms = analyzer_for(lang), concept.target_terms(lang)
            found = frozenset(
                key for term in terms.accepted + terms.forbidden for keys in analyzer.pattern(term) for key in keys
            )
            self._concept_keys[(concept.id, lang)] = found
        return found

    @staticmethod
    def _check_hit(hit: TermHit, analyzed: AnalyzedText, lang: str, target: str) -> TermCheck:
        concept = hit.concept
        if concept.dnt:
            changed = unicodedata.normalize("NFKC", hit.text) not in unicodedata.normalize("NFKC", target)
            return TermCheck(hit, lang, dnt_changed=changed)
        terms = concept.terms.get(lang) or _NO_TERMS
        accepted = terms.accepted
        if analyzed.empty:  # no word of any looked-for term in the target
            return TermCheck(hit, lang, (), (), False, bool(accepted))
        found = None
        for term in accepted:
            if analyzed.contains(term, ACCEPTED_GAP):
                found = term
                break
        forbidden = _forbidden_present(hit, analyzed, lang) if terms.forbidden or hit.nested else []
        if found is not None and forbidden:
            # A forbidden term inside an accepted one (the same words) is no error.
            spans = [span for term in accepted if analyzed.contains(term, ACCEPTED_GAP) for span in analyzed.find(term)]
            forbidden = [
                (owner, term)
                for owner, term in forbidden
                if not all(_inside(span, spans) for span in analyzed.find(term))
            ]
        found_terms = (found,) if found is not None else ()
        return TermCheck(hit, lang, found_terms, tuple(forbidden), False, bool(accepted))

    # Look-up -----------------------------------------------------------------------------------------

    def lookup(self, text: str) -> list[Concept]:
        """Concepts whose terms (any language) occur in ``text``, or whose id equals it."""
        if text in self.concepts:
            return [self.concepts[text]]
        found = [hit.concept for hit in self.find_source_terms(text)]
        analyzed = {lang: AnalyzedText(analyzer_for(lang), text) for lang in TARGET_LANGUAGES}
        for concept in self.concepts.values():
            for lang, terms in concept.terms.items():
                if lang != "en" and any(analyzed[lang].contains(term) for term in terms.accepted + terms.forbidden):
                    found.append(concept)
                    break
        return list(dict.fromkeys(found))


def _forbidden_present(hit: TermHit, analyzed: AnalyzedText, lang: str) -> list[tuple[Concept, str]]:
    """Forbidden terms of the hit's concept, then of concepts nested in its span, present in the target.

    A term over text already reported (trafic d'êtres humains inside victimes du trafic d'êtres humains)
    is reported once.
    """
    owners = [hit.concept, *(inner.concept for inner in hit.nested)]
    forbidden: list[tuple[Concept, str]] = []
    reported: list[TermSpan] = []
    for owner in owners:
        for term in owner.target_terms(lang).forbidden:
            if not analyzed.contains(term):
                continue
            spans = analyzed.find(term)
            if not all(_overlaps(span, reported) for span in spans):
                forbidden.append((owner, term))
                reported.extend(spans)
    return forbidden


def _licensed(term: str, owner: Concept, concepts: Iterable[Concept], analyzed: AnalyzedText, lang: str) -> bool:
    """True when every occurrence of the forbidden ``term`` is (inside) an accepted term of another concept."""
    spans = analyzed.find(term)
    if not spans:
        return False
    accepted = [
        span
        for concept in concepts
        if concept.id != owner.id
        for other in concept.target_terms(lang).accepted
        for span in analyzed.find(other)
    ]
    return all(_inside(span, accepted) for span in spans)


_CASE_WORD = re.compile(r"[^\W\d_]+")


def _case_significant_terms(concepts: Iterable[Concept], lang: str) -> frozenset[str]:
    """Accepted terms with a capital after their first word whose words, in another case, begin another concept's
    term: «États Membres» against «États membres de l'Union européenne»."""
    if not get_language(lang).is_latin_script:  # UN French and Spanish capitals (États Membres)
        return frozenset()
    terms = [(concept.id, term) for concept in concepts for term in concept.target_terms(lang).accepted]
    found = set()
    for concept_id, term in terms:
        words = _CASE_WORD.findall(term)
        if len(words) < 2 or not any(word[0].isupper() for word in words[1:]):
            continue
        for other_id, other in terms:
            other_words = _CASE_WORD.findall(other)[: len(words)]
            if (
                other_id != concept_id
                and [word.casefold() for word in other_words] == [word.casefold() for word in words]
                and other_words != words
            ):
                found.add(term)
    return frozenset(found)


def _miscased(term: str, analyzed: AnalyzedText, target: str) -> str:
    """The target's spelling of ``term`` when no occurrence has the term's capitals (after its first word); ""
    when one has, or when the text's offsets cannot be trusted (case folding changed its length)."""
    if len(fold(target)) != len(target):
        return ""
    wanted = _CASE_WORD.findall(term)[1:]
    written = ""
    for span in analyzed.find(term):
        words = _CASE_WORD.findall(target[span.start : span.end])
        if len(words) != len(wanted) + 1:
            return ""
        if all(word.isupper() or word[0] == want[0] for word, want in zip(words[1:], wanted, strict=True)):
            return ""
        written = target[span.start : span.end]
    return written


def _overlaps(span, spans) -> bool:
    return any(other.start < span.end and span.start < other.end for other in spans)


def _inside(span, spans) -> bool:
    return any(other.start <= span.start and span.end <= other.end for other in spans)


def load_glossary(path: str | Path) -> Glossary:
    """Read one termbase: ``.tbx`` (or ``.xml``) as TBX, ``.csv`` as the glossary CSV contract."""
    from translate.formats.glossary_csv import read_glossary_csv
    from translate.formats.tbx import read_tbx

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        concepts = read_tbx(path)
    elif suffix in (".csv", ".tsv"):
        concepts = read_glossary_csv(path)
    else:
        raise BadInputError(path, "unknown glossary format (expected .tbx or .csv)")
    return Glossary({concept.id: concept for concept in concepts}, (str(path),))


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Load and merge termbases in order; a later file's concept replaces an earlier one with the same id."""
    merged = Glossary()
    for path in paths:
        merged = merged.merge(load_glossary(path))
    return merged
