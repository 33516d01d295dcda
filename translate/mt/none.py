"""No machine translation: the draft pipeline fills segments from the translation memory only."""

from __future__ import annotations

from translate.mt.base import Engine


class NoEngine(Engine):
    name = "none"
    needs_model = False

    def load(self) -> None:
        """Nothing to load."""

    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str]:
        """No MT: nothing is proposed (the pipeline never calls this for ``none``)."""
        return ["" for _ in texts]
