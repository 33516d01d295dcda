"""One safe XML reader (translate/xmlsafe.py): one DOCTYPE rule for TMX, TBX, XLIFF; DOCX parts refuse any DOCTYPE."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from translate.errors import BadInputError
from translate.formats import read_source
from translate.formats.tbx import read_tbx
from translate.formats.tmx import read_tmx
from translate.formats.xliff import read_xliff

ENTITIES = '<!DOCTYPE {root} [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
ELEMENTS = "<!DOCTYPE {root} [<!ELEMENT {root} ANY>]>"
PLAIN = '<!DOCTYPE {root} SYSTEM "{root}.dtd">'

BODIES = {
    "tmx": (
        "tmx",
        '<tmx version="1.4"><header srclang="en"/><body><tu tuid="1"><tuv xml:lang="en"><seg>Trafficking</seg></tuv>'
        '<tuv xml:lang="fr"><seg>La traite</seg></tuv></tu></body></tmx>',
    ),
    "tbx": (
        "tbx",
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>trafficking in persons</term></termSec>'
        '</langSec><langSec xml:lang="fr"><termSec><term>traite des personnes</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
    ),
    "xlf": (
        "xliff",
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file source-language="en" '
        'target-language="fr" datatype="plaintext" original="x"><body><trans-unit id="1"><source>Trafficking</source>'
        "<target>La traite</target></trans-unit></body></file></xliff>",
    ),
}
READERS = {"tmx": lambda p: list(read_tmx(p)), "tbx": read_tbx, "xlf": read_xliff}


def _write(tmp_path: Path, kind: str, doctype: str) -> Path:
    root, body = BODIES[kind]
    path = tmp_path / f"file.{kind}"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment -->\n{doctype.format(root=root)}\n{body}')
    return path


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_the_same_doctype_rule_for_every_xml_format(tmp_path: Path, kind: str) -> None:
    read = READERS[kind]
    assert read(_write(tmp_path, kind, PLAIN))  # a plain DOCTYPE: read (its DTD never loaded)
    for doctype, what in ((ENTITIES, "entities"), (ELEMENTS, "elements")):
        with pytest.raises(BadInputError) as refused:
            read(_write(tmp_path, kind, doctype))
        assert refused.value.problem.startswith(f"a DOCTYPE that declares {what} is not allowed")
        assert refused.value.where == 3  # the DOCTYPE's line


def test_docx_parts_follow_the_same_rule(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    document = docx.Document()
    document.add_paragraph("Trafficking in persons is a crime.")
    document.save(str(path))
    assert read_source(path).paragraphs
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, rest = data.split(b"?>", 1)
                data = head + b"?>" + ENTITIES.format(root="w:document").encode() + rest
            target.writestr(item, data)
    with pytest.raises(BadInputError) as refused:
        read_source(hostile)
    assert refused.value.problem == "part word/document.xml has a DOCTYPE (not allowed in DOCX)"
