"""Buttons say what they do: a submit button whose label is a destructive verb ("Delete", "Remove",
"Annul" ...) is red (`button-danger`) and confirmed, that is, it sits in a second step the person opens
on purpose (a <details> disclosure, which needs no JavaScript) or in a form that asks for something
first (a password, a code, a tick, a reason); the disclosure's summary is red too. The primary actions
named below are `button-primary`.

The templates are walked as text: the label of a button is the first _('...') inside it."""
import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
DESTRUCTIVE = re.compile(r"^(Delete|Remove|Erase|Purge|Annul|Cancel the|Reject|Block|Bar |Reset|Revoke|"
                         r"Switch off|Withdraws$)")
PRIMARY = {"Sign in", "Save", "Submit idea", "Create account", "Save changes", "Send the answer", "Vote"}
LABEL = re.compile(r"""_\(\s*(['"])(.+?)\1""")
BUTTON = re.compile(r"<button\b([^>]*)>(.*?)</button>", re.S)
SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary>", re.S)
ASKS_FIRST = re.compile(r"\{\{\s*field\(|\brequired\b")


def _class_of(attributes):
    match = re.search(r'class="([^"]*)"', attributes)
    return match.group(1) if match else ""


def _open_details(text, position):
    """The <details ...> start tags still open at `position` (innermost last)."""
    stack = []
    for match in re.finditer(r"<details\b[^>]*>|</details>", text[:position]):
        if match.group(0).startswith("</"):
            stack and stack.pop()
        else:
            stack.append(match.group(0))
    return stack


def _form_before(text, position):
    start = text.rfind("<form", 0, position)
    return text[start:position] if start > text.rfind("</form>", 0, position) else ""


def problems_of(text):
    found = []
    for match in BUTTON.finditer(text):
        attributes, content = match.groups()
        label = LABEL.search(content)
        if not label or 'type="button"' in attributes:
            continue
        label, classes = label.group(2), _class_of(attributes).split()
        if DESTRUCTIVE.search(label):
            if "button-danger" not in classes:
                found.append(f"“{label}” is not button-danger")
            if not _open_details(text, match.start()) and not ASKS_FIRST.search(_form_before(text, match.start())):
                found.append(f"“{label}” acts in one click, without a second step")
        if label in PRIMARY and "button-primary" not in classes:
            found.append(f"“{label}” is not button-primary")
    for match in SUMMARY.finditer(text):
        label = LABEL.search(match.group(1))
        if label and DESTRUCTIVE.search(label.group(2)):
            details = _open_details(text, match.start())
            if not details or "confirm-danger" not in details[-1]:
                found.append(f"the disclosure “{label.group(2)}” is not confirm-danger")
    return found


def test_destructive_buttons_are_red_and_confirmed_primary_ones_primary():
    found = [f"{path.relative_to(TEMPLATES)}: {problem}"
             for path in sorted(TEMPLATES.rglob("*.html")) for problem in problems_of(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text, problem", [
    ("""<form method="post"><button type="submit" class="link-button">{{ _('Remove') }}</button></form>""",
     "not button-danger"),
    ("""<form method="post"><button type="submit" class="button button-danger">{{ _('Delete rows now') }}</button></form>""",
     "without a second step"),
    ("""<details><summary>{{ _('Annul this panel') }}</summary><form><textarea required></textarea>
        <button type="submit" class="button button-danger">{{ _('Annul the panel') }}</button></form></details>""",
     "not confirm-danger"),
    ("""<button type="submit" class="button">{{ _('Sign in') }}</button>""", "not button-primary"),
])
def test_the_check_finds_each_fault(text, problem):
    assert any(problem in found for found in problems_of(text)), problems_of(text)


def test_a_confirmed_destructive_action_passes():
    assert not problems_of("""<details class="confirm confirm-danger"><summary>{{ _('Remove') }}</summary>
        <form method="post"><p>?</p><button type="submit" class="button button-danger">{{ _('Remove') }}</button></form>
        </details>""")
