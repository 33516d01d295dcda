"""``hexaglot mt fetch`` and ``hexaglot run --fetch-models`` against a local fake Hugging Face Hub on 127.0.0.1
(issue 11 item 5): fetched files, revision pinning, a resumed partial download, a refused trust_remote_code
repository, a missing repository. No internet: huggingface_hub is pointed at the fake hub by ``HF_ENDPOINT``."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_hub import FakeHub
from mt_model import tiny_marian_fixture  # noqa: F401 - session fixture

REPO = Path(__file__).resolve().parents[1]
HEXAGLOT = [sys.executable, "-c", "from translate.cli import main; main()"]
MODEL = "hexaglot-test/opus-mt-tiny-en-fr"

pytest.importorskip("huggingface_hub")


@pytest.fixture
def hub(tiny_marian: Path):  # type: ignore[no-untyped-def]
    fake = FakeHub()
    files = {p.name: p.read_bytes() for p in tiny_marian.iterdir() if p.is_file()}
    fake.first = fake.add(MODEL, {**files, "pytorch_model.bin": b"pickled weights are never fetched"})  # type: ignore[attr-defined]
    server, url = fake.start()
    fake.url = url  # type: ignore[attr-defined]
    fake.files = files  # type: ignore[attr-defined]
    yield fake
    server.shutdown()
    server.server_close()


def _run(args: list[str], hub: FakeHub, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {key: value for key, value in os.environ.items() if key not in ("HF_HUB_OFFLINE", "HF_HUB_CACHE")}
    full.update({"HF_ENDPOINT": hub.url, "HF_HOME": str(home), "PYTHONPATH": str(REPO),  # type: ignore[attr-defined]
                 "HF_HUB_DISABLE_TELEMETRY": "1", "OMP_NUM_THREADS": "1", **env})  # fmt: skip
    return subprocess.run([*HEXAGLOT, *args], capture_output=True, text=True, env=full, timeout=300, cwd=REPO)


def _snapshot(home: Path, commit: str) -> Path:
    return home / "hub" / f"models--{MODEL.replace('/', '--')}" / "snapshots" / commit


def test_fetch_downloads_configs_tokenizer_and_safetensors_with_a_progress_bar(hub: FakeHub, tmp_path: Path) -> None:
    done = _run(["mt", "fetch", MODEL], hub, tmp_path)
    assert done.returncode == 0, done.stderr
    folder = _snapshot(tmp_path, hub.first)  # type: ignore[attr-defined]
    assert done.stdout.strip() == f"{MODEL}@{hub.first}: {folder}"  # type: ignore[attr-defined]
    fetched = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert fetched == hub.files  # type: ignore[attr-defined]
    assert "pytorch_model.bin" not in fetched
    assert "100%" in done.stderr  # huggingface_hub's progress bar
    # the fetched model then drafts offline
    check = subprocess.run(
        [sys.executable, "-c", f"from translate.mt import create_engine; e = create_engine('marian', '{MODEL}', 'fr', "
         "beam_size=1); e.resolve(); print(bool(e.translate(['The victims.'], 'fr')[0]))"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "HF_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert check.stdout.strip() == "True", check.stderr


def test_a_revision_is_pinned_to_its_commit(hub: FakeHub, tmp_path: Path) -> None:
    changed = dict(hub.files)  # type: ignore[attr-defined]
    config = json.loads(changed["config.json"])
    config["hexaglot_note"] = "second commit"
    changed["config.json"] = json.dumps(config).encode()
    second = hub.add(MODEL, changed)
    pinned = _run(["mt", "fetch", MODEL, "--revision", hub.first], hub, tmp_path)  # type: ignore[attr-defined]
    assert pinned.returncode == 0, pinned.stderr
    assert (_snapshot(tmp_path, hub.first) / "config.json").read_bytes() == hub.files["config.json"]  # type: ignore[attr-defined]
    latest = _run(["mt", "fetch", MODEL], hub, tmp_path)
    assert latest.returncode == 0 and f"@{second}:" in latest.stdout
    assert b"second commit" in (_snapshot(tmp_path, second) / "config.json").read_bytes()
    unknown = _run(["mt", "fetch", MODEL, "--revision", "v9"], hub, tmp_path)
    assert unknown.returncode == 2 and "no revision 'v9'" in unknown.stderr and "Traceback" not in unknown.stderr


def test_a_partial_download_is_resumed(hub: FakeHub, tmp_path: Path) -> None:
    """The connection drops after 11 MB of a 12 MB weights file: the download goes on from there (huggingface_hub
    writes in 10 MB chunks, so a drop after the first chunk has something to resume from)."""
    weights = os.urandom(12 * 1024 * 1024)
    hub.add("hexaglot-test/big-weights", {"config.json": b"{}", "model.safetensors": weights})
    hub.cut_after["model.safetensors"] = 11 * 1024 * 1024
    done = _run(["mt", "fetch", "hexaglot-test/big-weights"], hub, tmp_path)
    assert done.returncode == 0, done.stderr
    ranges = [rng for method, path, rng in hub.log if method == "GET" and path.endswith("/model.safetensors")]
    assert ranges[0] == "" and len(ranges) == 2 and ranges[1].startswith("bytes=")
    resumed_at = int(ranges[1].removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_at <= 11 * 1024 * 1024  # only the rest was asked for
    snapshot = tmp_path / "hub" / "models--hexaglot-test--big-weights" / "snapshots"
    (folder,) = snapshot.iterdir()
    assert hashlib.sha256((folder / "model.safetensors").read_bytes()).digest() == hashlib.sha256(weights).digest()


def test_a_repository_that_needs_its_own_code_is_refused(hub: FakeHub, tmp_path: Path) -> None:
    config = json.loads(hub.files["config.json"])  # type: ignore[attr-defined]
    config["auto_map"] = {"AutoModelForSeq2SeqLM": "modeling_custom.CustomModel"}
    custom = {**hub.files, "config.json": json.dumps(config).encode()}  # type: ignore[attr-defined]
    hub.add("someone/custom-code-mt", custom)
    done = _run(["mt", "fetch", "someone/custom-code-mt"], hub, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "trust_remote_code" in done.stderr and "auto_map" in done.stderr
    hub.add("someone/python-files-mt", {**hub.files, "modeling_custom.py": b"import os\n"})  # type: ignore[attr-defined]
    with_code = _run(["mt", "fetch", "someone/python-files-mt"], hub, tmp_path)
    assert with_code.returncode == 2 and "modeling_custom.py" in with_code.stderr
    downloaded = [path for method, path, _ in hub.log if method == "GET" and "/resolve/" in path]
    assert not [path for path in downloaded if path.endswith(".safetensors")]  # refused before any weight


def test_a_missing_repository_is_one_clear_line(hub: FakeHub, tmp_path: Path) -> None:
    done = _run(["mt", "fetch", "Helsinki-NLP/opus-mt-en-xx"], hub, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("hexaglot: cannot fetch Helsinki-NLP/opus-mt-en-xx: no such model on http://127.0.0.1")
    offline = _run(["mt", "fetch", MODEL], hub, tmp_path, HF_HUB_OFFLINE="1")
    assert offline.returncode == 2 and "HF_HUB_OFFLINE is set" in offline.stderr


def test_run_fetch_models_fetches_the_workflows_missing_models_then_drafts(hub: FakeHub, tmp_path: Path) -> None:
    root = tmp_path / "wf"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "overview.md").write_text("# Global overview\n\nMost detected victims were women.\n")
    (root / "workflow.yaml").write_text(
        f"name: fetch-test\ntarget_languages: [fr]\nsources: [sources/overview.md]\n"
        f"mt:\n  fr: {{engine: marian, model: {MODEL}, beam_size: 1}}\n",
        encoding="utf-8",
    )
    home = tmp_path / "hf-home"
    done = _run(["run", str(root), "--fetch-models"], hub, home)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"fetching MT model {MODEL}" in done.stderr
    assert "MT drafts (marian" in done.stderr
    again = _run(["run", str(root), "--fetch-models"], hub, home)
    assert again.returncode == 0 and "fetching MT model" not in again.stderr  # already there: nothing fetched
