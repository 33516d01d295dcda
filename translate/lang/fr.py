"""French: elision (l', d'), no-break space before ; : ! ? and inside « », 1 250,5."""

from translate.lang.base import Language

ELIDED_PREFIXES = ("l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'")
"""Elided articles and pronouns that fuse with the next word: l'Office, d'organes."""

HIGH_PUNCTUATION = ";:!?"
"""Punctuation preceded by a (narrow) no-break space in French typography."""

LANGUAGE = Language(
    code="fr",
    name="French",
    native_name="français",
    script="Latn",
    nplurals=2,
    plural_expression="(n > 1)",
    decimal_separator=",",
    group_separators=("\u202f", "\u00a0", " "),
    quotes=(("«\u00a0", "\u00a0»"), ("«", "»"), ("\u201c", "\u201d")),
    abbreviations=frozenset({"p", "pp", "no", "nos", "art", "par", "cf", "etc", "m", "mme", "vol", "chap"}),
    percent_words=("pour cent", "p. 100"),
    xml_lang_aliases=("fr-FR", "fr-CA", "fr-CH", "fra"),
    nllb_code="fra_Latn",
    marian_target_token="",
)
