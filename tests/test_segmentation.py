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
