"""The draft pipeline: translation-memory pre-translation first, then machine translation of what is left.

For each target language of a workflow:

1. exact and context TM matches become drafts (:mod:`translate.memory.pretranslate`);
2. the still-untranslated segments are translated by the language's engine (``workflow.yaml`` ``mt``, or the
   command line), shortest first in batches, with glossary terms and protected spans kept
   (:mod:`translate.mt.protect`); each draft is fuzzy with provenance ``{"origin": "mt", "engine", "model",
   "at"}`` and the MT text is also kept in the entry's ``mt`` metadata (``{"engine", "model", "text",
   "source"}``, ``source`` a hash of the English) so that ``hexaglot evaluate`` can compare it with what the
   reviewers approved, whatever they changed;
3. after every batch the batch's drafts are committed to the working store (:mod:`translate.store.drafts`: a save
   costs what it drafted, not a rewrite of the catalog) and the MT cache committed: Ctrl-C or a kill keeps every
   finished draft, and a rerun continues with what is left (cached segments are never translated twice). The PO
   file is written from the store once, when the language is done.

Nothing here imports torch, transformers or ctranslate2: the engine does, when it loads.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from translate.catalog import (
    Catalog,
    Provenance,
    SegmentState,
    now_iso,
    set_draft,
    set_meta,
    source_hash,
    state_of,
)
from translate.errors import HexaglotError
from translate.mt import create_engine
from translate.mt.agreement import choose_form, full_name
from translate.mt.base import Engine, SegmentsFailedError
from translate.mt.cache import MTCache, cache_key
from translate.mt.protect import ProtectionStats, Protector, Span, TermSpec, find_spans, span_present
from translate.store.drafts import StoreDraftSaver
from translate.workflow import Workflow

if TYPE_CHECKING:
    import polib
    from rich.console import Console


@dataclass
class DraftReport:
    """What drafting did for one language."""

    lang: str
    engine: str = "none"
    model: str | None = None
    tm: dict[str, int] = field(default_factory=dict)
    """Counts from the TM pre-translation (context, exact, fuzzy, none, skipped)."""
    untranslated_before_mt: int = 0
    mt_drafts: int = 0
    from_cache: int = 0
    remaining: int = 0
    """Segments still untranslated afterwards."""
    seconds: float = 0.0
    warning: str | None = None
    """Why MT did not run (model unavailable, engine without this language)."""
    protection: str | None = None
    stats: ProtectionStats = field(default_factory=ProtectionStats)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """Segments given no MT draft: (segment id, reason). They stay untranslated; every other draft is saved."""
    copied: int = 0
    """Number-only and code-only segments (``106``, ``5.2``, ``E/2013/30``) drafted as a copy of the source."""

    @property
    def tm_drafts(self) -> int:
        return self.tm.get("exact", 0) + self.tm.get("context", 0)


INVARIANT = re.compile(
    r"^(?:[\d\s.,:;/()%–-]*\d[\d\s.,:;/()%–-]*"  # numbers, section numbers, ranges: 106, 5.2, 2019-2020
    r"|[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.-]*)+)$"  # UN document symbols: E/2013/30, A/RES/70/1, E/CN.15/2020/1
)


def is_invariant(text: str) -> bool:
    """A segment that every language writes as the English does: only numbers or a document symbol."""
    return bool(INVARIANT.match(text.strip()))


def invariant_draft(text: str, lang: str) -> str:
    """A number-only or code-only source as ``lang`` writes it: the protected spans MT would write (numbers and
    percentages in the language's format, their value unchanged; symbols and references as they are)."""
    text = text.strip()
    pieces: list[str] = []
    last = 0
    for span in find_spans(text, lang=lang):
        pieces += [text[last : span.start], span.output]
        last = span.end
    return "".join(pieces) + text[last:]


def copy_invariants(catalog: Catalog) -> int:
    """Untranslated number-only and code-only segments drafted from the source (provenance ``copy``), their
    numbers in the catalog language's format (9,742 -> fr 9 742, es 9.742)."""
    copied = 0
    for entry in catalog:
        if state_of(entry) == SegmentState.UNTRANSLATED and is_invariant(entry.msgid):
            set_draft(entry, invariant_draft(entry.msgid, catalog.lang), Provenance(origin="copy", at=now_iso()))
            copied += 1
    return copied


# --- resources shared by all languages ---------------------------------------------------------------------


class _Resources:
    """The memory, the glossary and the MT cache of a workflow, opened once for all languages."""

    def __init__(self, wf: Workflow) -> None:
        self.wf = wf
        self.memory: Any = None
        self.pretranslate: Any = None
        self.glossary: Any = None
        self._cache: MTCache | None = None
        self._open_memory()
        self._open_glossary()

    def _open_memory(self) -> None:
        if not self.wf.memories:
            return
        from translate.memory import open_workflow_memory
        from translate.memory.pretranslate import pretranslate_catalog

        self.memory = open_workflow_memory(self.wf)
        self.pretranslate = pretranslate_catalog

    def _open_glossary(self) -> None:
        if not self.wf.glossaries:
            return
        from translate.glossary import load_glossaries

        self.glossary = load_glossaries(self.wf.glossary_paths())

    @property
    def cache(self) -> MTCache:
        if self._cache is None:
            self._cache = MTCache(self.wf.cache_dir)
        return self._cache

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()


def term_specs(glossary: Any, text: str, lang: str) -> list[TermSpec]:
    """Glossary hits of an English ``text`` with what must appear in ``lang`` (do-not-translate: the English).

    The forced form follows the source's: an acronym (UNODC) as the target acronym where there is one (ONUDC),
    a full name as the full name (:func:`translate.mt.agreement.choose_form`).
    """
    if glossary is None:
        return []
    specs: list[TermSpec] = []
    for hit in glossary.find_source_terms(text):
        concept = hit.concept
        terms = hit.target_terms(lang)
        name = ""
        if concept.dnt:
            target, accepted = hit.text, (hit.text,)
        else:
            target = choose_form(hit.text, terms.preferred, terms.accepted)
            accepted, name = tuple(terms.accepted), full_name(terms.preferred, terms.accepted)
        if not target:
            continue
        start, end = hit.start, hit.end
        if text[start:end].casefold() != hit.text.casefold():
            start = text.casefold().find(hit.text.casefold())
            end = start + len(hit.text)
            if start < 0:
                continue
        specs.append(TermSpec(concept.id, start, end, text[start:end], target, accepted, name))
    return specs


def _presence_check(glossary: Any) -> Any:
    """Term presence through the glossary's inflection-aware matcher when there is one."""
    if glossary is None:
        return span_present

    def present(output: str, span: Span, lang: str) -> bool:
        if span_present(output, span, lang):
            return True
        if span.kind != "term":
            return False
        analyzed = glossary.analyze_target(output, lang)
        return any(analyzed.contains(form) for form in span.accepted)

    return present


# --- the pipeline ----------------------------------------------------------------------------------------------


def draft_workflow(
    wf: Workflow,
    langs: Iterable[str] | None = None,
    engine: str | None = None,
    model: str | None = None,
    device: str | None = None,
    console: Console | None = None,
    protection: str | None = None,
    strict: bool = False,
) -> dict[str, DraftReport]:
    """TM first, then MT, for each language; returns a :class:`DraftReport` per language.

    When an MT model cannot be had, one warning is printed and the language keeps its TM drafts; with
    ``strict`` (``hexaglot draft --model/--engine``) :class:`MTUnavailableError` is raised instead, after the
    TM drafts have been saved.
    """
    from rich.console import Console

    console = console or Console(stderr=True)
    selected = list(langs) if langs else list(wf.target_languages)
    for lang in selected:
        if lang not in wf.target_languages:
            raise HexaglotError(f"{lang!r} is not a target language of {wf.name} ({', '.join(wf.target_languages)})")
    resources = _Resources(wf)
    warned: set[str] = set()
    reports: dict[str, DraftReport] = {}
    try:
        for lang in selected:
            report = _draft_language(wf, lang, resources, engine, model, device, console, protection, strict)
            if report.warning and report.warning not in warned:
                console.print(f"[yellow]warning:[/] {report.warning}", highlight=False)
                warned.add(report.warning)
            reports[lang] = report
            _print_report(report, console)
    finally:
        resources.close()
    failures = [(lang, *failure) for lang, report in reports.items() for failure in report.failed]
    if failures:
        shown = "; ".join(f"{lang} {segment}: {reason}" for lang, segment, reason in failures[:5])
        more = f"; and {len(failures) - 5} more" if len(failures) > 5 else ""
        raise SegmentsFailedError(f"{len(failures)} segments got no MT draft (all others saved): {shown}{more}")
    return reports


def _choose_engine(
    wf: Workflow, lang: str, engine: str | None, model: str | None, device: str | None
) -> tuple[str, Engine | None]:
    settings = wf.mt_settings(lang)
    name = engine or settings.engine
    if name == "none":
        return name, None
    chosen_model = model or (settings.model if name == settings.engine else None)
    return name, create_engine(
        name,
        chosen_model,
        lang,
        device=device or settings.device,
        beam_size=settings.beam_size,
        batch_size=settings.batch_size,
    )


def _draft_language(
    wf: Workflow,
    lang: str,
    resources: _Resources,
    engine_name: str | None,
    model: str | None,
    device: str | None,
    console: Console,
    protection: str | None,
    strict: bool,
) -> DraftReport:
    started = time.perf_counter()
    from translate.store import open_store, require_catalog, sync_language

    catalog = require_catalog(wf, lang)
    saver = StoreDraftSaver(catalog, open_store(wf), lang)
    report = DraftReport(lang)
    if resources.memory is not None:
        report.tm = resources.pretranslate(wf, catalog, resources.memory)
        saver.save()
    report.copied = copy_invariants(catalog)
    if report.copied:
        saver.save()
    try:
        _machine_drafts(wf, lang, catalog, saver, report, resources, engine_name, model, device, console, protection,
                        strict)  # fmt: skip
    finally:
        sync_language(wf, lang)  # the PO file, once, from the store (also after an error or Ctrl-C)
    report.remaining = sum(1 for entry in catalog if state_of(entry) == SegmentState.UNTRANSLATED)
    report.seconds = time.perf_counter() - started
    return report


def _machine_drafts(
    wf: Workflow,
    lang: str,
    catalog: Catalog,
    saver: StoreDraftSaver,
    report: DraftReport,
    resources: _Resources,
    engine_name: str | None,
    model: str | None,
    device: str | None,
    console: Console,
    protection: str | None,
    strict: bool,
) -> None:
    name, engine = _choose_engine(wf, lang, engine_name, model, device)
    report.engine = name
    # plural entries (msgid_plural) are left to people: one MT sentence cannot fill their msgstr[n] forms
    todo = [entry for entry in catalog if state_of(entry) == SegmentState.UNTRANSLATED and not entry.msgid_plural]
    report.untranslated_before_mt = len(todo)
    if engine is not None and todo:
        report.model = engine.label
        try:
            if not engine.supports(lang):
                raise HexaglotError(f"MT engine {name} cannot translate into {lang}; choose another in workflow.yaml")
            engine.resolve()
            _machine_translate(saver, todo, engine, lang, resources, console, protection, report)
        except HexaglotError as error:
            if strict:
                raise
            report.warning = f"{error} ({lang}: drafts from the translation memory only)"


@dataclass
class _Pending:
    entry: polib.POEntry
    spans: list[Span]
    hits: list[dict[str, str]]
    key: str


def _machine_translate(
    saver: StoreDraftSaver,
    todo: list[polib.POEntry],
    engine: Engine,
    lang: str,
    resources: _Resources,
    console: Console,
    protection: str | None,
    report: DraftReport,
) -> None:
    protector = Protector(engine, lang, protection, present=_presence_check(resources.glossary))
    report.protection = protector.strategy
    report.stats = protector.stats
    fingerprint = engine.fingerprint()
    pending: list[_Pending] = []
    for entry in todo:
        spans = find_spans(entry.msgid, term_specs(resources.glossary, entry.msgid, lang), lang)
        hits = [{"id": s.term_id or "", "source": s.text, "target": s.output} for s in spans if s.kind == "term"]
        extra = [protector.strategy, *(f"{span.term_id}={span.output}" for span in spans if span.kind == "term")]
        key = cache_key(engine.name, fingerprint, lang, entry.msgid, extra)
        pending.append(_Pending(entry, spans, hits, key))
    cached = resources.cache.get_many(item.key for item in pending)
    for item in pending:
        if item.key in cached:
            _apply(item, cached[item.key], engine, now_iso())
            report.from_cache += 1
    if report.from_cache:
        saver.save(item.entry for item in pending if item.key in cached)
    remaining = sorted((item for item in pending if item.key not in cached), key=lambda item: len(item.entry.msgid))
    if not remaining:
        return
    engine.ensure_loaded()
    with _progress(console) as progress:
        task = progress.add_task(f"{lang} {engine.name}", total=len(remaining))
        for start in range(0, len(remaining), engine.batch_size):
            batch = remaining[start : start + engine.batch_size]
            jobs = protector.translate([item.entry.msgid for item in batch], [item.spans for item in batch])
            at = now_iso()
            rows = []
            for item, job in zip(batch, jobs, strict=True):
                if job.failed:
                    report.failed.append((item.entry.msgctxt or item.entry.msgid[:40], job.failed))
                    console.print(f"[red]{lang} {item.entry.msgctxt}: no MT draft[/] ({job.failed})", highlight=False)
                    continue
                if not job.output:
                    continue
                _apply(item, job.output, engine, at)
                rows.append((item.key, engine.name, engine.label, lang, item.entry.msgid, job.output, at))
                report.mt_drafts += 1
            resources.cache.put_many(rows)
            saver.save(item.entry for item in batch)
            progress.advance(task, len(batch))


def _apply(item: _Pending, text: str, engine: Engine, at: str) -> None:
    """The draft itself, its provenance, the original MT text (for evaluation) and the glossary hits."""
    entry = item.entry
    set_draft(entry, text, Provenance(origin="mt", engine=engine.name, model=engine.label, at=at))
    set_meta(
        entry,
        "mt",
        {"engine": engine.name, "model": engine.label, "text": text, "source": source_hash(entry.msgid), "at": at},
    )
    set_meta(entry, "terms", {"hits": item.hits} if item.hits else None)


def _progress(console: Console) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class _Rate(TextColumn):
        def __init__(self) -> None:
            super().__init__("")

        def render(self, task: Any) -> Any:
            from rich.text import Text

            speed = task.finished_speed or task.speed
            if not speed:
                return Text("- segments/s", style="progress.data.speed")
            return Text(f"{speed:.{1 if speed >= 1 else 2}f} segments/s", style="progress.data.speed")

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,  # quiet in logs and pipes
    )


def _print_report(report: DraftReport, console: Console) -> None:
    parts = [f"{report.tm_drafts} TM drafts"]
    if report.copied:
        parts.append(f"{report.copied} numbers and codes copied")
    if report.warning:
        parts.append(f"no MT ({report.engine} unavailable)")
    elif report.engine != "none":
        mt = f"{report.mt_drafts + report.from_cache} MT drafts ({report.engine}"
        mt += f" {report.model}" if report.model else ""
        mt += f", {report.from_cache} from cache)" if report.from_cache else ")"
        parts.append(mt)
    if report.stats.spans:
        parts.append(
            f"{report.stats.spans} protected spans and terms ({report.stats.forced} forced, "
            f"{report.stats.repaired_segments} segments repaired)"
        )
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    parts.append(f"{report.remaining} untranslated")
    console.print(f"{report.lang}: " + ", ".join(parts) + f" [dim]{report.seconds:.1f} s[/]", highlight=False)
