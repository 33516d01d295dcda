"""Shared builders for the review tests: a small workflow with a real-looking French/Arabic/Chinese catalog.

(No tests here; the other ``test_review*`` modules import these builders.)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import polib
import yaml
from textual.widgets import Input

from translate.catalog import Catalog, Provenance, reject, set_draft, set_meta, set_translated
from translate.formats.document import Paragraph, paragraph_key, segment_id

# (document, English paragraph sentences) in document order, as the importer would produce them.
DOCUMENTS: list[tuple[str, list[list[str]]]] = [
    (
        "chapter-1",
        [
            [
                "In 2020, 141 countries detected and reported about 49,000 victims of trafficking in persons.",
                "Women and girls accounted for 60 per cent of the detected victims.",
            ],
            ["The COVID-19 pandemic reduced opportunities for detecting trafficking cases."],
            [
                "Trafficking for forced labour increased in most regions.",
                "UNODC collects data from national authorities every two years.",
            ],
        ],
    ),
    (
        "regional-findings",
        [
            ["Children made up about one third of the victims detected globally."],
            ["Convictions for trafficking in persons fell by 27 per cent in 2020."],
            ["Most victims were trafficked within the borders of their own country."],
        ],
    ),
]

TRANSLATIONS: dict[str, dict[str, str]] = {
    "fr": {
        "In 2020, 141 countries detected and reported about 49,000 victims of trafficking in persons.": (
            "En 2020, 141 pays ont détecté et signalé environ 49 000 victimes de la traite des personnes."
        ),
        "Women and girls accounted for 60 per cent of the detected victims.": (
            "Les femmes et les filles représentaient 60 % des victimes détectées."
        ),
        "The COVID-19 pandemic reduced opportunities for detecting trafficking cases.": (
            "La pandémie de COVID-19 a réduit les possibilités de détecter les affaires de traite."
        ),
        "Trafficking for forced labour increased in most regions.": (
            "La traite à des fins de travail forcé a augmenté dans la plupart des régions."
        ),
        "UNODC collects data from national authorities every two years.": (
            "L'ONUDC recueille des données auprès des autorités nationales tous les deux ans."
        ),
        "Children made up about one third of the victims detected globally.": (
            "Les enfants représentaient environ un tiers des victimes détectées dans le monde."
        ),
        "Convictions for trafficking in persons fell by 27 per cent in 2020.": (
            "Les condamnations pour traite des personnes ont diminué de 27 % en 2020."
        ),
        "Most victims were trafficked within the borders of their own country.": (
            "La plupart des victimes ont été victimes de la traite à l'intérieur de leur propre pays."
        ),
    },
    "ar": {
        "In 2020, 141 countries detected and reported about 49,000 victims of trafficking in persons.": (
            "في عام 2020، كشف 141 بلدا وأبلغ عن نحو 000 49 ضحية من ضحايا الاتجار بالأشخاص."
        ),
        "Women and girls accounted for 60 per cent of the detected victims.": (
            "شكلت النساء والفتيات 60 في المائة من الضحايا المكتشفين."
        ),
    },
    "zh": {
        "In 2020, 141 countries detected and reported about 49,000 victims of trafficking in persons.": (
            "2020年，141个国家发现并报告了约49,000名人口贩运受害者。"
        ),
        "Women and girls accounted for 60 per cent of the detected victims.": "妇女和女童占被发现受害者的60%。",
    },
}

GLOSSARY_CSV = """id,en,en:admitted,ar,zh,fr,fr:admitted,fr:forbidden,ru,es,note
tip,trafficking in persons,human trafficking,الاتجار بالأشخاص,贩运人口,traite des personnes,traite des êtres humains,\
trafic de personnes,торговля людьми,trata de personas,Not to be confused with smuggling of migrants.
unodc,United Nations Office on Drugs and Crime,UNODC,مكتب الأمم المتحدة المعني بالمخدرات والجريمة,\
联合国毒品和犯罪问题办公室,\
Office des Nations Unies contre la drogue et le crime,ONUDC,,\
Управление Организации Объединенных Наций по наркотикам и преступности,\
Oficina de las Naciones Unidas contra la Droga y el Delito,
forced-labour,forced labour,,العمل القسري,强迫劳动,travail forcé,,,принудительный труд,trabajo forzoso,
"""

REVIEWERS = {
    "translation": ["amelie", "bastien"],
    "revision": [{"name": "claire", "senior": True}, "denis"],
}


def segments() -> list[tuple[str, str, str]]:
    """(segment id, English source, source reference) in document order."""
    found = []
    for document, paragraphs in DOCUMENTS:
        for number, sentences in enumerate(paragraphs, start=1):
            key = paragraph_key(Paragraph(text=" ".join(sentences)))
            for n, sentence in enumerate(sentences, start=1):
                found.append((segment_id(document, key, n), sentence, f"sources/{document}.md:{number}"))
    return found


def write_workflow(
    root: Path, langs: tuple[str, ...] = ("fr",), reviewers: dict | None = None, glossary: bool = False
) -> Path:
    """A workflow folder with workflow.yaml (no source files needed by the review area)."""
    root.mkdir(parents=True, exist_ok=True)
    data = {
        "name": "glotip-test",
        "target_languages": list(langs),
        "sources": ["sources/chapter-1.md", "sources/regional-findings.md"],
        "stages": [{"name": "translation"}, {"name": "revision"}],
        "reviewers": {lang: reviewers or REVIEWERS for lang in langs},
        "memories": ["memories"],
    }
    (root / "memories").mkdir(exist_ok=True)
    if glossary:
        (root / "glossary.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
        data["glossaries"] = ["glossary.csv"]
    (root / "workflow.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def build_catalog(path: Path, lang: str, *, mixed_states: bool = True) -> Catalog:
    """Every segment drafted by MT; with ``mixed_states`` a few in other states, as in a job under way.

    Segment 2 is a TM draft scoring 85 with a fuzzy match kept; 3 is translated; 5 is rejected; the last is
    untranslated.
    """
    catalog = Catalog.new(path, lang, "glotip-test")
    table = TRANSLATIONS[lang]
    items = segments()
    for position, (seg_id, source, reference) in enumerate(items):
        entry = polib.POEntry(msgctxt=seg_id, msgid=source, msgstr="", occurrences=[tuple(reference.split(":"))])
        entry.comment = "paragraph"
        target = table.get(source, "")
        if target and not (mixed_states and position == len(items) - 1):
            set_draft(entry, target, Provenance(origin="mt", engine="marian", model="opus-mt-en-" + lang))
        if mixed_states and target:
            if position == 1:
                set_draft(entry, target, Provenance(origin="tm", memory="memories/glotip-2022.tmx#7", score=85))
                old = "Women and girls accounted for 65 per cent of the victims detected in 2018."
                set_meta(entry, "tm", {"matches": [{"source": old, "target": target, "score": 85, "origin": "tm"}]})
            elif position == 2:
                set_translated(entry, target, by="amelie")
            elif position == 4:
                reject(entry, by="claire", comment="ONUDC: use the full name at first mention")
        catalog.po.append(entry)
    catalog.save()
    return catalog


def make_job(
    tmp_path: Path,
    langs: tuple[str, ...] = ("fr",),
    reviewers: dict | None = None,
    glossary: bool = False,
    **kwargs,
):
    """A loaded workflow with one catalog per language."""
    from translate.workflow import load_workflow

    root = write_workflow(tmp_path / "job", langs, reviewers, glossary)
    wf = load_workflow(root)
    for lang in langs:
        build_catalog(wf.catalog_path(lang), lang, **kwargs)
    return wf


def run_app(app, script, size: tuple[int, int] = (160, 50)) -> None:
    """Drive ``app`` headless with Pilot (pytest-asyncio is not needed): ``script(app, pilot)`` runs inside."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(app, pilot)

    asyncio.run(main())


async def wait_prompt(pilot) -> None:
    """Wait until a prompt (an ``Input``) has the focus; fail if it never opens."""
    for _ in range(100):
        await pilot.pause()
        if isinstance(pilot.app.focused, Input):
            return
    raise AssertionError("the prompt never opened")
