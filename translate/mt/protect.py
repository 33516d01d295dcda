"""Terms and protected spans through MT: glossary terms come out as the approved target term; UN document
symbols, numbers, URLs and footnote markers come out unchanged.

Three strategies, all ending with the same guarantee (every protected span is in the draft):

``prefix`` (default for neural engines; constrained decoding)
    The source goes to the model untouched, so the sentence stays fluent. Any span the model did not
    produce is forced: the output is cut where the span belongs (its relative position in the source) and
    decoding restarts with that text plus the span as a forced target prefix (CTranslate2 ``target_prefix``,
    transformers ``decoder_input_ids``); the model then continues fluently after it. One extra decode per
    missing span. (transformers 5 moved ``force_words_ids`` constrained beam search to a hub repository that
    needs ``trust_remote_code``, which hexaglot never enables; a prefix is the constraint both engines honour.)
``placeholder`` (default for apertium)
    Spans are replaced by ``XX0XX`` tokens before MT and put back after. Rule-based MT copies them perfectly;
    neural models may drop or inflect around them, and lose agreement with a term they cannot see.
``split``
    The text between spans is translated piece by piece and re-joined around the spans. Always preserves,
    costs fluency: the fallback ("repair") of the two others when a span is still missing.

Moses punctuation normalisation (sacremoses, as the opus-mt models were trained with) is applied to the text
outside the spans before MT; spans themselves are never normalised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from translate.errors import HexaglotError
from translate.formats.inline import TAG
from translate.lang import get_language
from translate.mt.agreement import agree_articles, undouble
from translate.mt.base import Engine
from translate.patterns import CJK, FOOTNOTE_MARKER, UN_SYMBOL
from translate.references import dotted_references

STRATEGIES = ("prefix", "placeholder", "split")
MAX_FORCED_SPANS = 8
MAX_PREFIX_RATIO = 3
"""A forced prefix longer than this many times the source (characters) means the model is lost: repair."""
"""A segment with more missing spans than this goes straight to the split repair."""

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]*[\w/#=&%+~-]")
NUMBER = re.compile(r"(?<![\w.,/])\d+(?:[.,/]\d+)*(?![\w/])")
"""Numbers as written (1,250.5; 2020) and resolution numbers (55/100); not ordinals like 81st."""
PERCENT = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*)\s?(?:per\s?cent\b|percent\b|%)")
"""A percentage: 30.5 per cent, 61 %, 25%."""
PRIORITY = {"tag": -1, "url": 0, "symbol": 1, "footnote": 2, "reference": 3, "term": 4, "percent": 5, "number": 6}
"""Inline formatting placeholders (``<1>``, ``</1>``, ``<2/>``) first: each must reach the output as written."""
SENTINEL = "HXSPAN{}HX"
SENTINEL_FOUND = re.compile(r"HXSPAN(\d+)HX")
PLACEHOLDER = "XX{}XX"
PLACEHOLDER_FOUND = re.compile(r"X\s?X\s?(\d+)\s?X\s?X")
BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")
"""Runs of ordinary white space; the no-break spaces of French and Russian numbers are kept."""
LETTERS = re.compile(r"[^\W\d_]")
CJK_SPACE = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])|(?<=[{CJK}])\\s+(?=\\w)|(?<=\\w)\\s+(?=[{CJK}])")


@dataclass(frozen=True)
class Span:
    """A part of the source that must reach the translation as ``output``."""

    kind: str
    """tag (an inline formatting placeholder), url, symbol, footnote, reference (the 16.2 of target 16.2: kept as
    written), term, percent or number."""
    start: int
    end: int
    text: str
    output: str
    """The source text itself, the approved target term for a glossary term, or a number or percentage in the
    target language's format (1,250.5 -> 1 250,5 in French; 30.5 per cent -> 30,5 процента in Russian)."""
    accepted: tuple[str, ...] = ()
    """For terms: every target form that counts as the term being there (preferred and admitted)."""
    term_id: str | None = None
    name: str = ""
    """For terms: the concept's full name in the target language, whose head noun the articles agree with."""


@dataclass(frozen=True)
class TermSpec:
    """A glossary hit as the protector needs it (built by the draft pipeline from the glossary's TermHit)."""

    id: str
    start: int
    end: int
    source: str
    target: str
    accepted: tuple[str, ...] = ()
    name: str = ""
    """The concept's full name in the target language (``target`` may be its acronym): for article agreement."""


@dataclass
class ProtectionStats:
    """What happened to the spans, for the draft report and the protection measurement."""

    segments: int = 0
    spans: int = 0
    kept_by_model: int = 0
    """Spans present in the model's first output (placeholders restored, or term/span produced)."""
    forced: int = 0
    """Spans put in by a forced target prefix (constrained decoding)."""
    repaired_segments: int = 0
    """Segments that needed the split repair."""
    decodes: int = 0
    """Sentences sent to the engine (first pass, forced prefixes, split pieces)."""
    missing_after: int = 0
    failed: int = 0
    """Segments given no draft (the engine failed on them, or their output was not proven theirs)."""
    by_kind: dict[str, int] = field(default_factory=dict)

    def add(self, other: ProtectionStats) -> None:
        for name in (
            "segments",
            "spans",
            "kept_by_model",
            "forced",
            "repaired_segments",
            "decodes",
            "missing_after",
            "failed",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, count in other.by_kind.items():
            self.by_kind[kind] = self.by_kind.get(kind, 0) + count


# --- finding spans ----------------------------------------------------------------------------------------


def find_spans(text: str, terms: Sequence[TermSpec] = (), lang: str | None = None) -> list[Span]:
    """Protected spans of an English ``text``, non-overlapping, in order: URLs, UN symbols, footnote markers,
    glossary terms, percentages, numbers (earlier kinds win an overlap, then the longer span).

    With ``lang``, numbers and percentages come out in that language's format, their value unchanged; without
    it, every span but a term comes out as written.
    """
    language = get_language(lang) if lang else None
    candidates: list[Span] = []
    patterns = (
        ("tag", TAG),
        ("url", URL),
        ("symbol", UN_SYMBOL),
        ("footnote", FOOTNOTE_MARKER),
        ("percent", PERCENT),
        ("number", NUMBER),
    )
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            if kind == "symbol" and not re.search(r"\d", match.group()):
                continue
            output = match.group()
            if language is not None and kind == "number":
                output = language.localize_number(output)
            elif language is not None and kind == "percent":
                output = language.format_percent(match.group(1))
            candidates.append(Span(kind, match.start(), match.end(), match.group(), output))
    for start, end in dotted_references(text, "en"):
        candidates.append(Span("reference", start, end, text[start:end], text[start:end]))
    for term in terms:
        if term.target and 0 <= term.start < term.end <= len(text):
            accepted = tuple(dict.fromkeys((term.target, *term.accepted)))
            candidates.append(
                Span(
                    "term",
                    term.start,
                    term.end,
                    text[term.start : term.end],
                    term.target,
                    accepted,
                    term.id,
                    term.name or term.target,
                )
            )
    chosen: list[Span] = []
    for span in sorted(candidates, key=lambda s: (PRIORITY[s.kind], s.start - s.end, s.start)):
        if all(span.end <= other.start or span.start >= other.end for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


# --- text handling -----------------------------------------------------------------------------------------


@cache
def _moses_normalizer():
    from sacremoses import MosesPunctNormalizer

    return MosesPunctNormalizer(lang="en", pre_replace_unicode_punct=True)


def normalize_punctuation(text: str) -> str:
    """Moses punctuation normalisation, keeping the text's leading and trailing spaces."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead + _moses_normalizer().normalize(core).strip() + trail


def pieces_between(text: str, spans: Sequence[Span]) -> list[str]:
    """The len(spans) + 1 pieces of ``text`` around the spans."""
    pieces, position = [], 0
    for span in spans:
        pieces.append(text[position : span.start])
        position = span.end
    pieces.append(text[position:])
    return pieces


def normalize_outside(text: str, spans: Sequence[Span], replacement: Callable[[int, Span], str] | None = None) -> str:
    """Normalise the text around the spans; keep each span (or put ``replacement(i, span)`` in its place).

    The spans are masked by plain-letter sentinels while the whole sentence is normalised, so that rules that
    look at a span's neighbours (``( see E/2013/30 )`` -> ``(see E/2013/30)``) still apply.
    """
    pieces = pieces_between(text, spans)
    masked = pieces[0] + "".join(SENTINEL.format(i) + pieces[i + 1] for i in range(len(spans)))
    normalized = normalize_punctuation(masked)

    def unmask(match: re.Match[str]) -> str:
        i = int(match.group(1))
        return replacement(i, spans[i]) if replacement else spans[i].text

    result = SENTINEL_FOUND.sub(unmask, normalized)
    if len(SENTINEL_FOUND.findall(normalized)) != len(spans):  # pragma: no cover - normaliser ate a sentinel
        return "".join(
            piece + (replacement(i, spans[i]) if replacement else spans[i].text) if i < len(spans) else piece
            for i, piece in enumerate(pieces)
        )
    return result


def join_pieces(text: str, lang: str) -> str:
    """Re-join MT output per language: no spaces between Chinese characters, single spaces elsewhere."""
    text = BREAKING_SPACE.sub(" ", text).strip()
    if not get_language(lang).uses_spaces:
        text = CJK_SPACE.sub("", text)
    return text


def span_present(output: str, span: Span, lang: str) -> bool:
    """Is the span in the output: verbatim, or (for a term) any accepted form, case-insensitively."""
    if span.kind != "term":
        return span.output in output
    language = get_language(lang)
    folded = language.normalize(output)
    return any(language.normalize(form) in folded for form in span.accepted or (span.output,))


# --- the protector -----------------------------------------------------------------------------------------


@dataclass
class Job:
    source: str
    spans: list[Span]
    output: str = ""
    repaired: bool = False
    failed: str | None = None
    """Why no draft can be given (the engine failed on this segment, or its output could not be proven its own)."""


class Protector:
    """Translate segments with an engine so that every protected span reaches the output."""

    def __init__(
        self,
        engine: Engine,
        lang: str,
        strategy: str | None = None,
        present: Callable[[str, Span, str], bool] = span_present,
    ) -> None:
        self.engine = engine
        self.lang = lang
        self.strategy = strategy or engine.default_protection
        if self.strategy == "prefix" and not engine.supports_prefix:
            self.strategy = "placeholder"
        if self.strategy not in STRATEGIES:
            raise ValueError(f"unknown protection {self.strategy!r}; one of {', '.join(STRATEGIES)}")
        self.present = present
        self.stats = ProtectionStats()
        self.uses_spaces = get_language(lang).uses_spaces

    def translate(self, sources: Sequence[str], spans: Sequence[Sequence[Span]]) -> list[Job]:
        """Translate a batch; each returned job's ``output`` holds every span of its source."""
        jobs = [Job(*_without_repeat(source, list(found))) for source, found in zip(sources, spans, strict=True)]
        self.stats.segments += len(jobs)
        for job in jobs:
            self.stats.spans += len(job.spans)
            for span in job.spans:
                self.stats.by_kind[span.kind] = self.stats.by_kind.get(span.kind, 0) + 1
        if self.strategy == "split":
            self._split(jobs)
        elif self.strategy == "placeholder":
            self._placeholder(jobs)
        else:
            self._prefix(jobs)
        self._repair([job for job in jobs if not job.failed and self._missing(job)])
        for job in jobs:
            if job.failed:
                job.output = ""
            _agree_terms(job, self.lang)
            _keep_initial_capital(job)
        self.stats.missing_after += sum(len(self._missing(job)) for job in jobs if not job.failed)
        self.stats.failed += sum(1 for job in jobs if job.failed)
        return jobs

    def _engine(
        self, texts: list[str], owners: list[Job], prefixes: list[str | None] | None = None, fatal: bool = True
    ) -> list[str]:
        """The engine's outputs for ``texts`` (``texts[i]`` belongs to ``owners[i]``), re-joined per language.

        A batch the engine fails on is retried text by text; a text that fails alone, or whose output the engine
        cannot prove its own (``None``), gives "" and, when ``fatal``, marks its job failed with the reason.
        """
        if not texts:
            return []
        self.stats.decodes += len(texts)
        reasons: list[str | None] = [None] * len(texts)
        try:
            outputs = list(self.engine.translate(texts, self.lang, prefixes))
        except HexaglotError:
            raise
        except Exception:  # one bad segment must not stop the batch: find it by translating one by one
            outputs = []
            for i, text in enumerate(texts):
                alone, reasons[i] = self._alone(text, prefixes[i] if prefixes else None)
                outputs.append(alone)
        results = []
        for i, output in enumerate(outputs):
            if output is None:
                if fatal and not owners[i].failed:
                    owners[i].failed = reasons[i] or f"{self.engine.name} output not proven to be its own"
                results.append("")
            else:
                results.append(join_pieces(output, self.lang))
        return results

    def _alone(self, text: str, prefix: str | None) -> tuple[str | None, str | None]:
        try:
            return self.engine.translate([text], self.lang, [prefix] if prefix else None)[0], None
        except HexaglotError:
            raise
        except Exception as error:
            first = (str(error).strip().splitlines() or [""])[0]
            return None, f"{self.engine.name} failed: {type(error).__name__}" + (f": {first}" if first else "")

    def _missing(self, job: Job) -> list[Span]:
        return [span for span in job.spans if not self.present(job.output, span, self.lang)]

    # prefix: constrained decoding -----------------------------------------------------------------------

    def _prefix(self, jobs: list[Job]) -> None:
        normalized = [normalize_outside(job.source, job.spans) for job in jobs]
        for job, output in zip(jobs, self._engine(normalized, jobs), strict=True):
            job.output = output
            self.stats.kept_by_model += len(job.spans) - len(self._missing(job))
        forced_upto: dict[int, tuple[int, int]] = {}
        """Per job: (characters of the output that are a forced prefix, source offset that prefix covers)."""
        given_up: set[int] = set()
        for _ in range(MAX_FORCED_SPANS):
            requests: list[tuple[int, str, int]] = []
            for number, job in enumerate(jobs):
                missing = self._missing(job)
                if not missing or len(missing) > MAX_FORCED_SPANS or number in given_up:
                    continue
                keep, covered = forced_upto.get(number, (0, 0))
                prefix = self._forced_prefix(job, missing[0], keep, covered)
                if prefix is None or len(prefix) > MAX_PREFIX_RATIO * len(job.source) + 20:
                    given_up.add(number)
                    continue
                requests.append((number, prefix, missing[0].end))
            if not requests:
                break
            outputs = self._engine(
                [normalized[n] for n, _, _ in requests],
                [jobs[n] for n, _, _ in requests],
                [prefix for _, prefix, _ in requests],
                fatal=False,
            )
            for (number, prefix, covered), output in zip(requests, outputs, strict=True):
                job = jobs[number]
                if not output:  # the forced decode failed: leave the span to the repair
                    given_up.add(number)
                    continue
                before = len(self._missing(job))
                job.output = output
                forced_upto[number] = (len(prefix), covered)
                after = len(self._missing(job))
                self.stats.forced += max(0, before - after)
                if after >= before:  # the forced span did not survive detokenisation: leave it to the repair
                    given_up.add(number)

    def _forced_prefix(self, job: Job, span: Span, keep: int, covered: int) -> str | None:
        """The output cut where ``span`` belongs, followed by the span; None when nothing new can be forced.

        ``keep`` characters of the output are already forced (they translate the source up to ``covered``);
        the cut falls at the span's relative position in the rest of the source.
        """
        if span.start < covered:
            return None
        output = job.output
        ratio = (span.start - covered) / max(1, len(job.source) - covered)
        cut = keep + round(ratio * max(0, len(output) - keep))
        cut = max(keep, min(len(output), cut))
        if self.uses_spaces:
            while cut > keep and cut < len(output) and not output[cut - 1].isspace():
                cut -= 1
        head = output[:cut].rstrip()
        glued = span.kind == "footnote" or (span.kind == "tag" and span.text.startswith("</"))
        separator = " " if head and self.uses_spaces and not glued else ""
        return head + separator + span.output

    # placeholders -----------------------------------------------------------------------------------------

    def _placeholder(self, jobs: list[Job]) -> None:
        masked = [normalize_outside(job.source, job.spans, lambda i, _span: PLACEHOLDER.format(i)) for job in jobs]
        for job, output in zip(jobs, self._engine(masked, jobs), strict=True):
            found = [int(match.group(1)) for match in PLACEHOLDER_FOUND.finditer(output)]
            if sorted(found) == list(range(len(job.spans))):
                job.output = PLACEHOLDER_FOUND.sub(lambda m, job=job: job.spans[int(m.group(1))].output, output)
                self.stats.kept_by_model += len(job.spans)
            else:
                # Keep what came back with placeholders removed; the split repair takes over.
                job.output = PLACEHOLDER_FOUND.sub("", output)
                self.stats.kept_by_model += sum(1 for span in job.spans if self.present(job.output, span, self.lang))

    # split: translate around the spans ------------------------------------------------------------------------

    def _split(self, jobs: list[Job]) -> None:
        requests: list[tuple[int, int, str]] = []
        for number, job in enumerate(jobs):
            for position, piece in enumerate(pieces_between(job.source, job.spans)):
                if LETTERS.search(piece):
                    requests.append((number, position, piece))
        outputs = self._engine(
            [normalize_punctuation(piece).strip() for _, _, piece in requests], [jobs[n] for n, _, _ in requests]
        )
        translated: dict[tuple[int, int], str] = {}
        for (number, position, piece), output in zip(requests, outputs, strict=True):
            translated[(number, position)] = _fit_piece(piece, output)
        for number, job in enumerate(jobs):
            pieces = pieces_between(job.source, job.spans)
            out = [translated.get((number, 0), pieces[0])]
            for i, span in enumerate(job.spans):
                out.append(span.output)
                out.append(translated.get((number, i + 1), pieces[i + 1]))
            job.output = join_pieces("".join(out), self.lang)

    def _repair(self, jobs: list[Job]) -> None:
        if not jobs:
            return
        self.stats.repaired_segments += len(jobs)
        self._split(jobs)
        for job in jobs:
            job.repaired = True


def _without_repeat(source: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """``Full Name (ACRONYM)`` where both would be forced as the same target term (a language without the acronym):
    the bracketed repeat is left out of what MT sees, so the name is not written twice."""
    for i in range(len(spans) - 1):
        first, second = spans[i], spans[i + 1]
        if first.kind == second.kind == "term" and first.term_id == second.term_id and first.output == second.output:
            opening = re.fullmatch(r"\s*[(（]\s*", source[first.end : second.start])
            closing = re.match(r"\s*[)）]", source[second.end :])
            if opening and closing:
                cut_end = second.end + closing.end()
                shift = cut_end - first.end
                moved = [replace(span, start=span.start - shift, end=span.end - shift) for span in spans[i + 2 :]]
                return _without_repeat(source[: first.end] + source[cut_end:], [*spans[: i + 1], *moved])
    return source, spans


def _agree_terms(job: Job, lang: str) -> None:
    """Forced terms not doubled (``T (T)``) and their articles in agreement (``la Oficina``, ``l'ONUDC``)."""
    for span in job.spans:
        if span.kind == "term" and span.output and job.output:
            job.output = agree_articles(undouble(job.output, span.output), span.output, span.name or span.output, lang)


def _keep_initial_capital(job: Job) -> None:
    """A term put first keeps the sentence's capital ("Trafficking in persons is..." -> "Trata de ...");
    a URL or symbol that starts the output is never touched."""
    if not (job.source[:1].isupper() and job.output[:1].islower()):
        return
    if any(span.kind != "term" and job.output.startswith(span.output) for span in job.spans):
        return
    job.output = job.output[:1].upper() + job.output[1:]


def _fit_piece(piece: str, output: str) -> str:
    """A translated piece in the place of ``piece``: same outer spaces, no added full stop or capital."""
    output = output.strip()
    stripped = piece.strip()
    if stripped and stripped[-1] not in ".!?。！？" and output[-1:] in (".", "。"):
        output = output[:-1].rstrip()
    if stripped[:1].islower() and output[:1].isupper():
        output = output[:1].lower() + output[1:]
    lead = " " if piece[:1].isspace() else ""
    trail = " " if piece[-1:].isspace() else ""
    return lead + output + trail
