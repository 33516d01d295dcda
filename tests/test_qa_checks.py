"""The QA checks on small inline examples: every check's documented example, locale-aware numbers, symbols,
punctuation per language, flags and cross-segment consistency (real text: tests/test_qa_real.py)."""

from __future__ import annotations

import pytest

from translate.qa.base import REGISTRY, CheckContext, Segment, load_all_checks, run_checks
from translate.qa.checks import QA_CHECK_IDS, render_number
from translate.qa.numbers import compare_numbers, extract_numbers, parse_chinese_numeral, parse_roman, vocabulary


def findings(check_id: str, lang: str, source: str, target: str, others=(), **segment_fields):
    """What one check says about one segment (checked among ``others``, (lang, source, target) triples)."""
    check = load_all_checks()[check_id]()
    segment = Segment(source, target, lang, id="s1", **segment_fields)
    context_segments = [Segment(s, t, code, id=f"o{n}") for n, (code, s, t) in enumerate(others)]
    context = CheckContext(segments=[*context_segments, segment])
    return list(check.run(segment, context)) if check.applies_to(segment, context) else []


def passes(check_id: str, lang: str, source: str, target: str, others=(), **fields) -> bool:
    return not findings(check_id, lang, source, target, others, **fields)


def fails(check_id: str, lang: str, source: str, target: str, others=(), **fields) -> bool:
    return bool(findings(check_id, lang, source, target, others, **fields))


# --- the registry and the documented examples ----------------------------------------------------------------


def test_every_qa_check_is_registered_with_its_documentation():
    registry = load_all_checks()
    assert set(QA_CHECK_IDS) <= set(registry)
    for check_id in QA_CHECK_IDS:
        check = registry[check_id]
        assert check.id == check_id
        assert check.name and check.description and check.example_good and check.example_bad
        assert check.severity in ("error", "warning")
    assert {check_id for check_id in QA_CHECK_IDS if registry[check_id].severity == "error"} == {
        "numbers",
        "un-symbols",
        "empty",
    }


@pytest.mark.parametrize("check_id", QA_CHECK_IDS)
def test_documented_examples(check_id):
    check = load_all_checks()[check_id]
    others = getattr(check, "example_context", ())
    assert passes(check_id, *check.example_good, others=others)
    assert fails(check_id, *check.example_bad, others=others)
    finding = findings(check_id, *check.example_bad, others=others)[0]
    assert finding.check == check_id and finding.severity == check.severity and finding.message


# --- numbers ----------------------------------------------------------------------------------------------------

SAME_NUMBERS = [
    ("fr", "1,250.5 tonnes", "1 250,5 tonnes"),
    ("fr", "1,250.5 tonnes", "1\u00a0250,5 tonnes"),
    ("fr", "1,250.5 tonnes", "1\u202f250,5 tonnes"),
    ("ru", "1,250.5 tonnes", "1\u00a0250,5 тонны"),
    ("es", "1,250.5 tonnes", "1.250,5 toneladas"),
    ("es", "1,250.5 tonnes", "1 250,5 toneladas"),
    ("ar", "1,250.5 tonnes", "١٬٢٥٠٫٥ طن"),
    ("ar", "1,250.5 tonnes", "1,250.5 طن"),
    ("ar", "0.7 per cent", "0,7 في المائة"),
    ("zh", "1,250.5 tonnes", "1,250.5吨"),
    ("zh", "per 100,000 population", "每100 000人"),
    ("zh", "per 100,000 population", "每10万人"),
    ("zh", "2.5 million victims", "250万名受害者"),
    ("zh", "1.2 billion people", "12亿人"),
    ("zh", "one million", "百万"),
    ("es", "1.2 billion dollars", "1.200 millones de dólares"),
    ("es", "2.5 million", "2,5 millones"),
    ("ru", "2.5 million", "2,5 миллиона"),
    ("ar", "2.5 million", "2.5 مليون"),
    ("fr", "25 per cent", "25 %"),
    ("fr", "25 per cent", "25 pour cent"),
    ("es", "25 per cent", "25 por ciento"),
    ("ru", "25 per cent", "25 процентов"),
    ("ar", "25 per cent", "25 في المائة"),
    ("zh", "25 per cent", "百分之二十五"),
    ("zh", "25 per cent", "25%"),
    ("zh", "on 17 December 1999", "1999年12月17日"),
    ("ar", "on 17 December 1999", "في 17 كانون الأول/ديسمبر 1999"),
    ("ru", "in the 16th century", "в XVI веке"),
    ("fr", "at 10:08 p.m.", "à 22\u00a0h\u00a008"),
    ("zh", "in the 1850s", "19 世纪 50 年代"),
    ("fr", "Fifty-eight percent", "58\u00a0%"),
    ("es", "802.11a", "802.11a"),
    ("ar", "in 2013, five countries", "في عام 2013، خمسة بلدان"),
    # counted, with care for what is legitimately repeated, merged or written out
    ("ar", "in the 1980s", "في ثمانينيات القرن العشرين"),  # Arabic decade words, century as companion
    ("ar", "sexual violence by age 18", "العنف الجنسي قبل سن الثامنة عشرة"),  # Arabic teens
    ("ar", "Nicholas Alden, 25", "نيكولاس ألدين صاحب الخمسة وعشرين عاماً"),  # units before tens
    ("ar", "children under 5", "الأطفال دون سن الخامسـة"),  # a number word stretched with tatweel
    ("zh", "in the 1960s", "上世纪60年代"),
    ("es", "in the 1930s", "en los años 30 del siglo XX"),
    ("fr", "with 802.11a, 802.11b and 802.11g", "avec les itérations 802.11a, b et g"),  # one identifier, repeated
    ("zh", "The F125 frigate", "F125护卫舰 ... 这艘F125护卫舰"),
    ("zh", "at least 50 votes, which would allow", "至少50票，如果拿到这50张选票"),  # a repeat in the translation
    ("zh", "aged 15 years and older", "15岁及15岁以上"),
    ("zh", "dated 4th July 1776", "dated 4th July 1776（1776 年 7 月 4 日）"),
    ("ru", "More than 1,000 people and tens of thousands", "свыше тысячи людей и десятки тысяч"),
    (
        "ar",
        "(i) reading and (ii) mathematics, in grades 2/3; lower secondary",
        "’1‘ القراءة و’2‘ الرياضيات، في الصف 2/3؛ المرحلة الأولى",
    ),
]


@pytest.mark.parametrize(("lang", "source", "target"), SAME_NUMBERS)
def test_numbers_written_the_local_way_pass(lang, source, target):
    comparison = compare_numbers(source, target, lang)
    assert comparison.ok, (comparison.missing, comparison.extra, comparison.percent_lost)
    assert passes("numbers", lang, source, target)


# (lang, source, target, missing, extra): the source numbers not found, the target numbers the source lacks
# (ordinals and number words may be written as words, so they are never reported missing)
WRONG_NUMBERS = [
    ("fr", "1,250.5 tonnes", "1.250,5 tonnes", ["1,250.5"], ["1", "250,5"]),  # Spanish grouping in French
    ("fr", "12.5 per cent", "12.5 %", ["12.5 per cent"], ["12", "5 %"]),  # decimal point in French
    ("es", "1,250.5 tonnes", "1,250.5 toneladas", ["1,250.5"], ["1,250", "5"]),  # English separators in Spanish
    ("ru", "7.5 per cent", "7.5 процента", ["7.5 per cent"], ["7", "5 процента"]),
    ("zh", "2.5 million", "25万", ["2.5 million"], ["25万"]),
    ("zh", "1.2 billion", "1.2亿", ["1.2 billion"], ["1.2亿"]),
    # a wrong value in visual order is still an error
    ("ar", "per 100,000 population", "لكل 000 200 نسمة", ["100,000"], ["000 200"]),
    ("es", "in 2013", "en 2014", ["2013"], ["2014"]),
    ("ru", "3 victims", "Жертвы", ["3"], []),
    # counted: a number must be there as many times as in the source (the planted errors the sets let through)
    ("fr", "a tie break after reaching 6-6 in the second set", "un tie-break à 2-6 dans le deuxième set", ["6"], ["2"]),
    ("zh", "the old 12th district overlaps with the new 17th", "旧的第17选区与新的17号选区重叠", [], ["17"]),
    ("zh", "between the 10th - 11th centuries and the 14th century", "在 10 - 11 世纪到 10 世纪", [], ["10"]),
    ("fr", "eight inmates, contained to one wing", "1 détenus, dans une aile", [], ["1"]),
    ("fr", "dated 4th July 1776", "datée du 7 juillet 1776", [], ["7"]),
    ("ar", "by an even more emphatic 5&4 in the fourballs", "بنتيجة 5 مقابل 5 في الأربع كرات", [], ["5"]),
    ("fr", "At 2pm two police vans", "À \u00a0h, deux\u00a0fourgons", ["2"], []),
    ("es", "Thirty-two percent supported it", "Un 02 % lo apoyaba", [], ["02 %"]),
    ("fr", "bird flu H5N1", "grippe aviaire H5N5", ["1"], ["5"]),
    # decades: the decade itself must be there, and a Chinese century with its number
    ("es", "in the 1930s", "en los años del siglo XX", ["1930"], []),
    ("zh", "in the 1930s", "在 20 世纪 年代", ["1930"], []),
    ("zh", "in the 1960s", "在 世纪 60 年代", ["1960"], ["世纪 60 年代"]),
    ("zh", "in the 1960s", "在 20 世纪 20 年代", ["1960"], ["20 世纪 20 年代"]),
    ("zh", "in the 1980s", "在80世纪80年代", ["1980"], ["80世纪80年代"]),
]


@pytest.mark.parametrize(("lang", "source", "target", "missing", "extra"), WRONG_NUMBERS)
def test_wrong_numbers_fail(lang, source, target, missing, extra):
    (finding,) = findings("numbers", lang, source, target)
    assert (finding.details["missing"], finding.details["extra"]) == (missing, extra)
    assert finding.details["percent_lost"] == [] and finding.severity == "error"


def test_a_percentage_that_is_no_longer_one():
    (finding,) = findings("numbers", "fr", "25 per cent of victims", "25 victimes")
    assert finding.details == {"missing": [], "extra": [], "percent_lost": ["25 per cent"]}
    assert finding.message == "numbers differ: no longer a percentage: 25 per cent"


def test_number_message_names_the_expected_local_form():
    (finding,) = findings("numbers", "fr", "1,250.5 tonnes", "1.250,5 tonnes")
    assert "1\u202f250,5" in finding.message and finding.severity == "error"
    assert finding.details["missing"] == ["1,250.5"]
    # a percentage is named by its number, not by the fraction it may also stand for (12.5 per cent = 0.125)
    (finding,) = findings("numbers", "fr", "12.5 per cent", "12.5 %")
    assert "missing in the translation: 12.5 per cent (in fr: 12,5);" in finding.message, finding.message


def test_a_word_stands_in_for_one_number_only():
    comparison = compare_numbers("eight inmates, contained to one wing", "1 détenus, dans une aile", "fr")
    assert [token.text for token in comparison.extra] == ["1"]
    comparison = compare_numbers("reaching 6-6 in the second set", "à 2-6 dans le deuxième set", "fr")
    # "second" = "deuxième" (both ordinals), so the 2 of 2-6 stands for nothing of the source
    assert [token.text for token in comparison.missing] == ["6"]
    assert [token.text for token in comparison.extra] == ["2"]


def test_number_reading_details():
    assert [token.values for token in extract_numbers("٢٠١٣", "ar")] == [frozenset({2013})]
    assert [token.text for token in extract_numbers("en 2013 250 personnes", "fr")] == ["2013", "250"]
    assert extract_numbers("E/CN.15/2013/L.5 [^3]", "en") == []  # symbols are masked: un-symbols compares them
    assert parse_chinese_numeral("三千五百万", vocabulary("zh").chinese) == 35_000_000
    assert parse_chinese_numeral("二〇〇〇", vocabulary("zh").chinese) == 2000
    assert parse_roman("XVII") == 17 and parse_roman("IIII") is None
    assert render_number(min(extract_numbers("1,250.5", "en")[0].values), "es") == "1.250,5"


# --- UN symbols -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "symbol", ["E/2013/30", "A/RES/64/293", "CTOC/COP/2012/15", "E/CN.15/2013/L.5", "A/55/602/Add.2", "[^3]"]
)
def test_un_symbols_kept_and_lost(symbol):
    source = f"See {symbol} for details."
    assert passes("un-symbols", "zh", source, f"详见{symbol}。")
    (lost,) = findings("un-symbols", "zh", source, "详见。")
    assert lost.details == {"missing": [symbol], "extra": []} and lost.severity == "error"
    # the last digit changed (a footnote [^3] becomes [^4], its bracket kept)
    digit = -2 if symbol.endswith("]") else -1
    altered = symbol[:digit] + str((int(symbol[digit]) + 1) % 10) + symbol[len(symbol) + digit + 1 :]
    (changed,) = findings("un-symbols", "fr", source, f"Voir {altered}.")
    assert changed.details == {"missing": [symbol], "extra": [altered]}
    assert changed.message == f"symbols differ: missing {symbol}; not in the source {altered}"


def test_slash_words_are_not_symbols():
    assert passes("un-symbols", "fr", "HIV/AIDS and km/h", "VIH/sida et km/h")


# --- punctuation per language ------------------------------------------------------------------------------------


def test_brackets_full_width_and_list_markers():
    assert passes("brackets", "zh", "Member States (Mexico)", "会员国（墨西哥）")
    assert passes(
        "brackets",
        "zh",
        "The Conference adopted recommendations (see CTOC/COP/2012/15, para. 12).",
        "缔约方会议通过了建议（见CTOC/COP/2012/15，第12段）。",
    )
    (unclosed,) = findings(
        "brackets", "zh", "adopted (see CTOC/COP/2012/15, para. 12).", "通过了（见CTOC/COP/2012/15，第12段。"
    )
    assert unclosed.details == {"source": {"(": 1, ")": 1}, "target": {"(": 1}}  # （ counts as (
    assert passes(
        "brackets", "fr", "in (a) national policies and (b) curricula", "dans a) les politiques et b) les programmes"
    )
    (unclosed,) = findings("brackets", "ru", "Member States (Mexico)", "Государства-члены (Мексика")
    assert unclosed.details == {"source": {"(": 1, ")": 1}, "target": {"(": 1}}
    assert unclosed.message == "brackets differ from the source (“)” 1→0)"


ZH_COMMA = "ASCII punctuation , in Chinese text — use full-width ，；：？！"


@pytest.mark.parametrize(
    ("lang", "good", "bad", "problem"),
    [
        ("fr", "Le rapport «\u00a0Global\u00a0»", 'Le rapport "Global"', 'ASCII quotation mark " — use « »'),
        ("ru", "Доклад «Глобальный»", 'Доклад "Глобальный"', 'ASCII quotation mark " — use « » or „ “'),
        ("zh", "报告《全球报告》，今天发表", "报告《全球报告》,今天发表", ZH_COMMA),
        ("zh", "告诉“晚报”，已将", "告诉“晚报”, 已将", ZH_COMMA),  # ASCII comma after a Chinese quotation mark
        ("zh", "他问：“你想看吗？”，“他穿着”", "他问：“你想看吗？”,“他穿着”", ZH_COMMA),
        (
            "ar",
            "التقرير العالمي، الذي نشر اليوم؛ اقرأه",
            "التقرير العالمي, الذي نشر اليوم; اقرأه",
            "Latin punctuation , ; after Arabic — use ، ؛ ؟",
        ),
        ("es", "¿Quiénes son las víctimas?", "Quiénes son las víctimas?", "? without opening ¿"),
    ],
)
def test_quotes_and_punctuation_per_language(lang, good, bad, problem):
    source = 'The report "Global", published today; who are the victims?'
    assert passes("quotes", lang, source, good)
    (finding,) = findings("quotes", lang, source, bad)
    assert finding.details == {"problems": [problem]} and finding.message == problem


def test_quote_running_over_segments_is_not_unbalanced():
    assert passes("quotes", "fr", 'My gold medal is Robbie."', "Ma médaille d’or, c’est Robbie.\u00a0»")


def test_french_spacing():
    assert passes("punctuation-spacing", "fr", "At 15:00, see http://x.org", "À 15:00, voir http://x.org")
    assert passes("punctuation-spacing", "fr", "Who?", "Qui\u202f?")
    (question,) = findings("punctuation-spacing", "fr", "Who?", "Qui ?")
    assert question.details == {"problems": ["ordinary space before ? at 4"]}
    assert question.fix == ((3, 4, "\u202f"),) and question.apply_fix("Qui ?") == "Qui\u202f?"
    (closing,) = findings("punctuation-spacing", "fr", '"Yes"', "«\u00a0Oui »")
    assert closing.details == {"problems": ["ordinary space before » at 6"]}
    assert closing.apply_fix("«\u00a0Oui »") == "«\u00a0Oui\u00a0»"
    assert passes("punctuation-spacing", "es", "Who?", "¿Quién?")  # French only


# --- untranslated, empty, doubled words, length, consistency, tatweel ---------------------------------------------


def test_untranslated_except_legitimate_copies():
    (copied,) = findings("untranslated", "zh", "Trafficking in persons", "Trafficking in persons")
    assert copied.message == "the target is the source text unchanged" and copied.severity == "warning"
    assert passes("untranslated", "ru", "UNODC", "UNODC")
    assert passes("untranslated", "es", "Burkina Faso", "Burkina Faso")
    assert passes("untranslated", "zh", "E/2013/30 (2013)", "E/2013/30 (2013)")
    # names are transliterated in Cyrillic
    assert [f.check for f in findings("untranslated", "ru", "Burkina Faso", "Burkina Faso")] == ["untranslated"]


def test_empty_respects_state():
    (empty,) = findings("empty", "fr", "Victims", "", state="draft")
    assert empty.message == "the translation is empty" and empty.severity == "error"
    assert passes("empty", "fr", "Victims", "", state="untranslated")
    assert not findings("numbers", "fr", "3 victims", "")  # other checks wait for a target


def test_doubled_words():
    (doubled,) = findings("doubled-words", "es", "with the president", "con con el presidente")
    assert doubled.details == {"words": ["con"]} and doubled.message == "doubled word: con"
    assert passes("doubled-words", "fr", "near Pago Pago", "près de Pago Pago")
    assert passes("doubled-words", "ar", "on BBC radio", "على راديو بي بي سي")
    assert [f.details for f in findings("doubled-words", "zh", "the report", "报告的的内容")] == [{"words": ["的"]}]
    assert passes("doubled-words", "zh", "indeed", "的的确确")
    # decomposed accents (NFD, as in the SDG French file) are not word boundaries
    assert passes("doubled-words", "fr", "development", "de de\u0301veloppement")


def test_length_ratio_skips_short_sources():
    assert passes("length-ratio", "fr", "Victims", "Les victimes de la traite des personnes détectées")


def test_inconsistent_only_among_approved():
    others = [("fr", "Trafficking in persons", "Traite des personnes")]
    (other,) = findings(
        "inconsistent", "fr", "Trafficking in persons", "Traite d’êtres humains", others, state="approved"
    )
    assert other.details == {"others": ["Traite des personnes"], "segments": ["o0"]}
    assert passes("inconsistent", "fr", "Trafficking in persons", "Traite d’êtres humains", others, state="draft")
    assert passes("inconsistent", "es", "Trafficking in persons", "Trata de personas", others)


def test_tatweel():
    (stretched,) = findings("tatweel", "ar", "energy", "الطـاقـة")
    assert stretched.details == {"count": 2} and stretched.message == "tatweel in الطـاقـة"  # two U+0640
    assert passes("tatweel", "ar", "energy", "الطاقة")


# --- flags and run_checks ----------------------------------------------------------------------------------------


def test_run_checks_with_ignore_flag_and_only():
    segment = Segment("In 2013, 25 per cent", "En 2014, 25 %", "fr", id="a")
    flagged = Segment("In 2013, 25 per cent", "En 2014, 25 %", "fr", id="b", flags=("ignore-numbers",))
    results = list(run_checks([segment, flagged], CheckContext(segments=[segment, flagged]), only=["numbers"]))
    assert [(found.id, finding.check) for found, finding in results] == [("a", "numbers")]
    assert "numbers" in REGISTRY
