"""Every action code a service writes into the audit log (`moderation.services.record`) or the
access log of personal data (`access_log.log_access`) has a readable label, in German and in
English, and the pages and exports show the label, not the code.

The codes are collected from the source (an AST scan of every call), so a new `record(...)` or
`log_access(...)` with a code missing from `AUDIT_ACTION_LABELS` or `access_log.ACTION_LABELS`
fails here."""
import ast
import csv
import io
import itertools
import pathlib

import html5lib
import pytest
from flask_babel import force_locale

from participation.access_log import ACTION_LABELS, log_access
from participation.auth.models import ProcessRoleKind
from participation.moderation.models import AUDIT_ACTION_LABELS, AUDIT_OBJECT_LABELS, ModerationAction
from participation.moderation.services import record

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "participation"

# The codes some calls build from their arguments: the source of each placeholder and every
# value it takes. A placeholder not listed here fails the scan (name its values here, and give
# each resulting code a label).
PLACEHOLDERS = {
    "type(item).__name__.lower()": {"idea", "comment"},  # moderation.services._act
    "model.__name__.lower()": {"idea", "comment"},  # moderation.services.report
    "action.value": {action.value for action in ModerationAction},
}


def _codes(node, where):
    """Every value the expression `node` (the action argument of a call) can take."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _codes(node.body, where) | _codes(node.orelse, where)
    if ast.unparse(node) in PLACEHOLDERS:
        return PLACEHOLDERS[ast.unparse(node)]
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append({value.value})
            elif isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.IfExp):
                parts.append(_codes(value.value, where))
            else:
                source = ast.unparse(value.value)
                assert source in PLACEHOLDERS, f"{where}: the action code depends on {source!r}; list its values in PLACEHOLDERS"
                parts.append(PLACEHOLDERS[source])
        return {"".join(combination) for combination in itertools.product(*parts)}
    pytest.fail(f"{where}: an action code the scan cannot read ({ast.unparse(node)}); write it as a literal")


def _written_codes(function):
    """{code: [file:line, ...]} of every call of `function` (by name) in the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name != function:
                continue
            action = node.args[2] if len(node.args) > 2 else next(
                (k.value for k in node.keywords if k.arg == "action"), None)
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            assert action is not None, f"{where}: {function}() without an action"
            for code in _codes(action, where):
                found.setdefault(code, []).append(where)
    return found


AUDIT_CODES = _written_codes("record")
ACCESS_CODES = _written_codes("log_access")


def test_the_scan_finds_the_calls():
    # Guards the scan itself: it must see the calls of every area that writes to the logs.
    assert {"idea.publish", "comment.reject", "measure.update", "criteria.save", "conference_assigned",
            "two_factor_reset", "account.data_download"} <= set(AUDIT_CODES)
    assert {"view_panel", "import_register", "view_participants", "export_audit"} <= set(ACCESS_CODES)


@pytest.mark.parametrize(("codes", "labels", "name"), [
    (AUDIT_CODES, AUDIT_ACTION_LABELS, "moderation.models.AUDIT_ACTION_LABELS"),
    (ACCESS_CODES, ACTION_LABELS, "access_log.ACTION_LABELS"),
])
def test_every_code_written_has_a_label_and_every_label_a_code(app, codes, labels, name):
    missing = {code: places for code, places in codes.items() if code not in labels}
    assert not missing, f"codes without a label in {name}: {missing}"
    unused = set(labels) - set(codes)
    assert not unused, f"labels in {name} for codes nothing writes: {sorted(unused)}"
    with app.test_request_context():
        for code, label in labels.items():
            with force_locale("de"):
                german = str(label)
            with force_locale("en"):
                english = str(label)
            assert german != english and code not in (german, english), (code, german)


def _visible_text(response):
    tree = html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)
    body = tree.find("body")
    return " ".join(text for element in body.iter() if element.tag not in ("script", "style")
                    for text in (element.text, element.tail) if text)


@pytest.fixture
def office(make_process, make_user, make_client):
    process = make_process()
    staff = make_user(name="Amt", roles=[(process, ProcessRoleKind.STAFF)])
    client = make_client()
    client.login(staff.email)
    return process, staff, client


def test_the_audit_log_shows_labels_not_codes(db, office):
    process, staff, client = office
    for code in sorted(AUDIT_ACTION_LABELS):
        record(staff, process.id, code, "idea", 7, "")
    db.session.commit()
    page = client.get(f"/processes/{process.slug}/audit")
    assert page.status_code == 200
    text = _visible_text(page)
    for code, label in AUDIT_ACTION_LABELS.items():
        with force_locale("de"):
            assert str(label) in text, code
        assert code not in text, code
    assert "Idee #7" in text and "idea #7" not in text

    # The filter names the actions by their labels and still filters by code.
    tree = html5lib.parse(page.get_data(as_text=True), namespaceHTMLElements=False)
    options = {o.get("value"): o.text for o in tree.iter("option") if o.get("value")}
    assert options["criteria.save"] == "Bewertungskriterien gespeichert"
    filtered = html5lib.parse(client.get(f"/processes/{process.slug}/audit?action=criteria.save")
                              .get_data(as_text=True), namespaceHTMLElements=False)
    cells = [row.findall("td")[2].text for row in filtered.iter("tr") if row.findall("td")]
    assert cells == ["Bewertungskriterien gespeichert"]

    # The exports: German headers, the label beside the code.
    rows = list(csv.reader(io.StringIO(client.get(f"/processes/{process.slug}/audit.csv?action=criteria.save")
                                       .data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Nr.", "Zeitpunkt", "Person", "Aktion", "Aktionscode", "Objekt"]
    assert rows[1][3:6] == ["Bewertungskriterien gespeichert", "criteria.save", "Idee"]


def test_the_audit_log_in_english(db, office):
    process, staff, client = office
    record(staff, process.id, "conference_assigned", "conference", 3, "")
    db.session.commit()
    client.post("/language", data={"locale": "en"}, form_url="/")
    text = _visible_text(client.get(f"/processes/{process.slug}/audit"))
    assert "Participants assigned to tables" in text and "Conference #3" in text
    assert "conference_assigned" not in text
    rows = list(csv.reader(io.StringIO(client.get(f"/processes/{process.slug}/audit.csv").data.decode("utf-8-sig")),
                           delimiter=";"))
    assert rows[0][:4] == ["No.", "Time", "Person", "Action"]


def test_the_access_log_shows_labels_not_codes(db, office):
    process, staff, client = office
    for code in sorted(ACTION_LABELS):
        log_access(staff, process, code, "Betreff", 3)
    db.session.commit()
    page = client.get(f"/processes/{process.slug}/lottery/access-log")
    assert page.status_code == 200
    text = _visible_text(page)
    for code, label in ACTION_LABELS.items():
        with force_locale("de"):
            assert str(label) in text, code
        assert code not in text, code


def test_every_object_type_written_has_a_label():
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "record"
                    and len(node.args) > 3):
                found |= _codes(node.args[3], f"{path}:{node.lineno}")
    assert found and found <= set(AUDIT_OBJECT_LABELS), found - set(AUDIT_OBJECT_LABELS)


def test_every_moderation_decision_has_a_label(app):
    # The moderation history of an idea or comment names each decision by this map.
    from participation.moderation.models import ACTION_LABELS as DECISION_LABELS

    assert set(DECISION_LABELS) == set(ModerationAction)
    with app.test_request_context(), force_locale("de"):
        assert all(str(label) and str(label) != action.value for action, label in DECISION_LABELS.items())
