"""Dates in one format: a day as the locale's medium date, a moment as that date with hours and minutes,
both from participation/i18n.py. Templates show dates through the `date` and `datetime` filters only
(no format argument, no strftime, isoformat only for machine-readable attributes), and Python code
formats a date for people only through i18n.format_day / format_moment."""
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask_babel import force_locale

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
PACKAGE = ROOT / "participation"

# Python files allowed to format dates themselves, and why.
PYTHON_ALLOWED = {
    "participation/i18n.py": "the one place that defines the formats",
    "participation/mail.py": "a file name in the outbox directory",
    "participation/lottery/register_csv.py": "the Flask-free register reader (German register dates)",
    "participation/lottery/letters.py": "the printed letter writes the day out in full, as a German letter does",
    "participation/demo/conference.py": "the demo agenda is German content written as text, with clock times as a German agenda prints them",
}
PYTHON_FORMATTING = re.compile(r"\bformat_(?:date|datetime|time)\(|\.strftime\(|\{[^{}]+:%[a-zA-Z]")


def _template_problems(text):
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if "strftime" in line:
            problems.append((number, "strftime"))
        for match in re.finditer(r"\|\s*(date|datetime)\s*\(", line):
            problems.append((number, f"|{match.group(1)}(...) with a format of its own"))
        # isoformat() only inside an attribute for machines: <time datetime="{{ x.isoformat() }}">
        without_attributes = re.sub(r'datetime="\{\{[^}]*isoformat\(\)[^}]*\}\}"', "", line)
        if "isoformat" in without_attributes:
            problems.append((number, "isoformat() shown to people"))
    return problems


def test_templates_show_dates_only_through_the_standard_filters():
    found = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix in (".html", ".txt"):
            for number, problem in _template_problems(path.read_text(encoding="utf-8")):
                found.append(f"{path.relative_to(ROOT)}:{number}: {problem}")
    assert not found, "\n".join(found)


def test_python_formats_dates_for_people_only_through_i18n():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in PYTHON_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PYTHON_FORMATTING.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "use participation.i18n.format_day / format_moment:\n" + "\n".join(found)


@pytest.mark.parametrize("text, problem", [
    ("{{ x.created_at.strftime('%d.%m.%Y') }}", "strftime"),
    ("{{ x.created_at|datetime('short') }}", "with a format"),
    ("{{ x.due_on|date('long') }}", "with a format"),
    ("<td>{{ x.created_at.isoformat() }}</td>", "isoformat"),
])
def test_the_template_check_finds_each_kind(text, problem):
    assert any(problem in found for _line, found in _template_problems(text))
    assert not _template_problems('<time datetime="{{ x.created_at.isoformat() }}">{{ x.created_at|datetime }}</time>')


def test_the_formats_in_german_and_english(app):
    from participation.i18n import format_day, format_moment

    moment = datetime(2026, 12, 7, 8, 5, tzinfo=UTC)  # 09:05 in Berlin
    with app.test_request_context():
        with force_locale("de"):
            assert format_day(date(2026, 12, 7)) == "07.12.2026"
            assert format_day("2026-12-07") == "07.12.2026"
            assert format_day(datetime(2026, 12, 6, 23, 30, tzinfo=UTC)) == "07.12.2026"  # the local day
            assert format_moment(moment) == "07.12.2026, 09:05"
            assert format_moment("2026-12-07T08:05:00Z") == "07.12.2026, 09:05"
            assert format_moment(None) == format_day(None) == ""
        with force_locale("en"):
            assert format_day(date(2026, 12, 7)) == "Dec 7, 2026"
            assert format_moment(moment).replace("\u202f", " ") == "Dec 7, 2026, 9:05 AM"


def test_the_filters_refuse_a_format_of_their_own(app):
    from flask import render_template_string

    with app.test_request_context(), force_locale("de"):
        assert render_template_string("{{ d|date }} · {{ m|datetime }}", d=date(2026, 12, 7),
                                      m=datetime(2026, 12, 7, 8, 5, tzinfo=UTC)) == "07.12.2026 · 07.12.2026, 09:05"
        with pytest.raises(TypeError):
            render_template_string("{{ m|datetime('short') }}", m=datetime(2026, 12, 7, tzinfo=UTC))
