"""Russian: six cases (morphology through pymorphy3 / Snowball), « » and „ “ quotes, 1 250,5."""

from translate.lang.base import Language

LANGUAGE = Language(
    code="ru",
    name="Russian",
    native_name="русский",
    script="Cyrl",
    nplurals=3,
    plural_expression=("(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    decimal_separator=",",
    group_separators=("\u00a0", " ", "\u202f"),
    quotes=(("«", "»"), ("„", "\u201c")),
    abbreviations=frozenset(
        {"т. е", "т. д", "т. п", "г", "гг", "ст", "п", "пп", "стр", "см", "им", "др", "млн", "млрд", "тыс"}
    ),
    percent_words=("процент", "процента", "процентов", "процентам", "процентами", "процентах"),
    xml_lang_aliases=("ru-RU", "rus"),
    nllb_code="rus_Cyrl",
)
