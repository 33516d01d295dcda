"""The memory grows incrementally (issue 13 item 2): adding or changing a file indexes that file alone, in a new
segment beside the others, and every search gives exactly what a full rebuild of the index gives."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import cli
from translate.formats.tmx import TranslationUnit, Variant, read_tmx, write_tmx
from translate.memory import Memory
from translate.memory import store as memory_store

REPO = Path(__file__).resolve().parents[1]


def _unit(tuid: str, en: str, fr: str) -> TranslationUnit:
    return TranslationUnit(tuid=tuid, variants=[Variant("en", en), Variant("fr", fr)])


def _edited(text: str, vocabulary: list[str], rng: random.Random) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 2)):
        position = rng.randrange(len(words))
        words[position] = rng.choice(vocabulary)
    return " ".join(words)


def _segments(folder: Path) -> list[dict]:
    return json.loads((folder / ".cache" / "tm" / "index-en.json").read_text(encoding="utf-8"))["segments"]


def _results(memory: Memory, queries: list[str], exhaustive: bool) -> list[list[tuple]]:
    rows = []
    for query in queries:
        found = memory.search(query, "en", "fr", min_score=50, limit=5, exhaustive=exhaustive)
        rows.append([(m.source, m.target, m.score, m.origin, m.context, m.numbers, m.penalties) for m in found])
    return rows


def _rebuilt(folder: Path, tmp_path: Path) -> Memory:
    """The same TMX files indexed from scratch, in a cache of their own."""
    files = sorted(folder.glob("*.tmx"))
    return Memory(files, tmp_path / "fresh-cache")


@pytest.fixture
def tico(shared_data: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """A memory folder with the TICO-19 en-fr memory (3k real units) and the sample's previous-edition TMX."""
    folder = tmp_path / "memories"
    folder.mkdir()
    shutil.copy(shared_data / "tico19-tm-terminology" / "data" / "TM" / "all.en-fr.tmx", folder / "b-tico.tmx")
    sources = [unit.text("en") or "" for unit in read_tmx(folder / "b-tico.tmx")]
    return folder, sources


def test_adding_and_changing_files_indexes_only_them_and_matches_a_full_rebuild(
    tico: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, sources = tico
    rng = random.Random(11)
    vocabulary = sorted({word for text in sources for word in text.split()})
    memory = Memory.from_directory(folder)
    memory.search("warm-up", "en", "fr")
    base = _segments(folder)
    assert len(base) == 1

    built: list[list[str]] = []
    build = memory_store.build_language_index

    def recording(source_lang, files):
        built.append([Path(label).name for label, _ in files])
        return build(source_lang, files)

    monkeypatch.setattr(memory_store, "build_language_index", recording)

    # 1. a 48-unit TMX imported into the memory: only that file is read and indexed.
    memory.import_files([REPO / "memories" / "glotip-2022.tmx"])
    assert built == [["glotip-2022.tmx"]]
    # 2. an approval write-back: a new file sorted before the others, with a unit whose English is also in TICO
    #    (a tie that must go to the first file, as in one index) and edited TICO sentences.
    approved = [_unit(f"s{n}", _edited(sources[n], vocabulary, rng), f"[fr {n}]") for n in range(10, 60)]
    approved.append(_unit("s1", sources[1], "[approuvé] " + sources[1]))  # unit 50 here, unit 1 in TICO
    write_tmx(folder / "a-approved.tmx", approved)
    memory.search(sources[1], "en", "fr")
    assert built[-1] == ["a-approved.tmx"]
    # 3. the write-back again with more approvals (the file changes): it alone is re-indexed.
    approved[3] = _unit("s13", "A completely different sentence about victims.", "Une phrase toute autre.")
    approved += [_unit(f"s{n}", _edited(sources[n], vocabulary, rng), f"[fr {n}]") for n in range(60, 90)]
    write_tmx(folder / "a-approved.tmx", approved)
    memory.search(sources[1], "en", "fr")
    assert built[-1] == ["a-approved.tmx"]
    assert len(built) == 3
    assert _segments(folder)[0]["folder"] == base[0]["folder"]  # the large one is kept

    queries = [_edited(text, vocabulary, rng) for text in rng.sample(sources, 150)]
    queries += [sources[1], sources[13], "A completely different sentence about victims.", sources[70]]
    queries += [unit.text("en") or "" for unit in read_tmx(REPO / "memories" / "glotip-2022.tmx")][:10]
    fresh = _rebuilt(folder, tmp_path)
    for exhaustive in (False, True):
        assert _results(memory, queries, exhaustive) == _results(fresh, queries, exhaustive)
    tie = memory.search(sources[1], "en", "fr", limit=2)
    assert [m.origin for m in tie] == ["memories/a-approved.tmx#s1", tie[1].origin]
    assert tie[1].origin.startswith("memories/b-tico.tmx#")
    assert memory.stats("en") == {**fresh.stats("en"), "cache": memory.stats("en")["cache"]} | {
        "cache_bytes": memory.stats("en")["cache_bytes"],
        "build_seconds": memory.stats("en")["build_seconds"],
    }


def test_a_changed_file_of_the_large_segment_is_masked_and_removed_files_vanish(
    tico: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, sources = tico
    write_tmx(folder / "c-old.tmx", [_unit("o1", "The old edition said this.", "L'ancienne édition.")])
    write_tmx(folder / "d-gone.tmx", [_unit("g1", "This file will be deleted.", "Ce fichier sera supprimé.")])
    memory = Memory.from_directory(folder)
    assert memory.search("The old edition said this.", "en", "fr")[0].score == 100
    assert len(_segments(folder)) == 1
    write_tmx(folder / "c-old.tmx", [_unit("o1", "The new edition says this.", "La nouvelle édition.")])
    (folder / "d-gone.tmx").unlink()
    assert memory.search("The old edition said this.", "en", "fr", min_score=90) == []
    assert memory.search("This file will be deleted.", "en", "fr", min_score=90) == []
    assert memory.search("The new edition says this.", "en", "fr")[0].origin == "memories/c-old.tmx#o1"
    assert len(_segments(folder)) == 2
    queries = ["The old edition said this.", "The new edition says this.", *sources[:40]]
    fresh = _rebuilt(folder, tmp_path)
    assert _results(memory, queries, False) == _results(fresh, queries, False)
    assert memory.stats("en")["units"] == fresh.stats("en")["units"]


def test_tm_compact_merges_the_segments_into_one(tico: tuple[Path, list[str]], tmp_path: Path) -> None:
    folder, sources = tico
    memory = Memory.from_directory(folder)
    memory.search("warm-up", "en", "fr")
    memory.import_files([REPO / "memories" / "glotip-2022.tmx"])
    write_tmx(folder / "a-approved.tmx", [_unit("s1", sources[3], "[approuvé]")])
    queries = sources[:30]
    before = _results(memory, queries, False)
    assert len(_segments(folder)) == 3
    result = CliRunner().invoke(cli, ["tm", "compact", "--memory", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 segment" in result.output
    assert len(_segments(folder)) == 1
    assert _results(Memory.from_directory(folder), queries, False) == before
    assert len([path for path in (folder / ".cache" / "tm").iterdir() if path.is_dir()]) == 1
