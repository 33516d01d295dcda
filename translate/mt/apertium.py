"""Apertium, Debian's rule-based MT (package apertium-eng-spa, mode ``eng-spa``): the one engine here that runs
fully offline with nothing to download. English to Spanish only.

Unknown words pass through unchanged (``-u`` drops the ``*`` marks), so placeholders survive: its default
protection is ``placeholder``.

Segment-safe batching. Apertium's ``txt`` format treats a newline as ordinary white space: joining a batch with
``\\n`` lets the tagger and the structural transfer see one running text, so words move across lines
(``The legal framework`` + ``Profile of the victims`` came back as ``El Perfil de`` / ``marco legal de las
víctimas``), and the line count still matched, so nothing noticed. Here a batch runs in null-flush mode
(``apertium -f none -z``): hexaglot does what ``apertium-destxt`` does for one segment (escape the stream's
reserved characters, add the sentence-end ``.[]``) and ends each segment with a NUL, on which every stage of the
pipeline flushes and starts afresh. Each segment also opens with a superblank ``[hxN]`` naming its position;
Apertium copies superblanks through untouched, so the output chunk that carries ``[hxN]`` alone is segment N's
translation. A chunk without exactly its own marker is unproven: that segment is translated alone, and if that
is unproven too, no draft is given (``None``).
"""

from __future__ import annotations

import re
import shutil
import subprocess

from translate.errors import HexaglotError
from translate.mt.base import Engine, MTUnavailableError

MODES = {"es": "eng-spa"}
MODE_NAME = re.compile(r"[a-z]{2,3}-[a-z]{2,3}(?:[_-][a-zA-Z_]+)?")
TIMEOUT_S = 600
RESERVED = re.compile(r"([\[\]^$/\\@<>{}])")
"""Characters with a meaning in Apertium's stream format, escaped by a backslash (as apertium-destxt does)."""
MARKER = re.compile(r"\[hx(\d+)\]")
SENTENCE_END = ".[]"
"""What apertium-destxt appends to a text (a sentence end for the tagger) and apertium-retxt removes."""
STREAM_TOKEN = re.compile(r"\\(.)|\[((?:\\.|[^\]\\])*)\]", re.DOTALL)


def deformat(text: str, number: int) -> str:
    """One segment as a null-flushed chunk of the stream: its marker, the escaped text, the sentence end, NUL."""
    return f"[hx{number}]" + RESERVED.sub(r"\\\1", text) + SENTENCE_END + "\0"


def reformat(chunk: str) -> str:
    """The translated text of a chunk without its marker: sentence end dropped, escapes and superblanks undone."""
    body = MARKER.sub("", chunk, count=1).rstrip()[: -len(SENTENCE_END)]

    def unescape(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        return re.sub(r"\\(.)", r"\1", match.group(2))

    return STREAM_TOKEN.sub(unescape, body).strip()


def parse_chunks(output: str, expected: set[int]) -> dict[int, str]:
    """Translations by segment number, only from chunks that are proven whole and their segment's own.

    A chunk is trusted when it carries exactly one marker, of an expected segment seen once, and ends with the
    sentence end its segment was sent with. Text in a chunk without a marker makes both neighbouring chunks
    untrusted (it may be the end of the one before or the start of the one after).
    """
    chunks = output.split("\0")
    markers = [[int(number) for number in MARKER.findall(chunk)] for chunk in chunks]
    counts: dict[int, int] = {}
    for found in markers:
        for number in found:
            counts[number] = counts.get(number, 0) + 1
    stray = {k for k, chunk in enumerate(chunks) if not markers[k] and chunk.strip()}
    result: dict[int, str] = {}
    for k, chunk in enumerate(chunks):
        if len(markers[k]) != 1 or k - 1 in stray or k + 1 in stray:
            continue
        number = markers[k][0]
        if number in expected and counts[number] == 1 and chunk.rstrip().endswith(SENTENCE_END):
            result[number] = reformat(chunk)
    return result


class ApertiumEngine(Engine):
    name = "apertium"
    needs_model = False
    default_protection = "placeholder"
    batching = "apertium -f none -z, one NUL-ended chunk per segment opened by a [hxN] superblank"

    @property
    def label(self) -> str:
        """The Apertium mode (``eng-spa``): workflow.yaml may name it as the model."""
        return self.model or MODES["es"]

    def supports(self, lang: str) -> bool:
        return lang in MODES

    def resolve(self) -> None:
        if not MODE_NAME.fullmatch(self.label):
            raise MTUnavailableError(self.label, "not an Apertium mode name (like eng-spa)", "see: apertium -l")
        if shutil.which("apertium") is None:
            raise MTUnavailableError(
                self.label, "the apertium program is not installed", "install it with: apt-get install apertium-eng-spa"
            )

    def load(self) -> None:
        """Nothing to load: each batch runs the apertium pipeline once."""

    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str | None]:
        if lang not in MODES:
            raise HexaglotError(f"apertium translates English into Spanish (es) only, not {lang}")
        lines = [" ".join(text.split()) for text in texts]
        results: list[str | None] = ["" for _ in lines]
        todo = [i for i, line in enumerate(lines) if line]
        if not todo:
            return results
        found = parse_chunks(self._run("".join(deformat(lines[i], i) for i in todo)), set(todo))
        for i in todo:
            if i not in found:  # unproven in the batch: alone, in a pipeline of its own
                found.update(parse_chunks(self._run(deformat(lines[i], i)), {i}))
            results[i] = found.get(i)
        return results

    def _run(self, stream: str) -> str:
        try:
            done = subprocess.run(
                ["apertium", "-f", "none", "-z", "-u", self.label],
                input=stream,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise MTUnavailableError(self.label, f"apertium failed ({error})", "check: apertium -u eng-spa") from None
        if done.returncode != 0:
            problem = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise MTUnavailableError(self.label, f"apertium failed: {problem}", "install apertium-eng-spa")
        return done.stdout
