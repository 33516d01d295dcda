"""Forced glossary terms in the form of the source and in agreement with the words around them.

- **Acronym or full name** (:func:`choose_form`): an acronym in the source (``UNODC``) is forced as the target
  language's acronym where the glossary has one (``ONUDC``, ``UNODC``, ``ЮНОДК``), the full name as the full name;
  a language with no acronym for the concept gets its preferred term.
- **Nothing doubled** (:func:`undouble`): ``Full Name (ACRONYM)`` into a language without the acronym would give
  the full name twice (``联合国毒品和犯罪问题办公室（联合国毒品和犯罪问题办公室）``): the bracketed repeat goes.
- **Article agreement** (:func:`agree_articles`, French and Spanish): MT chose the article before a placeholder or a
  forced term without knowing the term (``El Oficina``); the article is set by the gender and number of the term's
  head noun (the first word of the full name, for an acronym too: ``la UNODC``, ``l'ONUDC``), contractions included
  (``del`` → ``de la``, ``au`` → ``à la``). The gender comes from a small lexicon of UN head nouns, then endings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.lang import get_language

ACRONYM = re.compile(r"[A-ZА-ЯЁ0-9][A-ZА-ЯЁ0-9&\-. ]*[A-ZА-ЯЁ]\.?")


def is_acronym(term: str) -> bool:
    """UNODC, ONUDC, УНП ООН, SDG: capitals (and digits), no lower-case letter, at most 15 characters."""
    term = term.strip()
    return 2 <= len(term) <= 15 and ACRONYM.fullmatch(term) is not None and not any(c.islower() for c in term)


def choose_form(source_form: str, preferred: str | None, accepted: Sequence[str]) -> str | None:
    """The target term to force for a source term written ``source_form``."""
    forms = [form for form in dict.fromkeys(((preferred,) if preferred else ()) + tuple(accepted)) if form]
    if not forms:
        return None
    acronyms = [form for form in forms if is_acronym(form)]
    names = [form for form in forms if not is_acronym(form)]
    if is_acronym(source_form):
        return acronyms[0] if acronyms else (preferred or forms[0])
    if preferred and not is_acronym(preferred):
        return preferred
    return names[0] if names else forms[0]


def full_name(preferred: str | None, accepted: Sequence[str]) -> str:
    """The term whose head noun decides agreement: the first form that is not an acronym."""
    for form in ((preferred,) if preferred else ()) + tuple(accepted):
        if form and not is_acronym(form):
            return form
    return preferred or ""


def undouble(output: str, term: str) -> str:
    """``T (T)`` and ``T（T）`` become ``T``."""
    if not term:
        return output
    doubled = re.compile(rf"{re.escape(term)}\s*[(（]\s*{re.escape(term)}\s*[)）]")
    return doubled.sub(term, output)


# --- article agreement ------------------------------------------------------------------------------------------

FEMININE = {
    "es": {"oficina", "convención", "conferencia", "organización", "asamblea", "comisión", "víctima", "persona",
           "trata", "explotación", "mujer", "niña", "estrategia", "declaración", "resolución", "meta", "base",
           "ley", "red", "agenda", "plataforma", "naciones", "policía", "secretaría", "unión", "corte", "iniciativa"},
    "fr": {"convention", "conférence", "organisation", "assemblée", "commission", "victime", "personne", "traite",
           "exploitation", "femme", "fille", "stratégie", "déclaration", "résolution", "cible", "base", "loi",
           "plateforme", "nations", "police", "union", "cour", "initiative", "enquête", "division", "section"},
}  # fmt: skip
MASCULINE = {
    "es": {"día", "mapa", "problema", "programa", "sistema", "tema", "clima", "idioma", "protocolo", "consejo",
           "fondo", "grupo", "informe", "comité", "estado", "estados", "tráfico", "niño", "migrante", "plan",
           "pacto", "objetivo", "mecanismo", "secretario", "tribunal"},
    "fr": {"office", "protocole", "conseil", "programme", "groupe", "rapport", "comité", "état", "états", "trafic",
           "enfant", "migrant", "fonds", "mécanisme", "objectif", "plan", "pacte", "secrétaire", "secrétariat",
           "tribunal", "organe", "bureau"},
}  # fmt: skip
FEMININE_ENDINGS = {
    "es": ("a", "as", "ción", "ciones", "sión", "siones", "dad", "dades", "tad", "tud", "umbre"),
    "fr": ("tion", "tions", "sion", "sions", "té", "tés", "ure", "ures", "ence", "ance", "ie", "ée", "ière", "ette"),
}
ARTICLES = {
    # (gender, plural) -> article; the contracted forms after "de" and "a"
    "es": {
        "articles": {("m", False): "el", ("f", False): "la", ("m", True): "los", ("f", True): "las"},
        "de": {("m", False): "del", ("f", False): "de la", ("m", True): "de los", ("f", True): "de las"},
        "a": {("m", False): "al", ("f", False): "a la", ("m", True): "a los", ("f", True): "a las"},
        "pattern": r"(?<!\w)(el|la|los|las|del|al|de la|de los|de las|a la|a los|a las)",
    },
    "fr": {
        "articles": {("m", False): "le", ("f", False): "la", ("m", True): "les", ("f", True): "les"},
        "de": {("m", False): "du", ("f", False): "de la", ("m", True): "des", ("f", True): "des"},
        "a": {("m", False): "au", ("f", False): "à la", ("m", True): "aux", ("f", True): "aux"},
        "pattern": r"(?<!\w)(le|la|les|l'|l’|du|des|au|aux|de la|de l'|de l’|à la|à l'|à l’)",
    },
}
_KIND = {
    "el": "articles", "la": "articles", "los": "articles", "las": "articles", "le": "articles", "les": "articles",
    "l'": "articles", "l’": "articles", "del": "de", "de la": "de", "de los": "de", "de las": "de", "du": "de",
    "des": "de", "de l'": "de", "de l’": "de", "al": "a", "a la": "a", "a los": "a", "a las": "a", "au": "a",
    "aux": "a", "à la": "a", "à l'": "a", "à l’": "a",
}  # fmt: skip


def gender_and_number(name: str, lang: str) -> tuple[str, bool]:
    """("m" or "f", plural) of the head noun (first word) of a full name."""
    head = (re.findall(r"[^\W\d_]+", name.casefold()) or [""])[0]
    plural = head.endswith(("s", "x")) and head not in ("fonds", "pays", "países", "crisis")
    if head in FEMININE.get(lang, ()):
        return "f", plural
    if head in MASCULINE.get(lang, ()):
        return "m", plural
    return ("f" if head.endswith(FEMININE_ENDINGS.get(lang, ())) else "m"), plural


def agree_articles(output: str, term: str, name: str, lang: str) -> str:
    """The article right before each ``term`` in ``output`` set to the gender and number of ``name``'s head."""
    table = ARTICLES.get(lang)
    if table is None or not term:
        return output
    key = gender_and_number(name, lang)
    elide = get_language(lang).elision and not key[1] and term[:1].casefold() in "aeiouyéèêâîôûh"

    def fix(match: re.Match[str]) -> str:
        written = match.group(1)
        article = table[_KIND[written.casefold()]][key]
        if elide and article in ("le", "la"):
            article, space = "l’" if "’" in written else "l'", ""
        elif elide and article in ("du", "de la"):
            article, space = "de l’" if "’" in written else "de l'", ""
        elif elide and article in ("au", "à la"):
            article, space = "à l’" if "’" in written else "à l'", ""
        else:
            space = " "
        if written[:1].isupper():
            article = article[:1].upper() + article[1:]
        return article + space + match.group(2)

    pattern = re.compile(rf"{table['pattern']}\s*({re.escape(term)})", re.IGNORECASE)
    return pattern.sub(fix, output)
