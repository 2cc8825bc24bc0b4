"""The access-control matrix (docs/access-control.md) is the source of truth: every route of the URL map
(per HTTP method) and every Socket.IO event has a row there, and each actor's documented outcome is what
the running application does against the resources of process A.

- A route or event without a row fails `test_every_route_and_event_has_a_row`, which prints the rows
  to paste, with the outcomes observed now (check each one before you paste it).
- A row naming a route or event that no longer exists fails the same test.
- Refusals change nothing: for every unsafe request and every socket event the whole database is read
  before and after; a refused actor must leave it exactly as it was, an allowed one must change it.
- The world is built once per module; after each case the tables it changed are restored, so every case
  starts from the same state however destructive the case before it was.
- MATRIX_DEBUG=1 (with -s) prints why an unsafe request changed nothing (its flashes or form errors)
  and which cases are slow: the way to find the data a new POST route needs in cases.py.
"""
import os
import re
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from participation.extensions import socketio
from tests.access import cases as C
from tests.access.world import Snapshot, build_world
from tests.conftest import Client, _empty_all_tables

DOC = Path(__file__).resolve().parents[2] / "docs" / "access-control.md"

# Column title in the document -> actor key.
ACTORS = {
    "anonymous": "anonymous", "resident": "resident", "moderator": "moderator", "staff": "staff",
    "moderator B": "moderator_b", "staff B": "staff_b", "admin": "admin", "citizen": "citizen",
    "facilitator": "facilitator", "link moderator": "link_moderator", "link B": "link_b",
}
LINK_ACTORS = ("citizen", "facilitator", "link_moderator", "link_b")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
HTTP_VALUES = {"200", "302", "ok", "no", "login", "link", "400", "403", "404", "405", "409", "422"}
SOCKET_VALUES = {"ok", "refused", "not_allowed", "not_found", "invalid_state", "bad_request", "invalid",
                 "unauthenticated"}


# --- the document ------------------------------------------------------------------------------------

def _cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_document(text):
    """HTTP rows {(method, rule): row} and socket rows {event: row} from the Markdown tables."""
    http, sockets, problems = {}, {}, []
    header = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.lstrip().startswith("|"):
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = cells
            continue
        if set(line.replace("|", "").strip()) <= set("-: "):
            continue
        row = dict(zip(header, cells))
        outcomes = {ACTORS[name]: row[name] for name in header if name in ACTORS}
        if header[:2] == ["Method", "Route"]:
            key = (row["Method"], row["Route"].strip("`"))
            allowed, target = HTTP_VALUES, http
        elif header[:1] == ["Event"]:
            key = row["Event"].strip("`")
            allowed, target = SOCKET_VALUES, sockets
        else:
            continue
        missing = set(ACTORS.values()) - set(outcomes)
        bad = {actor: value for actor, value in outcomes.items() if value not in allowed}
        if missing or bad:
            problems.append(f"line {number}: missing columns {sorted(missing)}, unknown values {bad}")
        if key in target:
            problems.append(f"line {number}: {key} has a second row")
        target[key] = {"line": number, "outcomes": outcomes, "endpoint": row.get("Endpoint", "").strip("`")}
    return http, sockets, problems


DOCUMENT = parse_document(DOC.read_text(encoding="utf-8"))
HTTP_ROWS, SOCKET_ROWS, DOC_PROBLEMS = DOCUMENT


def url_map_routes(app):
    routes = {}
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes[(method, rule.rule)] = rule.endpoint
    return routes


def socket_events():
    return [name for name, _handler, namespace in socketio.handlers if namespace in (None, "/")]


# --- the world and its actors ---------------------------------------------------------------------------

class Env:
    def __init__(self, app, w):
        self.app, self.w = app, w
        self.clients = {actor: self.new_client(actor) for actor in ACTORS.values()}

    def new_client(self, actor):
        client = Client(self.app.test_client())
        if actor in self.w.users:
            client.login(self.w.emails[actor])
        elif actor in LINK_ACTORS:
            assert client.get(f"/k/{self.w.tokens[actor]}").status_code == 200
        return client

    @staticmethod
    def token_of(client):
        if getattr(client, "matrix_csrf", None) is None:
            client.matrix_csrf = client.csrf_token("/")
        return client.matrix_csrf


@pytest.fixture(scope="module")
def env(make_app, _migrated):
    from participation.conference import broadcast
    from participation.extensions import db

    app = make_app(RATELIMIT_ENABLED=False)
    with app.app_context():
        _empty_all_tables(db)
        w = build_world()
    environment = Env(app, w)
    with app.app_context():
        environment.baseline = Snapshot.take(typed=True)
        db.session.remove()
    yield environment
    broadcast.stop()
    with app.app_context():
        db.session.remove()
        _empty_all_tables(db)
        for engine in db.engines.values():
            engine.dispose()


def _settle(env):
    """Put back every table a case changed; the next case sees the world as built."""
    from participation.extensions import db

    with env.app.app_context():
        db.session.remove()
        after = Snapshot.take()
        env.baseline.restore(env.baseline.changed_tables(after))


def _url(rule, values):
    def fill(match):
        return str(values[match.group(1)])

    return re.sub(r"<(?:[^<>]*:)?(\w+)>", fill, rule)


def _prepared(env, prepare, actor, read=True):
    """Run the case's set-up; return the state to compare with afterwards (None when not read)."""
    from participation.extensions import db

    with env.app.app_context():
        if prepare:
            prepare(env.w, actor)
        db.session.remove()
        return Snapshot.take() if read else None


# --- HTTP ------------------------------------------------------------------------------------------

def observe_http(env, method, rule, actor):
    """What one actor gets from one route: a value of the matrix's legend (plus '+changed' on a refusal
    that changed the database)."""
    started = time.perf_counter()
    try:
        return _observe_http(env, method, rule, actor)
    finally:
        if os.environ.get("MATRIX_DEBUG") and time.perf_counter() - started > 0.3:
            print(f"\nslow: {method} {rule} as {actor}: {time.perf_counter() - started:.2f} s")


def _observe_http(env, method, rule, actor):
    from participation.extensions import db

    case = C.CASES.get((method, rule), C.Case())
    w = env.w
    if rule.startswith("/k/") and actor not in LINK_ACTORS:
        actor_token = C.FORGED_TOKEN
    else:
        actor_token = None
    client = env.new_client(actor) if case.fresh_client else env.clients[actor]
    # Unsafe requests are compared with the state just before them (after signing a fresh client in,
    # which writes). Pages are not compared: what some of them write (the access log of personal
    # data, default reason templates) is put back with the next unsafe case.
    before = _prepared(env, case.prepare, actor, read=method in UNSAFE)
    with env.app.app_context():
        values = C.default_params(w, actor)
        if actor_token:
            values["token"] = actor_token
        values.update(C.params_for(case, w, actor))
        data = C.data_for(case, w, actor)
        body = C.json_for(case, w, actor)
        db.session.remove()
    url = _url(rule, values)
    if method == "GET":
        response = client.get(url)
    elif body is not None or rule.startswith("/api/"):
        headers = {"Accept": "application/json", "X-CSRFToken": env.token_of(client)}
        response = client._request("open", url, method=method, json=body or {}, headers=headers)
    else:
        form = dict(data or {})
        form["csrf_token"] = env.token_of(client)
        response = client._request("open", url, method=method, data=form)
    if method in UNSAFE and not os.environ.get("MATRIX_DEBUG"):
        with client.http.session_transaction() as session:
            session.pop("_flashes", None)  # redirects are not followed: keep the cookie small
    changed = []
    if before is not None:
        with env.app.app_context():
            db.session.remove()
            changed = before.changed_tables(Snapshot.take())
    if before is not None or case.prepare:
        _settle(env)
    status = response.status_code
    location = response.headers.get("Location", "")
    if status in (301, 302, 303, 307, 308):
        kind = "login" if "/account/login" in location and "next=" in location else "302"
    elif status == 401:
        kind = "login"
    elif status >= 400:
        kind = str(status)
    else:
        kind = "200"
    if kind == "404" and actor_token:
        kind = "link"
    if method in UNSAFE:
        if kind in ("200", "302"):
            if not changed and os.environ.get("MATRIX_DEBUG"):
                _explain(client, response, method, rule, actor)
            return ("ok" if changed else "no"), kind, changed
        if changed:
            return f"{kind}+changed {changed}", kind, changed
    return kind, kind, changed


def _explain(client, response, method, rule, actor):
    """MATRIX_DEBUG=1: why an unsafe request changed nothing (the flashes, or the form's errors)."""
    with client.http.session_transaction() as session:
        flashes = session.pop("_flashes", [])
    errors = re.findall(r'class="[^"]*(?:error|flash)[^"]*"[^>]*>([^<]{3,200})', response.get_data(as_text=True))
    print(f"\n{method} {rule} as {actor}: {response.status_code} {flashes} {errors[:5]}")


def matches(expected, observed, status_kind, method):
    if expected == observed:
        return True
    # A POST documented as 200 or 302 is an answer whose database effect does not matter (the session
    # changes, a mail may go out); only the status is compared.
    return method in UNSAFE and expected in ("200", "302") and status_kind == expected and observed in ("ok", "no")


@pytest.mark.parametrize("key", sorted(HTTP_ROWS), ids=lambda key: f"{key[0]} {key[1]}")
def test_route(env, key):
    method, rule = key
    routes = url_map_routes(env.app)
    if key not in routes:
        pytest.skip("no such route (reported by test_every_route_and_event_has_a_row)")
    row = HTTP_ROWS[key]
    wrong = []
    for actor, expected in row["outcomes"].items():
        observed, status_kind, _changed = observe_http(env, method, rule, actor)
        if not matches(expected, observed, status_kind, method):
            wrong.append(f"  {actor}: documented {expected}, got {observed}")
    assert not wrong, f"docs/access-control.md line {row['line']} ({method} {rule}):\n" + "\n".join(wrong)


# --- Socket.IO --------------------------------------------------------------------------------------

def observe_socket(env, event, actor):
    started = time.perf_counter()
    try:
        return _observe_socket(env, event, actor)
    finally:
        if os.environ.get("MATRIX_DEBUG") and time.perf_counter() - started > 0.3:
            print(f"\nslow: {event} as {actor}: {time.perf_counter() - started:.2f} s")


def _observe_socket(env, event, actor):
    from participation.extensions import db

    case = C.SOCKET_CASES.get(event, C.SocketCase())
    w = env.w
    _prepared(env, case.prepare, actor, read=False)
    auth = {"token": w.tokens[actor]} if actor in LINK_ACTORS else None
    flask_client = env.clients[actor].http if actor in w.users else None
    with env.app.app_context():
        client = socketio.test_client(env.app, auth=auth, flask_test_client=flask_client)
        try:
            if not client.is_connected():
                return "refused"
            if event in ("connect", "disconnect"):
                return "ok"
            payload = case.payload(w, actor) if callable(case.payload) else dict(case.payload or {})
            db.session.remove()
            before = Snapshot.take()
            answer = client.emit(event, payload, callback=True)
            db.session.remove()
            after = Snapshot.take()
            changed = before.changed_tables(after)
            if answer.get("ok"):
                return "ok" if changed or event in ("join_table", "join_console") else "ok (nothing changed)"
            return answer["error"] + (f"+changed {changed}" if changed else "")
        finally:
            if client.is_connected():
                client.disconnect()
            db.session.remove()
            time.sleep(0)  # let the disconnect handler finish before the tables are compared
            _settle(env)


@pytest.mark.parametrize("event", sorted(SOCKET_ROWS))
def test_socket_event(env, event):
    if event not in socket_events():
        pytest.skip("no such event (reported by test_every_route_and_event_has_a_row)")
    row = SOCKET_ROWS[event]
    wrong = []
    for actor, expected in row["outcomes"].items():
        observed = observe_socket(env, event, actor)
        if observed != expected:
            wrong.append(f"  {actor}: documented {expected}, got {observed}")
    assert not wrong, f"docs/access-control.md line {row['line']} (event {event}):\n" + "\n".join(wrong)


# --- B's team on B's pages, naming A's resources ---------------------------------------------------------

def _probe_id(probe):
    actor, method, url = probe[:3]
    return f"{actor} {method} {url}"


@pytest.mark.parametrize("probe", C.FOREIGN_ID_PROBES, ids=_probe_id)
def test_an_id_of_another_process_is_refused(env, probe):
    """The crucial case once more, one level down: B's team on B's pages may not reach A through an id."""
    from participation.extensions import db

    actor, method, template, data = probe
    client = env.clients[actor]
    url = C.fill(template, env.w)
    if method == "GET":
        response = client.get(url)
    else:
        form = {key: str(value) for key, value in (C.fill(data, env.w) or {}).items()}
        form["csrf_token"] = env.token_of(client)
        response = client._request("open", url, method=method, data=form)
    with env.app.app_context():
        db.session.remove()
        changed = env.baseline.changed_tables(Snapshot.take())
    _settle(env)
    if method == "GET":
        assert response.status_code in (403, 404), f"{url} showed A's data to {actor}: {response.status_code}"
    else:
        assert response.status_code < 500, response.status_code
        assert not changed, f"{actor} changed {changed} through {method} {url}"


@pytest.mark.parametrize("probe", C.FOREIGN_ID_SOCKET_PROBES, ids=lambda p: f"{p[0]} {p[1]}")
def test_an_id_of_another_process_is_refused_over_the_socket(env, probe):
    from participation.extensions import db

    actor, event, payload = probe
    w = env.w
    auth = {"token": w.tokens[actor]} if actor in LINK_ACTORS else None
    flask_client = env.clients[actor].http if actor in w.users else None
    with env.app.app_context():
        client = socketio.test_client(env.app, auth=auth, flask_test_client=flask_client)
        try:
            assert client.is_connected()
            db.session.remove()
            before = Snapshot.take()
            answer = client.emit(event, C.fill(payload, w), callback=True)
            db.session.remove()
            changed = before.changed_tables(Snapshot.take())
        finally:
            client.disconnect()
            db.session.remove()
    _settle(env)
    assert not answer["ok"], f"{actor} {event} with A's table was accepted: {answer}"
    assert answer["error"] in ("not_allowed", "not_found"), answer
    assert not changed, f"{actor} {event} changed {changed}"


# --- the table is complete, and names nothing that does not exist ----------------------------------------

def _suggested_http_row(env, key, endpoint):
    method, rule = key
    try:
        cells = [observe_http(env, method, rule, actor)[0] for actor in ACTORS.values()]
    except Exception as error:  # a route whose URL values are unknown here: let the author fill it in
        cells = [f"? ({type(error).__name__}: {error})"] + ["?"] * (len(ACTORS) - 1)
    return f"| {method} | `{rule}` | `{endpoint}` | " + " | ".join(cells) + " |"


def _suggested_socket_row(env, event):
    try:
        cells = [observe_socket(env, event, actor) for actor in ACTORS.values()]
    except Exception as error:
        cells = [f"? ({type(error).__name__}: {error})"] + ["?"] * (len(ACTORS) - 1)
    return f"| `{event}` | " + " | ".join(cells) + " |"


def test_every_route_and_event_has_a_row(env):
    assert not DOC_PROBLEMS, "docs/access-control.md is malformed:\n" + "\n".join(DOC_PROBLEMS)
    routes = url_map_routes(env.app)
    missing = sorted(set(routes) - set(HTTP_ROWS))
    stale = sorted(set(HTTP_ROWS) - set(routes))
    events = socket_events()
    missing_events = sorted(set(events) - set(SOCKET_ROWS))
    stale_events = sorted(set(SOCKET_ROWS) - set(events))
    wrong_endpoint = [f"line {HTTP_ROWS[k]['line']}: {k[0]} {k[1]} is {routes[k]}, not {HTTP_ROWS[k]['endpoint']}"
                      for k in sorted(set(routes) & set(HTTP_ROWS)) if HTTP_ROWS[k]["endpoint"] != routes[k]]
    report = []
    if missing:
        report.append("Routes without a row in docs/access-control.md. Observed outcomes below: check each "
                      "against what the route should allow, give POST routes minimal valid data in "
                      "tests/access/cases.py, then paste the rows into the table of their area:")
        report += [_suggested_http_row(env, key, routes[key]) for key in missing]
    if missing_events:
        report.append("Socket.IO events without a row (give the payload in tests/access/cases.py SOCKET_CASES):")
        report += [_suggested_socket_row(env, event) for event in missing_events]
    if stale:
        report.append("Rows naming routes that do not exist (remove or correct them):")
        report += [f"  line {HTTP_ROWS[key]['line']}: {key[0]} {key[1]}" for key in stale]
    if stale_events:
        report.append("Rows naming events that do not exist:")
        report += [f"  line {SOCKET_ROWS[event]['line']}: {event}" for event in stale_events]
    report += wrong_endpoint
    assert not report, "\n".join(report)


def test_the_parser_reports_missing_cells_and_unknown_values():
    text = ("| Method | Route | Endpoint | " + " | ".join(ACTORS) + " |\n|---|---|---|" + "---|" * len(ACTORS) + "\n"
            "| GET | `/x` | `x.y` | " + " | ".join(["200"] * (len(ACTORS) - 1)) + " | maybe |\n"
            "| GET | `/x` | `x.y` | " + " | ".join(["200"] * len(ACTORS)) + " |\n")
    http, _sockets, problems = parse_document(text)
    assert list(http) == [("GET", "/x")]
    assert any("maybe" in p for p in problems) and any("second row" in p for p in problems)


# --- inside one conference: a facilitator steers their own table only ------------------------------------

def test_a_facilitator_steers_their_own_table_only(env):
    """With a round open at each table, the facilitator of table 1 cannot close or extend table 2's round;
    "close every round" is refused as a whole (it would reach table 2), their own table's closes."""
    from participation.auth.models import User
    from participation.conference import services
    from participation.conference.models import VotingRound
    from participation.database import unit_of_work
    from participation.extensions import db

    w = env.w
    with env.app.app_context():
        staff = db.session.get(User, w.users["staff"])
        with unit_of_work():
            conference = services.get_conference(w.conference)
            other = services.create_round(staff, conference, w.table_2, title="Tisch 2", method="single",
                                           duration_seconds=3600)
            services.open_round(staff, other)
        other_id = other.id
        db.session.remove()
        client = socketio.test_client(env.app, auth={"token": w.tokens["facilitator"]})
        try:
            refused = client.emit("close_round", {"round_id": other_id}, callback=True)
            extended = client.emit("extend_rounds", {"seconds": 60, "table_ids": [w.table_2]}, callback=True)
            everything = client.emit("close_rounds", {}, callback=True)
            closed = client.emit("close_rounds", {"table_ids": [w.table]}, callback=True)
        finally:
            client.disconnect()
        states = {r.id: r.state.value for r in db.session.scalars(
            sa.select(VotingRound).where(VotingRound.id.in_((other_id, w.open_round))))}
        db.session.remove()
    _settle(env)
    assert refused["ok"] is False and refused["error"] == "not_allowed", refused
    assert extended["ok"] is False and extended["error"] == "not_allowed", extended
    assert everything["ok"] is False and everything["error"] == "not_allowed", everything
    assert closed["ok"] and [r["id"] for r in closed["rounds"]] == [w.open_round], closed
    assert states == {other_id: "open", w.open_round: "closed"}


# --- a bar reaches one process only (issue 9, point 3) -----------------------------------------------

def test_a_moderator_of_b_cannot_bar_a_resident_of_a(env):
    """Found by the matrix's probes when blocking still barred an account everywhere: B's moderator can
    bar the author of A's ideas from B only. Through A's address they are refused; through B's they bar
    from B, and the account itself and the author's part in A stay as they were."""
    from participation.auth.models import User
    from participation.database import unit_of_work
    from participation.errors import DomainError
    from participation.extensions import db
    from participation.ideas import services as ideas
    from participation.moderation.models import ProcessBlock
    from participation.processes.models import Process

    w = env.w
    client = env.clients["moderator_b"]
    form = {"reason": "Von Prozess B gesperrt.", "confirm": "y", "csrf_token": env.token_of(client)}
    author = w.users["author"]

    def bars():
        return sorted((b.process_id, b.user_id) for b in db.session.scalars(sa.select(ProcessBlock)))

    def author_row():
        return db.session.execute(sa.select(User.__table__).where(User.id == author)).one()

    with env.app.app_context():
        account_before = author_row()
        db.session.remove()
    try:
        through_a = client._request("open", f"/processes/{w.slug_a}/moderation/users/{author}/bar", method="POST",
                                    data=form)
        with env.app.app_context():
            after_a = bars()
            db.session.remove()
        through_b = client._request("open", f"/processes/{w.slug_b}/moderation/users/{author}/bar", method="POST",
                                    data=form)
        with env.app.app_context():
            after_b, account_after = bars(), author_row()
            user = db.session.get(User, author)
            with unit_of_work():
                in_a = ideas.submit_idea(user, db.session.get(Process, w.process_a), "Noch eine Idee für A",
                                         "Im Prozess A geht es weiter wie bisher.", w.sector_a)
            refused_in_b = None
            try:
                with unit_of_work():
                    process_b = db.session.get(Process, w.process_b)
                    ideas.submit_idea(db.session.get(User, author), process_b, "Eine Idee für B",
                                      "In B ist das Konto gesperrt.", process_b.sectors[0].id)
            except DomainError as error:
                refused_in_b = error
            in_a_id = in_a.id
            db.session.remove()
    finally:
        _settle(env)
    assert through_a.status_code == 403 and after_a == []
    assert through_b.status_code == 302
    assert after_b == [(w.process_b, author)], "the bar must name process B and the author only"
    assert account_after == account_before, "barring from B changed the account itself"
    assert in_a_id, "the author can no longer take part in A"
    assert refused_in_b is not None, "the bar from B does not hold in B"


# --- found while adding the rows of issue 9: the admins' accounts page needed the second factor too ---

def test_an_admin_without_the_second_factor_cannot_block_accounts(env):
    """An admin who signed in with the password but has not passed (or not yet set up) the second factor
    must not do an admin's work: the services refuse staff-like work while it is pending
    (`User.second_factor_pending`). Here: an admin whose second factor was reset (or who was just made
    admin), between the password and the enrolment, blocks an account everywhere."""
    from participation.auth.models import User
    from participation.extensions import db

    w = env.w
    with env.app.app_context():
        admin = db.session.get(User, w.users["admin"])
        admin.totp_secret, admin.totp_enabled_at, admin.totp_last_step = None, None, None
        db.session.commit()
        db.session.remove()
    try:
        client = Client(env.app.test_client())
        signed_in = client.post("/account/login", {"email": w.emails["admin"], "password": C.PASSWORD},
                                form_url="/account/login")
        assert signed_in.headers["Location"].startswith("/account/two-factor/setup"), signed_in.headers
        response = client.post(f"/admin/accounts/{w.users['author']}/block",
                               {"reason": "Nur mit dem Passwort gesperrt.", "confirm": "y"},
                               form_url="/account/two-factor/setup")
        with env.app.app_context():
            blocked_at = db.session.get(User, w.users["author"]).blocked_at
            db.session.remove()
    finally:
        _settle(env)
    assert response.status_code in (302, 403)
    assert blocked_at is None, "an admin blocked an account everywhere without the second factor"
