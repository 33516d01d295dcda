"""Glossary files: the CSV contract, TBX v3 / v2, conversion, and hostile or malformed input (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.cli import main
from translate.errors import BadInputError
from translate.formats.glossary_csv import read_glossary_csv
from translate.formats.tbx import read_tbx, tbx_bytes
from translate.glossary import load_glossary

REPO = Path(__file__).resolve().parents[1]
HEADER = "id,en,ar,zh,fr,ru,es,fr:admitted,fr:forbidden,note"
ROW = "tip,trafficking in persons,الاتجار بالأشخاص,贩运人口,traite des personnes,торговля людьми,trata de personas"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_glossaries_agree_and_cover_the_concepts() -> None:
    from_csv = read_glossary_csv(REPO / "glossaries" / "trafficking.csv")
    from_tbx = read_tbx(REPO / "glossaries" / "trafficking.tbx")
    assert len(from_csv) >= 60
    assert [(c.id, c.terms, c.note, c.dnt) for c in from_csv] == [(c.id, c.terms, c.note, c.dnt) for c in from_tbx]
    for concept in from_csv:
        assert concept.english.preferred
        if not concept.dnt:
            assert all(concept.target_terms(lang).preferred for lang in ("ar", "zh", "fr", "ru", "es")), concept.id


def test_csv_contract_with_admitted_forbidden_and_note(tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.csv",
        f"{HEADER}\n{ROW},traite d'êtres humains|traite des êtres humains,"
        'trafic de personnes,"Not smuggling, ever."\n',
    )
    (concept,) = read_glossary_csv(path)
    fr = concept.target_terms("fr")
    assert fr.preferred == "traite des personnes"
    assert fr.admitted == ("traite d'êtres humains", "traite des êtres humains")
    assert fr.forbidden == ("trafic de personnes",)
    assert concept.note == "Not smuggling, ever."


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("id,en,ar,zh,fr,ru\ntip,a,b,c,d,e\n", "row 1", "missing language column(s): es"),
        (f"{HEADER}\ntip,,b,c,d,e,f,,,\n", "row 2", "empty term"),
        (f"{HEADER}\n{ROW},a||b,,\n", "row 2", "empty term in column 'fr:admitted'"),
        (f"{HEADER}\n{ROW},,,\n{ROW},,,\n", "row 3", "duplicate id 'tip' (first on row 2)"),
        (f'{HEADER}\n{ROW},,,"unterminated\n', "row 2", "broken CSV quoting"),
        (f'{HEADER}\n{ROW},"a"b,,\n', "row 2", "broken CSV quoting"),
        (f"{HEADER}\n{ROW},,\n", "row 2", "9 fields but the header has 10"),
        ("id,en,ar,zh,fr,ru,es,de\ntip,a,b,c,d,e,f,g\n", "row 1", "unknown column 'de'"),
    ],
)
def test_malformed_csv_names_file_and_row(tmp_path: Path, text: str, where: str, problem: str) -> None:
    path = write(tmp_path / "bad.csv", text)
    with pytest.raises(BadInputError) as error:
        read_glossary_csv(path)
    assert error.value.where == where
    assert problem in error.value.problem


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\n".encode() + "tip,traite,é\n".encode("latin-1"))
    with pytest.raises(BadInputError, match="not valid UTF-8"):
        read_glossary_csv(path)


def test_convert_round_trip_csv_tbx_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = REPO / "glossaries" / "trafficking.csv"
    code, _, err = run_cli(["glossary", "convert", str(source), str(tmp_path / "g.tbx")], capsys)
    assert code == 0 and "concepts" in err
    code, _, _ = run_cli(["glossary", "convert", str(tmp_path / "g.tbx"), str(tmp_path / "g.csv")], capsys)
    assert code == 0
    assert (tmp_path / "g.csv").read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_tbx_v2_martif_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "old.tbx",
        """<?xml version="1.0"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="ms">
    <langSet xml:lang="en"><tig><term>Member States</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
    <langSet xml:lang="zh-CN"><tig><term>会员国</term></tig>
      <tig><term>成员国</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
  </termEntry>
</body></text></martif>""",
    )
    (concept,) = read_tbx(path)
    assert concept.target_terms("zh").preferred == "会员国"
    assert concept.target_terms("zh").forbidden == ("成员国",)


def test_tbx_writes_v3_basic_and_dnt(tmp_path: Path) -> None:
    glossary = load_glossary(REPO / "glossaries" / "trafficking.csv")
    data = tbx_bytes(glossary)
    assert b'xmlns="urn:iso:std:iso:30042:ed-2"' in data and b'type="TBX-Basic"' in data
    assert b'<descrip type="doNotTranslate">yes</descrip>' in data
    assert b"deprecatedTerm-admn-sts" in data


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&b;</term></termSec></langSec>
</conceptEntry></body></text></tbx>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&secret;</term></termSec>
</langSec></conceptEntry></body></text></tbx>"""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (BOMB, "a DOCTYPE with an internal subset ([...]) is not allowed: it declares entities"),
        (EXTERNAL, "a DOCTYPE with an internal subset ([...]) is not allowed: it declares entities"),
        ("<tbx><text><body><conceptEntry id='x'>", "malformed XML"),
        (
            "<tbx><text><body><conceptEntry><langSec xml:lang='en'><termSec><term>a</term></termSec></langSec>"
            "</conceptEntry></body></text></tbx>",
            "conceptEntry without an id",
        ),
        (
            "<tbx><text><body><conceptEntry id='x'><langSec xml:lang='en'><termSec><term> </term></termSec>"
            "</langSec></conceptEntry></body></text></tbx>",
            "empty term",
        ),
        (
            "<tbx><text><body><conceptEntry id='x'><langSec xml:lang='en'><termSec><term>a</term></termSec>"
            "</langSec></conceptEntry><conceptEntry id='x'><langSec xml:lang='en'><termSec><term>b</term>"
            "</termSec></langSec></conceptEntry></body></text></tbx>",
            "duplicate id 'x'",
        ),
        ("<html/>", "not a TBX file"),
    ],
)
def test_hostile_or_malformed_tbx_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, problem: str
) -> None:
    path = write(tmp_path / "bad.tbx", text)
    code, _out, err = run_cli(["glossary", "convert", str(path), str(tmp_path / "out.csv")], capsys)
    assert code == 2
    assert err.startswith(f"hexaglot: {path}") and problem in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()


def test_lookup_command(capsys: pytest.CaptureFixture[str]) -> None:
    glossary = str(REPO / "glossaries" / "trafficking.tbx")
    code, out, _ = run_cli(["glossary", "lookup", "Member States", "--glossary", glossary, "--lang", "zh"], capsys)
    assert code == 0
    assert "[member-states]" in out and "会员国" in out and "forbidden: 成员国" in out and "fr:" not in out
    code, out, _ = run_cli(["glossary", "lookup", "traficantes de personas", "--glossary", glossary, "--json"], capsys)
    assert code == 0 and '"id": "traffickers"' in out
