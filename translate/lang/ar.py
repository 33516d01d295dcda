"""Arabic: right to left; proclitics و ف ب ك ل and the article ال; tatweel and diacritics; ، ؛ ؟."""

from __future__ import annotations

import re
from collections.abc import Callable

from translate.lang.base import Known, LabelStyle, Language, SpellingRules

ABJAD_LETTERS = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
"""List letters in abjad order (أ ب ج د ه و ز ح ط ي ...), as Arabic UN documents letter (a), (b), (c) ..."""
ORDINAL_WORDS = (
    "أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
    "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر", "سادس عشر", "سابع عشر", "ثامن عشر",
    "تاسع عشر", "عشرون",
)  # fmt: skip
"""Chapter numbers I, II, III ... as Arabic UN documents write them."""

TATWEEL = "\u0640"
DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_ARABIC_INDIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DECIMAL_SEPARATOR = "\u066b"
ARABIC_THOUSANDS_SEPARATOR = "\u066c"
ARABIC_PUNCTUATION = {",": "،", ";": "؛", "?": "؟"}
PROCLITICS = ("و", "ف", "ب", "ك", "ل")

_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalize_arabic(text: str) -> str:
    """Fold what Arabic spelling varies on: tatweel, diacritics, alef forms, alef maqsura, ta marbuta."""
    text = text.replace(TATWEEL, "")
    text = DIACRITICS.sub("", text)
    return text.translate(_LETTER_VARIANTS)


class _Arabic(Language):
    def normalize(self, text: str) -> str:
        return normalize_arabic(super().normalize(text))


UNIT_WORDS = ("واط", "ميغاواط", "غيغاواط", "تيراواط", "ميكروغرام", "نانوغرام", "ميغاطن", "هرتز", "باسكال", "نيوتن")
"""Metric units Ayaspell lacks (it has متر, غرام, لتر, كيلوواط, جول, فولت)."""


ALIGNMENT_PROCLITICS = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ك", "ف")
"""Proclitics taken off a word for its alignment key, the first that leaves three letters (translate/align)."""
_KEY_MARKS = re.compile(f"[\u064b-\u0652{TATWEEL}]")
"""The short-vowel marks (fatḥatan to sukūn) and tatweel: what alignment keys drop (fewer than :data:`DIACRITICS`)."""


def alignment_key(word: str) -> str:
    """The form of a (case-folded) word alignment keys are made of: vowel marks and tatweel off, then the first
    of :data:`ALIGNMENT_PROCLITICS` that leaves a stem of three letters (الدول, للدول, والدول -> دول)."""
    word = _KEY_MARKS.sub("", word)
    for prefix in ALIGNMENT_PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


# Number vocabulary for the QA ``numbers`` check (translate/qa/numbers.py): regex alternatives -> value.
# Words may carry one proclitic (و ف ب ل); numbers.py allows it.
NUMBER_WORDS = {
    "صفر": 0, "واحدة?": 1, "اثن(?:ان|ين)|اثنت(?:ان|ين)": 2, "ثلاثة?": 3, "أربعة?": 4, "خمسة?": 5, "ستة?": 6,
    "سبعة?": 7, "ثماني?ة?": 8, "تسعة?": 9, "عشرة?": 10, "عشر(?:ون|ين)": 20, "ثلاث(?:ون|ين)": 30,
    "أربع(?:ون|ين)": 40, "خمس(?:ون|ين)": 50, "مائة|مئة|مئات": 100, "نصف": 0.5, "ربع": 0.25,
    "أول|أولى": 1, "ثانية?": 2, "ثالثة?": 3, "رابعة?": 4, "خامسة?": 5, "سادسة?": 6, "سابعة?": 7, "ثامنة?": 8,
    "تاسعة?": 9, "عاشرة?": 10, "أحد عشر|إحدى عشرة|حادية? عشرة?": 11, "اثن[اي] عشرة?|اثنت[اي] عشرة|ثانية? عشرة?": 12,
    "ثلاثة? عشرة?|ثالثة? عشرة?": 13, "أربعة? عشرة?|رابعة? عشرة?": 14, "خمسة? عشرة?|خامسة? عشرة?": 15,
    # the dual carries the number 2: كيلومترين = 2 km, مليوني دولار = 2 million dollars, ألفي = 2,000
    "كيلومتر(?:ين|ان)|متر(?:ين|ان)|ميل(?:ين|ان)|دولار(?:ين|ان)|يوم(?:ين|ان)|شهر(?:ين|ان)|سنت(?:ين|ان)": 2,
    "عام(?:ين|ان)|ساعت(?:ين|ان)|أسبوع(?:ين|ان)|مرت(?:ين|ان)|ضعف(?:ين|ان|ي)|دولت(?:ين|ان)|طفل(?:ين|ان)": 2,
    "ألف(?:ي|ين|ان)": 2000, "مائت(?:ي|ين|ان)|مئت(?:ي|ين|ان)": 200, "مليون(?:ي|ين|ان)": 2 * 10**6,
    "مليار(?:ي|ين|ان)": 2 * 10**9,
    # numbers inside words: the 10-Year Framework = الإطار العشري
    "عشرية?": 10, "خمسية?": 5, "سنوية?": 1,
}  # fmt: skip
MULTIPLIER_WORDS = {"ألف|آلاف|ألفا|الف": 10**3, "مليون|ملايين|مليونا": 10**6, "مليار|مليارات|بليون|بلايين": 10**9}
MONTH_NAMES = (
    "يناير|كانون الثاني", "فبراير|شباط", "مارس|آذار", "أبريل|نيسان", "مايو|أيار", "يونيه|يونيو|حزيران",
    "يوليه|يوليو|تموز", "أغسطس|آب", "سبتمبر|أيلول", "أكتوبر|تشرين الأول", "نوفمبر|تشرين الثاني", "ديسمبر|كانون الأول",
)  # fmt: skip

# Term matching (translate/glossary/matching.py): what Arabic inflection adds to a word, in normalised spelling
# (normalize_arabic: ة -> ه, أ إ آ -> ا, ى -> ي).
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "كم", "نا", "ها")
"""Attached pronouns: ودولها الأعضاء (and its Member States), ضحاياهم (their victims). Longest first; not the
one-letter ه, which normalised spelling cannot tell from ة (منظمة -> منظمه)."""
DUAL_ENDINGS = ("تان", "تين", "ان", "ين")
"""Dual endings; a feminine noun's ة comes back as ت before them: دولتان عضوان = two Member States."""
BROKEN_PLURALS = {
    "ضحايا": "ضحيه", "دول": "دوله", "اعضاء": "عضو", "اطفال": "طفل", "نساء": "امراه", "رجال": "رجل",
    "اشخاص": "شخص", "جرائم": "جريمه", "حقوق": "حق", "بلدان": "بلد", "مناطق": "منطقه", "طرق": "طريق",
    "اطراف": "طرف", "عمال": "عامل", "فتيات": "فتاه", "اسر": "اسره", "حدود": "حد", "اعمال": "عمل",
    "شعوب": "شعب", "مجرمين": "مجرم", "اسواق": "سوق", "مهاجرين": "مهاجر", "لاجئين": "لاجئ", "اعضاؤها": "عضو",
    "قوانين": "قانون", "تدابير": "تدبير", "اجراءات": "اجراء", "مراكز": "مركز", "منظمات": "منظمه",
}  # fmt: skip
"""Broken plurals of the report's vocabulary -> their singular (both normalised): ضحايا = ضحية, دول = دولة."""

# Spelling (translate/qa/spelling.py): how an Arabic word is built, for the words Hunspell (Ayaspell) lacks.
LONG_VOWELS = "اوي"
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
ARTICLE = "ال"


def proclitic_splits(word: str, min_stem: int = 3) -> list[tuple[str, str]]:
    """Ways to read ``word`` as proclitics + stem, in Arabic's fixed order (a conjunction و ف, then a preposition
    ب ك ل, then the article ال; ل before the article is written لل), the longest prefix first. Nothing else
    attaches before a word, so ال + ل (اللنظيفة) or ب + ل (بلحول) is not a reading."""
    splits = set()
    for conjunction in ("", *CONJUNCTIONS):
        for preposition in ("", *PREPOSITIONS):
            for article in ("", ARTICLE):
                prefix = conjunction + ("لل" if preposition == "ل" and article else preposition + article)
                if prefix and word.startswith(prefix) and len(word) - len(prefix) >= min_stem:
                    splits.add((prefix, word[len(prefix) :]))
    return sorted(splits, key=lambda split: -len(split[0]))


NISBA_ENDINGS = ("يات", "يون", "يين", "ية", "ي")
"""Endings of the relative adjective (nisba) and its feminine and plurals: سياساتية, الجيني, المحاسبيون."""


def derivation_bases(stem: str, nominal: Callable[[str], bool] = lambda base: True, min_base: int = 2) -> list[str]:
    """Words ``stem`` may be regularly built on: the feminine ة on a noun or adjective (هشة ← هش; ``nominal``
    tells a noun or adjective, one the dictionary knows with the article, from a verb: حوكمة ← حوكم is not
    taken), the relative adjective in ي/ية on a noun in ة or its plural (محاسبية ← محاسبة, الجيني ← جينات),
    in وي/وية on a noun in ية (تغذوية ← تغذية), the sound feminine plural ات of a noun in ة (عطلات ← عطلة),
    and the passive participle مفعول of a three-letter verb (معثور ← عثر). A base counts only if the dictionary
    knows it; a bare noun is no base of its nisba here (الإجتماعي ← إجتماع would hide the misspelt hamza)."""
    bases: list[str] = []
    if stem.endswith("ة") and (stem[:-1].endswith("ي") or nominal(stem[:-1])):
        bases.append(stem[:-1])  # سياساتية ← سياساتي, a nisba, is always an adjective
    for ending in NISBA_ENDINGS:
        if stem.endswith(ending):
            noun = stem[: -len(ending)]
            if noun.endswith("و") and len(noun) > min_base + 1:
                bases.append(noun[:-1] + "ية")
            bases += [noun + "ة", noun + "ات"]
            break
    if stem.endswith("ات"):
        bases.append(stem[:-2] + "ة")
    participle = re.fullmatch("م(.)(.)و(.)(?:ة|ات|ون|ين)?", stem)
    if participle:
        bases.append("".join(participle.groups()))
    return [base for base in dict.fromkeys(bases) if len(base) >= min_base and base != stem]


# Names: an Arabic word that transliterates a capitalized word of the English source (بيجين for Beijing).
_ARABIC_CONSONANTS = str.maketrans(
    {
        "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "خ": "x", "د": "d", "ذ": "d", "ض": "d",
        "ر": "r", "ز": "s", "س": "s", "ص": "s", "ظ": "s", "ش": "c", "غ": "g", "ف": "f", "ڤ": "f", "ق": "k",
        "ك": "k", "ل": "l", "م": "m", "ن": "n",
    }
)  # fmt: skip
"""Arabic consonants -> a coarse Latin class (c = sh, x = kh; s and z one class, as Arabic writes Brasil, Swaziland).
Long vowels and weak letters (ا و ي ى ة ء), ع ح ه are dropped, as vowels, w, y and h are in English."""
_ARABIC_DROPPED = re.compile("[^bdfgjklmnrstcx]")
_LATIN_DIGRAPHS = (("tch", "C"), ("sch", "C"), ("ch", "C"), ("sh", "C"), ("kh", "X"), ("th", "T"), ("ph", "F"),
                   ("gh", "G"), ("ck", "K"), ("qu", "K"), ("ng", "N"))  # fmt: skip
_LATIN_LETTERS = str.maketrans({"p": "b", "v": "f", "z": "s", "q": "k", "x": "ks", "c": "k"})


def name_skeleton(arabic: str) -> str:
    """The consonant skeleton of an Arabic word: بيجين -> bjn, سوازيلند -> slnd, آيتشي -> tc."""
    skeleton = _ARABIC_DROPPED.sub("", arabic.replace("تش", "c").translate(_ARABIC_CONSONANTS))
    return re.sub(r"(.)\1+", r"\1", skeleton)


def latin_name_skeletons(name: str) -> set[str]:
    """Skeletons an English name may take in Arabic: Beijing -> {bjn}, Aichi -> {c, tc, k}, Georgia -> {jrj, grj}
    (c before e, i, y is s; g there may be j)."""
    word = name.lower()
    variants = {word, re.sub("g(?=[eiy])", "j", word)}
    if "ch" in word:
        variants.add(word.replace("ch", "k"))  # Christ, Michigan
    skeletons = set()
    for variant in variants:
        variant = re.sub("c(?=[eiy])", "s", variant)
        for digraph, letter in _LATIN_DIGRAPHS:
            variant = variant.replace(digraph, letter)
        variant = variant.translate(_LATIN_LETTERS).lower()  # the digraphs' upper-case letters are their classes
        skeletons.add(re.sub(r"(.)\1+", r"\1", re.sub("[^bdfgjklmnrstcx]", "", variant)))
    return skeletons


# Spelling (translate/qa/spelling.py, through LANGUAGE.spelling): the words Ayaspell lacks that are still right.


def spelling_derived(word: str, known: Known, listed: Known) -> bool:
    """Whether an Arabic word Ayaspell lacks is built regularly on one it knows (``known``: the dictionary or an
    accepted word; ``listed``: an accepted word): proclitics in their fixed order (الاثني = ال + اثني), then a
    regular ending (هشة, سياساتية, التغذوية, عطلات, المعثور; see :func:`derivation_bases`). A stem or base that
    itself reads as proclitics + a known word is no base: ال + لنظيفة, a doubled ل, would otherwise pass as
    ال + ل + نظيفة. Ayaspell gives the article to the nouns and adjectives it lists, so a stem it knows but not
    with the article is mostly a verb (ال + اقضي, a slip for القاضي): after the article only an accepted word (the
    thesaurus, units) or a nisba adjective in ي, whose article forms Ayaspell often lacks (الاثني, الجنساني), is
    taken bare. Alef forms are not folded (إ أ آ → ا): Ayaspell writes the hamza, and folding would accept hamzat
    al-wasl written as hamzat al-qat' (الإجتماعي, إستعباد)."""

    def clitic_free(form: str) -> bool:
        return not any(known(rest) for _, rest in proclitic_splits(form, min_stem=2))

    for prefix, stem in [("", word), *proclitic_splits(word)]:
        if prefix and not clitic_free(stem):
            continue
        if prefix and known(stem) and (not prefix.endswith(("ال", "لل")) or listed(stem) or stem.endswith("ي")):
            return True  # after the article: an accepted word or a nisba adjective (see the docstring)
        bases = derivation_bases(stem, nominal=lambda base: known("ال" + base))
        if any(known(base) and clitic_free(base) for base in bases):
            return True
    return False


def source_name_skeletons(source_words: tuple[str, ...]) -> frozenset[str]:
    """Consonant skeletons of the capitalized words of an English source (names: Beijing, Aichi, Swaziland)."""
    names = [word for word in source_words if word[:1].isupper() and len(word) >= 4 and word.isascii()]
    return frozenset(skeleton for name in names for skeleton in latin_name_skeletons(name) if skeleton)


def writes_source_name(word: str, skeletons: frozenset[str], in_dictionary: Known) -> bool:
    """A name of the English source written in Arabic letters (Arabic has no capitals to tell names by): the word,
    or its stem after proclitics, of four letters or more, has a source name's skeleton (بيجين for Beijing,
    آيتشي for Aichi, وسوازيلند for Swaziland), unless it is a slip in a word Ayaspell knows (:func:`_vowel_slip`)."""
    stems = [word, *(stem for _, stem in proclitic_splits(word, min_stem=4))]
    transliterates = any(len(stem) >= 4 and name_skeleton(stem) in skeletons for stem in stems)
    return transliterates and not _vowel_slip(word, in_dictionary)


def _vowel_slip(word: str, in_dictionary: Known) -> bool:
    """Whether Ayaspell knows ``word`` with one long vowel (ا و ي) more or less, or a doubled letter single: a
    slip in a name it knows (إفرقيا for إفريقيا, بااتون), not a name it lacks. (Any one edit is too loose a test
    in Arabic, where most words are one letter from another.)"""
    candidates = {
        word[:i] + word[i + 1 :] for i, letter in enumerate(word) if letter in LONG_VOWELS or word[i - 1 : i] == letter
    }
    candidates |= {word[:i] + vowel + word[i:] for i in range(1, len(word) + 1) for vowel in LONG_VOWELS}
    return any(in_dictionary(candidate) for candidate in candidates if len(candidate) > 2)


LANGUAGE = _Arabic(
    code="ar",
    name="Arabic",
    native_name="العربية",
    script="Arab",
    direction="rtl",
    nplurals=6,
    plural_expression=("(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"),
    decimal_separator=".",
    group_separators=(",", ARABIC_THOUSANDS_SEPARATOR),
    dotted_reference_words=r"(?:[وفبلك]{0,2})(?:ال|لل)?(?:غاي(?:ة|ات|تين|تان)|مؤشر(?:ات|ين|ان)?|فقر(?:ة|ات|تين|تان)|فرع|فروع|جدول|جداول|شكل|أشكال|فصل|فصول|مرفق|مرفقات|هدف|أهداف|ماد(?:ة|تين|تان)|إطار|خريط(?:ة|تين)|جزء|باب|بند|بنود)",
    quotes=(("«", "»"),),
    also_decimal_separators=",",
    also_group_separators=" \u00a0\u202f\u2009",
    word_prefixes="[وفبلك]?(?:ال)?",
    length_ratio_short=(-0.052, 0.277),
    length_ratio_long=(-0.099, 0.163),
    term_keys="arabic",
    alignment_key=alignment_key,
    moses_code="ar",
    time_patterns=(
        r"(?:الساعة[ \u00a0]?)(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)(?:[ \u00a0]?(?:(?P<am>صباح\S*)|(?P<pm>مساء\S*)))?",
        r"(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)[ \u00a0]?(?:(?P<am>صباح\S*)|(?P<pm>مساء\S*))",
    ),
    reference_letters=("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء"),
    reference_nouns=r"(?:[وفبل]?(?:ال|لل)?)(?:قرار|مقرر|مرفق|فرع|جزء|باب|فصل|قسم)(?:ات|ها|ه|ين)?",
    visual_digit_order=True,
    percent_words=("في المائة", "في المئة", "بالمائة", "بالمئة"),
    xml_lang_aliases=("ar-SA", "ar-EG", "arb", "ara"),
    percent_template="{number} في المائة",
    nllb_code="arb_Arab",
    marian_target_tokens=(">>ara<<", ">>arb<<"),
    proofing=("bidi", "ar-SA"),
    spelling=SpellingRules(
        dictionary_tags=("ar", "ar_SA", "ar_EG"),
        package="hunspell-ar",
        alphabet="ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي",
        latin_words_are_foreign=True,
        thesaurus_labels=True,
        article="ال",
        extra_words=UNIT_WORDS,
        derived=spelling_derived,
        source_names=source_name_skeletons,
        writes_source_name=writes_source_name,
    ),
    labels=LabelStyle(
        number="{n} -",
        letter="({x})",
        letters=ABJAD_LETTERS,
        roman="{x} -",
        roman_words=ORDINAL_WORDS,
        roman_item="\u2019{x}\u2018",  # ’1‘, as the official SDG 4.7.1 writes (i)
        roman_items=tuple(str(number) for number in range(1, 21)),
    ),
    fonts=(("cs", "Arial"),),
)
