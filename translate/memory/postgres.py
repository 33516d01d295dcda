"""A translation memory in a PostgreSQL database (``memories: [postgresql://user@host:port/db]`` in workflow.yaml,
``--memory postgresql://…`` for ``hexaglot tm``), shared by teams on several machines.

The fuzzy search runs in the database: an inverted index of the units' normalised tokens lives in tables and the
server adds up the idf-weighted overlap of the query's tokens per unit and returns the best candidates; those are
scored exactly here by the same code as the local index (:mod:`translate.memory.score`), so a search gives the same
scores as the local index built from the same units (tested). Tables (migrations numbered in ``hx_tm_migrations``)::

    hx_tm_files(id, label UNIQUE, units, imported_at)     one row per imported TMX file (origin ``label#tuid``)
    hx_tm_units(id, file_id, position, source_lang, tuid, source, tokens text[], targets jsonb, context bigint)
    hx_tm_tokens(source_lang, token, df)                 how many live units contain each token
    hx_tm_postings(source_lang, token, file_id, units bigint[])   units containing a token, a row per import batch
    hx_tm_counts(source_lang, units)                     live units per source language

Adding units (``tm import`` of a small file, a write-back of approvals) inserts their rows, one posting row per
token and the document frequencies: work in proportion to the new units. Re-importing a file of the same name
replaces its units and their posting rows (``tm compact`` merges each file's posting rows into one per token).
Writers serialise on an advisory lock; searches read a consistent snapshot without locking.

Credentials come from libpq's own sources (``PGPASSWORD``, ``~/.pgpass`` or ``PGPASSFILE``), never from the file:
a URL with a password is refused.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from translate.errors import BadInputError, HexaglotError
from translate.formats.tmx import TmxReader, TranslationUnit, Variant
from translate.memory.index import DEFAULT_CANDIDATES, posting_budget_for
from translate.memory.score import context_key, finish_score, in_context_score, match_tokens
from translate.memory.storage import DEFAULT_MIN_SCORE, SMALL_SEGMENT, Match, hash_context

_WRITE_LOCK = 0x68787477  # "hxtw"
_MIGRATION_LOCK = 0x6878746D  # "hxtm"
_CHUNK = 50_000
"""Units inserted per COPY batch (and per posting row of a token)."""

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE hx_tm_files (
            id SERIAL PRIMARY KEY, label TEXT NOT NULL UNIQUE, units INTEGER NOT NULL DEFAULT 0,
            imported_at TIMESTAMPTZ NOT NULL DEFAULT now());
        CREATE TABLE hx_tm_units (
            id BIGINT PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES hx_tm_files (id) ON DELETE CASCADE,
            position INTEGER NOT NULL, source_lang TEXT NOT NULL, tuid TEXT NOT NULL, source TEXT NOT NULL,
            tokens TEXT[] NOT NULL, targets JSONB NOT NULL, context BIGINT NOT NULL DEFAULT 0);
        CREATE INDEX hx_tm_units_file ON hx_tm_units (file_id);
        CREATE TABLE hx_tm_tokens (
            source_lang TEXT NOT NULL, token TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (source_lang, token));
        CREATE TABLE hx_tm_postings (
            source_lang TEXT NOT NULL, token TEXT NOT NULL,
            file_id INTEGER NOT NULL REFERENCES hx_tm_files (id) ON DELETE CASCADE, units BIGINT[] NOT NULL);
        CREATE INDEX hx_tm_postings_token ON hx_tm_postings (source_lang, token);
        CREATE INDEX hx_tm_postings_file ON hx_tm_postings (file_id);
        CREATE TABLE hx_tm_counts (source_lang TEXT PRIMARY KEY, units BIGINT NOT NULL)
        """,
    ),
)


def is_database_url(location: str | Path) -> bool:
    return str(location).startswith(("postgresql://", "postgres://"))


def check_url(url: str) -> str:
    """The URL, refused when it carries a password (credentials come from PGPASSWORD or ~/.pgpass)."""
    userinfo = url.split("://", 1)[1].split("/", 1)[0].rpartition("@")[0]
    if ":" in userinfo or "password=" in url:
        raise BadInputError(url.split("@")[-1], "no password in a memory URL: put it in PGPASSWORD or ~/.pgpass")
    return url


class PostgresMemory:
    """The :class:`~translate.memory.store.Memory` interface on a PostgreSQL database."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ModuleNotFoundError:  # pragma: no cover - a dependency
            raise HexaglotError("memories: postgresql needs psycopg (pip install 'psycopg[binary]')") from None
        self.url = check_url(url)
        self.cache_dir = url.rsplit("@", 1)[-1]
        self.directory = None
        self._lock = threading.RLock()
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise HexaglotError(f"memory {self.cache_dir}: cannot connect: {first}") from None
        self._migrate()

    # Schema ---------------------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._lock, self._conn.transaction(), self._conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            cur.execute(
                "CREATE TABLE IF NOT EXISTS hx_tm_migrations (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            cur.execute("SELECT version FROM hx_tm_migrations")
            applied = {int(version) for (version,) in cur.fetchall()}
            for version, script in MIGRATIONS:
                if version in applied:
                    continue
                for statement in script.split(";"):
                    if statement.strip():
                        cur.execute(statement)
                cur.execute("INSERT INTO hx_tm_migrations (version) VALUES (%s)", (version,))

    def schema_version(self) -> int:
        return int(self._one("SELECT max(version) FROM hx_tm_migrations")[0] or 0)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple:
        with self._lock, self._conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchone()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock, self._conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Any]:
        with self._lock, self._conn.transaction(), self._conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            yield cur

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # The Memory interface ------------------------------------------------------------------------------

    @property
    def files(self) -> list[str]:
        """The labels of the imported files, in the memory's order (by name, as a folder's ``*.tmx``)."""
        return [label for (label,) in self._all("SELECT label FROM hx_tm_files ORDER BY label")]

    def import_files(self, paths: Sequence[str | Path], source_lang: str = "en") -> dict[str, int]:
        """Read and validate every file, then add the units of each (by file name) in one transaction.

        A file name already in the database is refused (an import never replaces a memory's units)."""
        incoming = [Path(path) for path in paths]
        for path in incoming:
            if not path.is_file():
                raise BadInputError(path, "no such file")
        if len({path.name for path in incoming}) != len(incoming):
            raise BadInputError(incoming[0], "two files to import have the same name")
        read = [(path.name, list(_read_units(path, source_lang))) for path in incoming]
        with self._writing() as cur:
            cur.execute("SELECT label FROM hx_tm_files WHERE label = ANY(%s)", ([label for label, _ in read],))
            taken = sorted(label for (label,) in cur.fetchall())
            if taken:
                raise BadInputError(
                    incoming[[path.name for path in incoming].index(taken[0])],
                    f"the memory already holds a file named {taken[0]}; an import never replaces a memory: "
                    "rename the file",
                )
            for label, units in read:
                self._replace(cur, label, source_lang, units)
        return {label: len(units) for label, units in read}

    def import_units(self, label: str, units: Sequence[TranslationUnit], source_lang: str = "en") -> int:
        """Replace the units of ``label`` by ``units`` (the write-back of approvals)."""
        rows = list(_compact_units(units, source_lang))
        with self._writing() as cur:
            self._replace(cur, label, source_lang, rows)
        return len(rows)

    def _replace(self, cur: Any, label: str, source_lang: str, units: list[tuple]) -> None:
        cur.execute("SELECT id FROM hx_tm_files WHERE label = %s", (label,))
        found = cur.fetchone()
        if found is not None:
            self._forget(cur, int(found[0]))
            cur.execute("UPDATE hx_tm_files SET units = %s, imported_at = now() WHERE id = %s", (len(units), found[0]))
            file_id = int(found[0])
        else:
            cur.execute("INSERT INTO hx_tm_files (label, units) VALUES (%s, %s) RETURNING id", (label, len(units)))
            file_id = int(cur.fetchone()[0])
        cur.execute("SELECT coalesce(max(id), 0) FROM hx_tm_units")
        next_id = int(cur.fetchone()[0]) + 1
        for start in range(0, len(units), _CHUNK):
            batch = units[start : start + _CHUNK]
            self._insert(cur, file_id, source_lang, next_id + start, start, batch)
        cur.execute(
            "INSERT INTO hx_tm_counts (source_lang, units) VALUES (%s, %s) ON CONFLICT (source_lang) "
            "DO UPDATE SET units = hx_tm_counts.units + excluded.units",
            (source_lang, len(units)),
        )

    def _forget(self, cur: Any, file_id: int) -> None:
        """Delete a file's units, taking their tokens out of the document frequencies."""
        cur.execute("SELECT source_lang, tokens FROM hx_tm_units WHERE file_id = %s", (file_id,))
        frequencies: dict[tuple[str, str], int] = defaultdict(int)
        counts: dict[str, int] = defaultdict(int)
        for lang, tokens in cur.fetchall():
            counts[lang] += 1
            for token in set(tokens):
                frequencies[(lang, token)] += 1
        if frequencies:
            langs, tokens, dfs = zip(*((lang, token, df) for (lang, token), df in frequencies.items()), strict=True)
            cur.execute(
                "UPDATE hx_tm_tokens t SET df = t.df - d.df FROM unnest(%s::text[], %s::text[], %s::int[]) "
                "AS d(source_lang, token, df) WHERE t.source_lang = d.source_lang AND t.token = d.token",
                (list(langs), list(tokens), list(dfs)),
            )
        for lang, count in counts.items():
            cur.execute("UPDATE hx_tm_counts SET units = units - %s WHERE source_lang = %s", (count, lang))
        cur.execute("DELETE FROM hx_tm_postings WHERE file_id = %s", (file_id,))
        cur.execute("DELETE FROM hx_tm_units WHERE file_id = %s", (file_id,))

    def _insert(self, cur: Any, file_id: int, source_lang: str, first_id: int, first_position: int, batch) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        with cur.copy(
            "COPY hx_tm_units (id, file_id, position, source_lang, tuid, source, tokens, targets, context) FROM STDIN"
        ) as copy:
            for offset, (tuid, source, targets, context, tokens) in enumerate(batch):
                unit_id = first_id + offset
                copy.write_row(
                    (unit_id, file_id, first_position + offset, source_lang, tuid, source, tokens,
                     json.dumps(targets, ensure_ascii=False), context)
                )  # fmt: skip
                for token in dict.fromkeys(tokens):
                    postings[token].append(unit_id)
        with cur.copy("COPY hx_tm_postings (source_lang, token, file_id, units) FROM STDIN") as copy:
            for token, ids in postings.items():
                copy.write_row((source_lang, token, file_id, ids))
        tokens = list(postings)
        cur.execute(
            "INSERT INTO hx_tm_tokens (source_lang, token, df) SELECT %s, t, d FROM unnest(%s::text[], %s::int[]) "
            "AS x(t, d) ON CONFLICT (source_lang, token) DO UPDATE SET df = hx_tm_tokens.df + excluded.df",
            (source_lang, tokens, [len(postings[token]) for token in tokens]),
        )

    def compact(self, source_lang: str = "en") -> dict[str, Any]:
        """Rewrite the postings from the units: one row per token and file."""
        started = time.perf_counter()
        with self._writing() as cur:
            cur.execute("DELETE FROM hx_tm_postings WHERE source_lang = %s", (source_lang,))
            cur.execute(
                "INSERT INTO hx_tm_postings (source_lang, token, file_id, units) "
                "SELECT %s, token, file_id, array_agg(id ORDER BY id) FROM (SELECT DISTINCT id, file_id, "
                "unnest(tokens) AS token FROM hx_tm_units WHERE source_lang = %s) AS x GROUP BY token, file_id",
                (source_lang, source_lang),
            )
            cur.execute("DELETE FROM hx_tm_tokens WHERE source_lang = %s AND df <= 0", (source_lang,))
        stats = self.stats(source_lang)
        stats["build_seconds"] = round(time.perf_counter() - started, 3)
        return stats

    def units(self) -> Iterator[tuple[str, TranslationUnit]]:
        """Every unit (tuid, source and targets; TMX props other than the context are not kept in the database)."""
        with self._lock, self._conn.cursor(name="hx_tm_units_export") as cur:
            cur.execute(
                "SELECT f.label, u.tuid, u.source_lang, u.source, u.targets FROM hx_tm_units u "
                "JOIN hx_tm_files f ON f.id = u.file_id ORDER BY f.label, u.position"
            )
            for label, tuid, source_lang, source, targets in cur:
                variants = [Variant(xml_lang=source_lang, text=source)]
                variants += [Variant(xml_lang=lang, text=text) for lang, text in sorted(targets.items())]
                yield label, TranslationUnit(tuid=tuid, variants=variants)

    def stats(self, source_lang: str = "en") -> dict[str, Any]:
        files = self._all(
            "SELECT f.label, count(u.id) FROM hx_tm_files f LEFT JOIN hx_tm_units u ON u.file_id = f.id "
            "AND u.source_lang = %s GROUP BY f.label ORDER BY f.label",
            (source_lang,),
        )
        targets = self._all(
            "SELECT key, count(*) FROM hx_tm_units, jsonb_object_keys(targets) AS key WHERE source_lang = %s "
            "GROUP BY key ORDER BY key",
            (source_lang,),
        )
        vocabulary = self._one("SELECT count(*) FROM hx_tm_tokens WHERE source_lang = %s AND df > 0", (source_lang,))
        size = self._one(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "WHERE c.relname LIKE 'hx_tm_%%' AND c.relkind = 'r'"
        )
        return {
            "source_lang": source_lang,
            "files": [{"file": label, "units": int(count)} for label, count in files],
            "units": sum(int(count) for _label, count in files),
            "targets": {lang: int(count) for lang, count in targets},
            "vocabulary": int(vocabulary[0]),
            "cache": self.cache_dir,
            "cache_bytes": int(size[0]),
            "build_seconds": 0.0,
        }

    # Search --------------------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        source_lang: str = "en",
        target_lang: str = "fr",
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        limit: int = 5,
        exhaustive: bool = False,
        context: tuple[str | None, str | None] | None = None,
        candidates: int = DEFAULT_CANDIDATES,
    ) -> list[Match]:
        """The best ``limit`` matches scoring at least ``min_score``, best first: the local index's search, with
        the candidates chosen by the database (same token weights, same budget of postings)."""
        if limit <= 0:
            return []
        found = self._one("SELECT units FROM hx_tm_counts WHERE source_lang = %s", (source_lang,))
        total = int(found[0]) if found else 0
        if total <= 0:
            return []
        query_tokens = match_tokens(query, source_lang)
        cutoff = max(min(min_score, 100.0), 0.0) / 100.0
        if not query_tokens:
            rows = [row for row in self._rows("cardinality(u.tokens) = 0", (), source_lang)
                    if row[2].strip() == query.strip()]  # fmt: skip
            sims = np.ones(len(rows))
        else:
            if exhaustive or total <= SMALL_SEGMENT:
                rows = self._rows("TRUE", (), source_lang)
            else:
                rows = self._candidate_rows(query_tokens, source_lang, total, candidates)
            rows, sims = _similarities(query_tokens, rows, cutoff)
        kept = [(row, sim) for row, sim in zip(rows, sims, strict=True) if target_lang in row[4]]
        wanted = hash_context(context_key(*context)) if context else 0
        return _finish(query, query_tokens, kept, source_lang, target_lang, min_score, limit, wanted)

    _SELECT = (
        "SELECT f.label, u.position, u.source, u.tokens, u.targets, u.context, u.tuid "
        "FROM hx_tm_units u JOIN hx_tm_files f ON f.id = u.file_id"
    )

    def _rows(self, where: str, params: Sequence[Any], source_lang: str) -> list[tuple]:
        return self._all(f"{self._SELECT} WHERE u.source_lang = %s AND {where}", (source_lang, *params))

    def _candidate_rows(self, tokens: list[str], source_lang: str, total: int, limit: int) -> list[tuple]:
        """The ``limit`` units with the largest idf-weighted overlap, postings read rarest token first until the
        local index's budget is spent (the same choice as :meth:`TokenIndex.candidates`)."""
        known = self._all(
            "SELECT token, df FROM hx_tm_tokens WHERE source_lang = %s AND token = ANY(%s) AND df > 0",
            (source_lang, list(dict.fromkeys(tokens))),
        )
        if not known:
            return []
        known.sort(key=lambda item: (item[1], tokens.index(item[0])))
        budget = posting_budget_for(total)
        chosen: list[tuple[str, float]] = []
        taken = 0
        for token, df in known:
            taken += int(df)
            if chosen and taken > budget:
                break
            chosen.append((token, float(np.float32(np.log1p(total / int(df))))))
        names, weights = zip(*chosen, strict=True)
        return self._all(
            "WITH q(token, w) AS (SELECT * FROM unnest(%s::text[], %s::float8[])), "
            "hits AS (SELECT x.unit, sum(q.w) AS w FROM hx_tm_postings p JOIN q ON p.token = q.token "
            "CROSS JOIN LATERAL unnest(p.units) AS x(unit) WHERE p.source_lang = %s GROUP BY x.unit "
            "ORDER BY w DESC, x.unit LIMIT %s) "
            "SELECT f.label, u.position, u.source, u.tokens, u.targets, u.context, u.tuid "
            "FROM hits h JOIN hx_tm_units u ON u.id = h.unit JOIN hx_tm_files f ON f.id = u.file_id",
            (list(names), list(weights), source_lang, limit),
        )


def _similarities(query_tokens: list[str], rows: list[tuple], cutoff: float) -> tuple[list[tuple], np.ndarray]:
    """Token similarity (0-1, float32 as the local index computes it) of each row, those >= ``cutoff``."""
    if not rows:
        return [], np.zeros(0)
    chars: dict[str, str] = {}

    def encode(tokens: Sequence[str]) -> str:
        return "".join(chars.setdefault(token, chr(0x21 + len(chars) + (0x800 if len(chars) >= 0xD7DF else 0)))
                       for token in tokens)  # fmt: skip

    query = encode(query_tokens)
    choices = [encode(row[3]) for row in rows]
    scores = process.cdist(
        [query], choices, scorer=Levenshtein.normalized_similarity, score_cutoff=cutoff, dtype=np.float32
    )[0]
    keep = np.flatnonzero(scores >= cutoff - 1e-6)
    return [rows[n] for n in keep.tolist()], scores[keep].astype(np.float64)


def _finish(
    query: str,
    query_tokens: list[str],
    kept: list[tuple[tuple, float]],
    source_lang: str,
    target_lang: str,
    min_score: float,
    limit: int,
    wanted_context: int,
) -> list[Match]:
    """Rank as :meth:`SegmentedIndex._finish` does: best base first, ties in the memory's file order."""
    ranked = sorted(kept, key=lambda item: (-item[1] * 100.0, item[0][0], item[0][1]))
    results: list[tuple[tuple, Match]] = []
    for (label, position, source, tokens, targets, context, tuid), sim in ranked:
        base = sim * 100.0
        if len(results) >= limit and np.floor(base + 1e-9) < results[limit - 1][1].score:
            break
        detail = finish_score(query, source, query_tokens, list(tokens), base, source_lang)
        score, in_context = in_context_score(detail.score, wanted_context, int(context))
        if score < min_score:
            continue
        match = Match(
            source=source,
            target=targets[target_lang],
            score=score,
            origin=f"{label}#{tuid}",
            context=in_context,
            numbers=detail.numbers,
            penalties=detail.penalties,
            base=detail.base,
        )
        results.append(((-score, -detail.base, label, position), match))
        results.sort(key=lambda item: item[0])
        del results[limit:]
    return [match for _, match in results]


def _read_units(path: Path, source_lang: str) -> Iterator[tuple]:
    """(tuid, source, targets, context hash, tokens) of each unit with a ``source_lang`` variant."""
    for position, (tuid, texts, previous, following) in enumerate(TmxReader(path).compact(), start=1):
        source = texts.get(source_lang)
        if source is None:
            continue
        targets = {lang: text for lang, text in texts.items() if lang != source_lang}
        context = 0 if previous is None and following is None else hash_context(context_key(previous, following))
        yield (tuid if tuid is not None else str(position), source, targets, context, match_tokens(source, source_lang))


def _compact_units(units: Sequence[TranslationUnit], source_lang: str) -> Iterator[tuple]:
    from translate.formats.tmx import CONTEXT_NEXT, CONTEXT_PREV

    for position, unit in enumerate(units, start=1):
        source = unit.text(source_lang)
        if source is None:
            continue
        targets = {v.lang: v.text for v in unit.variants if v.lang and v.lang != source_lang}
        previous, following = unit.prop(CONTEXT_PREV), unit.prop(CONTEXT_NEXT)
        context = 0 if previous is None and following is None else hash_context(context_key(previous, following))
        tuid = unit.tuid if unit.tuid is not None else str(position)
        yield (tuid, source, targets, context, match_tokens(source, source_lang))
