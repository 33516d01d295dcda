"""Spanish: ¿ ¡ open questions and exclamations; 1.250,5 (or 1 250,5 in UN style)."""

from translate.lang.base import Language

INVERTED_MARKS = {"?": "¿", "!": "¡"}

LANGUAGE = Language(
    code="es",
    name="Spanish",
    native_name="español",
    script="Latn",
    nplurals=2,
    plural_expression="(n != 1)",
    decimal_separator=",",
    group_separators=(".", "\u00a0", " ", "\u202f"),
    quotes=(("«", "»"), ("\u201c", "\u201d"), ("\u2018", "\u2019")),
    abbreviations=frozenset({"p", "pp", "núm", "art", "arts", "párr", "cf", "etc", "sr", "sra", "vol", "cap"}),
    percent_words=("por ciento",),
    xml_lang_aliases=("es-ES", "es-419", "es-MX", "spa"),
    nllb_code="spa_Latn",
)
