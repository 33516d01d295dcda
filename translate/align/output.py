"""Where an alignment goes: a TMX of the confident and confirmed links, and a saved alignment for review.

The saved alignment (``<name>.align.json``) holds every link with its score and status, so that a linguist can
confirm, join, split or skip links later (``hexaglot align --review FILE``) and the TMX is written again from
it. Links under the threshold stay out of the TMX until confirmed. Each TMX unit carries its alignment score
as a ``<prop type="x-align-score">``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from translate.align.aligner import Alignment, Link
from translate.errors import BadInputError
from translate.fileio import atomic_write_text
from translate.formats.document import document_name
from translate.formats.tmx import TranslationUnit, Variant, tmx_date, write_tmx
from translate.segmentation import join_sentences

FORMAT_VERSION = 1
SCORE_PROP = "x-align-score"
SHAPE_PROP = "x-align-shape"
STATUS_PROP = "x-align-status"
SOURCE_PROP = "x-align-source"


@dataclass
class SavedAlignment:
    """An alignment as saved for review: its links, and the TMX it feeds."""

    path: Path
    alignment: Alignment
    tmx: Path | None = None
    """The TMX file the writable links go to."""
    extra: dict[str, object] = field(default_factory=dict)

    def save(self) -> None:
        data = {
            "version": FORMAT_VERSION,
            "lang": self.alignment.lang,
            "english": self.alignment.english_path,
            "target": self.alignment.target_path,
            "threshold": self.alignment.threshold,
            "ratio": round(self.alignment.ratio, 4),
            "tmx": str(self.tmx) if self.tmx else None,
            "links": [link.to_dict() for link in self.alignment.links],
        }
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    @classmethod
    def load(cls, path: Path) -> SavedAlignment:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise BadInputError(path, f"cannot read: {error.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BadInputError(path, f"not a saved alignment ({error})") from None
        if (
            not isinstance(data, dict)
            or data.get("version") != FORMAT_VERSION
            or not isinstance(data.get("links"), list)
        ):
            raise BadInputError(path, "not a saved alignment of this hexaglot version")
        try:
            alignment = Alignment(
                str(data["lang"]),
                str(data["english"]),
                str(data["target"]),
                [Link.from_dict(link) for link in data["links"]],
                ratio=float(data.get("ratio", 1.0)),
                threshold=float(data.get("threshold", 0.5)),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BadInputError(path, f"a link or field is malformed ({error})") from None
        return cls(path, alignment, Path(data["tmx"]) if data.get("tmx") else None)

    def write_tmx(self) -> int:
        """Write the confident and confirmed links to the TMX (atomically). Returns the number of units."""
        if self.tmx is None:
            return 0
        return write_tmx(self.tmx, alignment_units(self.alignment), srclang="en")


def alignment_units(alignment: Alignment) -> list[TranslationUnit]:
    """TMX units for the links that may enter a memory (score at or above the threshold, or confirmed)."""
    name = document_name(Path(alignment.english_path))
    source = f"{Path(alignment.english_path).name} | {Path(alignment.target_path).name}"
    now = tmx_date()
    units = []
    for number, link in enumerate(alignment.writable(), start=1):
        units.append(
            TranslationUnit(
                tuid=f"align-{name}-{alignment.lang}-{number:05d}",
                variants=[
                    Variant("en", join_sentences(link.english, "en")),
                    Variant(alignment.lang, join_sentences(link.target, alignment.lang)),
                ],
                attributes={"creationdate": now, "creationid": "hexaglot-align"},
                props=[
                    (SCORE_PROP, f"{link.score:.3f}"),
                    (SHAPE_PROP, link.shape),
                    (STATUS_PROP, link.status),
                    (SOURCE_PROP, source),
                    ("x-document", name),
                ],
            )
        )
    return units


def saved_path_for(tmx: Path) -> Path:
    """``out/report.fr.tmx`` -> ``out/report.fr.align.json``."""
    return tmx.with_name(f"{tmx.stem}.align.json")


def memory_tmx_name(english: Path, lang: str) -> str:
    """The file an aligned pair takes in a memory folder: ``aligned-<document>-<lang>.tmx``."""
    return f"aligned-{document_name(english)}-{lang}.tmx"


def summary(alignment: Alignment) -> dict[str, object]:
    """Counts for the command's report."""
    pairs = alignment.pairs()
    shapes: dict[str, int] = {}
    for link in pairs:
        shapes[link.shape] = shapes.get(link.shape, 0) + 1
    return {
        "lang": alignment.lang,
        "english": alignment.english_path,
        "target": alignment.target_path,
        "links": len(pairs),
        "written": len(alignment.writable()),
        "pending": sum(1 for link in pairs if link.status == "pending"),
        "skipped": sum(1 for link in pairs if link.status == "skipped"),
        "english_without_translation": sum(len(link.english) for link in alignment.links if not link.target),
        "target_without_english": sum(len(link.target) for link in alignment.links if not link.english),
        "shapes": dict(sorted(shapes.items())),
        "length_ratio": round(alignment.ratio, 3),
        "threshold": alignment.threshold,
    }
