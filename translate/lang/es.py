"""Spanish: ¿ ¡ open questions and exclamations; 1.250,5 (or 1 250,5 in UN style)."""

from translate.lang.base import ROMAN_ITEMS, LabelStyle, Language, SpellingRules

INVERTED_MARKS = {"?": "¿", "!": "¡"}

SPELLING_PREFIXES = (
    "micro", "macro", "multi", "inter", "intra", "trans", "sobre", "post", "pos", "anti", "auto", "bio",
    "eco", "neo", "peri", "psico", "pre", "re", "co", "des", "sub", "supra", "agro", "geo",
    "contra",
)  # fmt: skip
"""Productive prefixes for the spelling check: an unknown word is one of these before a word the dictionary
knows."""


LANGUAGE = Language(
    code="es",
    name="Spanish",
    native_name="español",
    script="Latn",
    nplurals=2,
    plural_expression="(n != 1)",
    decimal_separator=",",
    group_separators=(".", "\u00a0", " ", "\u202f"),
    quotes=(("«", "»"),),
    length_ratio_short=(0.152, 0.214),
    length_ratio_long=(0.153, 0.136),
    term_keys="snowball",
    snowball_stemmer="spanish",
    term_skip_words=frozenset({"el", "la", "los", "las", "de", "del", "lo"}),
    inverted_marks=True,
    moses_code="es",
    abbreviations=frozenset({"p", "pp", "núm", "art", "arts", "párr", "cf", "etc", "sr", "sra", "vol", "cap"}),
    reference_words=frozenset(
        {
            "vol",
            "volumen",
            "anexo",
            "cap",
            "capítulo",
            "secc",
            "sección",
            "parte",
            "figura",
            "fig",
            "cuadro",
            "gráfico",
            "título",
            "libro",
            "tomo",
            "art",
            "artículo",
            "recuadro",
            "mapa",
        }
    ),
    dotted_reference_words=r"metas?|indicador(?:es)?|párrafos?|párr|apartados?|secci(?:ón|ones)|secc|cuadros?|tablas?|figuras?|fig|gráficos?|capítulos?|cap|anexos?|objetivos?|recuadros?|artículos?|art|mapas?|reglas?|partes?|ODS|apéndices?|volúmenes|volumen|vol",
    time_patterns=(
        r"(?<![\d.,])(?P<h>[0-2]?\d)[.:](?P<m>[0-5]\d)[ \u00a0]?(?:horas|h(?!\w))",
        r"(?<![\d.,])(?P<h>1?\d)[.:](?P<m>[0-5]\d)[ \u00a0]de la (?:(?P<am>mañana|madrugada)|(?P<pm>tarde|noche))",
    ),
    drops_acronyms=True,
    percent_words=("por ciento",),
    xml_lang_aliases=("es-ES", "es-419", "es-MX", "spa"),
    percent_template="{number}\u00a0%",
    nllb_code="spa_Latn",
    marian_target_tokens=(">>spa<<", ">>es<<"),
    spelling=SpellingRules(
        dictionary_tags=("es_ES", "es"),
        package="hunspell-es",
        alphabet="abcdefghijklmnopqrstuvwxyzáéíñóúü",
        prefixes=SPELLING_PREFIXES,
        source_cognates=True,
        adverb_suffix="mente",
    ),
    proofing=("val", "es-ES"),
    labels=LabelStyle(letter="{x})", roman_item="{x})", roman_items=ROMAN_ITEMS),
)

# Number vocabulary for the QA ``numbers`` check (translate/qa/numbers.py): regex alternatives -> value.
NUMBER_WORDS = {
    "cero": 0, "un[oa]?": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "docenas?": 12, "veinte": 20, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "cien": 100, "cientos?": 100, "centenares": 100, "mitad": 0.5, "medio": 0.5, "cuarto": 0.25,
    "primer[oa]?": 1, "segund[oa]s?": 2, "tercer[oa]?s?": 3, "cuart[oa]s?": 4, "quint[oa]s?": 5, "sext[oa]s?": 6,
    "séptim[oa]s?": 7, "octav[oa]s?": 8, "noven[oa]s?": 9, "décim[oa]s?": 10,
    # numbers inside words: the 10-Year Framework = el Marco Decenal
    "bienal(?:es)?": 2, "trienal(?:es)?": 3, "cuatrienal(?:es)?": 4, "quinquenal(?:es)?": 5, "decenal(?:es)?": 10,
    "bianual(?:es)?": 2, "centenari[oa]s?": 100,
}  # fmt: skip
MULTIPLIER_WORDS = {"mil millones": 10**9, "millón": 10**6, "millones": 10**6, "mil": 10**3, "miles": 10**3,
                    "billón": 10**12, "billones": 10**12}  # fmt: skip
MONTH_NAMES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre|setiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
