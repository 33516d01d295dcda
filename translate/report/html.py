"""The one-page HTML progress report: inline CSS and inline SVG, no script, nothing fetched from a network.

``hexaglot status WORKFLOW --format html --output report.html`` writes it. It holds, for a project lead:

* per language a stacked progress bar (source words approved, translated, draft, rejected, untranslated);
* a table with segments and words per state, % approved, velocity (words approved per day) and ETA;
* a burn-down chart over time (words not yet approved, per language, from the review journal);
* progress by document, and by reviewer with their journaled activity.

Everything is escaped; the file opens from disk in any browser.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from translate.lang import get_language
from translate.states import STATES

STATE_COLOURS = {
    "approved": "#2e7d32",
    "translated": "#1e88e5",
    "draft": "#f9a825",
    "rejected": "#e53935",
    "untranslated": "#d7dbe0",
}
BAR_ORDER = ("approved", "translated", "draft", "rejected", "untranslated")
LANG_COLOURS = ["#00897b", "#c2185b", "#3949ab", "#ef6c00", "#6d4c41", "#5e35b1"]
CSS = """
body{font-family:"DejaVu Sans","Noto Sans",Arial,sans-serif;margin:24px 32px;color:#1f2933;background:#fff}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #e4e7eb;padding-bottom:4px}
.meta{color:#616e7c;font-size:13px}.cards{display:flex;gap:16px;margin:16px 0}
.card{border:1px solid #e4e7eb;border-radius:6px;padding:10px 16px;min-width:150px}
.card b{display:block;font-size:22px}.card span{color:#616e7c;font-size:12px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{padding:4px 10px;border-bottom:1px solid #eef0f2}
th{text-align:left;background:#f5f7fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:14px;font-size:12px}
.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px;border-radius:2px}
.none{color:#616e7c;font-style:italic;font-size:13px}svg text{font-family:inherit}
"""


def render_html(
    status: dict[str, Any],
    progress: dict[str, dict[str, Any]],
    by_document: dict[str, Any] | None = None,
    by_reviewer: dict[str, Any] | None = None,
    generated: str | None = None,
    overrides: dict[str, dict[str, int]] | None = None,
) -> str:
    """The whole page. ``status`` is :func:`collect_status`'s object, ``progress`` :func:`language_progress`'s."""
    generated = generated or dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    name = escape(str(status["workflow"]))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{name}: translation progress</title><style>{CSS}</style></head><body>",
        f"<h1>{name}: translation progress</h1>",
        f'<div class="meta">Generated {escape(generated)} by hexaglot. Counts are English source words.</div>',
        _cards(status, progress),
        "<h2>Progress by language</h2>",
        _legend(),
        _progress_bars(status),
        _language_table(status, progress),
        "<h2>Burn-down</h2>",
        _burndown_chart(progress),
    ]
    if overrides is not None:
        parts += ["<h2>Errors accepted by override</h2>", _overrides_table(overrides)]
    if by_document:
        parts += ["<h2>By document</h2>", _group_table(by_document, None)]
    if by_reviewer:
        parts += ["<h2>By reviewer</h2>", _reviewer_table(by_reviewer)]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _overrides_table(overrides: dict[str, dict[str, int]]) -> str:
    """Per language: error-severity findings a reviewer accepted with a reason (from the journal)."""
    rows = [
        f'<tr><td>{_lang_label(lang)}</td><td class="n">{item["segments"]:,}</td><td class="n">{item["errors"]:,}</td>'
        "</tr>"
        for lang, item in overrides.items()
    ]
    head = "<tr><th>Language</th><th>Segments</th><th>Overridden errors</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _total(counts: dict[str, dict[str, int]], unit: str = "words") -> int:
    return sum(bucket[unit] for bucket in counts.values())


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def _lang_label(lang: str) -> str:
    try:
        language = get_language(lang)
    except KeyError:
        return escape(lang)
    return f"{escape(lang)} <bdi>{escape(language.native_name)}</bdi>"


def _lang_text(lang: str) -> str:
    """The language for SVG text (no HTML elements there)."""
    try:
        return escape(f"{lang} {get_language(lang).native_name}")
    except KeyError:
        return escape(lang)


def _cards(status: dict[str, Any], progress: dict[str, dict[str, Any]]) -> str:
    languages = status["languages"]
    total = sum(_total(counts) for counts in languages.values())
    approved = sum(counts["approved"]["words"] for counts in languages.values())
    paces = [item["velocity"] for item in progress.values()]
    measured = bool(paces) and all(pace.get("enough_history", True) for pace in paces)
    pace = sum(item["words_per_day"] for item in paces)
    etas = [item["eta"] for item in paces]
    finish = max(etas) if measured and etas and all(etas) else "not enough history" if not measured else "unknown"
    cards = [
        (f"{_percent(approved, total):.1f}%", "of all words approved"),
        (f"{approved:,} / {total:,}", "words approved, all languages"),
        (f"{pace:,.0f}" if measured else "–", "words approved per day" + ("" if measured else " (not enough history)")),
        (escape(str(finish)), "expected finish (slowest language)"),
    ]
    inner = "".join(f'<div class="card"><b>{value}</b><span>{label}</span></div>' for value, label in cards)
    return f'<div class="cards">{inner}</div>'


def _legend() -> str:
    items = "".join(f'<span><i style="background:{STATE_COLOURS[s]}"></i>{s}</span>' for s in BAR_ORDER)
    return f'<div class="legend">{items}</div>'


def _progress_bars(status: dict[str, Any]) -> str:
    languages = status["languages"]
    width, label_width, bar_height, gap = 1000, 150, 22, 12
    bar_width = width - label_width - 90
    height = len(languages) * (bar_height + gap) + gap
    rows = []
    for row, (lang, counts) in enumerate(languages.items()):
        y = gap + row * (bar_height + gap)
        total = _total(counts)
        rows.append(f'<text x="0" y="{y + 16}" font-size="14">{_lang_text(lang)}</text>')
        x = float(label_width)
        for state in BAR_ORDER:
            words = counts[state]["words"]
            if not words:
                continue
            span = bar_width * words / total
            title = f"{lang} {state}: {words:,} words, {counts[state]['segments']} segments"
            rows.append(
                f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="{bar_height}" '
                f'fill="{STATE_COLOURS[state]}"><title>{escape(title)}</title></rect>'
            )
            x += span
        if not total:
            rows.append(
                f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="{bar_height}" fill="#f5f7fa" '
                'stroke="#d7dbe0"/>'
            )
        percent = _percent(counts["approved"]["words"], total)
        rows.append(f'<text x="{label_width + bar_width + 8}" y="{y + 16}" font-size="14">{percent:.1f}%</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="progress bars per language">{"".join(rows)}</svg>'
    )


def _language_table(status: dict[str, Any], progress: dict[str, dict[str, Any]]) -> str:
    head = "".join(f"<th>{escape(state.value)}</th>" for state in STATES)
    rows = []
    for lang, counts in status["languages"].items():
        cells = "".join(
            f'<td class="n">{counts[s.value]["segments"]:,} ({counts[s.value]["words"]:,})</td>' for s in STATES
        )
        pace = progress.get(lang, {}).get("velocity", {})
        speed, eta = _pace_cells(pace, done=not pace.get("words_remaining") and bool(_total(counts)))
        percent = _percent(counts["approved"]["words"], _total(counts))
        rows.append(
            f"<tr><td>{_lang_label(lang)}</td>{cells}<td class='n'>{percent:.1f}%</td>"
            f"<td class='n'>{speed}</td><td>{eta}</td></tr>"
        )
    return (
        f"<table><tr><th>language</th>{head}<th>% approved</th><th>words/day</th><th>ETA</th></tr>"
        + "".join(rows)
        + f"</table><div class='meta'>segments (source words); {escape(_span_note(progress))}</div>"
    )


def _pace_cells(pace: dict[str, Any], done: bool) -> tuple[str, str]:
    """The words/day and ETA cells: figures only with enough journal history."""
    if done:
        return f"{pace.get('words_per_day', 0.0):,.1f}", "done"
    if not pace.get("first_day"):
        return "–", "no approvals yet"
    if not pace.get("enough_history", True):
        return "–", escape(f"not enough history ({pace.get('approval_days', 0)} day(s) with approvals)")
    return f"{pace['words_per_day']:,.1f}", escape(str(pace.get("eta") or "no pace in the window"))


def _span_note(progress: dict[str, dict[str, Any]]) -> str:
    spans = {
        (p["since"], p["until"], p["window_days"]) for p in (i["velocity"] for i in progress.values()) if p.get("since")
    }
    needed = next((item["velocity"].get("min_days") for item in progress.values()), None)
    rule = f"words/day and ETA shown once approvals are journaled on {needed} days or more" if needed else ""
    if not spans:
        return rule or "words/day from the review journal"
    since, until, days = min(spans)[0], max(spans)[1], max(span[2] for span in spans)
    return f"words/day over up to {days} days of the review journal ({since} to {until}); {rule}"


def _burndown_chart(progress: dict[str, dict[str, Any]]) -> str:
    series = {lang: item["burndown"] for lang, item in progress.items() if item.get("burndown")}
    if not series:
        return '<p class="none">No review activity in the journals yet: the burn-down starts with the first one.</p>'
    days = sorted({day for points in series.values() for day, _ in points})
    peak = max((words for points in series.values() for _, words in points), default=0) or 1
    width, height, left, right, top, bottom = 1000, 320, 70, 110, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    index = {day: position for position, day in enumerate(days)}

    def x_of(day: str) -> float:
        return left + (plot_w * index[day] / (len(days) - 1) if len(days) > 1 else plot_w / 2)

    def y_of(words: int) -> float:
        return top + plot_h * (1 - words / peak)

    parts = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#9aa5b1"/>']
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#9aa5b1"/>')
    for step in range(5):
        words = round(peak * step / 4)
        y = y_of(words)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eef0f2"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{words:,}</text>')
    for day in _tick_days(days):
        parts.append(
            f'<text x="{x_of(day):.1f}" y="{top + plot_h + 18}" font-size="11" text-anchor="middle">{day}</text>'
        )
    label_ys = _spread({lang: y_of(points[-1][1]) + 4 for lang, points in series.items()}, 13)
    for number, (lang, points) in enumerate(series.items()):
        colour = LANG_COLOURS[number % len(LANG_COLOURS)]
        coordinates = " ".join(f"{x_of(day):.1f},{y_of(words):.1f}" for day, words in points)
        parts.append(f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for day, words in points:
            parts.append(
                f'<circle cx="{x_of(day):.1f}" cy="{y_of(words):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(lang)} {day}: {words:,} words left</title></circle>"
            )
        last_day, last_words = points[-1]
        parts.append(
            f'<text x="{x_of(last_day) + 8:.1f}" y="{label_ys[lang]:.1f}" font-size="12" '
            f'fill="{colour}">{escape(lang)} {last_words:,}</text>'
        )
    parts.append(
        f'<text x="12" y="{top + plot_h / 2:.0f}" font-size="11" transform="rotate(-90 12 {top + plot_h / 2:.0f})" '
        'text-anchor="middle">words not yet approved</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="burn-down chart">{"".join(parts)}</svg>'
    )


def _spread(positions: dict[str, float], gap: float) -> dict[str, float]:
    """Move label positions apart (downwards, in order) so that no two are closer than ``gap``."""
    placed: dict[str, float] = {}
    last = float("-inf")
    for key, value in sorted(positions.items(), key=lambda item: item[1]):
        last = max(value, last + gap)
        placed[key] = last
    return placed


def _tick_days(days: list[str], most: int = 8) -> list[str]:
    if len(days) <= most:
        return days
    step = -(-len(days) // most)
    ticks = days[::step]
    return ticks if ticks[-1] == days[-1] else [*ticks, days[-1]]


def _mini_bar(counts: dict[str, dict[str, int]]) -> str:
    total = _total(counts)
    width = 160
    x = 0.0
    rects = []
    for state in BAR_ORDER:
        words = counts[state]["words"]
        if total and words:
            span = width * words / total
            rects.append(f'<rect x="{x:.1f}" y="0" width="{span:.1f}" height="10" fill="{STATE_COLOURS[state]}"/>')
            x += span
    if not rects:
        rects.append(f'<rect x="0" y="0" width="{width}" height="10" fill="#f5f7fa"/>')
    percent = _percent(counts["approved"]["words"], total)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="10">{"".join(rects)}</svg> {percent:.0f}%'


def _group_table(grouped: dict[str, Any], activity: dict[str, Any] | None) -> str:
    groups = grouped.get("groups", {})
    if not groups:
        return '<p class="none">Nothing to show yet.</p>'
    langs = list(next(iter(groups.values())).keys())
    head = "".join(f"<th>{_lang_label(lang)}</th>" for lang in langs)
    extra = "<th>journal: actions / words approved</th>" if activity is not None else ""
    empty = {state: {"segments": 0, "words": 0} for state in BAR_ORDER}
    names = list(groups) + [name for name in (activity or {}) if name not in groups]
    rows = []
    for group in names:
        per_lang = groups.get(group) or dict.fromkeys(langs, empty)
        cells = "".join(
            f"<td>{_mini_bar(per_lang[lang])}<br><small>{_total(per_lang[lang], 'segments')} segments</small></td>"
            for lang in langs
        )
        if activity is not None:
            done = activity.get(group, {})
            actions = sum(item["actions"] for item in done.values())
            words = sum(item["words_approved"] for item in done.values())
            cells += f"<td class='n'>{actions:,} / {words:,}</td>"
        rows.append(f"<tr><td>{escape(group)}</td>{cells}</tr>")
    label = escape(str(grouped.get("by", "group")))
    return f"<table><tr><th>{label}</th>{head}{extra}</tr>{''.join(rows)}</table>"


def _reviewer_table(grouped: dict[str, Any]) -> str:
    """Per language, only the reviewers with work in it (assigned segments or journaled actions there)."""
    groups = grouped.get("groups", {})
    activity = grouped.get("activity") or {}
    langs = (
        list(next(iter(groups.values())).keys())
        if groups
        else sorted({lang for per in activity.values() for lang in per})
    )
    empty = {state: {"segments": 0, "words": 0} for state in BAR_ORDER}
    rows = []
    for lang in langs:
        for name in list(groups) + [name for name in activity if name not in groups]:
            counts = groups.get(name, {}).get(lang, empty)
            done = activity.get(name, {}).get(lang, {"actions": 0, "words_approved": 0})
            segments = _total(counts, "segments")
            if not segments and not done["actions"]:
                continue
            rows.append(
                f"<tr><td>{_lang_label(lang)}</td><td>{escape(name)}</td><td>{_mini_bar(counts)}</td>"
                f"<td class='n'>{segments:,}</td>"
                f"<td class='n'>{done['actions']:,} / {done['words_approved']:,}</td></tr>"
            )
    if not rows:
        return '<p class="none">No assignments yet: run hexaglot assign.</p>'
    head = (
        "<tr><th>language</th><th>reviewer</th><th>progress (% of source words approved)</th><th>segments</th>"
        "<th>journal: actions / words approved</th></tr>"
    )
    return f"<table>{head}{''.join(rows)}</table>"
