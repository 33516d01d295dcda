"""Apertium, Debian's rule-based MT (package apertium-eng-spa, mode ``eng-spa``): the one engine here that runs
fully offline with nothing to download. English to Spanish only.

Unknown words pass through unchanged (``-u`` drops the ``*`` marks), so placeholders survive: its default
protection is ``placeholder``.
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


class ApertiumEngine(Engine):
    name = "apertium"
    needs_model = False
    default_protection = "placeholder"

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

    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str]:
        if lang not in MODES:
            raise HexaglotError(f"apertium translates English into Spanish (es) only, not {lang}")
        if not texts:
            return []
        lines = [" ".join(text.split()) for text in texts]
        outputs = self._run("\n".join(lines) + "\n", lang).split("\n")
        if outputs and outputs[-1] == "":
            outputs.pop()
        if len(outputs) != len(lines):  # the pipeline joined or split lines: translate one by one
            outputs = [self._run(line + "\n", lang).strip() for line in lines]
        return [output.strip() for output in outputs]

    def _run(self, text: str, lang: str) -> str:
        try:
            done = subprocess.run(
                ["apertium", "-u", self.label],
                input=text,
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
