"""Precision and recall of the glossary checks per target language, on real UN text.

Real sentence pairs (official translations, assumed correct) come from ``../shared/data``: the SDG
goals/targets/indicators (6-way TSV), the UDHR articles, the UNBIS thesaurus labels and GA resolution
55/100. Only pairs whose English holds a glossary term are kept. Every finding on a real pair counts as
a false positive. Then errors are planted in copies of those pairs: each accepted target term found is
replaced by (a) the concept's forbidden term (expect ``glossary-forbidden``) and (b) a wrong word
(expect ``glossary-missing``). Hand-written variants add every inflection (must stay clean) and
inflected forbidden terms (must be found). Findings for *other* concepts that only appear because the
planted replacement also removed their term are collateral and not counted.

    python benchmarks/glossary_eval.py [--glossary glossaries/trafficking.csv] [--russian pymorphy3|snowball] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from translate.glossary import Glossary, load_glossaries  # noqa: E402
from translate.glossary import matching  # noqa: E402
from translate.glossary.matching import analyzer_for, chinese_normalize  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LANGS = ("ar", "zh", "fr", "ru", "es")
WRONG_WORD = {"ar": "المشكلة", "zh": "问题", "fr": "problème", "ru": "проблема", "es": "problema"}

# (lang, source, target, expected {(concept id, check id)}) — every inflection clean, inflected errors found.
HANDMADE: list[tuple[str, str, str, set[tuple[str, str]]]] = [
    # Russian: case endings of every word, hyphenated compounds, ё.
    ("ru", "Trafficking in persons is a crime.", "Торговля людьми является преступлением.", set()),
    ("ru", "Victims of trafficking in persons were detected.", "Были выявлены жертвы торговли людьми.", set()),
    ("ru", "They fight trafficking in persons.", "Они борются с торговлей людьми.", set()),
    ("ru", "Member States adopted the plan.", "Государства-члены приняли план.", set()),
    ("ru", "The plan was sent to Member States.", "План был направлен государствам-членам.", set()),
    ("ru", "Most Member States reported.", "Большинство государств-членов представили данные.", set()),
    ("ru", "Forced labour is widespread.", "Принудительного труда становится больше, с принудительным трудом борются.", set()),
    ("ru", "The Conference of the Parties met.", "Конференция участников провела сессию.", set()),
    ("ru", "Reports to the Conference of the Parties.", "Доклады Конференции участников.", set()),
    ("ru", "The Conference of the Parties met.", "Конференция Сторон провела сессию.", {("cop", "glossary-forbidden")}),
    ("ru", "Reports to the Conference of the Parties.", "Доклады Конференции Сторон.", {("cop", "glossary-forbidden")}),
    ("ru", "Trafficking in persons is a crime.", "Контрабанда людей является преступлением.", {("tip", "glossary-forbidden")}),
    ("ru", "They fight trafficking in persons.", "Они борются с контрабандой людей.", {("tip", "glossary-forbidden")}),
    ("ru", "The smuggling of migrants grew.", "Торговля мигрантами выросла.", {("som", "glossary-forbidden")}),
    ("ru", "Member States adopted the plan.", "Страны приняли план.", {("member-states", "glossary-missing")}),
    ("ru", "Drug trafficking and trafficking of protected species.", "Незаконный оборот наркотиков и контрабандная торговля охраняемыми видами.", set()),
    # French: plural, gender, elision, case and accents.
    ("fr", "The United Nations Office on Drugs and Crime published it.", "L'Office des Nations Unies contre la drogue et le crime l'a publié.", set()),
    ("fr", "Trafficking for organ removal.", "La traite aux fins de prélèvement d'organes.", set()),
    ("fr", "Member States reported.", "LES ÉTATS MEMBRES ONT RÉPONDU.", set()),
    ("fr", "Member States reported.", "Les Etats membres ont répondu.", set()),
    ("fr", "A Member State reported.", "Un État Membre a répondu.", set()),
    ("fr", "Forced labour is common.", "Les travaux forcés sont fréquents.", set()),
    ("fr", "Trafficking in human beings persists.", "La traite d’êtres humains persiste.", set()),
    ("fr", "Victims of trafficking in persons.", "Victimes du trafic d'êtres humains.", {("victims-tip", "glossary-forbidden")}),
    ("fr", "Trafficking in persons persists.", "Les trafics de personnes persistent.", {("tip", "glossary-forbidden")}),
    ("fr", "Trafficking in persons persists.", "Le TRAFIC D'ÊTRES HUMAINS persiste.", {("tip", "glossary-forbidden")}),
    ("fr", "Smuggling of migrants is a crime.", "La traite des migrants est un crime.", {("som", "glossary-forbidden")}),
    ("fr", "Drug trafficking and trafficking of protected species.", "Le trafic de drogues et le trafic d'espèces protégées.", set()),
    ("fr", "Member States reported.", "Les pays ont répondu.", {("member-states", "glossary-missing")}),
    # Spanish.
    ("es", "A Member State reported.", "Un Estado Miembro informó.", set()),
    ("es", "Member States reported.", "LOS ESTADOS MIEMBROS INFORMARON.", set()),
    ("es", "Victims of trafficking in persons.", "Las víctimas de la trata de personas.", set()),
    ("es", "Forced labour is common.", "Los trabajos forzosos son frecuentes.", set()),
    ("es", "Trafficking in persons persists.", "El tráfico de personas persiste.", {("tip", "glossary-forbidden")}),
    ("es", "Trafficking in persons persists.", "El TRAFICO DE PERSONAS persiste.", {("tip", "glossary-forbidden")}),
    ("es", "Smuggling of migrants is a crime.", "La trata de migrantes es un delito.", {("som", "glossary-forbidden")}),
    ("es", "Drug trafficking and trafficking of protected species.", "El tráfico de drogas y el tráfico de especies protegidas.", set()),
    ("es", "Traffickers were convicted.", "Los traficantes de personas fueron condenados.", {("traffickers", "glossary-forbidden")}),
    # Arabic: proclitics, article, tatweel, diacritics, alef/yeh variants.
    ("ar", "Assistance to Member States.", "المساعدة للدول الأعضاء.", set()),
    ("ar", "Member States and civil society.", "والدول الأعضاء والمجتمع المدني.", set()),
    ("ar", "Combating trafficking in persons.", "مكافحة الاتجار بالأشخاص.", set()),
    ("ar", "Combating trafficking in persons.", "مكافحة الاتـجـار بالأشخَاص.", set()),
    ("ar", "Combating trafficking in persons.", "مكافحة الإتجار بالاشخاص.", set()),
    ("ar", "Trafficking in persons and smuggling of migrants.", "والاتجار بالأشخاص وتهريب المهاجرين.", set()),
    ("ar", "Combating trafficking in persons.", "مكافحة تهريب الأشخاص.", {("tip", "glossary-forbidden")}),
    ("ar", "Combating trafficking in persons.", "لمكافحة وتهريب البشر.", {("tip", "glossary-forbidden")}),
    ("ar", "The smuggling of migrants.", "الاتجار بالمهاجرين.", {("som", "glossary-forbidden")}),
    ("ar", "Member States adopted it.", "اعتمدته البلدان.", {("member-states", "glossary-missing")}),
    # Chinese: full-width / half-width, 会员国 vs 成员国, 民间社会 vs 公民社会.
    ("zh", "Member States reported.", "各会员国报告了情况。", set()),
    ("zh", "Member States reported.", "各成员国报告了情况。", {("member-states", "glossary-forbidden")}),
    ("zh", "Member States of the European Union reported.", "欧盟成员国报告了情况。", set()),
    ("zh", "Civil society took part.", "公民社会参加了会议。", {("civil-society", "glossary-forbidden")}),
    ("zh", "UNODC and civil society.", "联合国毒品和犯罪问题办公室和民间社会。", set()),
    ("zh", "Trafficking in persons persists.", "贩运人口 问题依然存在。", set()),
    ("zh", "Trafficking in persons persists.", "人口走私依然存在。", {("tip", "glossary-forbidden")}),
    ("zh", "See SHERLOC.", "见ＳＨＥＲＬＯＣ。", set()),
    ("zh", "See SHERLOC.", "见夏洛克数据库。", {("sherloc", "glossary-dnt")}),
    ("ru", "See SHERLOC.", "См. ШЕРЛОК.", {("sherloc", "glossary-dnt")}),
]


@dataclass
class Tally:
    pairs: int = 0
    planted: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    collateral: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def findings(glossary: Glossary, source: str, target: str, lang: str) -> set[tuple[str, str]]:
    """(concept id, check id) pairs the three glossary checks would report."""
    found = set()
    for result in glossary.check_target(source, target, lang):
        if result.missing:
            found.add((result.hit.concept_id, "glossary-missing"))
        found.update((concept.id, "glossary-forbidden") for concept, _ in result.forbidden)
        if result.dnt_changed:
            found.add((result.hit.concept_id, "glossary-dnt"))
    return found


def real_pairs() -> dict[str, list[tuple[str, str, str]]]:
    """lang -> [(pair id, English, official translation)] from the shared data (empty when absent)."""
    pairs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    tables = [
        ("sdg", DATA / "sdg-translations" / "sdg_goals_targets_indicators_6way.tsv"),
        ("udhr", DATA / "udhr" / "udhr_articles_6way.tsv"),
        ("unbis", DATA / "unbis-thesaurus" / "unbis_labels_6lang.tsv"),
    ]
    for name, path in tables:
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        for line in lines[1:]:
            cells = dict(zip(header, line.split("\t"), strict=False))
            key = cells.get("id") or cells.get("identifier") or ""
            for lang in LANGS:
                if cells.get("en") and cells.get(lang):
                    pairs[lang].append((f"{name}:{key}", cells["en"], cells[lang]))
    ga = DATA / "un-ga-resolutions-sample"
    files = {"ar": "UN.ar-en.ar", "zh": "UN.en-zh.zh", "fr": "UN.en-fr.fr", "ru": "UN.en-ru.ru", "es": "UN.en-es.es"}
    english_path = ga / "UN.ar-en.en"
    if english_path.exists():
        english = english_path.read_text(encoding="utf-8").splitlines()
        for lang, name in files.items():
            target = (ga / name).read_text(encoding="utf-8").splitlines()
            for number, (source, translation) in enumerate(zip(english, target, strict=False)):
                pairs[lang].append((f"ga-55-100:{number + 1}", source, translation))
    return pairs


def _plant(glossary: Glossary, lang: str, source: str, target: str) -> list[tuple[str, str, set[tuple[str, str]], str]]:
    """Copies of a correct pair with one error planted: (label, target, expected, concept)."""
    analyzer = analyzer_for(lang)
    text = chinese_normalize(target) if lang == "zh" else analyzer.normalize(target)
    analyzed = glossary.analyze_target(text, lang)
    variants = []
    for hit in glossary.find_source_terms(source):
        terms = hit.target_terms(lang)
        if hit.concept.dnt or not terms.accepted:
            continue
        spans = sorted({(s.start, s.end) for term in terms.accepted for s in analyzed.find(term)})
        spans = [span for i, span in enumerate(spans) if not any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in spans)]
        if not spans:
            continue
        for replacement, check in [(terms.forbidden[0] if terms.forbidden else None, "glossary-forbidden"), (WRONG_WORD[lang], "glossary-missing")]:
            if replacement is None:
                continue
            planted = text
            for start, end in reversed(spans):
                planted = planted[:start] + replacement + planted[end:]
            variants.append((f"{hit.concept_id}->{check}", planted, {(hit.concept_id, check)}, hit.concept_id))
    return variants


def evaluate(glossary: Glossary, russian: str = "pymorphy3") -> dict[str, Tally]:
    matching.RUSSIAN_BACKEND = russian
    for lang in ("ru",):
        analyzer_for(lang).__init__(lang)  # drop memoised keys of the other backend
    tallies = {lang: Tally() for lang in LANGS}
    for lang, items in real_pairs().items():
        tally = tallies[lang]
        for pair_id, source, target in items:
            if not glossary.find_source_terms(source):
                continue
            tally.pairs += 1
            baseline = findings(glossary, source, target, lang)
            tally.fp += len(baseline)
            tally.false_alarms += [f"{pair_id} {concept} {check}" for concept, check in sorted(baseline)]
            for label, planted, expected, concept_id in _plant(glossary, lang, source, target):
                tally.planted += 1
                got = findings(glossary, source, planted, lang) - baseline
                _score(tally, f"{pair_id} {label}", got, expected, concept_id)
    for lang, source, target, expected in HANDMADE:
        tally = tallies[lang]
        tally.planted += 1
        got = findings(glossary, source, target, lang)
        _score(tally, f"handmade {source!r} -> {target!r}", got, expected, None)
    return tallies


def _score(tally: Tally, label: str, got: set, expected: set, concept_id: str | None) -> None:
    tally.tp += len(got & expected)
    misses = expected - got
    tally.fn += len(misses)
    tally.misses += [f"{label}: missed {item}" for item in sorted(misses)]
    extra = got - expected
    own = {item for item in extra if concept_id is None or item[0] == concept_id}
    tally.collateral += len(extra - own)
    tally.fp += len(own)
    tally.false_alarms += [f"{label}: extra {item}" for item in sorted(own)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--glossary", action="append", default=None)
    parser.add_argument("--russian", choices=("pymorphy3", "snowball"), default="pymorphy3")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false alarms and misses")
    args = parser.parse_args()
    glossary = load_glossaries(args.glossary or [ROOT / "glossaries" / "trafficking.csv"])
    if not DATA.exists():
        print(f"note: {DATA} is absent: hand-written cases only", file=sys.stderr)
    tallies = evaluate(glossary, args.russian)
    if args.json:
        print(json.dumps({lang: {"pairs": t.pairs, "planted": t.planted, "tp": t.tp, "fp": t.fp, "fn": t.fn,
                                 "precision": round(t.precision, 4), "recall": round(t.recall, 4)}
                          for lang, t in tallies.items()}, indent=2))
    else:
        print(f"Russian backend: {args.russian}; {len(glossary)} concepts")
        print("| lang | real pairs | planted | TP | FP | FN | precision | recall |")
        print("|---|---|---|---|---|---|---|---|")
        for lang, t in tallies.items():
            print(f"| {lang} | {t.pairs} | {t.planted} | {t.tp} | {t.fp} | {t.fn} | {t.precision:.3f} | {t.recall:.3f} |")
    if args.verbose:
        for lang, t in tallies.items():
            for line in t.false_alarms + t.misses:
                print(f"{lang}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
