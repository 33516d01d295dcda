"""TMX 1.4b reading and writing: round trips, language variants, real TICO-19 files, hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.cli import main
from translate.errors import BadInputError
from translate.formats.tmx import TmxReader, read_tmx, tmx_date, write_tmx

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header srclang="en-US" creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="x"
 adminlang="en" datatype="plaintext"><prop type="x-domain">trafficking</prop></header>
<body>
<tu tuid="gr-7" creationdate="20200101T000000Z" changedate="20210304T101010Z" changeid="amelie">
<note>checked by the editor</note>
<prop type="x-context-prev">Previous sentence.</prop>
<tuv xml:lang="en-US">
<seg>Press <bpt i="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> now<ph x="2">&lt;br/&gt;</ph>,
<hi type="b">bold <it pos="begin">&lt;i&gt;</it>x</hi> end.</seg></tuv>
<tuv xml:lang="FR-fr" creationid="bastien"><prop type="x-status">final</prop>
<seg>Appuyez sur <bpt i="1">&lt;b&gt;</bpt>Entrée<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
<tuv xml:lang="ZH-CN"><seg>按回车键。</seg></tuv>
<tuv xml:lang="zh-Hans"><seg>按回车。</seg></tuv>
<tuv xml:lang="es-419"><seg>Pulse Intro.</seg></tuv>
<tuv xml:lang="ar-SA"><seg>اضغط على إدخال.</seg></tuv>
<tuv xml:lang="de-DE"><seg>Drücken Sie die Eingabetaste.</seg></tuv>
</tu>
<tu><tuv lang="EN"><seg>Old TMX 1.1 style</seg></tuv><tuv lang="ru"><seg>Старый стиль</seg></tuv></tu>
</body>
</tmx>
"""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.tmx"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_inline_markup_becomes_placeholders(sample: Path) -> None:
    unit = next(read_tmx(sample))
    english = unit.variant("en")
    assert english is not None
    assert english.text == "Press {bpt1}Enter{ept2} now{ph3},\n{hi4}bold {it5}x{/hi4} end."
    assert english.codes[0] == '<bpt i="1">&lt;b&gt;</bpt>'
    assert english.codes[3] == '<hi type="b"/>'
    assert unit.text("fr") == "Appuyez sur {bpt1}Entrée{ept2}."


def test_language_variants_map_to_the_six_languages(sample: Path) -> None:
    unit = next(read_tmx(sample))
    assert [v.lang for v in unit.variants] == ["en", "fr", "zh", "zh", "es", "ar", None]
    assert unit.text("zh") == "按回车键。"  # the first zh variant wins for matching; both are kept
    assert unit.text("es") == "Pulse Intro."
    second = list(read_tmx(sample))[1]
    assert second.tuid is None and second.text("en") == "Old TMX 1.1 style" and second.text("ru") == "Старый стиль"


def test_round_trip_keeps_markup_variants_props_and_dates(sample: Path, tmp_path: Path) -> None:
    reader = TmxReader(sample)
    units = list(reader)
    out = tmp_path / "out.tmx"
    assert write_tmx(out, units, header=reader.header) == 2
    again_reader = TmxReader(out)
    again = list(again_reader)
    assert again_reader.header.props == [("x-domain", "trafficking")]
    assert again_reader.header.srclang == "en-US"
    first, copy = units[0], again[0]
    assert copy.tuid == "gr-7"
    assert copy.attributes == {
        "creationdate": "20200101T000000Z",
        "changedate": "20210304T101010Z",
        "changeid": "amelie",
    }
    assert copy.props == [("x-context-prev", "Previous sentence.")]
    assert copy.notes == ["checked by the editor"]
    assert copy.variants == first.variants
    assert copy.variants[1].attributes == {"creationid": "bastien"}
    assert copy.variants[1].props == [("x-status", "final")]
    raw = out.read_text(encoding="utf-8")
    assert '<hi type="b">bold <it pos="begin">&lt;i&gt;</it>x</hi>' in raw
    assert 'xml:lang="es-419"' in raw and 'xml:lang="de-DE"' in raw


def test_tmx_date_format() -> None:
    assert tmx_date("2026-11-27T22:45:44Z") == "20261127T224544Z"


def test_real_tico19_file_round_trips(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "tico19-tm-terminology" / "data" / "TM" / "all.en-es-419.tmx"
    units = list(read_tmx(source))
    assert len(units) == 3071
    assert all(unit.text("en") and unit.text("es") for unit in units)
    assert units[4].tuid == "CMU_1:5" and units[4].text("es") == "¿y tiene fiebre ahora?"
    assert units[0].props[0][0] == "note"
    out = tmp_path / "copy.tmx"
    write_tmx(out, units)
    again = list(read_tmx(out))
    assert [(u.tuid, u.text("en"), u.text("es"), u.props) for u in again] == [
        (u.tuid, u.text("en"), u.text("es"), u.props) for u in units
    ]


HOSTILE = {
    "billion-laughs.tmx": (
        b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<tmx version="1.4"><header/><body><tu>'
        b'<tuv xml:lang="en"><seg>&c;</seg></tuv><tuv xml:lang="fr"><seg>x</seg></tuv></tu></body></tmx>'
    ),
    "external-entity.tmx": (
        b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>'
        b'<tuv xml:lang="fr"><seg>x</seg></tuv></tu></body></tmx>'
    ),
    "truncated.tmx": SAMPLE.encode()[:900],
    "invalid-utf8.tmx": b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header/><body>\n'
    b'<tu><tuv xml:lang="en"><seg>caf\xe9 \xff</seg></tuv><tuv xml:lang="fr"><seg>x</seg></tuv></tu>\n</body></tmx>',
    "not-tmx.tmx": b'<?xml version="1.0"?>\n<xliff version="1.2"/>',
    "no-lang.tmx": b'<tmx version="1.4"><header/><body>\n<tu><tuv><seg>x</seg></tuv></tu></body></tmx>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_with_one_line_and_nothing_imported(
    name: str, sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / name
    bad.write_bytes(HOSTILE[name])
    memory = tmp_path / "memory"
    with pytest.raises(SystemExit) as stopped:
        main(["tm", "import", str(sample), str(bad), "--memory", str(memory)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"hexaglot: {bad}:")
    assert "Traceback" not in err and "passwd" not in err.split(":", 2)[2]
    assert not list(memory.glob("*.tmx")) if memory.exists() else True
    with pytest.raises(BadInputError) as error:
        list(read_tmx(bad))
    assert error.value.where is not None


def test_error_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(
        '<tmx version="1.4"><header/><body>\n<tu><tuv xml:lang="en"><seg>a</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="en"><seg>b</seg><seg>c</seg></tuv></tu>\n</body></tmx>',
        encoding="utf-8",
    )
    with pytest.raises(BadInputError) as error:
        list(read_tmx(bad))
    assert error.value.where == 3
    assert "exactly one <seg>" in error.value.problem
