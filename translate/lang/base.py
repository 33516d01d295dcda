"""What every language module declares: script, direction, plural rules, punctuation and number format.

A language is one file in ``translate/lang/`` that defines ``LANGUAGE = Language(...)`` and may add
functions of its own (normalisation, morphology). Adding a language means adding one file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from translate.numerals import parse_roman

ENGLISH_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
"""A number as English writes it: 1,250.5 / 30.5 / 2020 (not dates, symbols or 6/1)."""


@dataclass(frozen=True)
class LabelStyle:
    """Paragraph numbers and list labels as a language prints them.

    ``{n}`` is a paragraph number, ``{x}`` a letter of ``letters`` or a chapter number (an ordinal word of
    ``roman_words`` where the language writes chapters in words, else the Roman numeral).
    """

    number: str = "{n}."
    letter: str = "({x})"
    letters: str = "abcdefghijklmnopqrstuvwxyz"
    roman: str = "{x}."
    roman_words: tuple[str, ...] = ()
    roman_item: str = "({x})"
    roman_items: tuple[str, ...] = ()
    """Numerals for the lower-case Roman sub-items (i), (ii) ... where the language writes them otherwise, as the
    official SDG indicator 4.7.1 writes "(i) global citizenship education": Chinese (一), Arabic ’1‘, French,
    Spanish and Russian i)."""

    def localize(self, label: str, previous_letter: str = "") -> str:
        """The English label (``12.``, ``(a)``, ``a)``, ``IV.``) in this style; anything else as it is.

        ``previous_letter`` is the letter label before this one in the list, which tells the letter ``(i)``
        (after ``(h)``) from the Roman sub-item ``(i)`` (kept as it is).
        """
        text = label.strip()
        if match := re.fullmatch(r"(\d{1,4})[.)]", text):
            return self.number.format(n=match.group(1))
        if match := re.fullmatch(r"\(([a-z]{1,2})\)|([a-z]{1,2})\)", text):
            letters = match.group(1) or match.group(2)
            if re.fullmatch(r"[ivxl]+", letters) and not _follows(letters, previous_letter):
                value = parse_roman(letters.upper())
                if value and value <= len(self.roman_items):
                    return self.roman_item.format(x=self.roman_items[value - 1])
                return label
            index = (ord(letters[0]) - ord("a")) + 26 * (len(letters) - 1)
            if len(set(letters)) > 1 or index >= 26 * 2:
                return label
            own = self.letters[index % len(self.letters)] * (index // len(self.letters) + 1)
            return self.letter.format(x=own)
        if match := re.fullmatch(r"([IVXLC]{1,7})\.", text):
            value = parse_roman(match.group(1))
            if value and value <= len(self.roman_words):
                return self.roman.format(x=self.roman_words[value - 1])
            return self.roman.format(x=match.group(1)) if value else label
        return label


ROMAN_ITEMS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
"""Lower-case Roman sub-item numerals, for the languages that only change their brackets (i))."""


def _follows(letters: str, previous: str) -> bool:
    """``letters`` is the letter right after the label ``previous`` (``i`` after ``(h)``)."""
    match = re.search(r"([a-z]{1,2})", previous)
    return bool(match) and len(letters) == 1 and ord(letters) == ord(match.group(1)[-1]) + 1


Known = Callable[[str], bool]
"""Whether a word is spelled right: in the dictionary, or an accepted word (glossary, country names, lists)."""


@dataclass(frozen=True)
class SpellingRules:
    """How the ``spelling`` check (translate/qa/spelling.py) reads this language. The default: not spell-checked
    (no :attr:`dictionary_tags`), which a language added from one file gets until it names its dictionary."""

    dictionary_tags: tuple[str, ...] = ()
    """Hunspell dictionaries to ask Enchant for, preferred first (fr_FR, fr); empty: the language is not checked."""
    package: str = ""
    """The Debian package of the dictionary, named when it is missing (hunspell-fr)."""
    unchecked_reason: str = ""
    """Why the language is not spell-checked, where it has a reason (zh: no spaces between words)."""
    alphabet: str = ""
    """The letters tried for a dictionary word one edit away (a capitalized unknown word is a slip of it)."""
    prefixes: tuple[str, ...] = ()
    """Productive prefixes: an unknown word is accepted as one of these before a known word of four letters or
    more (microempresas, психосоциальные), and the prefix alone before a hyphen (микро-, малых и средних)."""
    latin_words_are_foreign: bool = False
    """Words in Latin letters are English stand-ins, not checked (ar, ru)."""
    source_cognates: bool = False
    """A word sharing its first letters, accents aside, with a word of the English source is a cognate the
    dictionary may lack (fr, es: desertificación for desertification)."""
    letter_folds: tuple[tuple[str, str], ...] = ()
    """Letters read as others before the look-up (ru: ё as е, as Hunspell lists the words)."""
    adverb_suffix: str = ""
    """A suffix that makes an adverb of an adjective the dictionary knows (es: -mente; words over eight letters)."""
    morphology: str = ""
    """A morphological dictionary asked after Hunspell (ru: "pymorphy3", OpenCorpora's newer vocabulary)."""
    thesaurus_labels: bool = False
    """The UNBIS Thesaurus labels in this language are accepted words (not fr, es: upper case without accents)."""
    article: str = ""
    """A prefixed article: thesaurus words are also accepted without it (ar: الجينات, جينات)."""
    extra_words: tuple[str, ...] = ()
    """Words the dictionary lacks that the language file lists (ar: metric units)."""
    derived: Callable[[str, Known, Known], bool] | None = None
    """(word, known, listed) -> whether ``word`` is regularly built on a known word (ar: clitics and endings);
    ``listed`` tells the accepted words from the dictionary's."""
    source_names: Callable[[tuple[str, ...]], frozenset[str]] | None = None
    """The English source's words -> the keys of its names, for :attr:`writes_source_name`."""
    writes_source_name: Callable[[str, frozenset[str], Known], bool] | None = None
    """(word, name keys, in the dictionary) -> whether ``word`` writes a name of the source in this script (ar:
    بيجين for Beijing; no capitals tell names)."""

    @property
    def checked(self) -> bool:
        return bool(self.dictionary_tags)


@dataclass(frozen=True)
class Language:
    """Rules of one language, in the spirit of Translate Toolkit's ``translate/lang``."""

    code: str
    """ISO 639-1 code used everywhere in hexaglot (catalog names, CSV columns): en ar zh fr ru es."""
    name: str
    native_name: str
    script: str
    direction: str = "ltr"
    nplurals: int = 2
    plural_expression: str = "(n != 1)"
    decimal_separator: str = "."
    group_separators: tuple[str, ...] = (",",)
    """Thousands separators accepted in this language, preferred first (U+00A0, U+202F are spaces)."""
    quotes: tuple[tuple[str, str], ...] = ()
    """The opening/closing quotation pairs of this language's UN texts, preferred first: the ``quotes`` check
    finds each pair balanced."""
    straight_quotes: bool = True
    """False where the ASCII quotation mark " is wrong (fr, ru, zh): the ``quotes`` check names :attr:`quotes`."""
    allowed_doubled_words: frozenset[str] = field(default_factory=frozenset)
    """Words correctly written twice in a row (fr: « nous nous engageons »), for the ``doubled-words`` check."""
    also_decimal_separators: str = ""
    """Decimal separators UN texts use beyond :attr:`decimal_separator` (ar: 0,7 في المائة)."""
    also_group_separators: str = ""
    """Group separators UN texts use beyond :attr:`group_separators` (zh, ar: spaces, 每100 000人). Where a
    separator is both, three digits after it make it a group separator (26,750), anything else a decimal one."""
    word_prefixes: str = ""
    """A regular expression of what may be attached before a number word (ar: و ف ب ل ك and ال)."""
    length_ratio_short: tuple[float, float] | None = None
    """(mean, standard deviation) of ln(len(target) / len(source)) in characters after collapsing whitespace, for
    sources of 20-59 characters, measured on FLORES-200 devtest + NTREX-128 (304 pairs per language; the
    ``length-ratio`` check; benchmarks/qa_eval.py re-derives it, tests/test_qa_real.py checks it still holds)."""
    length_ratio_long: tuple[float, float] | None = None
    """The same for sources of 60 characters and more (2 677 pairs per language)."""
    term_keys: str = ""
    """How the glossary matches a term's inflected forms (translate/glossary/matching.py): ``english`` (plural and
    possessive endings), ``snowball`` (:attr:`snowball_stemmer`), ``russian`` (pymorphy3 normal forms), ``arabic``
    (normalised, clitics and plural endings off); empty: the word as written (zh is matched by characters)."""
    snowball_stemmer: str = ""
    """The Snowball stemmer's language name (english, french, spanish, russian, german, ...): the glossary's keys
    where ``term_keys="snowball"``, and the word keys of alignment (translate/align/lexicon.py)."""
    latin_transliteration: tuple[tuple[str, str], ...] = ()
    """Letters -> Latin letters, for alignment's cognate keys in a non-Latin script (ru: п -> p)."""
    alignment_key: Callable[[str], str] | None = None
    """The form of a word alignment keys are made of, where not its Snowball stem (ar: clitics and marks off)."""
    term_skip_words: frozenset[str] = field(default_factory=frozenset)
    """Words a term match skips over (fr: le la les de des du; es: el la los ...)."""
    elision: bool = False
    """Articles and prepositions elided onto the next word (fr: l'homme, d'enfants): such words are skipped too."""
    inverted_marks: bool = False
    """Questions and exclamations open with ¿ and ¡ (es): the ``quotes`` check finds a ? or ! without one."""
    moses_code: str = "en"
    """The sacremoses tokenizer's language for translation-memory scores (en where it has none)."""
    bleu_tokenize: str = "13a"
    """sacrebleu's BLEU tokenizer for ``hexaglot evaluate`` (zh: ``zh``)."""
    uses_spaces: bool = True
    """False for Chinese: no spaces between words, so matching works on characters."""
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    """Abbreviations (lower case, without the final dot) after which a full stop does not end a sentence."""
    reference_words: frozenset[str] = field(default_factory=frozenset)
    """Words (lower case, without a final dot) after which a capital letter or Roman numeral is the number of a
    volume, annex, chapter, section or figure (annex I, sect. B), not an initial: its full stop ends the sentence
    when a capitalised word follows."""
    dotted_reference_words: str = ""
    """A regular expression of the words after which a dotted number is a reference, not a decimal (target 16.2,
    indicator 16.2.2, paragraph 5.3, table 4.1; every case and number of the noun): see
    :mod:`translate.references`."""
    dotted_reference_after: str = ""
    """A regular expression of the words that make a dotted number before them a reference (zh: 第5.3段)."""
    time_patterns: tuple[str, ...] = ()
    """Regular expressions of a clock time in this language's UN style, with groups ``h`` and ``m`` and optional
    ``am`` / ``pm`` (10.30 a.m., 15 h 30, 15.30 horas, 15 ч. 30 м., 下午3时30分, الساعة 15:30): read as one time,
    not as a decimal."""
    reference_letters: tuple[str, ...] = ()
    """Letters spelled out as words after a resolution, annex or section number (ar: ألف باء جيم = A B C, in
    القرار 217 ألف), in alphabetical order: there they are a letter, not a number word."""
    reference_nouns: str = ""
    """A regular expression of the nouns that such a number follows (ar: القرار, المرفق, الفرع ...)."""
    visual_digit_order: bool = False
    """True where digit groups separated by spaces may be typed in visual (reversed) order so that a right-to-left
    line displays them right (ar: "000 100" is 100 000); a leading 000 group never starts a real number."""
    bracket_idioms: str = ""
    """A regular expression of bracketed forms that are the language's own writing, not brackets of the source
    (zh: 和(或) = and/or)."""
    drops_name_qualifiers: bool = False
    """True where UN country names have no bracketed qualifier (zh: 伊朗伊斯兰共和国 for Iran (Islamic Republic of))."""
    drops_acronyms: bool = False
    """True where an English acronym in brackets that has no local form may be left out (fr, es: UNODC)."""
    doubled_characters: str = ""
    """A regular expression of a character wrongly written twice, for languages written without spaces (zh: 的的,
    but not 目的的 "of the purpose" or 是否)."""
    month_suffix: str = ""
    """The word after a month written in digits (zh: 月 in 12月): such a number is the month of a date."""
    percent_words: tuple[str, ...] = ()
    """Words that mean 'per cent' after a number."""
    xml_lang_aliases: tuple[str, ...] = ()
    """Other BCP 47 tags that map to this language (zh-Hans, ZH-CN, es-419, ...)."""
    percent_template: str = "{number}%"
    """How a percentage is written, e.g. ``{number}\u00a0%`` in French."""
    nllb_code: str = ""
    marian_target_tokens: tuple[str, ...] = ()
    """Target tokens a multi-target opus-mt model may need before the source, preferred first (``>>ara<<``)."""
    proofing: tuple[str, str] = ("", "")
    """The DOCX proofing language: (``w:lang`` attribute, locale), e.g. ("bidi", "ar-SA"); empty: ("val", code)."""
    labels: LabelStyle = field(default_factory=lambda: LabelStyle())
    """How this language writes paragraph numbers and list labels (the UN editorial manual's style)."""
    fonts: tuple[tuple[str, str], ...] = ()
    """Fonts a DOCX export sets for this language's script: (``w:rFonts`` attribute, font name)."""
    spelling: SpellingRules = field(default_factory=SpellingRules)
    """How the ``spelling`` check reads this language (default: not checked)."""

    @property
    def plural_forms(self) -> str:
        """The PO header value, e.g. ``nplurals=2; plural=(n > 1);``."""
        return f"nplurals={self.nplurals}; plural={self.plural_expression};"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def has_case(self) -> bool:
        """Written with upper and lower case (Latin, Cyrillic): a case change inside a word is a lost space."""
        return self.script in ("Latn", "Cyrl", "Grek")

    @property
    def is_latin_script(self) -> bool:
        """Written in Latin script (fr, es): English names may stay as they are; a non-Latin script adds the
        original in brackets after a transliteration and may spell an English acronym letter by letter."""
        return self.script == "Latn"

    def localize_number(self, text: str) -> str:
        """An English-format number in this language's format (1,250.5 -> fr 1 250,5, es 1.250,5); the value
        never changes, and anything that is not a plain number (dates, 6/1, symbols) is returned as it is."""
        match = ENGLISH_NUMBER.fullmatch(text)
        if match is None:
            return text
        integer = self.group_separators[0].join(match.group(1).split(","))
        decimals = match.group(2)
        return integer + (self.decimal_separator + decimals if decimals else "")

    def format_percent(self, number: str) -> str:
        """A percentage in this language's style: 30.5 per cent -> fr 30,5 %, ru 30,5 процента, zh 30.5%."""
        return self.percent_template.format(number=self.localize_number(number))

    def normalize(self, text: str) -> str:
        """Normalise text for matching: NFKC (full-width to half-width), case folded."""
        return unicodedata.normalize("NFKC", text).casefold()
