"""Sentence segmentation: one case per rule of translate/segmentation.py."""

from __future__ import annotations

import pytest

from translate.segmentation import join_sentences, split_label, split_sentences


def splits(text: str, *expected: str, lang: str = "en") -> None:
    assert split_sentences(text, lang) == list(expected)


def test_plain_sentences_split() -> None:
    splits(
        "Trafficking in persons is a crime. It affects every region!",
        "Trafficking in persons is a crime.",
        "It affects every region!",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Forms of exploitation, e.g. forced labour, are listed. Others exist.",
        "Forms of exploitation, i.e. forced labour, are listed. Others exist.",
        "Resolution No. 5 was adopted by consensus. Others exist.",
        "As noted in para. 12 above, it was adopted. Others exist.",
        "Mr. Fedotov opened the session. Others exist.",
        "The U.N. Member States adopted it. Others exist.",
        "See art. 3 of the Protocol for the definition. Others exist.",
        "Figures are in vol. 2 of the study. Others exist.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    first, second = split_sentences(text)
    assert second == "Others exist."
    assert first == text[: -len(" Others exist.")]


def test_decimals_and_thousands_stay_whole() -> None:
    splits(
        "In 2020, 30.5 per cent of 1,250.5 thousand victims were girls. The share rose.",
        "In 2020, 30.5 per cent of 1,250.5 thousand victims were girls.",
        "The share rose.",
    )


def test_dates_with_abbreviated_months() -> None:
    splits(
        "On 1 Jan. 2020 the law entered into force. It was amended on 30.06.2021 and again later.",
        "On 1 Jan. 2020 the law entered into force.",
        "It was amended on 30.06.2021 and again later.",
    )


@pytest.mark.parametrize("symbol", ["E/2013/30", "A/RES/64/293", "CTOC/COP/2012/15", "E/CN.15/2013/L.5"])
def test_un_document_symbols_are_never_split(symbol: str) -> None:
    text = f"The Council adopted {symbol} in July. It entered into force."
    first, second = split_sentences(text)
    assert symbol in first
    assert second == "It entered into force."


def test_symbol_at_sentence_end() -> None:
    splits("See A/RES/64/293. The Plan was adopted in 2010.", "See A/RES/64/293.", "The Plan was adopted in 2010.")


def test_footnote_marker_stays_with_its_sentence() -> None:
    splits(
        "Victims were detected in 148 countries.[^3] Most were women.",
        "Victims were detected in 148 countries.[^3]",
        "Most were women.",
    )
    splits(
        "Victims were detected in 148 countries[^3]. Most were women.",
        "Victims were detected in 148 countries[^3].",
        "Most were women.",
    )


def test_numbered_paragraph_label_is_not_a_sentence() -> None:
    splits(
        "1. The Global Report covers 141 countries. It is the seventh edition.",
        "1. The Global Report covers 141 countries.",
        "It is the seventh edition.",
    )
    assert split_label("12. The report covers 141 countries.") == ("12.", "The report covers 141 countries.")
    assert split_label("(a) The recruitment of persons;") == ("(a)", "The recruitment of persons;")
    assert split_label("(iv) Abuse of power;") == ("(iv)", "Abuse of power;")
    assert split_label("In 2020 the figure rose.") == ("", "In 2020 the figure rose.")


def test_enumerations_inside_a_paragraph_do_not_split() -> None:
    text = "The means include: (a) the threat or use of force; (b) abduction; (c) fraud."
    splits(text, text)


def test_lower_case_after_full_stop_does_not_split() -> None:
    splits("The approx. number of cases rose. It fell later.", "The approx. number of cases rose.", "It fell later.")


def test_initials_and_quotes() -> None:
    splits("J. Smith and A. B. Jones wrote it. They agreed.", "J. Smith and A. B. Jones wrote it.", "They agreed.")
    splits(
        'He asked: "Is this trafficking?" The answer was yes.',
        'He asked: "Is this trafficking?"',
        "The answer was yes.",
    )


def test_chinese_splits_without_spaces() -> None:
    splits("会员国应当加强合作。这一点很重要！是吗？", "会员国应当加强合作。", "这一点很重要！", "是吗？", lang="zh")


def test_join_sentences_per_language() -> None:
    assert join_sentences(["Phrase un.", "Phrase deux."], "fr") == "Phrase un. Phrase deux."
    assert join_sentences(["第一句。", "第二句。"], "zh") == "第一句。第二句。"


# --- UN references (issue 15) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # Official Records and reports cite volumes, annexes, chapters, sections and figures by letter or numeral.
        (
            "See Official Records of the General Assembly, vol. I. Contributions were received from 94 States.",
            "See Official Records of the General Assembly, vol. I.",
        ),
        ("The questionnaire is reproduced in annex I. The replies are summarized below.", None),
        ("The methodology is described in chap. V. Regional overviews follow.", None),
        ("Definitions are given in sect. B. Data were collected in 2020.", None),
        ("The figures are discussed in Part A. The remaining parts cover the regions.", None),
        ("Detected victims by age group are shown in figure V. Most were adults.", None),
        ("The meeting was called to order at 10.30 a.m. The President made a statement.", None),
        ("The meeting rose at 3.30 p.m. The next meeting will be announced.", None),
        ("Ibid. The same figures appear in the 2018 edition.", "Ibid."),
    ],
)
def test_reference_numbers_and_time_abbreviations_end_sentences(text: str, first: str | None) -> None:
    parts = split_sentences(text)
    assert len(parts) == 2, parts
    if first is not None:
        assert parts[0] == first
    assert " ".join(parts) == text


@pytest.mark.parametrize(
    "text",
    [
        "Results were reported by Cockbain et al. The sample covered 2 countries.",
        "The meeting rose at 3.30 p.m. on 4 December 2000.",
        "Persons such as J. Smith and A. B. Jones testified.",
        "The decision was taken in accordance with annex I. of the rules of procedure.",
    ],
)
def test_et_al_initials_and_lower_case_never_end_sentences(text: str) -> None:
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    ("paragraph", "label", "rest"),
    [
        (
            "55/100. Respect for the right to universal freedom of travel and the vital importance of family"
            " reunification",
            "55/100.",
            "Respect for the right to universal freedom of travel and the vital importance of family reunification",
        ),
        ("A. Introduction", "A.", "Introduction"),
        ("B. Data collection and coverage", "B.", "Data collection and coverage"),
        ("C. Regional trends", "C.", "Regional trends"),
        ("H. Conclusions", "H.", "Conclusions"),
        ("IV. Findings", "IV.", "Findings"),
    ],
)
def test_resolution_numbers_and_section_letters_are_labels(paragraph: str, label: str, rest: str) -> None:
    assert split_label(paragraph) == (label, rest)


def test_section_letters_inside_a_paragraph_are_labels_alike() -> None:
    for letter in "ABCDEFGH":
        assert split_sentences(f"{letter}. Trends in detection. They vary by region.") == [
            f"{letter}. Trends in detection.",
            "They vary by region.",
        ]


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("fr", "Le questionnaire est reproduit à l’annexe I.", "Les réponses sont résumées ci-après."),
        ("es", "El cuestionario figura en el anexo I.", "Las respuestas se resumen a continuación."),
        ("ru", "Вопросник воспроизводится в приложении I.", "Ответы кратко изложены ниже."),
        ("fr", "Les définitions figurent à la section B.", "Les données ont été recueillies en 2020."),
        ("es", "Las definiciones figuran en la sección B.", "Los datos se reunieron en 2020."),
    ],
)
def test_reference_numbers_end_sentences_in_the_targets(lang: str, first: str, second: str) -> None:
    assert split_sentences(f"{first} {second}", lang) == [first, second]


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "UN.ar-en.en"), ("fr", "UN.en-fr.fr"), ("es", "UN.en-es.es"), ("ru", "UN.en-ru.ru")]
)
def test_official_resolution_lines_are_not_cut_inside_their_references(shared_data, lang: str, name: str) -> None:
    """Resolution 55/100 as the UN published it: every line is one sentence (a preambular or operative clause)
    however many references it holds (Sales No. E.95.XIII.18, chap. I, resolution 1, annex; A/55/602/Add.2 and
    Corr.1; resolution 217 A (III); numéro de vente: F.95.XIII.18, chap. I)."""
    lines = (shared_data / "un-ga-resolutions-sample" / name).read_text(encoding="utf-8").splitlines()
    assert any("XIII.18" in line for line in lines) and len(lines) == 15
    for number, line in enumerate(lines, start=1):
        label, text = split_label(line)
        assert label in ("", "55/100.") or label.rstrip(".").isdigit(), (number, label)  # operative paragraphs
        assert split_sentences(text, lang) == [text.strip()], (number, line[:80])
