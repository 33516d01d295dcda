"""The memory on PostgreSQL (issue 13 item 4): fuzzy search in the database with the same scores as the local index,
incremental imports, write-back of approvals, credentials never from the file, versioned migrations."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from translate.cli import cli
from translate.errors import BadInputError
from translate.formats.tmx import CONTEXT_NEXT, CONTEXT_PREV, TranslationUnit, Variant, read_tmx, write_tmx
from translate.memory import Memory, PostgresMemory, open_workflow_memory
from translate.workflow import load_workflow

REPO = Path(__file__).resolve().parents[1]


def _unit(tuid: str, en: str, fr: str, props: list | None = None) -> TranslationUnit:
    return TranslationUnit(tuid=tuid, variants=[Variant("en", en), Variant("fr", fr)], props=props or [])


def _edited(text: str, vocabulary: list[str], rng: random.Random) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 2)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def _results(memory, queries: list[str], exhaustive: bool = False) -> list[list[tuple]]:
    rows = []
    for query in queries:
        found = memory.search(query, "en", "fr", min_score=50, limit=5, exhaustive=exhaustive)
        # origin: the local index names the folder too (memories/x.tmx), the database the file (x.tmx)
        rows.append(
            [(m.source, m.target, m.score, m.origin.split("/")[-1], m.context, m.numbers, m.penalties) for m in found]
        )
    return rows


@pytest.fixture
def tico(shared_data: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """A memory folder with the TICO-19 en-fr memory (3k real units, above the size scored whole)."""
    folder = tmp_path / "memories"
    folder.mkdir()
    shutil.copy(shared_data / "tico19-tm-terminology" / "data" / "TM" / "all.en-fr.tmx", folder / "b-tico.tmx")
    return folder, [unit.text("en") or "" for unit in read_tmx(folder / "b-tico.tmx")]


def test_database_search_scores_as_the_local_index(tico: tuple[Path, list[str]], pg_dsn: str) -> None:
    folder, sources = tico
    rng = random.Random(5)
    vocabulary = sorted({word for text in sources for word in text.split()})
    database = PostgresMemory(pg_dsn)
    assert database.import_files([folder / "b-tico.tmx"]) == {"b-tico.tmx": len(sources)}
    local = Memory.from_directory(folder)
    queries = [_edited(text, vocabulary, rng) for text in rng.sample(sources, 120)] + sources[:20]
    queries += ["", "!!", "Completely unrelated words about nothing at all."]
    assert _results(database, queries) == _results(local, queries)
    assert _results(database, queries[:40], exhaustive=True) == _results(local, queries[:40], exhaustive=True)
    found = sum(bool(row) for row in _results(database, queries))
    assert found > 100  # the comparison is not vacuous
    stats = database.stats("en")
    assert stats["units"] == len(sources) and stats["targets"] == {"fr": len(sources)}


def test_small_imports_and_replaced_files_match_a_local_rebuild(tico: tuple[Path, list[str]], pg_dsn: str) -> None:
    folder, sources = tico
    rng = random.Random(9)
    vocabulary = sorted({word for text in sources for word in text.split()})
    database = PostgresMemory(pg_dsn)
    database.import_files([folder / "b-tico.tmx"])
    # a 48-unit TMX, then an approved file written twice (the second time changed): each replaces its own units
    shutil.copy(REPO / "memories" / "glotip-2022.tmx", folder / "glotip-2022.tmx")
    database.import_files([folder / "glotip-2022.tmx"])
    approved = [_unit(f"s{n}", _edited(sources[n], vocabulary, rng), f"[fr {n}]") for n in range(10, 60)]
    approved.append(_unit("s1", sources[1], "[approuvé] " + sources[1]))
    database.import_units("a-approved.tmx", approved)
    approved[3] = _unit("s13", "A completely different sentence about victims.", "Une phrase toute autre.")
    write_tmx(folder / "a-approved.tmx", approved)
    with pytest.raises(BadInputError, match="never replaces"):  # tm import never replaces a memory's units
        database.import_files([folder / "a-approved.tmx"])
    database.import_units("a-approved.tmx", approved)  # the write-back replaces its own file's units
    local = Memory.from_directory(folder)
    queries = [_edited(text, vocabulary, rng) for text in rng.sample(sources, 80)]
    queries += [sources[1], sources[13], "A completely different sentence about victims."]
    queries += [unit.text("en") or "" for unit in read_tmx(REPO / "memories" / "glotip-2022.tmx")][:10]
    assert _results(database, queries) == _results(local, queries)
    assert database.search(sources[1], "en", "fr", limit=1)[0].origin == "a-approved.tmx#s1"  # ties: file order
    assert database.files == ["a-approved.tmx", "b-tico.tmx", "glotip-2022.tmx"]
    before = _results(database, queries)
    result = CliRunner().invoke(cli, ["tm", "compact", "--memory", pg_dsn], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _results(PostgresMemory(pg_dsn), queries) == before


def test_context_match_and_the_cli_on_a_database(pg_dsn: str, tmp_path: Path) -> None:
    props = [(CONTEXT_PREV, "Before."), (CONTEXT_NEXT, "After.")]
    write_tmx(tmp_path / "m.tmx", [_unit("1", "Victims were detected.", "Des victimes ont été détectées.", props)])
    runner = CliRunner()
    result = runner.invoke(cli, ["tm", "import", str(tmp_path / "m.tmx"), "--memory", pg_dsn], catch_exceptions=False)
    assert result.exit_code == 0 and "imported m.tmx: 1 units" in result.output
    memory = PostgresMemory(pg_dsn)
    assert memory.search("Victims were detected.", context=("Before.", "After."))[0].score == 101
    assert memory.search("Victims were detected.", context=("Other.", "After."))[0].score == 100
    result = runner.invoke(
        cli, ["tm", "search", "--memory", pg_dsn, "--target-lang", "fr"], input="victims were detected\n"
    )
    assert json.loads(result.output)["matches"][0] == {
        "source": "Victims were detected.",
        "target": "Des victimes ont été détectées.",
        "score": 98,  # case and punctuation
        "origin": "m.tmx#1",
    }


def test_workflow_memory_in_the_database_and_approvals_written_back(pg_dsn: str, tmp_path: Path) -> None:
    from translate.catalog import Catalog, approve
    from translate.memory.writeback import update_memory_from_workflow

    root = tmp_path / "workflows" / "job"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "a.md").write_text("Victims were detected in 148 countries.\n", encoding="utf-8")
    data = {"name": "job", "sources": ["sources/a.md"], "target_languages": ["fr"], "memories": [pg_dsn]}
    (root / "workflow.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    wf = load_workflow(root)
    memory = open_workflow_memory(wf)
    assert isinstance(memory, PostgresMemory)
    catalog = Catalog.new(wf.catalog_path("fr"), "fr", "job")
    import polib

    entry = polib.POEntry(msgctxt="a:1:1", msgid="Victims were detected in 148 countries.", msgstr="")
    approve(entry, "marie", "Des victimes ont été détectées dans 148 pays.")
    catalog.po.append(entry)
    catalog.save()
    assert update_memory_from_workflow(wf) == 1
    match = memory.search("Victims were detected in 148 countries.", "en", "fr")[0]
    assert (match.score, match.target, match.origin) == (100, entry.msgstr, "job-approved.tmx#a:1:1")


def test_credentials_never_from_the_file_and_migrations_versioned(pg_dsn: str, tmp_path: Path) -> None:
    with_password = pg_dsn.replace("hexaglot@", "hexaglot:secret@")
    with pytest.raises(BadInputError, match="no password"):
        PostgresMemory(with_password)
    first = PostgresMemory(pg_dsn)
    assert first.schema_version() == 1
    second = PostgresMemory(pg_dsn)  # a second process opening the migrated database applies nothing again
    assert second._all("SELECT version FROM hx_tm_migrations") == [(1,)]
    root = tmp_path / "job"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "a.md").write_text("Text.\n", encoding="utf-8")
    data = {"name": "job", "sources": ["sources/a.md"], "memories": [pg_dsn, "memories"]}
    (root / "workflow.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(BadInputError, match="only entry"):
        open_workflow_memory(load_workflow(root))


def test_concurrent_imports_into_one_database_lose_nothing(tico: tuple[Path, list[str]], pg_dsn: str) -> None:
    """Two offices import at once (two connections, as two processes would): both files are there and the
    document frequencies are those of one import after the other (same search results as the local index)."""
    import threading

    folder, sources = tico
    shutil.copy(REPO / "memories" / "glotip-2022.tmx", folder / "glotip-2022.tmx")
    PostgresMemory(pg_dsn)  # migrated once, before the race
    errors: list[BaseException] = []

    def load(name: str) -> None:
        try:
            PostgresMemory(pg_dsn).import_files([folder / name])
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=load, args=(name,)) for name in ("b-tico.tmx", "glotip-2022.tmx")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    database = PostgresMemory(pg_dsn)
    assert database.files == ["b-tico.tmx", "glotip-2022.tmx"]
    queries = sources[100:160] + [unit.text("en") or "" for unit in read_tmx(folder / "glotip-2022.tmx")][:10]
    assert _results(database, queries) == _results(Memory.from_directory(folder), queries)
