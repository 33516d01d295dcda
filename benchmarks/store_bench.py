"""The working store under a team: review saves by REAL reviewer processes, whole-report commands, drafting.

    .venv/bin/python benchmarks/store_bench.py reviewers [--backend sqlite postgresql] [--words 2500 25000 200000]
                                                         [--layouts 1 5x3 1x15] [--saves 40] [--think 0.05]
    .venv/bin/python benchmarks/store_bench.py commands [--backend sqlite postgresql] [--segments 10000] [--terms 1000]
    .venv/bin/python benchmarks/store_bench.py draft [--words 2500 25000 200000]
    .venv/bin/python benchmarks/store_bench.py run [--words 2500 25000 200000]

``reviewers``: a job of N English words (FLORES-200 devtest sentences from ../shared/data when present) in each
language; ``1`` = one reviewer, ``5x3`` = three reviewers on each of five languages, ``1x15`` = fifteen reviewers on
one language. Each reviewer is a separate ``python`` process that accepts its own segments with an edited text
(``ReviewStore.accept(..., text=, seen=)``, journal line included), ``--think`` seconds apart, and prints each save
as it returns. In every ``1x15`` run one reviewer is SIGKILLed halfway. Afterwards: every save a reviewer
reported (the killed one included) is in the store, ``sync`` writes the PO files, and each file equals the store
(same bytes as rendered from it; msgfmt --check passes). PostgreSQL runs on a throwaway cluster on 127.0.0.1
(tests/pg_cluster.py).

``commands``: ``hexaglot status``, ``check`` (a glossary of ``--terms`` terms) and ``assign`` as a user runs them
(separate processes, Python start-up included) on five languages of ``--segments`` segments, first run and re-run.

``draft``: the draft pipeline with a stand-in MT engine that costs nothing (so the time left is hexaglot's own:
loading, saving drafts, writing the PO file), at each job size; a linear pipeline keeps seconds per 1,000 words flat.

``run``: ``hexaglot run`` (import of Markdown sources of N words of real English, drafts in five languages with the
same stand-in engine, the status table), in process; CPU growth exponents between the sizes.

Results go to stdout as Markdown rows and to benchmarks/out/store_bench-<what>.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polib
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data" / "flores200-devtest"
OUT = HERE / "out"
LANGS5 = ("fr", "es", "ru", "ar", "zh")
FLORES = {"fr": "fra_Latn", "es": "spa_Latn", "ru": "rus_Cyrl", "ar": "arb_Arab", "zh": "zho_Hans"}


def _pairs(lang: str) -> list[tuple[str, str]]:
    english = DATA / "eng_Latn.devtest"
    target = DATA / f"{FLORES[lang]}.devtest"
    if english.exists() and target.exists():
        return list(zip(english.read_text("utf-8").splitlines(), target.read_text("utf-8").splitlines(), strict=False))
    return [(f"In {2000 + n % 20}, {n} countries reported victims of trafficking in persons.", f"[{lang}] {n}.")
            for n in range(1000)]  # fmt: skip


def segments_for(words: int, lang: str) -> list[tuple[str, str]]:
    """Sentence pairs adding up to ``words`` English words (repeated sentences numbered to stay distinct)."""
    from translate.catalog import count_words

    pairs = _pairs(lang)
    out: list[tuple[str, str]] = []
    total = 0
    n = 0
    while total < words:
        source, target = pairs[n % len(pairs)]
        if n >= len(pairs):
            source = f"{source} ({n // len(pairs)})"
        out.append((source, target))
        total += count_words(source)
        n += 1
    return out


def build_job(root: Path, words: int, langs: tuple[str, ...], reviewers: dict[str, list[str]] | None = None) -> Path:
    """A workflow with one catalog per language, every segment an MT draft."""
    from translate.catalog import Catalog, Provenance, set_draft

    root.mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "report.md").write_text("# Report\n", encoding="utf-8")
    data: dict[str, Any] = {"name": "bench", "target_languages": list(langs), "sources": ["sources/report.md"]}
    if reviewers:
        data["reviewers"] = {lang: {"revision": names} for lang, names in reviewers.items()}
        data["stages"] = [{"name": "revision"}]
    (root / "workflow.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    for lang in langs:
        catalog = Catalog.new(root / "translations" / f"{lang}.po", lang, "bench")
        for n, (source, target) in enumerate(segments_for(words, lang)):
            entry = polib.POEntry(msgctxt=f"doc-{n // 400}:{n // 4:08x}:{n % 4 + 1}", msgid=source, msgstr="")
            entry.occurrences = [("sources/report.md", str(n // 4 + 1))]
            set_draft(entry, target, Provenance(origin="mt", engine="marian", at="2026-11-01T00:00:00Z"))
            catalog.po.append(entry)
        catalog.save()
    return root


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


# --- one reviewer process ---------------------------------------------------------------------------------------


def reviewer_main(root: str, lang: str, name: str, ids_file: str, saves: int, think: float) -> None:
    """Accept ``saves`` of the segments in ``ids_file`` with an edited text; one JSON line per save."""
    from translate.errors import HexaglotError
    from translate.review.store import ReviewStore
    from translate.store.rows import parse_entry
    from translate.workflow import load_workflow

    wf = load_workflow(root)
    store = ReviewStore.for_workflow(wf, lang)
    ids = json.loads(Path(ids_file).read_text())[:saves]
    print(json.dumps({"ready": True}), flush=True)
    for n, sid in enumerate(ids):
        row = store.store.row(lang, sid)
        seen = parse_entry(row.entry).msgstr if row else None
        text = f"{seen} ⟨{name} {n}⟩"
        started = time.perf_counter()
        try:
            store.accept(sid, name, stage="revision", text=text, seen=seen)
            record = {"sid": sid, "text": text, "ms": (time.perf_counter() - started) * 1000}
        except HexaglotError as error:
            record = {"sid": sid, "error": str(error), "ms": (time.perf_counter() - started) * 1000}
        print(json.dumps(record, ensure_ascii=False), flush=True)
        time.sleep(think)


# --- the reviewers benchmark ------------------------------------------------------------------------------------


def _layout(layout: str) -> tuple[int, int]:
    if layout == "1":
        return 1, 1
    langs, people = layout.split("x")
    return int(langs), int(people)


def run_reviewers(
    root: Path, words: int, layout: str, saves: int, think: float, env: dict[str, str], kill: bool
) -> dict[str, Any]:
    from translate.catalog import Catalog
    from translate.store import close_stores, open_store, po_text, sync_workflow
    from translate.workflow import load_workflow

    n_langs, per_lang = _layout(layout)
    langs = LANGS5[:n_langs]
    names = {lang: [f"{lang}{k}" for k in range(per_lang)] for lang in langs}
    build_job(root, words, langs, names)
    os.environ.update(env)
    wf = load_workflow(root)
    started = time.perf_counter()
    sync_workflow(wf)  # the catalogs into the store
    load_seconds = time.perf_counter() - started
    store = open_store(wf)
    procs: list[tuple[str, str, subprocess.Popen]] = []
    for lang in langs:
        keys = [key for key, *_ in store.summary(lang)]
        share = len(keys) // per_lang
        for k, name in enumerate(names[lang]):
            mine = keys[k * share : (k + 1) * share]
            ids_file = root / f"ids-{name}.json"
            ids_file.write_text(json.dumps(mine[: saves * 3 : 3] if len(mine) >= saves * 3 else mine[:saves]))
            cmd = [sys.executable, str(Path(__file__).resolve()), "_reviewer", str(root), lang, name, str(ids_file),
                   str(saves), str(think)]  # fmt: skip
            procs.append((lang, name, subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)))
    for _, _, proc in procs:
        assert json.loads(proc.stdout.readline()).get("ready")
    victim = procs[0] if kill and len(procs) > 1 else None
    results: dict[str, list[dict]] = {name: [] for _, name, _ in procs}
    if victim is not None:
        for line in victim[2].stdout:
            results[victim[1]].append(json.loads(line))
            if len(results[victim[1]]) >= saves // 2:
                victim[2].send_signal(signal.SIGKILL)
                break
    for _, name, proc in procs:
        out, _ = proc.communicate(timeout=1800)
        results[name].extend(json.loads(line) for line in out.splitlines() if line.strip())
    timings = [r["ms"] for rs in results.values() for r in rs if "error" not in r]
    errors = [r["error"] for rs in results.values() for r in rs if "error" in r]
    timeouts = sum("busy" in e or "locked" in e for e in errors)
    # nothing lost: every reported save is in the store
    lost = 0
    for (lang, _name, _), reported in zip(procs, (results[n] for _, n, _ in procs), strict=True):
        for record in reported:
            if "error" in record:
                continue
            row = store.row(lang, record["sid"])
            lost += row is None or row.state != "approved" or polib_msgstr(row.entry) != record["text"]
    sync_started = time.perf_counter()
    sync_workflow(wf)
    sync_seconds = time.perf_counter() - sync_started
    equal = True
    for lang in langs:
        text, _ = po_text(store, lang)
        on_disk = wf.catalog_path(lang).read_text(encoding="utf-8")
        equal &= on_disk == text and len(Catalog.load(wf.catalog_path(lang))) > 0
        msgfmt = ["msgfmt", "--check", "-o", "/dev/null", str(wf.catalog_path(lang))]
        equal &= subprocess.run(msgfmt, capture_output=True, check=False).returncode == 0
    close_stores()
    return {
        "words": words,
        "layout": layout,
        "segments_per_lang": len(store_keys(root, langs[0])),
        "saves": len(timings),
        "p50_ms": statistics.median(timings) if timings else float("nan"),
        "p95_ms": _percentile(timings, 0.95),
        "max_ms": max(timings) if timings else float("nan"),
        "errors": len(errors),
        "timeouts": timeouts,
        "killed": victim[1] if victim else None,
        "killed_saves_reported": len(results[victim[1]]) if victim else 0,
        "lost": lost,
        "po_equals_store": equal,
        "load_s": load_seconds,
        "sync_s": sync_seconds,
    }


def polib_msgstr(entry_text: str) -> str:
    from translate.store.rows import parse_entry

    return parse_entry(entry_text).msgstr


def store_keys(root: Path, lang: str) -> list[str]:
    return [line for line in (root / "translations" / f"{lang}.po").read_text("utf-8").splitlines()
            if line.startswith("msgctxt ")]  # fmt: skip


def cmd_reviewers(args: argparse.Namespace) -> None:
    rows: list[dict[str, Any]] = []
    print(f"load average at start: {_loadavg()}")
    header = "store | words | layout | segments/lang | saves | p50 | p95 | max | time-outs | killed | lost | PO = store"
    print(f"| {header} |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---|")
    for backend in args.backend:
        cluster = None
        env = dict(os.environ)
        if backend == "postgresql":
            sys.path.insert(0, str(REPO / "tests"))
            from pg_cluster import start_cluster

            cluster = start_cluster()
            env["PGPASSFILE"] = str(cluster.pgpass)
            os.environ["PGPASSFILE"] = str(cluster.pgpass)
        try:
            for words in args.words:
                for layout in args.layouts:
                    with tempfile.TemporaryDirectory() as tmp:
                        run_env = dict(env)
                        if cluster is not None:
                            run_env["HEXAGLOT_STORE"] = cluster.create_database()
                        else:
                            run_env.pop("HEXAGLOT_STORE", None)
                            os.environ.pop("HEXAGLOT_STORE", None)
                        result = run_reviewers(
                            Path(tmp) / "job", words, layout, args.saves, args.think, run_env, kill=layout == "1x15"
                        )
                    result.update(store=backend, loadavg=_loadavg())
                    rows.append(result)
                    print(
                        f"| {backend} | {words:,} | {layout} | {result['segments_per_lang']:,} | {result['saves']} | "
                        f"{result['p50_ms']:.1f} ms | {result['p95_ms']:.1f} ms | {result['max_ms']:.0f} ms | "
                        f"{result['timeouts']} | {result['killed'] or '-'} | {result['lost']} | "
                        f"{'yes' if result['po_equals_store'] else 'NO'} |",
                        flush=True,
                    )
        finally:
            if cluster is not None:
                cluster.stop()
    print(f"load average at end: {_loadavg()}")
    _save("reviewers", rows)


# --- whole-report commands --------------------------------------------------------------------------------------


def _timed(args: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall seconds of ``hexaglot ARGS``; its CPU seconds (user + system) appended to ``cpu``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "translate.cli", *args], capture_output=True, env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"hexaglot {' '.join(args)} failed: {done.stderr[-2000:].decode(errors='replace')}")
    return elapsed


def _glossary(path: Path, terms: int) -> Path:
    """A CSV termbase of ``terms`` English terms taken from the text, with made-up targets."""
    import csv
    import re

    words: list[str] = []
    seen: set[str] = set()
    for source, _ in _pairs("fr"):
        for word in re.findall(r"[a-z]{6,}", source.lower()):
            if word not in seen:
                seen.add(word)
                words.append(word)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "en", "fr", "es", "ru", "ar", "zh"])
        for n, word in enumerate(words[:terms]):
            writer.writerow([f"t{n}", word, f"{word}-fr", f"{word}-es", f"{word}-ru", f"{word}-ar", f"{word}-zh"])
    return path


def cmd_commands(args: argparse.Namespace) -> None:
    rows: list[dict[str, Any]] = []
    for backend in args.backend:
        env = dict(os.environ)
        env.pop("HEXAGLOT_STORE", None)
        cluster = None
        if backend == "postgresql":
            sys.path.insert(0, str(REPO / "tests"))
            from pg_cluster import start_cluster

            cluster = start_cluster()
            env["PGPASSFILE"] = os.environ["PGPASSFILE"] = str(cluster.pgpass)
            env["HEXAGLOT_STORE"] = cluster.create_database()
        print(f"store: {backend}")
        try:
            _commands(args, env, backend, rows)
        finally:
            if cluster is not None:
                cluster.stop()
    _save("commands", rows)


def _commands(args: argparse.Namespace, env: dict[str, str], backend: str, rows: list[dict[str, Any]]) -> None:
    from translate.catalog import count_words

    with tempfile.TemporaryDirectory() as tmp:
        pairs = _pairs("fr")
        avg = statistics.mean(count_words(s) for s, _ in pairs)
        words = int(args.segments * avg)
        names = {lang: [f"{lang}{k}" for k in range(3)] for lang in LANGS5}
        root = build_job(Path(tmp) / "job", words, LANGS5, names)
        glossary = _glossary(Path(tmp) / "terms.csv", args.terms)
        env = {**env, "HEXAGLOT_CACHE": str(Path(tmp) / "cache")}
        for label, command in (
            ("status", ["status", str(root), "--format", "json"]),
            ("status (table)", ["status", str(root)]),
            ("assign", ["assign", str(root)]),
            ("check", ["check", str(root), "--glossary", str(glossary), "--format", "json"]),
        ):
            first = _timed(command, env)
            cpu: list[float] = []
            again = [_timed(command, env, cpu) for _ in range(5)]
            rows.append({"store": backend, "command": label, "first_s": first, "again_s": statistics.median(again),
                         "again_cpu_s": statistics.median(cpu), "again_all_s": again,
                         "loadavg": _loadavg()})  # fmt: skip
            print(f"| {backend} | {label} | {first:.2f} s | {statistics.median(again):.2f} / "
                  f"{statistics.median(cpu):.2f} s ({min(again):.2f}-{max(again):.2f}) | {_loadavg()} |",
                  flush=True)  # fmt: skip
        segments = sum(1 for _ in (root / "translations" / "fr.po").read_text().split("\nmsgctxt ")) - 1
        print(f"(5 languages x {segments:,} segments, {args.terms} glossary terms)")


# --- drafting ---------------------------------------------------------------------------------------------------


def _instant_engine():  # type: ignore[no-untyped-def]
    """Patch drafting to use a stand-in MT engine that costs nothing (the time left is hexaglot's own)."""
    from translate import draft as draft_module
    from translate.mt.base import Engine

    class InstantEngine(Engine):
        """Stands in for MT: returns the source reversed word by word, in no time."""

        name = "instant"
        needs_model = False

        def load(self) -> None:
            return None

        def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str]:
            return [" ".join(reversed(text.split())) for text in texts]

        def supports(self, lang: str) -> bool:
            return True

        def resolve(self) -> None:
            return None

        def fingerprint(self) -> str:
            return "instant"

    draft_module.create_engine = lambda name, model, lang, **kw: InstantEngine(model=None, batch_size=16)
    from translate.mt.protect import normalize_punctuation

    normalize_punctuation("warm up: sacremoses compiles its expressions once per process")
    return draft_module


def cmd_draft(args: argparse.Namespace) -> None:
    from translate.store import close_stores
    from translate.workflow import load_workflow

    draft_module = _instant_engine()
    rows = []
    print("| words | segments | draft (1 language) | s per 1,000 words | saves | PO writes |")
    print("|---:|---:|---:|---:|---:|---:|")
    for words in args.words:
        with tempfile.TemporaryDirectory() as tmp:
            root = build_job(Path(tmp) / "job", words, ("fr",))
            path = root / "translations" / "fr.po"
            po = polib.pofile(str(path), wrapwidth=0)
            for entry in po:
                entry.msgstr, entry.flags, entry.tcomment = "", [], ""
            path.write_text(str(po), encoding="utf-8")
            wf = load_workflow(root)
            writes = _count_writes(path)
            started = time.perf_counter()
            reports = draft_module.draft_workflow(wf, ["fr"], engine="instant")
            seconds = time.perf_counter() - started
            close_stores()
            rows.append({"words": words, "segments": len(po), "seconds": seconds,
                         "drafts": reports["fr"].mt_drafts, "po_writes": writes(), "loadavg": _loadavg()})  # fmt: skip
            print(f"| {words:,} | {len(po):,} | {seconds:.2f} s | {seconds / words * 1000:.3f} | "
                  f"{reports['fr'].mt_drafts:,} drafts in {math.ceil(reports['fr'].mt_drafts / 16)} batches | "
                  f"{writes()} |", flush=True)  # fmt: skip
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        exponent = math.log(last["seconds"] / first["seconds"]) / math.log(last["words"] / first["words"])
        print(f"growth exponent (time ∝ words^k) from {first['words']:,} to {last['words']:,}: k = {exponent:.2f}")
    print(f"load average: {_loadavg()}")
    _save("draft", rows)


def cmd_run(args: argparse.Namespace) -> None:
    """``hexaglot run`` (import the sources, draft five languages, print the status) on a Markdown job of N words."""
    import random

    from click.testing import CliRunner

    sys.path.insert(0, str(HERE))
    from edition_benchmark import make_job, sentences_for

    from translate.cli import cli
    from translate.store import close_stores

    _instant_engine()
    rows = []
    print("| words | segments per language | `run`, 5 languages: wall / CPU | CPU s per 1,000 words | load avg |")
    print("|---:|---:|---:|---:|---:|")
    for words in args.words:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "job"
            make_job(root, sentences_for(words, random.Random(words)))
            with open(root / "workflow.yaml", "a", encoding="utf-8") as handle:
                handle.write("mt: {default: {engine: marian}}\n")  # the stand-in engine drafts every language
            load_before = _loadavg()
            wall, cpu = time.perf_counter(), time.process_time()
            result = CliRunner().invoke(cli, ["run", str(root)], catch_exceptions=False)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if result.exit_code != 0:
                raise SystemExit(f"run failed: {result.output[-2000:]}")
            po = polib.pofile(str(root / "translations" / "fr.po"))
            segments = len(po)
            if sum(1 for entry in po if entry.msgstr) != segments:
                raise SystemExit("run left segments undrafted")
            close_stores()
        rows.append({"words": words, "segments": segments, "wall_s": wall, "cpu_s": cpu,
                     "loadavg": f"{load_before} / {_loadavg()}"})  # fmt: skip
        print(f"| {words:,} | {segments:,} | {wall:.1f} / {cpu:.1f} s | {cpu / words * 1000:.3f} | "
              f"{load_before.split()[0]}-{_loadavg().split()[0]} |", flush=True)  # fmt: skip
    for first, last in itertools.pairwise(rows):
        exponent = math.log(last["cpu_s"] / first["cpu_s"]) / math.log(last["words"] / first["words"])
        print(f"CPU growth exponent {first['words']:,} -> {last['words']:,} words: k = {exponent:.2f}")
    _save("run", rows)


def _count_writes(path: Path):  # type: ignore[no-untyped-def]
    """Count atomic writes of ``path`` (each is a rename onto it) by wrapping translate.fileio."""
    from translate import fileio

    count = {"n": 0}
    original = fileio.atomic_write_text

    def counting(target, *a, **kw):  # type: ignore[no-untyped-def]
        if Path(target) == path:
            count["n"] += 1
        return original(target, *a, **kw)

    fileio.atomic_write_text = counting
    import translate.catalog
    import translate.store

    translate.catalog.atomic_write_text = counting
    translate.store.atomic_write_text = counting
    return lambda: count["n"]


def _save(what: str, rows: list[dict[str, Any]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"store_bench-{what}.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_reviewer":
        root, lang, name, ids_file, saves, think = sys.argv[2:8]
        reviewer_main(root, lang, name, ids_file, int(saves), float(think))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    rev = sub.add_parser("reviewers")
    rev.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    rev.add_argument("--words", type=int, nargs="+", default=[2500, 25000, 200000])
    rev.add_argument("--layouts", nargs="+", default=["1", "5x3", "1x15"])
    rev.add_argument("--saves", type=int, default=40)
    rev.add_argument("--think", type=float, default=0.05)
    com = sub.add_parser("commands")
    com.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    com.add_argument("--segments", type=int, default=10000)
    com.add_argument("--terms", type=int, default=1000)
    dra = sub.add_parser("draft")
    dra.add_argument("--words", type=int, nargs="+", default=[2500, 25000, 200000])
    run = sub.add_parser("run")
    run.add_argument("--words", type=int, nargs="+", default=[2500, 25000, 200000])
    args = parser.parse_args()
    {"reviewers": cmd_reviewers, "commands": cmd_commands, "draft": cmd_draft, "run": cmd_run}[args.what](args)


if __name__ == "__main__":
    main()
