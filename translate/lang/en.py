"""English: the source language. Abbreviations matter most here, for sentence segmentation."""

from translate.lang.base import Language

ABBREVIATIONS = frozenset(
    {
        # Latin and general
        "e.g",
        "i.e",
        "etc",
        "cf",
        "viz",
        "vs",
        "approx",
        "ca",
        "et al",
        "ibid",
        "op. cit",
        # UN documents
        "no",
        "nos",
        "para",
        "paras",
        "art",
        "arts",
        "vol",
        "vols",
        "p",
        "pp",
        "chap",
        "sect",
        "annex",
        "fig",
        "ref",
        "res",
        "rev",
        "corr",
        "add",
        "suppl",
        "amend",
        # Titles
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "h.e",
        "st",
        "messrs",
        "mme",
        # Organisations and places
        "u.n",
        "u.s",
        "u.k",
        "e.u",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "govt",
        # Months
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)

REFERENCE_WORDS = frozenset(
    {
        "vol", "vols", "volume", "annex", "annexes", "chap", "chapter", "sect", "section", "part", "figure", "fig",
        "table", "appendix", "map", "box", "graph", "title", "book", "art", "article",
    }
)  # fmt: skip

LANGUAGE = Language(
    code="en",
    name="English",
    native_name="English",
    script="Latn",
    nplurals=2,
    plural_expression="(n != 1)",
    decimal_separator=".",
    group_separators=(",",),
    allowed_doubled_words=frozenset({"had", "that"}),
    abbreviations=ABBREVIATIONS,
    reference_words=REFERENCE_WORDS,
    dotted_reference_words=r"targets?|indicators?|paragraphs?|paras?|subparagraphs?|sections?|sect|tables?|figures?|figs?|chapters?|chap|annex(?:es)?|goals?|boxes|box|articles?|art|maps?|rules?|parts?|items?|SDGs?|appendix|appendices|volumes?|vol",
    time_patterns=(
        r"(?<![\d.,])(?P<h>\d{1,2})[.:](?P<m>[0-5]\d)\s?(?:(?P<am>a\.\s?m\.?)|(?P<pm>p\.\s?m\.?))",
        r"(?<![\d.,])(?P<h>\d{1,2})[.:](?P<m>[0-5]\d)\s?(?:(?P<am>am)|(?P<pm>pm))(?!\w)",
    ),
    percent_words=("per cent", "percent"),
    xml_lang_aliases=("en-US", "en-GB", "EN", "eng"),
    percent_template="{number} per cent",
    term_keys="english",
    snowball_stemmer="english",
    nllb_code="eng_Latn",
)

# Number vocabulary for the QA ``numbers`` check (translate/qa/numbers.py): regex alternatives -> value.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozens?": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundreds?": 100, "half": 0.5,
    "quarter": 0.25, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
    # numbers inside words
    "biennial|biennium": 2, "triennial": 3, "quadrennial": 4, "quinquennial": 5, "decade|decennial": 10,
    "centenary|centennial": 100,
}  # fmt: skip
MULTIPLIER_WORDS = {"thousands?": 10**3, "millions?": 10**6, "billions?|bn": 10**9, "trillions?": 10**12}
MONTH_NAMES = (
    r"jan(?:uary|\.)", r"feb(?:ruary|\.)", r"mar(?:ch|\.)", r"apr(?:il|\.)", "may", r"jun(?:e|\.)",
    r"jul(?:y|\.)", r"aug(?:ust|\.)", r"sep(?:tember|t?\.)", r"oct(?:ober|\.)", r"nov(?:ember|\.)", r"dec(?:ember|\.)",
)  # fmt: skip
"""Month names and their abbreviations (Dec. 26), for dates: in a date the target must name the same month."""
