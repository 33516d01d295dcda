"""A small HTTP server on 127.0.0.1 that serves model repositories the way the Hugging Face Hub does, so that
``hexaglot mt fetch`` (through huggingface_hub, ``HF_ENDPOINT``) is tested with no internet.

It answers what huggingface_hub asks: ``GET /api/models/{repo}[/revision/{rev}]`` (the commit and its files),
``HEAD`` and ``GET /{repo}/resolve/{rev}/{path}`` (``X-Repo-Commit``, ``ETag``, ``Content-Length``; ``Range`` for
a resumed download), and the Hub's 404s (``X-Error-Code: RepoNotFound`` / ``RevisionNotFound`` /
``EntryNotFound``). ``cut_after`` makes the first full GET of a file stop after that many bytes (a dropped
connection), and every request is logged, so a test can see a resumed download ask for the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote


@dataclass
class Repo:
    commits: dict[str, dict[str, bytes]]
    """commit sha -> {path: content}"""
    refs: dict[str, str]
    """branch or tag -> commit sha"""


@dataclass
class FakeHub:
    repos: dict[str, Repo] = field(default_factory=dict)
    log: list[tuple[str, str, str]] = field(default_factory=list)
    """(method, path, Range header) of every request."""
    cut_after: dict[str, int] = field(default_factory=dict)
    """file path -> bytes after which its first GET without Range is cut off."""

    def add(self, repo_id: str, files: dict[str, bytes], branch: str = "main") -> str:
        """A new commit of ``repo_id`` holding ``files``, at ``branch``; returns its sha."""
        repo = self.repos.setdefault(repo_id, Repo({}, {}))
        content = hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest()
        sha = hashlib.sha1(json.dumps([repo_id, sorted(files), content, len(repo.commits)]).encode()).hexdigest()
        repo.commits[sha] = dict(files)
        repo.refs[branch] = sha
        return sha

    def add_folder(self, repo_id: str, folder: Path, branch: str = "main") -> str:
        files = {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
        return self.add(repo_id, files, branch)

    def resolve(self, repo_id: str, revision: str) -> str | None:
        repo = self.repos[repo_id]
        if revision in repo.commits:
            return revision
        return repo.refs.get(unquote(revision))

    def start(self) -> tuple[ThreadingHTTPServer, str]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_HEAD(self) -> None:
                self._serve(head=True)

            def do_GET(self) -> None:
                self._serve(head=False)

            def _error(self, code: str, status: int = 404) -> None:
                body = json.dumps({"error": code}).encode()
                self.send_response(status)
                self.send_header("X-Error-Code", code)
                self.send_header("X-Error-Message", code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _serve(self, head: bool) -> None:
                path = self.path.split("?", 1)[0]
                hub.log.append((self.command, path, self.headers.get("Range", "")))
                tree = re.fullmatch(r"/api/models/([^/]+/[^/]+)/tree/([^/]+)(?:/.*)?", path)
                api = re.fullmatch(r"/api/models/([^/]+/[^/]+)(?:/revision/(.+))?", path)
                resolve = re.fullmatch(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)", path)
                if tree:
                    self._tree(tree.group(1), unquote(tree.group(2)))
                elif api:
                    self._api(api.group(1), unquote(api.group(2) or "main"))
                elif resolve:
                    self._file(resolve.group(1), unquote(resolve.group(2)), unquote(resolve.group(3)), head)
                else:
                    self._error("EntryNotFound")

            def _api(self, repo_id: str, revision: str) -> None:
                if repo_id not in hub.repos:
                    return self._error("RepoNotFound", 401)
                sha = hub.resolve(repo_id, revision)
                if sha is None:
                    return self._error("RevisionNotFound")
                files = hub.repos[repo_id].commits[sha]
                self._json({
                    "_id": sha, "id": repo_id, "modelId": repo_id, "sha": sha, "private": False, "disabled": False,
                    "gated": False, "downloads": 0, "likes": 0, "tags": [], "lastModified": "2026-01-01T00:00:00.000Z",
                    "siblings": [{"rfilename": name, "size": len(data)} for name, data in sorted(files.items())],
                })  # fmt: skip

            def _tree(self, repo_id: str, revision: str) -> None:
                if repo_id not in hub.repos:
                    return self._error("RepoNotFound", 401)
                sha = hub.resolve(repo_id, revision)
                if sha is None:
                    return self._error("RevisionNotFound")
                files = hub.repos[repo_id].commits[sha]
                entries = [
                    {"type": "file", "path": name, "size": len(data), "oid": hashlib.sha1(data).hexdigest()}
                    for name, data in sorted(files.items())
                ]
                self._json(entries)

            def _json(self, value: object) -> None:
                body = json.dumps(value).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _file(self, repo_id: str, revision: str, name: str, head: bool) -> None:
                if repo_id not in hub.repos:
                    return self._error("RepoNotFound", 401)
                sha = hub.resolve(repo_id, revision)
                if sha is None:
                    return self._error("RevisionNotFound")
                data = hub.repos[repo_id].commits[sha].get(name)
                if data is None:
                    return self._error("EntryNotFound")
                start = 0
                wanted = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
                if wanted and not head:
                    start = int(wanted.group(1))
                body = data[start:]
                self.send_response(206 if start else 200)
                self.send_header("X-Repo-Commit", sha)
                self.send_header("ETag", '"' + hashlib.sha256(data).hexdigest() + '"')
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Accept-Ranges", "bytes")
                if start:
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                self.end_headers()
                if head:
                    return
                cut = hub.cut_after.pop(name, None) if not start else None
                if cut is not None:
                    self.wfile.write(body[:cut])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.wfile.write(body)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, f"http://127.0.0.1:{server.server_address[1]}"
