"""Russian: six cases (morphology through pymorphy3 / Snowball), « » and „ “ quotes, 1 250,5."""

from translate.lang.base import ROMAN_ITEMS, LabelStyle, Language, SpellingRules


def percent_word(number: str) -> str:
    """процент / процента / процентов agreeing with the number, as UN Russian texts write them."""
    digits = number.replace("\u00a0", "").replace(" ", "")
    if not digits.isdigit():
        return "процента"  # 30,5 процента: a fraction takes the genitive singular
    value = int(digits)
    if value % 10 == 1 and value % 100 != 11:
        return "процент"
    if 2 <= value % 10 <= 4 and not 12 <= value % 100 <= 14:
        return "процента"
    return "процентов"


class _Russian(Language):
    def format_percent(self, number: str) -> str:
        localized = self.localize_number(number)
        return f"{localized} {percent_word(localized)}"


SPELLING_PREFIXES = (
    "микро", "макро", "мульти", "меж", "транс", "пост", "анти", "авто", "био", "эко", "нео", "психо",
    "агро", "гео", "энерго", "ресурсо", "не", "пере", "суб", "дез", "де", "контр", "недо", "само",
)  # fmt: skip
"""Productive prefixes for the spelling check: an unknown word is one of these before a word the dictionary
knows."""


LATIN_TRANSLITERATION = tuple(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "iu", "я": "ia",
    }.items()
)  # fmt: skip
"""Cyrillic letters in Latin letters, for the cognate keys of alignment (политики ~ policies)."""


LANGUAGE = _Russian(
    code="ru",
    name="Russian",
    native_name="русский",
    script="Cyrl",
    nplurals=3,
    plural_expression=("(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    decimal_separator=",",
    group_separators=("\u00a0", " ", "\u202f"),
    quotes=(("«", "»"), ("„", "“")),
    straight_quotes=False,
    length_ratio_short=(0.149, 0.270),
    length_ratio_long=(0.082, 0.157),
    term_keys="russian",
    snowball_stemmer="russian",
    latin_transliteration=LATIN_TRANSLITERATION,
    moses_code="ru",
    abbreviations=frozenset(
        {"т. е", "т. д", "т. п", "г", "гг", "ст", "п", "пп", "стр", "см", "им", "др", "млн", "млрд", "тыс", "долл"}
    ),
    reference_words=frozenset(
        {
            "т",
            "том",
            "томе",
            "приложение",
            "приложении",
            "приложения",
            "гл",
            "глава",
            "главе",
            "главы",
            "разд",
            "раздел",
            "разделе",
            "раздела",
            "часть",
            "части",
            "рис",
            "рисунок",
            "рисунке",
            "таблица",
            "таблице",
            "таблицы",
            "ст",
            "статья",
            "статье",
            "статьи",
        }
    ),
    dotted_reference_words=r"задач[аиуеы]?|показател(?:ь|я|ю|ем|е|и|ей|ям|ями|ях)|пункт(?:а|у|ом|е|ы|ов|ам|ах)?|подпункт(?:а|е|ы|ов)?|п|раздел(?:а|у|ом|е|ы|ов|ах)?|таблиц(?:а|ы|е|у|ей|ах)?|табл|рисун(?:ок|ка|ке|ки|ков)|рис|диаграмм(?:а|ы|е|у)?|глав(?:а|ы|е|у|ах)?|приложени(?:е|я|и|ю|ях)|цел(?:ь|и|ей|ям|ях)|стать(?:я|и|е|ю)|ЦУР|карт(?:а|ы|е|у)|част(?:ь|и)|том",
    time_patterns=(
        r"(?<![\d.,])(?P<h>[0-2]?\d)[ \u00a0]?ч(?:ас\w*)?\.?[ \u00a0]?(?P<m>[0-5]\d)[ \u00a0]?м(?:ин\w*)?\.?",
        r"(?<![\d.,])(?P<h>[0-2]?\d)[.:](?P<m>[0-5]\d)(?=[ \u00a0]?(?:ч|час))",
    ),
    percent_words=("процент", "процента", "процентов", "процентам", "процентами", "процентах"),
    xml_lang_aliases=("ru-RU", "rus"),
    nllb_code="rus_Cyrl",
    marian_target_tokens=(">>rus<<", ">>ru<<"),
    spelling=SpellingRules(
        dictionary_tags=("ru_RU", "ru"),
        package="hunspell-ru",
        alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        prefixes=SPELLING_PREFIXES,
        latin_words_are_foreign=True,
        letter_folds=(("ё", "е"), ("Ё", "Е")),
        morphology="pymorphy3",
    ),
    proofing=("val", "ru-RU"),
    labels=LabelStyle(letter="{x})", roman_item="{x})", roman_items=ROMAN_ITEMS),
)

# Number vocabulary for the QA ``numbers`` check (translate/qa/numbers.py): regex alternatives -> value.
NUMBER_WORDS = {
    "ноль|нуля": 0, "од(?:ин|на|но|ного|ной|ному|ним|ну)": 1, "дв(?:а|е|ух|ум|умя)": 2, "тр(?:и|ех|ёх|ем|ём|емя)": 3,
    "четыр(?:е|ех|ёх|ем|ьмя)": 4, "пят(?:ь|и|ью)": 5, "шест(?:ь|и|ью)": 6, "сем(?:ь|и|ью)": 7,
    "вос(?:емь|ьми|емью)": 8, "девят(?:ь|и|ью)": 9, "десят(?:ь|и|ью|ок|ки|ков)": 10, "одиннадцат(?:ь|и)": 11,
    "двенадцат(?:ь|и)": 12, "двадцат(?:ь|и)": 20, "тридцат(?:ь|и)": 30, "сорок[а]?": 40, "пятьдесят": 50,
    "сто|ста|сотн[ияей]\\w*": 100, "половин\\w*": 0.5, "четверт\\w*": 0.25, "перв\\w*": 1, "втор\\w*": 2,
    "трет(?:ий|ья|ье|ьи|ьего|ьей|ьему|ьим|ьем|ьих)": 3, "пят(?:ый|ая|ое|ые|ого|ой|ому|ым|ом)": 5,
    "шест(?:ой|ая|ое|ые|ого|ому|ым|ом)": 6, "седьм\\w*": 7, "восьм(?:ой|ая|ое|ые|ого|ому|ым|ом)": 8,
    "девят(?:ый|ая|ое|ые|ого|ой|ому|ым|ом)": 9, "десят(?:ый|ая|ое|ые|ого|ой|ому|ым|ом)": 10,
    # numbers inside words: the 10-Year Framework = Десятилетняя стратегия
    "двух(?:летн|годичн)\\w*": 2, "тр[её]х(?:летн|годичн)\\w*": 3, "четыр[её]хлетн\\w*": 4, "пятилетн\\w*": 5,
    "десятилет(?:н\\w*|и[ея]|ий)": 10, "столет(?:н\\w*|и[ея]|ий)": 100,
}  # fmt: skip
MULTIPLIER_WORDS = {
    "тыс\\.?|тысяч\\w*": 10**3, "млн\\.?|миллион\\w*": 10**6, "млрд\\.?|миллиард\\w*": 10**9,
    "трлн\\.?|триллион\\w*": 10**12,
}  # fmt: skip
MONTH_NAMES = (
    "январ[ьяе]", "феврал[ьяе]", "март[ае]?", "апрел[ьяе]", "ма[йяе]", "июн[ьяе]",
    "июл[ьяе]", "август[ае]?", "сентябр[ьяе]", "октябр[ьяе]", "ноябр[ьяе]", "декабр[ьяе]",
)  # fmt: skip
