"""French: elision (l', d'), no-break space before ; : ! ? and inside « », 1 250,5."""

from translate.lang.base import ROMAN_ITEMS, LabelStyle, Language, SpellingRules

ELIDED_PREFIXES = ("l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'")
"""Elided articles and pronouns that fuse with the next word: l'Office, d'organes."""

HIGH_PUNCTUATION = ";:!?"
"""Punctuation preceded by a (narrow) no-break space in French typography."""

SPELLING_PREFIXES = (
    "micro", "macro", "multi", "inter", "intra", "trans", "sous", "post", "anti", "auto", "bio", "éco",
    "néo", "péri", "psycho", "pré", "re", "ré", "co", "dé", "non", "sur", "supra", "agro",
    "géo",
)  # fmt: skip
"""Productive prefixes for the spelling check: an unknown word is one of these before a word the dictionary
knows."""


LANGUAGE = Language(
    code="fr",
    name="French",
    native_name="français",
    script="Latn",
    nplurals=2,
    plural_expression="(n > 1)",
    decimal_separator=",",
    group_separators=("\u202f", "\u00a0", " "),
    quotes=(("«", "»"),),
    straight_quotes=False,
    allowed_doubled_words=frozenset({"nous", "vous"}),
    length_ratio_short=(0.207, 0.230),
    length_ratio_long=(0.165, 0.132),
    term_keys="snowball",
    snowball_stemmer="french",
    term_skip_words=frozenset({"le", "la", "les", "de", "des", "du"}),
    elision=True,
    moses_code="fr",
    abbreviations=frozenset({"p", "pp", "no", "nos", "art", "par", "cf", "etc", "m", "mme", "vol", "chap"}),
    reference_words=frozenset(
        {
            "vol",
            "volume",
            "annexe",
            "chap",
            "chapitre",
            "sect",
            "section",
            "partie",
            "figure",
            "fig",
            "tableau",
            "titre",
            "livre",
            "tome",
            "art",
            "article",
            "encadré",
            "carte",
            "graphique",
        }
    ),
    dotted_reference_words=r"cibles?|indicateurs?|paragraphes?|par|alinéas?|sections?|tableaux?|figures?|fig|graphiques?|chapitres?|chap|annexes?|objectifs?|encadrés?|articles?|art|cartes?|règles?|parties?|points?|ODD|appendices?|volumes?|vol",
    time_patterns=(r"(?<![\d.,])(?P<h>[0-2]?\d)[ \u00a0\u202f]?h[ \u00a0\u202f]?(?P<m>[0-5]\d)(?!\d)",),
    drops_acronyms=True,
    percent_words=("pour cent", "p. 100"),
    xml_lang_aliases=("fr-FR", "fr-CA", "fr-CH", "fra", "fre"),
    percent_template="{number}\u00a0%",
    nllb_code="fra_Latn",
    marian_target_tokens=(">>fra<<", ">>fr<<"),
    spelling=SpellingRules(
        dictionary_tags=("fr_FR", "fr"),
        package="hunspell-fr",
        alphabet="abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
        prefixes=SPELLING_PREFIXES,
        source_cognates=True,
    ),
    proofing=("val", "fr-FR"),
    labels=LabelStyle(letter="{x})", roman_item="{x})", roman_items=ROMAN_ITEMS),
)

# Number vocabulary for the QA ``numbers`` check (translate/qa/numbers.py): regex alternatives -> value.
NUMBER_WORDS = {
    "zéro": 0, "une?": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "douzaines?": 12, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "cents?": 100, "centaines?": 100, "moitié": 0.5, "demi": 0.5, "quart": 0.25,
    "premier": 1, "première": 1, "premiers": 1, "premières": 1, "deuxièmes?": 2, "secondes?": 2, "troisièmes?": 3,
    "quatrièmes?": 4, "cinquièmes?": 5, "sixièmes?": 6, "septièmes?": 7, "huitièmes?": 8, "neuvièmes?": 9,
    "dixièmes?": 10,
    # numbers inside words: the 10-Year Framework = le Cadre décennal
    "biennale?s?|biennaux|bisannuel(?:le)?s?": 2, "triennale?s?|triennaux": 3, "quadriennale?s?|quadriennaux": 4,
    "quinquennale?s?|quinquennaux": 5, "décennale?s?|décennaux|décennies?": 10, "centenaire": 100,
}  # fmt: skip
MULTIPLIER_WORDS = {"mille": 10**3, "milliers?": 10**3, "millions?": 10**6, "milliards?": 10**9, "billions?": 10**12}
MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
