"""Chinese (Simplified): no spaces between words, full-width punctuation, 《》 titles, 万 and 亿."""

from translate.lang.base import Language

FULL_WIDTH_PUNCTUATION = "，。；：？！（）《》“”‘’、"
NUMERAL_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}

LANGUAGE = Language(
    code="zh",
    name="Chinese",
    native_name="中文",
    script="Hans",
    nplurals=1,
    plural_expression="0",
    decimal_separator=".",
    group_separators=(",",),
    quotes=(("\u201c", "\u201d"), ("\u2018", "\u2019"), ("《", "》")),
    sentence_end="。！？!?",
    uses_spaces=False,
    percent_words=("百分之",),
    xml_lang_aliases=("zh-CN", "zh-Hans", "zh-Hans-CN", "zh-SG", "zho", "cmn"),
    nllb_code="zho_Hans",
    marian_target_token=">>cmn_Hans<<",
)
