"""One PO -> Segment converter (translate/qa/inputs.py) for `hexaglot check` and the review app's findings: a
plural entry is checked by its first form in both, at the same line."""

from __future__ import annotations

from pathlib import Path

import polib

from translate.qa.inputs import po_segments
from translate.review.findings import qa_findings, qa_segment

PO = """msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgctxt "c1:aa:1"
msgid "In 2020, 1,250 victims were detected."
msgstr "En 2020, 1 250 victimes ont été détectées."

#, fuzzy
msgctxt "c1:aa:2"
msgid "%d victim was detected in 2021."
msgid_plural "%d victims were detected in 2021."
msgstr[0] "%d victime a été détectée en 2012."
msgstr[1] "%d victimes ont été détectées en 2012."
"""


def test_check_and_review_see_the_same_segments(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_text(PO, encoding="utf-8")
    checked = po_segments(path)
    entries = [entry for entry in polib.pofile(str(path)) if not entry.obsolete]
    reviewed = [qa_segment(entry, "fr") for entry in entries]
    assert [(s.id, s.target, s.state) for s in checked] == [(s.id, s.target, s.state) for s in reviewed]
    assert checked[1].target == "%d victime a été détectée en 2012."  # the plural's first form
    assert [s.line for s in checked] == [9, 15]  # the msgstr lines
    found = qa_findings(entries, "fr")
    assert [finding.check for finding in found["c1:aa:2"]] == ["numbers"]  # 2021 became 2012: seen in review too
    assert "c1:aa:1" not in found
