"""The report formats of ``hexaglot check``: text, json, junit, github (workflow commands), sarif."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate.qa.base import Segment, load_all_checks

FORMATS = ("text", "json", "junit", "github", "sarif")
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render_text(rows: list[dict], summary: dict) -> str:
    lines = []
    for row in rows:
        where = f"{row['file']}:{row['line']}" if row["line"] else row["file"]
        segment = f" ({row['msgctxt']})" if row["msgctxt"] else ""
        lines.append(f"{where}: {row['severity']}: [{row['check']}] {row['lang']}{segment}: {row['message']}")
    lines.append(
        f"{summary['segments']} segments in {summary['files']} files checked: {summary['errors']} errors, "
        f"{summary['warnings']} warnings, {summary['info']} info"
    )
    lines += [f"note: {note}" for note in summary.get("notes", ())]
    return "\n".join(lines) + "\n"


def render_json(rows: list[dict], summary: dict) -> str:
    return json.dumps({"findings": rows, "summary": summary}, ensure_ascii=False, indent=2) + "\n"


def _github_escape(text: str, property_value: bool = False) -> str:
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(rows: list[dict], summary: dict) -> str:
    lines = []
    for row in rows:
        properties = [f"file={_github_escape(row['file'], True)}"]
        if row["line"]:
            properties.append(f"line={row['line']}")
        properties.append(f"title={_github_escape(row['check'] + ' (' + row['lang'] + ')', True)}")
        lines.append(f"::{_GITHUB_LEVEL[row['severity']]} {','.join(properties)}::{_github_escape(row['message'])}")
    lines.append(f"hexaglot check: {summary['errors']} errors, {summary['warnings']} warnings")
    return "\n".join(lines) + "\n"


def render_junit(rows: list[dict], summary: dict, segments: Sequence[Segment]) -> str:
    from lxml import etree

    by_segment: dict[tuple, list[dict]] = {}
    for row in rows:
        by_segment.setdefault((row["file"], row["line"], row["msgctxt"], row["lang"]), []).append(row)
    suites = etree.Element("testsuites", name="hexaglot check")
    files: dict[str, list[Segment]] = {}
    for segment in segments:
        files.setdefault(segment.file or "", []).append(segment)
    total = failures = 0
    for file_name, file_segments in files.items():
        suite = etree.SubElement(suites, "testsuite", name=file_name)
        suite_failures = 0
        for segment in file_segments:
            case = etree.SubElement(
                suite, "testcase", classname=file_name, name=f"{segment.id or ''}:{segment.line or 0} [{segment.lang}]"
            )
            found = by_segment.get((segment.file, segment.line, segment.id, segment.lang), [])
            errors = [row for row in found if row["severity"] == "error"]
            if errors:
                failure = etree.SubElement(case, "failure", message=errors[0]["message"], type=errors[0]["check"])
                failure.text = "\n".join(f"[{row['check']}] {row['message']}" for row in errors)
                suite_failures += 1
            others = [row for row in found if row["severity"] != "error"]
            if others:
                etree.SubElement(case, "system-out").text = "\n".join(
                    f"{row['severity']}: [{row['check']}] {row['message']}" for row in others
                )
        suite.set("tests", str(len(file_segments)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(file_segments)
        failures += suite_failures
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def render_sarif(rows: list[dict], summary: dict) -> str:
    from translate import __version__

    registry = load_all_checks()
    rule_ids = sorted({row["check"] for row in rows} | set(registry))
    rules = []
    for rule_id in rule_ids:
        check = registry.get(rule_id)
        rules.append(
            {
                "id": rule_id,
                "name": getattr(check, "name", rule_id),
                "shortDescription": {"text": getattr(check, "name", rule_id)},
                "fullDescription": {"text": getattr(check, "description", rule_id)},
                "defaultConfiguration": {"level": _SARIF_LEVEL.get(getattr(check, "severity", "error"), "error")},
            }
        )
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    results = []
    for row in rows:
        location: dict[str, Any] = {"artifactLocation": {"uri": Path(row["file"]).as_posix()}}
        if row["line"]:
            location["region"] = {"startLine": int(row["line"])}
        result: dict[str, Any] = {
            "ruleId": row["check"],
            "ruleIndex": index[row["check"]],
            "level": _SARIF_LEVEL[row["severity"]],
            "message": {"text": row["message"]},
            "locations": [{"physicalLocation": location}],
            "properties": {"lang": row["lang"], "msgctxt": row["msgctxt"], "term": row["term"]},
        }
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "hexaglot", "version": __version__, "rules": rules}},
                "results": results,
                "properties": {"summary": summary},
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def render(output_format: str, rows: list[dict], summary: dict, segments: Sequence[Segment]) -> str:
    if output_format == "json":
        return render_json(rows, summary)
    if output_format == "junit":
        return render_junit(rows, summary, segments)
    if output_format == "github":
        return render_github(rows, summary)
    if output_format == "sarif":
        return render_sarif(rows, summary)
    return render_text(rows, summary)
