"""XLIFF 1.2 / 2.0 reading and writing (translate/formats/xliff.py), on Symfony's real validator files."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.catalog import STATES, SegmentState
from translate.errors import BadInputError
from translate.formats.xliff import XliffUnit, read_xliff, write_xliff, xliff_bytes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SYMFONY = DATA / "xliff-symfony-validators" / "Resources" / "translations"
LANGS = {"ar": "ar", "zh_CN": "zh", "fr": "fr", "ru": "ru", "es": "es"}

needs_symfony = pytest.mark.skipif(
    not SYMFONY.is_dir(), reason=f"real XLIFF data not found at {SYMFONY} (../shared/data is absent)"
)


@needs_symfony
@pytest.mark.parametrize("suffix", sorted(LANGS))
def test_real_files_read_completely_and_aligned(suffix: str) -> None:
    english = read_xliff(SYMFONY / "validators.en.xlf")
    units = read_xliff(SYMFONY / f"validators.{suffix}.xlf")
    assert len(units) == 116
    assert [unit.id for unit in units] == [unit.id for unit in english]
    assert all(unit.source and unit.target for unit in units)
    assert {unit.lang for unit in units} == {LANGS[suffix]}
    assert {unit.source_lang for unit in units} == {"en"}
    by_id = {unit.id: unit for unit in units}
    assert by_id["3"].source == "This value should be of type {{ type }}."
    assert "{{ type }}" in by_id["3"].target


@needs_symfony
def test_real_line_numbers_point_at_the_trans_unit() -> None:
    path = SYMFONY / "validators.fr.xlf"
    lines = path.read_text(encoding="utf-8").splitlines()
    for unit in read_xliff(path):
        assert f'id="{unit.id}"' in lines[unit.line - 1]


@needs_symfony
def test_real_states_map_to_hexaglot_states() -> None:
    """zh_CN has 6 needs-translation and 9 needs-review-translation targets; the rest carry no state."""
    units = read_xliff(SYMFONY / "validators.zh_CN.xlf")
    raw = [unit.xliff_state for unit in units]
    assert raw.count("needs-translation") == 6
    assert raw.count("needs-review-translation") == 9
    drafts = [unit for unit in units if unit.state == SegmentState.DRAFT]
    assert len(drafts) == 15
    assert all(unit.xliff_state.startswith("needs-") for unit in drafts)
    assert sum(unit.state == SegmentState.TRANSLATED for unit in units) == 101
    # needs-translation targets may still hold the English text: the state says it is not done.
    english_leftovers = [unit for unit in drafts if unit.target == unit.source]
    assert english_leftovers and all(unit.xliff_state == "needs-translation" for unit in english_leftovers)


@needs_symfony
def test_real_source_drift_between_english_and_targets_is_visible() -> None:
    english = {unit.id: unit.source for unit in read_xliff(SYMFONY / "validators.en.xlf")}
    french = {unit.id: unit.source for unit in read_xliff(SYMFONY / "validators.fr.xlf")}
    drift = sorted((key for key in english if english[key] != french[key]), key=int)
    assert drift == ["37", "51", "59", "81", "83"]


@needs_symfony
@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_real_arabic_round_trip_keeps_text_and_state(tmp_path: Path, version: str) -> None:
    units = read_xliff(SYMFONY / "validators.ar.xlf")
    out = tmp_path / f"ar-{version}.xlf"
    write_xliff(out, units, version=version, source_lang="en", target_lang="ar")
    again = read_xliff(out)
    assert [(u.id, u.source, u.target, u.state) for u in again] == [(u.id, u.source, u.target, u.state) for u in units]
    assert {u.target_lang for u in again} == {"ar"}


def _five_states() -> list[XliffUnit]:
    texts = {
        SegmentState.UNTRANSLATED: "",
        SegmentState.DRAFT: "Le protocole relatif à la traite des personnes",
        SegmentState.TRANSLATED: "Le nombre de victimes détectées a augmenté de 25 pour cent.",
        SegmentState.APPROVED: "Rapport mondial sur la traite des personnes 2024",
        SegmentState.REJECTED: "La traite des êtres humains (A/RES/64/293).",
    }
    return [
        XliffUnit(
            id=f"chapter-1:0a1b2c3d:{number}",
            source=f"Source sentence {number} with E/2013/30 & <tags> [^{number}].",
            target=texts[state],
            state=state.value,
            target_lang="fr",
            original="sources/chapter-1.docx",
            note="use « traite des personnes »" if state is SegmentState.REJECTED else "",
            origin="mt" if state is SegmentState.DRAFT else "",
        )
        for number, state in enumerate(STATES, start=1)
    ]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_all_five_states_survive_a_round_trip(tmp_path: Path, version: str) -> None:
    units = _five_states()
    out = tmp_path / "fr.xlf"
    write_xliff(out, units, version=version, source_lang="en", target_lang="fr")
    again = read_xliff(out)
    assert [u.state for u in again] == [s.value for s in STATES]
    for before, after in zip(units, again, strict=True):
        assert (after.id, after.source, after.target, after.note) == (
            before.id,
            before.source,
            before.target,
            before.note,
        )
        assert after.original == "sources/chapter-1.docx"
        assert after.line > 0
    assert [path.name for path in tmp_path.iterdir()] == ["fr.xlf"]  # no temporary file left


def test_xliff12_uses_the_standard_state_vocabulary() -> None:
    text = xliff_bytes(_five_states(), "1.2", "en", "fr").decode("utf-8")
    assert 'xmlns="urn:oasis:names:tc:xliff:document:1.2"' in text
    assert 'state="needs-review-translation" state-qualifier="leveraged-mt"' in text
    assert 'approved="yes"' in text and 'state="final"' in text
    assert 'hx:state="rejected"' in text
    assert text.count("<trans-unit") == 5


def test_xliff20_uses_state_and_hexaglot_substate() -> None:
    text = xliff_bytes(_five_states(), "2.0", "en", "fr").decode("utf-8")
    assert 'version="2.0"' in text and 'srcLang="en"' in text and 'trgLang="fr"' in text
    assert 'state="initial" subState="hexaglot:draft"' in text
    assert 'state="initial" subState="hexaglot:rejected"' in text
    assert 'state="translated"' in text and 'state="final"' in text


def test_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match=r"1\.2, 2\.0"):
        xliff_bytes(_five_states(), "1.1", "en", "fr")


def test_foreign_states_map_sensibly(tmp_path: Path) -> None:
    path = tmp_path / "agency.xlf"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="es-419">
 <file id="f1">
  <unit id="u1"><segment state="reviewed"><source>One.</source><target>Uno.</target></segment></unit>
  <unit id="u2"><segment state="initial"><source>Two.</source><target>Dos.</target></segment></unit>
  <unit id="u3"><segment><source>Three.</source></segment></unit>
  <unit id="u4"><segment state="translated" subState="acme:checked"><source>Four.</source><target>Cuatro.</target>
   </segment><ignorable><source> </source></ignorable>
   <segment id="s2" state="final"><source>Five.</source><target>Cinco.</target></segment></unit>
 </file>
</xliff>""",
        encoding="utf-8",
    )
    units = read_xliff(path)
    assert [(u.id, u.state) for u in units] == [
        ("u1", "approved"),
        ("u2", "draft"),
        ("u3", "untranslated"),
        ("u4/1", "translated"),
        ("u4/s2", "approved"),
    ]
    assert units[0].lang == "es" and units[0].source_lang == "en-US"


def test_inline_markup_becomes_placeholders(tmp_path: Path) -> None:
    v12 = tmp_path / "inline12.xlf"
    v12.write_text(
        """<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file source-language="en" target-language="ru" datatype="plaintext" original="x"><body>
<trans-unit id="a"><source>See <g id="1">annex I</g><x id="2"/> and <ph id="3">&lt;br/&gt;</ph>page 5.</source>
<target state="translated">См. <g id="1">приложение I</g><x id="2"/> и <ph id="3">&lt;br/&gt;</ph>стр. 5.</target>
</trans-unit></body></file></xliff>""",
        encoding="utf-8",
    )
    (unit,) = read_xliff(v12)
    assert unit.source == "See <1>annex I</1><2/> and <3/>page 5."
    assert unit.target == "См. <1>приложение I</1><2/> и <3/>стр. 5."
    v20 = tmp_path / "inline20.xlf"
    v20.write_text(
        """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh">
<file id="f"><unit id="b"><segment state="final"><source>In <pc id="1">2022</pc><ph id="2"/>, 50 per cent</source>
<target>在<pc id="1">2022</pc>年<ph id="2"/>，百分之五十</target></segment></unit></file></xliff>""",
        encoding="utf-8",
    )
    (unit,) = read_xliff(v20)
    assert (unit.source, unit.target, unit.state) == (
        "In <1>2022</1><2/>, 50 per cent",
        "在<1>2022</1>年<2/>，百分之五十",
        "approved",
    )
    foreign = tmp_path / "foreign.xlf"
    foreign.write_text(
        """<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>
<trans-unit id="c"><source>See <g id="g-a">annex</g> <mrk mtype="x">I</mrk><bx id="b"/>.</source></trans-unit>
</body></file></xliff>""",
        encoding="utf-8",
    )
    assert read_xliff(foreign)[0].source == "See annex I."


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_placeholders_written_as_xliff_inline_elements_and_read_back(tmp_path: Path, version: str) -> None:
    source = "See <1>Official Records of the <2>General Assembly</2></1>, para. 4.<3/>"
    target = "Voir <3/><1>Documents officiels de l'<2>Assemblée générale</2></1>, par. 4."
    path = tmp_path / f"inline-{version}.xlf"
    write_xliff(path, [XliffUnit("a:b:1", source, target, "approved", target_lang="fr")], version=version)
    xml = path.read_text(encoding="utf-8")
    if version == "2.0":
        assert '<pc id="1">Official Records of the <pc id="2">General Assembly</pc></pc>' in xml
        assert '<ph id="3"/>' in xml
    else:
        assert '<bpt id="1">&lt;1&gt;</bpt>Official Records' in xml and '<ept id="2">&lt;/2&gt;</ept>' in xml
        assert '<x id="3"/>' in xml
    (unit,) = read_xliff(path)
    assert (unit.source, unit.target) == (source, target)


HOSTILE = {
    "billion-laughs": (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>'
        '<trans-unit id="1"><source>&b;</source></trans-unit></body></file></xliff>',
        "DOCTYPE",
    ),
    "external-entity": (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>'
        '<trans-unit id="1"><source>&e;</source></trans-unit></body></file></xliff>',
        "DOCTYPE",
    ),
    "truncated": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n<file>\n<body>\n<trans-unit id="1">',
        "malformed XML",
    ),
    "not-xliff": ('<tmx version="1.4"><body/></tmx>', "not XLIFF"),
    "no-source": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>\n'
        '<trans-unit id="9"><target>x</target></trans-unit></body></file></xliff>',
        "has no <source>",
    ),
    "no-id": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f">\n'
        "<unit><segment><source>x</source></segment></unit></file></xliff>",
        "without an id",
    ),
    "version-3": ('<xliff version="3.0"/>', "unsupported XLIFF version"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_or_malformed_input_is_bad_input(tmp_path: Path, name: str) -> None:
    text, problem = HOSTILE[name]
    path = tmp_path / f"{name}.xlf"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInputError) as caught:
        read_xliff(path)
    assert problem in caught.value.problem
    assert str(path) in str(caught.value)
    assert "root:" not in str(caught.value)  # /etc/passwd never read


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.xlf"
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        '<file source-language="en" target-language="fr"><body>\n<trans-unit id="1"><source>Report</source>\n'
        "<target>Rapport sur la traite des êtres</target></trans-unit></body></file></xliff>\n"
    )
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(BadInputError) as caught:
        read_xliff(path)
    assert caught.value.where == 5


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="cannot read"):
        read_xliff(tmp_path / "absent.xlf")
