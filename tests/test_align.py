"""``hexaglot align``: anchors in six scripts, the dynamic programme against exhaustive search, alignment of
official UN text with planted omissions, additions, merges and splits, TMX output, PDF, batch pairs, review."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from translate.align.aligner import Alignment, Link, align_documents
from translate.align.anchors import label_ordinal, text_anchors
from translate.align.dynamic import PARAGRAPH_BEADS, align, band
from translate.align.evaluation import (
    evaluate,
    fillers,
    gale_church_links,
    official_documents,
    perturbed_pair,
    positional_links,
)
from translate.align.lexicon import Lexicon, cognate_keys, target_keys
from translate.align.output import SavedAlignment
from translate.cli import cli
from translate.formats import read_source
from translate.formats.tmx import read_tmx
from translate.segmentation import split_sentences

REPO = Path(__file__).resolve().parents[1]

# --- anchors -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "position"),
    [
        ("12.", 12),
        ("(c)", 3),
        ("c)", 3),
        ("(ج)", 3),  # Arabic abjad order: أ ب ج
        ("(د)", 4),
        ("в)", 3),  # Russian: а б в
        ("（三）", 3),
        ("IV.", 4),
        ("رابعا -", 4),  # UN Arabic chapter numbers
        ("1 -", 1),
    ],
)
def test_labels_are_read_in_every_script(label: str, position: int) -> None:
    assert label_ordinal(label) == position


def test_numbers_agree_whatever_the_language_writes() -> None:
    english = text_anchors("In 2020, 69,627 victims were detected in 141 countries.[^3]", "en")
    french = text_anchors("En 2020, 69\u202f627 victimes ont été détectées dans 141 pays.[^3]", "fr")
    spanish = text_anchors("En 2020 se detectaron 69.627 víctimas en 141 países.[^3]", "es")
    arabic = text_anchors("في عام ٢٠٢٠، كُشف عن 69,627 ضحية في 141 بلدا.[^3]", "ar")  # Arabic-Indic digits folded
    assert english.strong == french.strong == spanish.strong == arabic.strong
    assert english.strong["fn:3"] == 1


def test_chinese_ordinals_and_udhr_headings_agree(shared_data: Path) -> None:
    from translate.align.evaluation import read_tsv_units

    zh = {unit.id: unit for unit in read_tsv_units(shared_data / "udhr" / "udhr_articles_6way.tsv", "zh", "u")}
    heading = zh["u:art17.title"]  # Article 17 / 第十七条
    assert text_anchors(heading.english, "en").strong == text_anchors(heading.target, "zh").strong


def test_a_paragraph_label_is_not_counted_as_a_figure() -> None:
    anchors = text_anchors("12. In 2020 the Conference met.", "en")
    assert anchors.strong == {"label:12": 1, "2020": 1}


# --- the dynamic programme -------------------------------------------------------------------------------------


def _exhaustive(n: int, m: int, cost, beads) -> float:
    best = {(0, 0): 0.0}
    for i, j in sorted(itertools.product(range(n + 1), range(m + 1)), key=sum):
        if (i, j) == (0, 0):
            continue
        options = [
            best[(i - k, j - size)] + cost(i - k, k, j - size, size)
            for k, size in beads
            if i - k >= 0 and j - size >= 0 and (i - k, j - size) in best
        ]
        if options:
            best[(i, j)] = min(options)
    return best[(n, m)]


@pytest.mark.parametrize("seed", range(6))
def test_dynamic_programme_finds_the_least_cost_path(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(3, 9)), int(rng.integers(3, 9))
    table = {(i, k, j, size): float(rng.uniform(0, 10)) for i in range(n) for j in range(m + 1)
             for k, size in PARAGRAPH_BEADS if i + k <= n and j + size <= m}  # fmt: skip
    table.update({(n, 0, j, 1): float(rng.uniform(0, 10)) for j in range(m)})

    def scalar(i: int, k: int, j: int, size: int) -> float:
        return table.get((i, k, j, size), np.inf)

    def row_cost(bead, i, start, stop):
        return np.array([scalar(i, bead[0], j, bead[1]) for j in range(start, stop + 1)])

    path = align(n, m, row_cost, PARAGRAPH_BEADS, (np.zeros(n + 1, dtype=int), np.full(n + 1, m)))
    assert sum(scalar(*bead) for bead in path) == pytest.approx(_exhaustive(n, m, scalar, PARAGRAPH_BEADS))
    assert sum(k for _, k, _, _ in path) == n and sum(size for _, _, _, size in path) == m


def test_band_covers_the_length_difference() -> None:
    low, high = band(1000, 900)
    assert low[0] == 0 and high[-1] == 900
    assert all(low[i] <= round(i * 0.9) <= high[i] for i in range(1001))
    assert (high - low).max() < 900  # a band, not the whole matrix


# --- alignment of official text -----------------------------------------------------------------------------


def _align_written(pair, lang: str, folder: Path):
    english_path, target_path = folder / "doc.en.txt", folder / f"doc.{lang}.txt"
    english_path.write_text(pair.english_text(), encoding="utf-8")
    target_path.write_text(pair.target_text(), encoding="utf-8")
    from translate.align.aligner import blocks_of

    english, target = read_source(english_path), read_source(target_path)
    english_blocks, target_blocks = blocks_of(english, "en"), blocks_of(target, lang)
    pair.label([b.sentences for b in english_blocks], [b.sentences for b in target_blocks])
    links = align_documents(english, target, lang).links
    baseline = gale_church_links(
        [s for b in english_blocks for s in b.sentences], [s for b in target_blocks for s in b.sentences]
    )
    return links, baseline


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ar", "zh", "fr", "ru", "es"])
def test_official_udhr_with_planted_differences_aligns(shared_data: Path, lang: str, tmp_path: Path) -> None:
    pytest.importorskip("nltk")
    units = official_documents(shared_data, lang)["udhr"]
    pair = perturbed_pair(units, lang, fillers(shared_data, lang), seed=5, rate=0.06)
    assert sum(pair.perturbations.values()) >= 4
    links, baseline = _align_written(pair, lang, tmp_path)
    ours = evaluate(pair, positional_links(links))
    theirs = evaluate(pair, baseline)
    assert ours.precision >= 0.95 and ours.recall >= 0.95, ours
    assert ours.precision > theirs.precision and ours.recall > theirs.recall
    covered = [s for link in links for s in link.english]
    assert len(covered) == len(pair.english_units)  # every English sentence is in exactly one link, in order


def _write_docx(path: Path, paragraphs: list[str]) -> None:
    """A Word document as python-docx writes it: UDHR "Article N" lines as headings, the rest as paragraphs."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        if re.fullmatch(r"(Article|Artículo|Статья|المادة|第).{0,12}", text):
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    document.save(str(path))


@pytest.mark.parametrize(("fmt", "lang"), [("docx", "fr"), ("docx", "ar"), ("md", "es"), ("md", "zh")])
def test_word_and_markdown_pairs_align_through_the_importers_readers(
    shared_data: Path, tmp_path: Path, fmt: str, lang: str
) -> None:
    """Official UDHR text with planted omissions, additions, merges and splits, written as Word documents
    (python-docx) or Markdown, aligns as well as plain text does; the English sentences are the importer's."""
    units = official_documents(shared_data, lang)["udhr"]
    pair = perturbed_pair(units, lang, fillers(shared_data, lang), seed=3, rate=0.06)
    assert sum(pair.perturbations.values()) >= 4
    english = [" ".join(text for _, text in paragraph) for paragraph in pair.english]
    target = [" ".join(text for _, text in paragraph) for paragraph in pair.target]
    english_path, target_path = tmp_path / f"udhr.en.{fmt}", tmp_path / f"udhr.{lang}.{fmt}"
    if fmt == "docx":
        _write_docx(english_path, english)
        _write_docx(target_path, target)
    else:
        english_path.write_text("\n\n".join(english) + "\n", encoding="utf-8")
        target_path.write_text("\n\n".join(target) + "\n", encoding="utf-8")
    from translate.align.aligner import blocks_of
    from translate.importer import paragraph_sentences

    english_doc, target_doc = read_source(english_path), read_source(target_path)
    english_blocks, target_blocks = blocks_of(english_doc, "en"), blocks_of(target_doc, lang)
    pair.label([b.sentences for b in english_blocks], [b.sentences for b in target_blocks])
    alignment = align_documents(english_doc, target_doc, lang)
    score = evaluate(pair, positional_links(alignment.links))
    assert score.precision >= 0.95 and score.recall >= 0.95, score
    imported = [sentence for p in english_doc.paragraphs for sentence in paragraph_sentences(p)]
    assert [s for link in alignment.links for s in link.english] == imported


def _udhr_text_pair(shared_data: Path, folder: Path, lang: str, seed: int = 4) -> tuple[Path, Path, object]:
    """UDHR with planted differences as a plain-text pair: (English path, target path, the pair)."""
    pair = perturbed_pair(official_documents(shared_data, lang)["udhr"], lang, fillers(shared_data, lang), seed=seed)
    english_path, target_path = folder / "udhr.en.txt", folder / f"udhr.{lang}.txt"
    english_path.write_text(pair.english_text(), encoding="utf-8")
    target_path.write_text(pair.target_text(), encoding="utf-8")
    return english_path, target_path, pair


@pytest.mark.slow
def test_mt_similarity_with_apertium(shared_data: Path, tmp_path: Path) -> None:
    """``--mt apertium``: the English sentences go through the engine once and the chrF of each MT against the
    Spanish candidates joins the cost (the Bleualign idea); the result is at least as good as without."""
    if shutil.which("apertium") is None:
        pytest.skip("apertium is not installed")
    from translate.align.aligner import blocks_of
    from translate.cli.align_cmd import _translator

    english_path, target_path, pair = _udhr_text_pair(shared_data, tmp_path, "es")
    english, target = read_source(english_path), read_source(target_path)
    pair.label([b.sentences for b in blocks_of(english, "en")], [b.sentences for b in blocks_of(target, "es")])
    calls: list[int] = []
    engine = _translator("apertium", "es")

    def translator(texts: list[str]) -> list[str]:
        calls.append(len(texts))
        return engine(texts)

    with_mt = evaluate(pair, positional_links(align_documents(english, target, "es", translator=translator).links))
    without = evaluate(pair, positional_links(align_documents(english, target, "es").links))
    assert len(calls) == 1 and calls[0] > 50  # every English sentence translated once, in one batch
    assert with_mt.precision >= 0.95 and with_mt.recall >= 0.95, with_mt
    assert with_mt.recall >= without.recall - 0.01
    result = CliRunner().invoke(
        cli, ["align", str(english_path), str(target_path), "--lang", "es", "--mt", "apertium",
              "-o", str(tmp_path / "udhr-es.tmx")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(list(read_tmx(tmp_path / "udhr-es.tmx"))) > 50


def test_glossary_concepts_are_anchors_in_both_languages(shared_data: Path, tmp_path: Path) -> None:
    """SDG indicator 16.2.2 counts victims of trafficking and forms of exploitation: both concepts are anchors in
    its English and its Arabic (ضحايا الاتجار بالبشر), not in the Arabic 16.1.1 (victims of homicide); and
    ``--glossary`` aligns a pair with them."""
    from translate.align.glossary_anchors import GlossaryAnchors
    from translate.glossary import load_glossaries

    anchors = GlossaryAnchors(load_glossaries([REPO / "glossaries" / "trafficking.csv"]))
    rows = {unit.id: unit for unit in official_documents(shared_data, "ar")["sdg"]}
    unit = rows["sdg:global_indicators:16-2-2-title"]
    english, arabic = anchors(unit.english, "en"), anchors(unit.target, "ar")
    assert "term:victims-tip" in english.weak and english.weak == arabic.weak
    assert anchors(rows["sdg:global_indicators:16-1-1-title"].target, "ar").weak == {}
    english_path, target_path, _ = _udhr_text_pair(shared_data, tmp_path, "fr")
    result = CliRunner().invoke(
        cli, ["align", str(english_path), str(target_path), "--lang", "fr", "-o", str(tmp_path / "udhr-fr.tmx"),
              "--glossary", str(REPO / "glossaries" / "trafficking.csv")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_chinese_length_ratio_is_measured_not_assumed(shared_data: Path, tmp_path: Path) -> None:
    units = official_documents(shared_data, "zh")["udhr"][:30]
    pair = perturbed_pair(units, "zh", [], seed=1, rate=0.0)
    (tmp_path / "en.txt").write_text(pair.english_text(), encoding="utf-8")
    (tmp_path / "zh.txt").write_text(pair.target_text(), encoding="utf-8")
    alignment = align_documents(read_source(tmp_path / "en.txt"), read_source(tmp_path / "zh.txt"), "zh")
    assert 0.2 < alignment.ratio < 0.45
    assert all(link.is_pair for link in alignment.links)


def test_omitted_paragraph_leaves_its_sentences_unlinked(tmp_path: Path) -> None:
    english = [
        "1. The Conference of the Parties met in Vienna in 2020.",
        "2. It adopted resolution 10/3 on trafficking in persons.",
        "3. The secretariat reported on 141 countries.",
        "4. The next session will be held in 2022.",
    ]
    french = [
        "1. La Conférence des Parties s’est réunie à Vienne en 2020.",
        "3. Le secrétariat a fait rapport sur 141 pays.",
        "4. La prochaine session se tiendra en 2022.",
    ]
    (tmp_path / "en.txt").write_text("\n\n".join(english), encoding="utf-8")
    (tmp_path / "fr.txt").write_text("\n\n".join(french), encoding="utf-8")
    links = align_documents(read_source(tmp_path / "en.txt"), read_source(tmp_path / "fr.txt"), "fr").links
    pairs = [(link.english, link.target) for link in links]
    assert (["It adopted resolution 10/3 on trafficking in persons."], []) in pairs
    assert (["The secretariat reported on 141 countries."], ["Le secrétariat a fait rapport sur 141 pays."]) in pairs


def test_added_paragraph_sharing_no_word_is_not_half_of_a_merge(shared_data: Path, tmp_path: Path) -> None:
    """A news paragraph inserted before the Russian SDG target 4.7 shares no word with its English: it is an
    addition (0:1), not the second half of a 1:2 link with 4.7 (which the lengths alone would allow)."""
    units = [
        unit for unit in official_documents(shared_data, "ru")["sdg"] if unit.id.startswith("sdg:global_targets:4-")
    ]
    news = next(text for text in fillers(shared_data, "ru") if "Анны Франк" in text)
    russian = [text for unit in units for text in ([news] if unit.id.endswith(":4-7-title") else []) + [unit.target]]
    (tmp_path / "en.txt").write_text("\n\n".join(unit.english for unit in units), encoding="utf-8")
    (tmp_path / "ru.txt").write_text("\n\n".join(russian), encoding="utf-8")
    links = align_documents(read_source(tmp_path / "en.txt"), read_source(tmp_path / "ru.txt"), "ru").links
    (added,) = [link for link in links if news in link.target]
    assert added.shape == "0-1"
    target_4_7 = next(unit for unit in units if unit.id.endswith(":4-7-title"))
    assert [target_4_7.target] in [link.target for link in links if link.english == [target_4_7.english]]


REORDERED_EN = """# Global overview

1. In 2020, 69,627 victims of trafficking in persons were detected in 141 countries.[^1]

2. The Conference of the Parties adopted resolution 10/3 in 2020.[^2]

3. Most detected victims were women and girls, as in every edition since 2003.[^3]

| Region | Victims |
|---|---|
| Europe | 12,000 |
| Africa | 9,500 |

[^1]: Data collected from national authorities for the period 2018-2021.
[^2]: See CTOC/COP/2020/10, annex.
[^3]: The 2003 edition covered 71 countries.
"""
REORDERED_FR = """# Vue d’ensemble

1. En 2020, 69 627 victimes de la traite des personnes ont été détectées dans 141 pays.[^1]

2. La Conférence des Parties a adopté la résolution 10/3 en 2020.[^2]

3. La plupart des victimes détectées étaient des femmes et des filles, comme dans chaque édition depuis 2003.[^3]

| Région | Victimes |
|---|---|
| Afrique | 9 500 |
| Europe | 12 000 |

[^2]: Voir CTOC/COP/2020/10, annexe.
[^1]: Données recueillies auprès des autorités nationales pour la période 2018-2021.
[^3]: L’édition de 2003 couvrait 71 pays.
"""


def test_reordered_table_rows_and_footnotes_are_no_wrong_links(tmp_path: Path) -> None:
    """The translation lists the table's rows in another order and its footnote definitions out of order: the
    footnotes pair by their numbers, the rows that cannot follow the order are left unlinked, and no table cell is
    merged into a neighbour's link (Europe was once linked with 9 500 as a 1:2 link)."""
    (tmp_path / "en.md").write_text(REORDERED_EN, encoding="utf-8")
    (tmp_path / "fr.md").write_text(REORDERED_FR, encoding="utf-8")
    links = align_documents(read_source(tmp_path / "en.md"), read_source(tmp_path / "fr.md"), "fr").links
    pairs = [(link.english, link.target) for link in links if link.is_pair]
    assert (["9,500"], ["9 500"]) in pairs and (["Africa"], ["Afrique"]) in pairs
    assert (["See CTOC/COP/2020/10, annex."], ["Voir CTOC/COP/2020/10, annexe."]) in pairs
    assert all(len(english) == len(target) == 1 for english, target in pairs)
    wrong = [(e, t) for e, t in pairs if ("Europe" in t) != ("Europe" in e)]
    assert wrong == []


def test_arabic_sentences_end_without_capitals() -> None:
    text = "لا يبرم عقد الزواج إلا برضى الطرفين الراغبين في الزواج. الأسرة هي الخلية الطبيعية والأساسية في المجتمع."
    assert len(split_sentences(text, "ar")) == 2


def test_russian_dollar_abbreviation_does_not_end_a_sentence() -> None:
    text = "Сократить долю людей, живущих менее чем на 1,25 долл. США в день. Вторая задача."
    assert split_sentences(text, "ru") == [
        "Сократить долю людей, живущих менее чем на 1,25 долл. США в день.",
        "Вторая задача.",
    ]


def test_lexicon_learns_translations_from_the_pair() -> None:
    pairs = [
        ("Trafficking in persons is a crime.", "La traite des personnes est un crime."),
        ("Victims of trafficking need protection.", "Les victimes de la traite ont besoin de protection."),
        ("The crime of trafficking in persons.", "Le crime de traite des personnes."),
    ]
    lexicon = Lexicon.learn(pairs, "fr")
    assert lexicon.english_keys("Trafficking") & target_keys("traite", "fr")
    assert cognate_keys("protection of victims", "en") & cognate_keys("protection des victimes", "fr")


def test_lexicon_keys_are_stems_so_inflected_forms_count_together(shared_data: Path) -> None:
    """The SDG 16 indicators count victims (жертв) in three of them: the lexicon learns one key for the word,
    which an English "victim" and a Russian "жертвами" (another case) reach too."""
    units = official_documents(shared_data, "ru")["sdg"]
    pairs = [(unit.english, unit.target) for unit in units if unit.id.startswith("sdg:global_indicators:16-")]
    assert sum("victims" in english and "жертв" in target for english, target in pairs) >= 3
    lexicon = Lexicon.learn(pairs, "ru")
    assert lexicon.english_keys("victim") == lexicon.english_keys("victims")
    assert lexicon.english_keys("victims") & target_keys("Помощь жертвами", "ru")


# --- the command ------------------------------------------------------------------------------------------


def _write_pair(folder: Path, english_name: str = "report.en.txt", french_name: str = "report.fr.txt") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / english_name).write_text(
        "Global overview\n\n"
        "1. In 2020, 69,627 victims of trafficking in persons were detected in 141 countries. Most were women.\n\n"
        "2. The Conference of the Parties adopted resolution 10/3 in 2020.\n\n"
        "3. This paragraph was not translated in 2020.\n",
        encoding="utf-8",
    )
    (folder / french_name).write_text(
        "Vue d’ensemble\n\n"
        "1. En 2020, 69\u202f627 victimes de la traite des personnes ont été détectées dans 141 pays. "
        "La plupart étaient des femmes.\n\n"
        "2. La Conférence des Parties a adopté la résolution 10/3 en 2020.\n",
        encoding="utf-8",
    )


def test_align_writes_a_tmx_that_tm_import_accepts(tmp_path: Path) -> None:
    _write_pair(tmp_path / "docs")
    runner = CliRunner()
    tmx = tmp_path / "out" / "report-fr.tmx"
    result = runner.invoke(
        cli,
        [
            "align",
            str(tmp_path / "docs/report.en.txt"),
            str(tmp_path / "docs/report.fr.txt"),
            "--lang",
            "fr",
            "-o",
            str(tmx),
        ],
    )
    assert result.exit_code == 0, result.output
    units = list(read_tmx(tmx))
    pairs = {unit.text("en"): unit.text("fr") for unit in units}
    assert pairs["The Conference of the Parties adopted resolution 10/3 in 2020."] == (
        "La Conférence des Parties a adopté la résolution 10/3 en 2020."
    )
    assert "This paragraph was not translated in 2020." not in pairs
    assert all(float(unit.prop("x-align-score")) >= 0.5 for unit in units)
    saved = json.loads((tmp_path / "out" / "report-fr.align.json").read_text(encoding="utf-8"))
    assert any(link["english"] and not link["target"] for link in saved["links"])
    imported = runner.invoke(cli, ["tm", "import", str(tmx), "--memory", str(tmp_path / "memory")])
    assert imported.exit_code == 0, imported.output
    found = runner.invoke(cli, ["tm", "search", "--memory", str(tmp_path / "memory"), "--target-lang", "fr"],
                          input="Most were women.\n")  # fmt: skip
    assert found.exit_code == 0, found.output
    assert json.loads(found.output)["matches"][0]["target"] == "La plupart étaient des femmes."


def test_batch_matches_pairs_by_name_or_symbol(tmp_path: Path) -> None:
    _write_pair(tmp_path / "official", "E_2013_30.en.txt", "E_2013_30.fr.txt")
    _write_pair(tmp_path / "official", "A-RES-55-100_en.txt", "A-RES-55-100_fr.txt")
    (tmp_path / "official" / "E_2013_31.en.txt").write_text("No French here.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["align", str(tmp_path / "official"), "--lang", "fr", "--memory", str(tmp_path / "memory"), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(Path(report["english"]).name for report in reports) == ["A-RES-55-100_en.txt", "E_2013_30.en.txt"]
    assert sorted(path.name for path in (tmp_path / "memory").glob("*.tmx")) == [
        "aligned-a-res-55-100-en-fr.tmx",
        "aligned-e-2013-30-en-fr.tmx",
    ]


@pytest.mark.slow
def test_pdf_pair_aligns_like_its_text(tmp_path: Path) -> None:
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are needed to make and read PDFs")
    _write_pair(tmp_path)
    for name in ("report.en.txt", "report.fr.txt"):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / name)],
            check=True,
            capture_output=True,
            timeout=180,
        )
    from_pdf = align_documents(read_source(tmp_path / "report.en.pdf"), read_source(tmp_path / "report.fr.pdf"), "fr")
    from_text = align_documents(read_source(tmp_path / "report.en.txt"), read_source(tmp_path / "report.fr.txt"), "fr")

    def plain(links):  # a PDF keeps the words, not the kind of space (U+202F comes back as a space)
        return [
            ([" ".join(s.split()) for s in link.english], [" ".join(s.split()) for s in link.target]) for link in links
        ]

    assert plain(from_pdf.links) == plain(from_text.links)


def test_bad_inputs_are_one_line_and_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    not_saved = tmp_path / "x.json"
    not_saved.write_text('{"hello": 1}', encoding="utf-8")
    result = runner.invoke(cli, ["align", "--review", str(not_saved)])
    assert result.exit_code == 2 and "not a saved alignment" in result.output
    fake_pdf = tmp_path / "a.en.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4 this is not a PDF at all")
    _write_pair(tmp_path)
    result = runner.invoke(cli, ["align", str(fake_pdf), str(tmp_path / "report.fr.txt"), "--lang", "fr"])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "a.en.pdf" in result.output
    result = runner.invoke(cli, ["align", str(tmp_path / "report.en.txt"), str(tmp_path / "report.fr.txt")])
    assert result.exit_code == 2 and "--lang" in result.output
    result = runner.invoke(cli, ["align", str(tmp_path / "report.en.txt"), str(tmp_path / "missing.txt"), "-l", "fr"])
    assert result.exit_code == 2 and "missing.txt" in result.output


# --- review ----------------------------------------------------------------------------------------------


def _saved(tmp_path: Path) -> SavedAlignment:
    links = [
        Link(["First sentence."], ["Première phrase."], 0.95, 0, "auto"),
        Link(["Second sentence."], ["Deuxième phrase."], 0.30, 1, "pending"),
        Link(["Third sentence."], [], 0.0, 2, "auto"),
        Link([], ["Troisième phrase."], 0.0, -1, "auto"),
        Link(["Fourth one. Fifth one."], ["Quatrième. Cinquième."], 0.40, 3, "pending"),
    ]
    links[4] = Link(["Fourth one.", "Fifth one."], ["Quatrième.", "Cinquième."], 0.40, 3, "pending")
    alignment = Alignment("fr", "en.txt", "fr.txt", links, threshold=0.5)
    return SavedAlignment(tmp_path / "a.align.json", alignment, tmp_path / "a.tmx")


def test_decisions_change_what_enters_the_memory(tmp_path: Path) -> None:
    saved = _saved(tmp_path)
    alignment = saved.alignment
    assert [link.english for link in alignment.writable()] == [["First sentence."]]
    alignment.confirm(1)
    alignment.join(2)  # "Third sentence." with the lone "Troisième phrase."
    assert alignment.links[2].english == ["Third sentence."] and alignment.links[2].target == ["Troisième phrase."]
    alignment.split(3)
    assert [(link.english, link.target) for link in alignment.links[3:]] == [
        (["Fourth one."], ["Quatrième."]),
        (["Fifth one."], ["Cinquième."]),
    ]
    alignment.skip(0)
    assert [link.english for link in alignment.writable()] == [["Second sentence."], ["Third sentence."]]
    saved.save()
    assert SavedAlignment.load(saved.path).alignment.links == alignment.links


def test_review_app_confirms_and_saves(tmp_path: Path) -> None:
    from translate.align.app import AlignReviewApp

    saved = _saved(tmp_path)
    saved.save()

    async def drive() -> None:
        app = AlignReviewApp(saved)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.current == 1  # the first link waiting for review
            await pilot.press("a")  # confirm "Second sentence."
            await pilot.press("u")  # next waiting: the 4-5 link
            assert app.current == 4
            await pilot.press("s")  # split it
            await pilot.press("q")

    asyncio.run(drive())
    reloaded = SavedAlignment.load(saved.path).alignment
    assert reloaded.links[1].status == "confirmed"
    assert [link.english for link in reloaded.links[4:]] == [["Fourth one."], ["Fifth one."]]


def test_review_app_joins_and_skips_and_rewrites_the_tmx(tmp_path: Path) -> None:
    from translate.align.app import AlignReviewApp

    saved = _saved(tmp_path)
    saved.save()

    async def drive() -> None:
        app = AlignReviewApp(saved)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("n")  # to "Third sentence.", alone
            assert app.current == 2
            await pilot.press("j")  # joined with the lone "Troisième phrase."
            await pilot.press("p", "p", "r")  # the first link is wrong: skipped
            await pilot.press("q")

    asyncio.run(drive())
    reloaded = SavedAlignment.load(saved.path).alignment
    assert reloaded.links[0].status == "skipped"
    assert (reloaded.links[2].english, reloaded.links[2].target) == (["Third sentence."], ["Troisième phrase."])
    assert reloaded.links[2].status == "confirmed"
    pairs = {unit.text("en"): unit.text("fr") for unit in read_tmx(tmp_path / "a.tmx")}
    assert pairs == {"Third sentence.": "Troisième phrase."}


@pytest.mark.slow
def test_aligned_previous_edition_pretranslates_the_sample(tmp_path: Path) -> None:
    """The sample's previous edition, as documents, aligned into an empty memory: the sample now gets exact
    matches from it, as many as from the edition's own memory, less the paragraph left out of the French."""
    sys_path = str(REPO / "benchmarks")
    import sys

    sys.path.insert(0, sys_path)
    try:
        from align_leverage import leverage_table
    finally:
        sys.path.remove(sys_path)
    rows = leverage_table(["fr"], tmp_path, omit_paragraph=True)
    row = rows["fr"]
    assert row["before"]["exact_words"] == 0
    assert 0 < row["after"]["exact_words"] <= row["reference"]["exact_words"]
    assert row["after"]["exact_words"] >= 0.8 * row["reference"]["exact_words"]
