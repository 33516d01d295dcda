"""One safe XML reader (translate/xmlsafe.py) and its one DOCTYPE rule, the same for DOCX parts, TMX, TBX and XLIFF:
a DOCTYPE may name an external DTD (never loaded); one with an internal subset is refused at its line, whatever it
declares and in whatever encoding the file is written."""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from translate import xmlsafe
from translate.errors import BadInputError
from translate.formats import read_source
from translate.formats.tbx import read_tbx
from translate.formats.tmx import read_tmx
from translate.formats.xliff import read_xliff

ACCEPTED = {
    "system": '<!DOCTYPE {root} SYSTEM "{root}.dtd">',
    "public": '<!DOCTYPE {root} PUBLIC "-//LISA OSCAR:1998//DTD for Translation Memory eXchange//EN" "{root}14.dtd">',
    "name only": "<!DOCTYPE {root}>",
    "remote DTD": '<!DOCTYPE {root} SYSTEM "{server}/{root}.dtd">',
}
ENTITIES, DECLARATIONS = xmlsafe.ENTITIES_REFUSED, xmlsafe.DECLARATIONS_REFUSED
REFUSED = {
    "entity bomb": ('<!DOCTYPE {root} [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>', ENTITIES),
    "external entity": ('<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', ENTITIES),
    "remote parameter entity": ('<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{server}/p.dtd"> %p;]>', ENTITIES),
    "external DTD and an entity": ('<!DOCTYPE {root} SYSTEM "{root}.dtd" [<!ENTITY a "b">]>', ENTITIES),
    "element": ("<!DOCTYPE {root} [<!ELEMENT {root} ANY>]>", DECLARATIONS),
    "default attribute": ('<!DOCTYPE {root} [<!ATTLIST {root} version CDATA "9">]>', DECLARATIONS),
    "empty subset": ("<!DOCTYPE {root} [ ]>", DECLARATIONS),
}
ENCODINGS = {"UTF-8": "utf-8", "UTF-16": "utf-16", "UTF-16BE": "utf-16-be", "UTF-32": "utf-32"}
"""Declared name -> Python codec: "utf-16" and "utf-32" write a byte order mark, "utf-16-be" none (then the first
bytes tell the order, XML appendix F). A byte search for ``<!DOCTYPE`` finds nothing in the last three."""

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
READ_BACK = {
    "tmx": [("Trafficking", "La traite")],
    "tbx": [("trafficking in persons", "traite des personnes")],
    "xlf": [("Trafficking", "La traite")],
}


def _xml(kind: str, doctype: str, declared: str, server: str) -> bytes:
    root, body = BODIES[kind]
    text = f'<?xml version="1.0" encoding="{declared}"?>\n<!-- a comment -->\n{doctype}\n{body}'
    return text.format(root=root, server=server).encode(ENCODINGS[declared])


def _read_xml(tmp_path: Path, kind: str, data: bytes) -> list[tuple[str | None, ...]]:
    """(English, French) pairs the reader of ``kind`` finds in ``data``."""
    path = tmp_path / f"file.{kind}"
    path.write_bytes(data)
    if kind == "tmx":
        return [tuple(variant.text for variant in unit.variants) for unit in read_tmx(path)]
    if kind == "tbx":
        return [(c.terms["en"].preferred, c.terms["fr"].preferred) for c in read_tbx(path)]
    return [(unit.source, unit.target) for unit in read_xliff(path)]


def _docx_with_prolog(tmp_path: Path, doctype: str, declared: str, server: str, part: str) -> Path:
    """A real python-docx document whose ``part`` starts with the declaration, a comment and ``doctype``."""
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Trafficking in persons is a crime.")
    document.save(str(plain))
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                rest = data.decode("utf-8").split("?>", 1)[1].lstrip()
                root = rest[1 : rest.index(" ")]
                prolog = f'<?xml version="1.0" encoding="{declared}"?>\n<!-- a comment -->\n{doctype}\n'
                data = (prolog.format(root=root, server=server) + rest).encode(ENCODINGS[declared])
            target.writestr(item, data)
    return hostile


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 and the paths asked of it: a DTD or entity the parser fetched would show here."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY fetched "FETCHED">')

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("declared", sorted(ENCODINGS))
@pytest.mark.parametrize("kind", sorted(BODIES))
def test_an_external_dtd_reference_is_read_and_never_loaded(
    tmp_path: Path, kind: str, declared: str, server: tuple[str, list[str]]
) -> None:
    url, asked = server
    for case, doctype in ACCEPTED.items():
        assert _read_xml(tmp_path, kind, _xml(kind, doctype, declared, url)) == READ_BACK[kind], case
    assert asked == []


@pytest.mark.parametrize("declared", sorted(ENCODINGS))
@pytest.mark.parametrize("kind", sorted(BODIES))
def test_an_internal_subset_is_refused_at_the_doctype_line(
    tmp_path: Path, kind: str, declared: str, server: tuple[str, list[str]]
) -> None:
    url, asked = server
    for case, (doctype, problem) in REFUSED.items():
        with pytest.raises(BadInputError) as refused:
            _read_xml(tmp_path, kind, _xml(kind, doctype, declared, url))
        assert (refused.value.problem, refused.value.where) == (problem, 3), case
    assert asked == []


@pytest.mark.parametrize("declared", sorted(ENCODINGS))
def test_docx_parts_follow_the_same_rule(tmp_path: Path, declared: str, server: tuple[str, list[str]]) -> None:
    url, asked = server
    for case, doctype in ACCEPTED.items():
        document = read_source(_docx_with_prolog(tmp_path, doctype, declared, url, "word/document.xml"))
        assert [paragraph.text for paragraph in document.paragraphs] == ["Trafficking in persons is a crime."], case
    for part in ("word/document.xml", "word/styles.xml", "[Content_Types].xml", "_rels/.rels"):
        for case, (doctype, problem) in REFUSED.items():
            with pytest.raises(BadInputError) as refused:
                read_source(_docx_with_prolog(tmp_path, doctype, declared, url, part))
            assert (refused.value.problem, refused.value.where) == (f"part {part}: {problem}", 3), (part, case)
    assert asked == []


def passes(data: bytes) -> None:
    assert xmlsafe.doctype_problem(data) is None


def fails(data: bytes, problem: str, line: int = 1) -> None:
    assert xmlsafe.doctype_problem(data) == (problem, line)


def test_the_prolog_scan() -> None:
    passes(b"<x/>")
    passes(b'<?xml version="1.0"?><!-- <!DOCTYPE x [<!ENTITY a "b">]> --><x/>')  # a comment, not a DOCTYPE
    passes(b'<?xml version="1.0"?><?pi [ ?><!DOCTYPE x SYSTEM "a[b].dtd"><x/>')  # "[" inside a literal
    passes(b"<x><![CDATA[<!DOCTYPE x [<!ENTITY a 'b'>]>]]></x>")  # after the root: text
    fails(b'<!DOCTYPE x PUBLIC "p" \'s\'\n[<!ENTITY a "b">]><x/>', ENTITIES)
    fails(b'<?xml version="1.0"?>\n\n<!DOCTYPE x\n[<!NOTATION n SYSTEM "n">]><x/>', DECLARATIONS, 3)
    fails('<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE é [ ]><x/>'.encode("latin-1"), DECLARATIONS, 2)
    fails('<!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode("utf-16-le"), ENTITIES)  # no mark, no declaration
    many = b'<?xml version="1.0"?>' + b"<?pi?> <!-- c -->\n" * 100_000  # scanned in one pass, not re-copied per item
    fails(many + b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', ENTITIES, 100_001)
    ebcdic = '<?xml version="1.0" encoding="cp037"?><!DOCTYPE x []><x/>'.encode("cp037")
    fails(ebcdic, DECLARATIONS)


def test_a_prolog_that_does_not_end_is_left_to_the_parser(tmp_path: Path) -> None:
    passes(b"<?xml version='1.0'?><!-- no end")
    passes(b'<?xml version="1.0" encoding="x-unknown-codec"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    with pytest.raises(BadInputError) as refused:  # the parser, then, names the encoding
        xmlsafe.parse_bytes(b'<?xml version="1.0" encoding="x-unknown-codec"?><x/>', tmp_path / "a.xml")
    assert "encoding" in refused.value.problem.lower()


def test_a_long_prolog_in_a_streamed_tmx_is_still_held_to_the_rule(tmp_path: Path) -> None:
    comment = "<!--" + "x" * (xmlsafe.PROLOG_LIMIT + 10) + "-->\n"
    _, body = BODIES["tmx"]
    path = tmp_path / "long.tmx"
    path.write_text(f'<?xml version="1.0"?>\n{comment}<!DOCTYPE tmx [<!ENTITY a "b">]>\n{body}', encoding="utf-8")
    with pytest.raises(BadInputError) as refused:
        list(read_tmx(path))
    assert refused.value.problem == ENTITIES


def test_check_file_doctype_rewinds_and_names_utf32_for_the_stream(tmp_path: Path) -> None:
    handle = io.BytesIO(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx/>')
    assert xmlsafe.check_file_doctype(handle, tmp_path / "a.tmx") is None
    assert handle.tell() == 0
    assert xmlsafe.check_file_doctype(io.BytesIO("<tmx/>".encode("utf-32")), tmp_path / "a.tmx") == "UTF-32"
