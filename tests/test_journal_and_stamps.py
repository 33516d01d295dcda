"""The typed journal record and journal.append_many (one durable append for a bulk change); the one file stamp."""

from __future__ import annotations

from pathlib import Path

from translate import journal
from translate.journal import JournalRecord


def test_records_are_appended_in_one_write_with_one_time(tmp_path: Path) -> None:
    path = tmp_path / "journal" / "fr.jsonl"
    journal.append(path, JournalRecord("claire", "c1:ab:1", "accept", "draft", "approved", "a", "b", 12, "revision"))
    journal.append_many(
        path,
        [
            JournalRecord("agency", "c1:ab:2", "translate", "draft", "translated", words=3, origin="xliff"),
            JournalRecord("agency", "c1:ab:3", "approve", "translated", "approved", words=4, origin="xliff"),
        ],
    )
    journal.append_many(path, [])  # nothing to write: no empty line
    records = list(journal.read(path))
    assert [record["segment"] for record in records] == ["c1:ab:1", "c1:ab:2", "c1:ab:3"]
    assert "origin" not in records[0] and records[1]["origin"] == records[2]["origin"] == "xliff"
    assert records[1]["time"] == records[2]["time"] and records[0]["time"]
    assert records[0] == {
        "time": records[0]["time"],
        "reviewer": "claire",
        "segment": "c1:ab:1",
        "action": "accept",
        "state_before": "draft",
        "state_after": "approved",
        "before": "a",
        "after": "b",
        "words": 12,
        "stage": "revision",
    }
    assert path.read_text(encoding="utf-8").count("\n") == 3


def test_one_file_signature_tells_a_changed_file(tmp_path: Path) -> None:
    from translate.fileio import file_stamp

    path = tmp_path / "fr.po"
    assert file_stamp(path) is None
    path.write_text("one", encoding="utf-8")
    first = file_stamp(path)
    assert first is not None and first.size == 3
    path.write_text("three", encoding="utf-8")
    second = file_stamp(path)
    assert second is not None and second != first and second.size == 5
