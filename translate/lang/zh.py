"""Chinese (Simplified): no spaces between words, full-width punctuation, 《》 titles, 万 and 亿."""

from translate.lang.base import LabelStyle, Language, SpellingRules

FULL_WIDTH_PUNCTUATION = "，。；：？！（）《》“”‘’、"
NUMERAL_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
CHAPTER_NUMERALS = tuple("一二三四五六七八九十") + tuple(f"十{digit}" for digit in "一二三四五六七八九") + ("二十",)
"""Chapters I.-XX. as UN Chinese documents number them (一. 导言), and Roman sub-items (i), (ii) ... as (一), (二)."""

LANGUAGE = Language(
    code="zh",
    name="Chinese",
    native_name="中文",
    script="Hans",
    nplurals=1,
    plural_expression="0",
    decimal_separator=".",
    group_separators=(",",),
    quotes=(("“", "”"), ("《", "》")),
    straight_quotes=False,
    also_group_separators=" \u00a0\u202f\u2009",
    length_ratio_short=(-0.953, 0.303),
    length_ratio_long=(-1.109, 0.224),
    moses_code="en",
    bleu_tokenize="zh",
    uses_spaces=False,
    dotted_reference_words=r"具体目标|目标|指标|段落|段|第|节|表|图|章|附件|附录|可持续发展目标|项目|条|款",
    dotted_reference_after=r"段|节|章|条|款",
    time_patterns=(
        r"(?:(?P<am>上午|早上|早晨|凌晨)|(?P<pm>下午|晚上|晚间|傍晚))?\s*(?P<h>\d{1,2})\s*(?:时|点)\s*(?P<m>\d{1,2})\s*分",
        r"(?:(?P<am>上午|早上|早晨|凌晨|早)|(?P<pm>下午|晚上|晚间|傍晚|晚))\s*(?P<h>\d{1,2})[:：](?P<m>\d{2})",
        r"(?:(?P<am>上午|早上|早晨|凌晨)|(?P<pm>下午|晚上|晚间|傍晚))?\s*(?<![\d.])(?P<h>\d{1,2})\s*(?:时|点)(?P<m>)(?![\s\d分])",
    ),
    bracket_idioms=r"[和与及或][(（]或[)）]",
    drops_name_qualifiers=True,
    month_suffix="月",
    labels=LabelStyle(roman_words=CHAPTER_NUMERALS, roman_items=CHAPTER_NUMERALS),
    doubled_characters=(
        "(?:(?<!目)|(?<=[项节栏题条盲书剧科数名账细纲注瞩]目))(的)的(?!确)"
        "|(?<=目)(的)的(?=地(?![区方位步点图域带面球震理质下]))"  # 目的地 (destination) with a 的 too many
        "|(?<![但还就于可总凡正只都要若倒像或即])(是)是(?![否非])"
    ),
    percent_words=("百分之",),
    xml_lang_aliases=("zh-CN", "zh-Hans", "zh-Hans-CN", "zh-SG", "zho", "chi", "cmn"),
    percent_template="{number}%",
    nllb_code="zho_Hans",
    marian_target_tokens=(">>cmn_Hans<<", ">>zho_Hans<<", ">>cmn<<", ">>zho<<"),
    spelling=SpellingRules(
        unchecked_reason="Chinese is not spell-checked (no spaces between words, no Hunspell dictionary)"
    ),
    proofing=("eastAsia", "zh-CN"),
    fonts=(("eastAsia", "SimSun"),),
)

# Number vocabulary for the QA ``numbers`` check (translate/qa/numbers.py). Chinese numerals (一 二 十 百 ...)
# are parsed there; these are the multipliers that follow a number (250万 = 2 500 000, 12亿 = 1 200 000 000).
MULTIPLIER_WORDS = {"万亿": 10**12, "十亿": 10**9, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3}
CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS = {"万": 10**4, "亿": 10**8}
