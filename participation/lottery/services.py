"""The citizen lottery's rules and transactions: settings, register import, the invitation draw,
letters, responses, the access log and the purge. Stage two (selection runs and panels) is in
`panels.py`.

Every function takes an explicit actor (a staff `User`) where a person acts, checks the right in
here, flushes and never commits: routes, the CLI and tasks wrap each action in `unit_of_work()`.
Personal data of the register is only ever returned to staff of the process, and each read or
export is logged with `log_access` in the same transaction.
"""
import gc
import hashlib
import hmac
import json
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError, OperationalError

from ..access_log import log_access  # the lottery's reads, logged with every other area's
from ..database import as_utc, unit_of_work, utcnow
from ..downloads import clean_filename
from ..errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from ..extensions import db
from ..i18n import instance_locale
from ..tasks import after_commit, app_task
from ..urls import external_url
from ..values import as_decimal, as_id, as_int, as_page, as_text
from . import codes, letters
from . import draw as invitation_draw
from .models import (
    Draw,
    DrawStatus,
    FileStatus,
    Invitation,
    InvitationStatus,
    LotteryAccess,
    LotteryFile,
    LotterySettings,
    RegisterExtract,
    RegisterPerson,
    RegisterUpload,
    Response,
    ResponseChannel,
)
from .register_csv import (
    EXTRA,
    FIELDS,
    ColumnRule,
    RegisterFileError,
    RuleChecker,
    household_key,
    read_register,
    row_nul_faults,
    rule_problems,
    sniff,
    suggest_mapping,
)

UPLOAD_LIFETIME = timedelta(hours=24)
STALE_JOB = timedelta(minutes=30)  # a background job with no sign of life for this long has died
PREVIEW_ROWS = 10
IMPORT_CHUNK = 5000
MAX_LETTERS = 100_000


def local_today():
    """Today in the municipality's time zone (the server may run in UTC)."""
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def insert_once(instance, message):
    """Add a row guarded by a unique constraint; a second click at the same moment gets `message`."""
    try:
        with db.session.begin_nested():
            db.session.add(instance)
            db.session.flush()
    except IntegrityError:
        raise InvalidState(message) from None
    return instance


def household_pseudonym(key):
    """A keyed hash of a household key: equal for one address, and no address can be read back from it."""
    if not key:
        return ""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, b"household:" + key.encode(), hashlib.sha256).hexdigest()[:32]


# --- who may do it, and the log of every read --------------------------------------------------

def require_staff(actor, process):
    """Register data and answers are for the staff of this process (and admins) alone."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active \
            or not actor.can_manage(process):
        raise NotAllowed(_l("Only staff of this process can see and change the citizen lottery."))


def access_log(actor, process, *, page=1, per_page=100):
    require_staff(actor, process)
    query = sa.select(LotteryAccess).where(LotteryAccess.process_id == process.id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    page = as_page(page)
    rows = db.session.scalars(
        query.order_by(LotteryAccess.created_at.desc(), LotteryAccess.id.desc())
        .offset((page - 1) * per_page).limit(per_page)
    ).all()
    return rows, total


# --- settings ----------------------------------------------------------------------------------

DEFAULT_CONSENT = _l(
    "I agree that my details are processed for the selection of the participants and the organisation of the "
    "climate conference. My details on the quota features appear without name and address in the public protocol "
    "of the lottery, so that anyone can check the selection. After the deletion date of the process my details "
    "are deleted."
)


def default_categories(process):
    """Features people report on the response page, used for the quotas of the panel."""
    bands = invitation_draw.DEFAULT_AGE_BANDS
    band_labels = [f"{low}–{high - 1}" for low, high in zip(bands, bands[1:])] + [f"{bands[-1]}+"]
    band_values = [f"{low}-{high - 1}" for low, high in zip(bands, bands[1:])] + [f"{bands[-1]}+"]
    categories = [
        {"key": "gender", "label": gettext("Gender"), "values": [
            {"value": "w", "label": gettext("female"), "share": None},
            {"value": "m", "label": gettext("male"), "share": None},
            {"value": "d", "label": gettext("diverse"), "share": None},
        ]},
        {"key": "age_band", "label": gettext("Age band"), "values": [
            {"value": v, "label": lab, "share": None} for v, lab in zip(band_values, band_labels)
        ]},
    ]
    if process.districts:
        categories.append({"key": "district", "label": gettext("District"), "values": [
            {"value": d.name, "label": d.name, "share": None} for d in process.districts
        ]})
    categories.append({"key": "education", "label": gettext("Highest educational qualification"), "values": [
        {"value": "niedrig", "label": gettext("no qualification or lower secondary school"), "share": None},
        {"value": "mittel", "label": gettext("intermediate school or vocational training"), "share": None},
        {"value": "hoch", "label": gettext("upper secondary school or university degree"), "share": None},
    ]})
    return categories


def get_settings(process):
    """The lottery settings of a process, made with sensible German defaults on first use."""
    settings = db.session.scalar(sa.select(LotterySettings).where(LotterySettings.process_id == process.id))
    if settings is None:
        with instance_locale():  # the letter is the office's, whatever the language of the page
            subject, template = str(letters.DEFAULT_SUBJECT), str(letters.DEFAULT_TEMPLATE)
            office = gettext("%(municipality)s – climate action management", municipality=process.municipality)
            consent = str(DEFAULT_CONSENT)
        settings = LotterySettings(
            process_id=process.id,
            letter_subject=subject,
            letter_template=template,
            sender={"office": office, "lines": [], "phone": "",
                    "email": "", "signature": "", "role": "", "place": process.municipality},
            categories=default_categories(process),
            consent_text=consent,
        )
        db.session.add(settings)
        db.session.flush()
    return settings


@dataclass
class SettingsData:
    letter_subject: str
    letter_template: str
    office: str
    address_lines: str
    phone: str
    email: str
    signature: str
    role: str
    place: str
    consent_text: str
    retention_days: int | None
    categories_text: str
    designation: str = ""  # "die Stadt Jena": the municipality with its article, for the letter's sentences
    panel_size: int | None = None  # the planned panel: the letter promises it, the selection page proposes it


_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


def categories_to_text(categories):
    """The editable form of the categories: a block per category, a line per value."""
    blocks = []
    for category in categories:
        lines = [f"{category['key']}: {category['label']}"]
        for value in category["values"]:
            share = value.get("share")
            share_text = "" if share in (None, "") else f"; {format_share(share)}"
            lines.append(f"- {value['value']}; {value['label']}{share_text}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def format_share(share):
    return f"{share:g}".replace(".", ",")


CATEGORY_CODE_MAX = 80  # a district's name is a value's code, and a district name may have 80 characters
CATEGORY_LABEL_MAX = 120


def parse_categories(text):
    """Read the text form back; German error sentences name the line."""
    categories, errors = [], []
    current = None
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("-"):
            if current is None:
                errors.append(_l("Line %(n)d: a value needs a category line above it.", n=number))
                continue
            parts = [p.strip() for p in line[1:].split(";")]
            value, value_label = parts[0], (parts[1] if len(parts) > 1 and parts[1] else parts[0])
            share = None
            if len(parts) > 2 and parts[2]:
                share = as_decimal(parts[2].replace("%", ""), minimum=-10**6, maximum=10**6)
                if share is None:
                    errors.append(_l("Line %(n)d: the share must be a number (per cent).", n=number))
                    continue
                share = float(share)
                if not 0 <= share <= 100:
                    errors.append(_l("Line %(n)d: the share must lie between 0 and 100 per cent.", n=number))
                    continue
            if not value or len(value) > CATEGORY_CODE_MAX:
                errors.append(_l("Line %(n)d: a value needs a code of at most %(max)d characters.", n=number,
                                 max=CATEGORY_CODE_MAX))
                continue
            if len(value_label) > CATEGORY_LABEL_MAX:
                errors.append(_l("Line %(n)d: the label of a value may have at most %(max)d characters.", n=number,
                                 max=CATEGORY_LABEL_MAX))
                continue
            if any(v["value"] == value for v in current["values"]):
                errors.append(_l("Line %(n)d: the value “%(value)s” is listed twice.", n=number, value=value))
                continue
            current["values"].append({"value": value, "label": value_label, "share": share})
        else:
            key, _, category_label = line.partition(":")
            key, category_label = key.strip(), category_label.strip()
            if not _KEY_RE.match(key) or not category_label:
                errors.append(_l("Line %(n)d: write a category as “key: label”, the key in lower-case letters, "
                                 "e.g. “gender: Geschlecht”.", n=number))
                current = None
                continue
            if any(c["key"] == key for c in categories):
                errors.append(_l("Line %(n)d: the category “%(key)s” is listed twice.", n=number, key=key))
                current = None
                continue
            current = {"key": key, "label": category_label[:120], "values": []}
            categories.append(current)
    for category in categories:
        if len(category["values"]) < 2:
            errors.append(_l("The category “%(key)s” needs at least two values.", key=category["key"]))
    if len(categories) > 8:
        errors.append(_l("At most eight categories are possible."))
    return categories, errors


def update_settings(actor, process, data):
    require_staff(actor, process)
    settings = get_settings(process)
    errors = {}
    subject = (data.letter_subject or "").strip()
    if not 3 <= len(subject) <= 200:
        errors["letter_subject"] = [_l("The subject must have 3 to 200 characters.")]
    elif subject_problems := letters.validate_template(subject, subject=True):
        errors["letter_subject"] = list(subject_problems)
    template_problems = letters.validate_template(data.letter_template or "")
    if template_problems:
        errors["letter_template"] = list(template_problems)
    if not (data.office or "").strip():
        errors["office"] = [_l("Please name the office that sends the letters.")]
    categories, category_errors = parse_categories(data.categories_text)
    if category_errors:
        errors["categories_text"] = category_errors
    days = data.retention_days
    if days is None or not 7 <= days <= 730:
        errors["retention_days"] = [_l("Keep register data between 7 and 730 days.")]
    designation = " ".join((data.designation or "").split())
    if len(designation) > 160:
        errors["designation"] = [_l("Please keep the designation to 160 characters.")]
    panel_size = settings.panel_size if data.panel_size is None else data.panel_size
    if not isinstance(panel_size, int) or not 2 <= panel_size <= 500:
        errors["panel_size"] = [_l("The panel must have 2 to 500 members.")]
    if len(data.consent_text or "") < 20:
        errors["consent_text"] = [_l("Please write the consent text people agree to (at least 20 characters).")]
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    settings.letter_subject = subject
    settings.letter_template = data.letter_template.replace("\r\n", "\n")
    settings.sender = {
        "office": data.office.strip()[:200],
        "lines": [line.strip()[:120] for line in (data.address_lines or "").splitlines() if line.strip()][:5],
        "phone": (data.phone or "").strip()[:40], "email": (data.email or "").strip()[:254],
        "signature": (data.signature or "").strip()[:120], "role": (data.role or "").strip()[:120],
        "place": (data.place or "").strip()[:80] or process.municipality,
        "designation": designation or letters.default_designation(process.municipality),
    }
    settings.panel_size = panel_size
    settings.categories = categories
    settings.consent_text = data.consent_text.strip()
    settings.retention_days = days
    db.session.flush()
    return settings


# --- register import: upload -> preview -> confirm ----------------------------------------------

def stage_upload(actor, process, filename, data):
    """Hold an uploaded extract for the preview; nothing is imported yet."""
    require_staff(actor, process)
    if not data:
        raise ValidationFailed(_l("The file is empty."), field="file")
    not_text = _l("This is not a CSV file of the register: save the extract as CSV (separated by “;” or “,”).")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationFailed(not_text, field="file")
    try:
        sniffed = sniff(data)
    except RegisterFileError as error:
        raise ValidationFailed(error.message, field="file") from None
    if len(sniffed.header) < 2:
        raise ValidationFailed(not_text, field="file")
    _drop_stale_uploads()
    upload = RegisterUpload(process_id=process.id, user_id=actor.id, token=secrets.token_urlsafe(18),
                            filename=clean_filename(filename, "register.csv"), size=len(data), data=bytes(data))
    db.session.add(upload)
    db.session.flush()
    return upload


def _drop_stale_uploads(now=None):
    cutoff = (now or utcnow()) - UPLOAD_LIFETIME
    db.session.execute(sa.delete(RegisterUpload).where(RegisterUpload.created_at < cutoff))


def get_upload(actor, process, token):
    require_staff(actor, process)
    upload = db.session.scalar(sa.select(RegisterUpload).where(
        RegisterUpload.process_id == process.id, RegisterUpload.token == str(token)[:40]))
    if upload is None or as_utc(upload.created_at) < utcnow() - UPLOAD_LIFETIME:
        raise NotFound(_l("This upload is no longer there; please upload the file again."))
    return upload


@dataclass
class Preview:
    upload: RegisterUpload
    sniffed: object
    mapping: dict
    read: object = None
    sample: list = field(default_factory=list)


def clean_mapping(header, mapping):
    """Keep only header names that exist; EXTRA as a list."""
    cleaned = {}
    for name in FIELDS:
        column = (mapping or {}).get(name) or None
        cleaned[name] = column if column in header else None
    cleaned[EXTRA] = [c for c in (mapping or {}).get(EXTRA) or [] if c in header and c not in cleaned.values()]
    return cleaned


# Integer types and what every database we support stores in them.
_INTEGER_RANGES = ((sa.BigInteger, 2 ** 63), (sa.SmallInteger, 2 ** 15), (sa.Integer, 2 ** 31))


def _column_rule(column):
    kind = column.type
    rule = {"nullable": bool(column.nullable)}
    if isinstance(kind, sa.Enum):
        rule["choices"] = tuple(kind.enums)
    if isinstance(kind, sa.String) and kind.length:
        rule["max_length"] = kind.length
    for integer, bound in _INTEGER_RANGES:
        if isinstance(kind, integer):
            rule["minimum"], rule["maximum"] = -bound, bound - 1
            break
    return ColumnRule(**rule)


def register_rules():
    """What the register table accepts in each column the import fills, read from the model itself
    (lengths, NOT NULL, integer ranges, enum choices), so that the checks cannot drift from the schema."""
    table = RegisterPerson.__table__
    return {column.name: _column_rule(column) for column in table.columns if column.name in _REGISTER_COLUMNS
            and column.name != "extract_id"}


def preview_upload(actor, process, upload, mapping=None):
    """Read the staged file with a mapping (the suggested one when none is given) and list every problem."""
    require_staff(actor, process)
    try:
        sniffed = sniff(upload.data)
    except RegisterFileError as error:
        raise ValidationFailed(error.message, field="file") from None
    mapping = clean_mapping(sniffed.header, mapping if mapping is not None else suggest_mapping(sniffed.header))
    preview = Preview(upload=upload, sniffed=sniffed, mapping=mapping)
    try:
        preview.read = read_register(upload.data, mapping, rules=register_rules(), gettext=gettext)
    except (RegisterFileError, ValueError) as error:
        raise ValidationFailed(getattr(error, "message", str(error)), field="file") from None
    preview.sample = preview.read.rows[:PREVIEW_ROWS]
    log_access(actor, process, "preview_register", upload.filename, len(preview.sample))
    return preview


def import_upload(actor, process, upload, mapping, retention_until, *, confirmed_warnings=None):
    """All or nothing: the extract is imported only when no line has a problem.

    Values that look damaged by an encoding (warnings) must be confirmed: `confirmed_warnings` is
    the `warnings_digest` of the preview the staff member confirmed; when the warnings differ
    (another mapping, another file) or none were confirmed, nothing is imported.
    """
    require_staff(actor, process)
    today = local_today()
    if not isinstance(retention_until, date) or retention_until <= today:
        raise ValidationFailed(_l("The deletion date must lie in the future."), field="retention_until")
    if retention_until > today + timedelta(days=730):
        raise ValidationFailed(_l("Register data may be kept for two years at most."), field="retention_until")
    preview = preview_upload(actor, process, upload, mapping)
    read = preview.read
    if not read.ok:
        raise ValidationFailed(_l("The extract has %(n)d problems; nothing was imported.", n=read.problem_count))
    if not read.rows:
        raise ValidationFailed(_l("The extract has no rows."))
    if read.warning_count and confirmed_warnings != read.warnings_digest:
        message = (_l("Please confirm the values marked as warnings before importing.") if not confirmed_warnings
                   else _l("The warnings have changed since you confirmed them (another column mapping?): "
                           "please check them again and confirm them."))
        raise ValidationFailed(message, field="confirm_warnings")
    extract = RegisterExtract(
        process_id=process.id, filename=upload.filename, fingerprint=read.fingerprint, encoding=read.encoding,
        delimiter=read.delimiter, mapping=preview.mapping, row_count=len(read.rows),
        retention_until=retention_until, imported_by_id=actor.id,
    )
    db.session.add(extract)
    db.session.flush()
    insert_register_rows(extract.id, read.rows)
    db.session.delete(upload)
    log_access(actor, process, "import_register", f"{extract.filename} ({extract.fingerprint[:12]})",
               extract.row_count)
    if read.warning_count:
        log_access(actor, process, "confirm_register_warnings", f"{extract.filename} ({extract.fingerprint[:12]})",
                   read.warning_count)
    db.session.flush()
    return extract


_REGISTER_COLUMNS = ("extract_id", "person_id", "family_name", "given_names", "street", "house_number", "postcode",
                     "town", "district", "birth_date", "birth_year", "gender", "household", "extra")


class _RowRefused(Exception):
    """A row the register table would refuse, met while the rows are written (the savepoint undoes them)."""


def insert_register_rows(extract_id, rows):
    """Bulk insert in the session's transaction, fast enough for 600,000 rows: the driver's own
    executemany on SQLite, COPY on PostgreSQL (SQLAlchemy's per-row parameter processing would
    cost more than the database itself).

    Every row is checked against the table's rules (`register_rules`) as it is written; a row the
    table would refuse (the preview reports them by line, so only a caller that skipped it has
    one) undoes the whole insert and raises `ValidationFailed` naming the rows: nothing is written.
    """
    dialect = db.session.get_bind().dialect.name
    as_text = dialect == "sqlite"  # SQLite keeps dates as ISO text, as SQLAlchemy's Date does there
    rules = register_rules()
    check = RuleChecker(rules, gettext)
    text_values = itemgetter(*(name for name in FIELDS if name not in ("birth_date", "birth_year")))
    encoded = {}  # extra columns repeat a few values (nationality, ...): encode each combination once

    def as_json(extra):
        if not extra:
            return None
        key = tuple(extra.items())
        text = encoded.get(key)
        if text is None:
            text = encoded[key] = json.dumps(extra, ensure_ascii=False)
        return text

    def values(row):
        birth = row["birth_date"]
        household = household_key(row)
        extra = as_json(row["extra"])
        if check(row, household) or "\x00" in "".join(text_values(row)) or (extra and "\\u0000" in extra):
            if check(row, household) or row_nul_faults(row):
                raise _RowRefused
        return (extract_id, row["person_id"], row["family_name"], row["given_names"], row["street"],
                row["house_number"], row["postcode"], row["town"], row["district"],
                birth.isoformat() if as_text and birth is not None else birth, row["birth_year"], row["gender"],
                household, extra)

    columns = ", ".join(_REGISTER_COLUMNS)
    try:
        with without_gc(), db.session.begin_nested():
            connection = db.session.connection()  # emits the SAVEPOINT that a refused row rolls back to
            _insert(connection, dialect, connection.connection.driver_connection, columns, rows, values)
    except _RowRefused:
        count, first = rule_problems(rows, rules, gettext=gettext, limit=5)
        raise ValidationFailed(_l("%(n)d values do not fit the register table; nothing was imported. %(first)s",
                                  n=count, first=" ".join(first))) from None


@contextmanager
def without_gc():
    """Hundreds of thousands of new rows would set off Python's full collections again and again;
    they create no reference cycles, so collection waits until the block is done."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _insert(connection, dialect, raw, columns, rows, values):
    if dialect == "sqlite":
        sql = f"INSERT INTO register_people ({columns}) VALUES ({', '.join('?' * len(_REGISTER_COLUMNS))})"
        cursor = raw.cursor()
        for start in range(0, len(rows), IMPORT_CHUNK * 4):
            cursor.executemany(sql, [values(row) for row in rows[start:start + IMPORT_CHUNK * 4]])
        cursor.close()
    elif dialect == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY register_people ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(values(row))
    else:  # any other database SQLAlchemy supports: slower, but the same rows
        table = RegisterPerson.__table__
        for start in range(0, len(rows), IMPORT_CHUNK):
            connection.execute(table.insert(), [dict(zip(_REGISTER_COLUMNS, values(row)))
                                                for row in rows[start:start + IMPORT_CHUNK]])


def extracts_of(actor, process):
    require_staff(actor, process)
    return db.session.scalars(sa.select(RegisterExtract).where(RegisterExtract.process_id == process.id)
                              .order_by(RegisterExtract.created_at.desc())).all()


def get_extract(actor, process, extract_id):
    require_staff(actor, process)
    extract = db.session.get(RegisterExtract, as_id(extract_id) or 0)
    if extract is None or extract.process_id != process.id:
        raise NotFound(_l("This register extract does not exist."))
    return extract


def delete_extract(actor, extract):
    """Delete every register row of an extract at once (draws keep its fingerprint and HMAC values)."""
    require_staff(actor, extract.process)
    removed = db.session.execute(sa.delete(RegisterPerson).where(RegisterPerson.extract_id == extract.id)).rowcount
    _delete_letter_files(extract)
    extract.purged_at = utcnow()
    extract.purged_rows = (extract.purged_rows or 0) + (removed or 0)
    log_access(actor, extract.process, "delete_register", extract.filename, removed or 0)
    db.session.flush()
    return removed


def _raw_rows(sql, parameters):
    """Many rows straight from the driver (SQLAlchemy's row processing would dominate for 600,000)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        cursor = connection.connection.driver_connection.cursor()
        cursor.execute(sql.replace("%s", "?"), parameters)
    else:
        cursor = connection.connection.driver_connection.cursor()
        cursor.execute(sql, parameters)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def _people_of(extract):
    """The register rows as the draw reads them (no names, no addresses).

    An extract's rows were inserted together, so they are read as one range of row ids, in
    storage order; going through the (extract_id, person_id) index instead would visit them in
    random order and take three times as long."""
    low, high = db.session.execute(sa.select(sa.func.min(RegisterPerson.id), sa.func.max(RegisterPerson.id))
                                   .where(RegisterPerson.extract_id == extract.id)).one()
    if low is None:
        return []
    rows = _raw_rows("SELECT person_id, birth_date, birth_year, gender, district, household FROM register_people "
                     "WHERE id BETWEEN %s AND %s AND +extract_id = %s", (low, high, extract.id))
    parse = date.fromisoformat
    return [{"person_id": r[0], "birth_date": parse(r[1]) if isinstance(r[1], str) else r[1],
             "birth_year": r[2], "gender": r[3], "district": r[4], "household": r[5]} for r in rows]


def _row_ids(extract, person_ids, chunk=500):
    """{register id: row id} for the people drawn, through the (extract_id, person_id) index."""
    found = {}
    person_ids = list(person_ids)
    for start in range(0, len(person_ids), chunk):
        part = person_ids[start:start + chunk]
        found.update(_raw_rows(
            f"SELECT person_id, id FROM register_people WHERE extract_id = %s AND person_id IN "
            f"({', '.join(['%s'] * len(part))})", (extract.id, *part)))
    return found


# --- stage one: the invitation draw ---------------------------------------------------------------

@dataclass
class DrawData:
    extract_id: object
    letters: object
    reference_date: object
    min_age: object = 16
    max_age: object = None
    strata: tuple = ("district",)
    age_bands: str = ""
    one_per_household: bool = False
    exclude_earlier: bool = True
    response_deadline: object = None


def _parse_bands(text):
    if not (text or "").strip():
        return invitation_draw.DEFAULT_AGE_BANDS
    bands = tuple(as_int(part, minimum=0, maximum=150) for part in re.split(r"[\s,;]+", text.strip()) if part)
    if None in bands:
        raise ValidationFailed(_l("Write the age bands as lower bounds separated by commas, e.g. 16, 25, 35."),
                               field="age_bands")
    return bands


def _draw_parameters(process, data, extract):
    letters_count = data.letters if isinstance(data.letters, int) and not isinstance(data.letters, bool) else None
    if letters_count is None or not 1 <= letters_count <= MAX_LETTERS:
        raise ValidationFailed(_l("Enter the number of letters (1 to 100,000)."), field="letters")
    if not isinstance(data.reference_date, date):
        raise ValidationFailed(_l("Enter the reference date for the age."), field="reference_date")
    excluded = frozenset()
    if data.exclude_earlier:
        excluded = frozenset(db.session.scalars(
            sa.select(Invitation.person_ref).join(Draw).where(Draw.process_id == process.id)
        ))
    try:
        return invitation_draw.DrawParameters(
            letters=letters_count, reference_date=data.reference_date,
            min_age=data.min_age if data.min_age is not None else 16, max_age=data.max_age,
            strata=tuple(data.strata or ()), age_bands=_parse_bands(data.age_bands),
            one_per_household=bool(data.one_per_household), excluded_ids=excluded,
        )
    except invitation_draw.ParameterError as error:
        raise ValidationFailed(str(error)) from None


def publish_draw(actor, process, data):
    """Fix register and parameters and publish their hash; the seed is drawn in public afterwards."""
    require_staff(actor, process)
    extract = get_extract(actor, process, data.extract_id)
    if extract.purged_at is not None:
        raise InvalidState(_l("This extract has been purged; import a new one for another draw."))
    deadline = data.response_deadline
    if not isinstance(deadline, datetime) or as_utc(deadline) <= utcnow():
        raise ValidationFailed(_l("The answer deadline must lie in the future."), field="response_deadline")
    if db.session.scalar(sa.select(Draw.id).where(Draw.process_id == process.id,
                                                  Draw.status == DrawStatus.PUBLISHED)):
        raise InvalidState(_l("Another draw of this process is waiting for its seed; draw it first."))
    parameters = _draw_parameters(process, data, extract)
    try:
        with without_gc():
            the_plan = invitation_draw.plan(_people_of(extract), parameters)
    except invitation_draw.LotteryError as error:
        raise ValidationFailed(str(error)) from None
    number = (db.session.scalar(sa.select(sa.func.max(Draw.number)).where(Draw.process_id == process.id)) or 0) + 1
    draw = Draw(
        process_id=process.id, extract_id=extract.id, number=number, fingerprint=extract.fingerprint,
        parameters=parameters.to_dict(), parameters_hash=invitation_draw.parameters_hash(extract.fingerprint,
                                                                                          parameters),
        plan=[{"stratum": list(s), "population": the_plan.population[s], "allocated": the_plan.allocation[s]}
              for s in the_plan.population],
        counts={"register": the_plan.register_count, "excluded": the_plan.excluded_count,
                "ineligible": the_plan.ineligible_count, "without_birth_data": the_plan.without_birth_data_count,
                "eligible": the_plan.eligible_count, "letters": parameters.letters},
        response_deadline=deadline, published_by_id=actor.id,
    )
    return insert_once(draw, _l("Another draw of this process was prepared at the same moment; please reload."))


def perform_draw(actor, draw, seed_text, seed_source):
    """Draw with the publicly drawn seed; every invitation gets a personal response code."""
    require_staff(actor, draw.process)
    if draw.status != DrawStatus.PUBLISHED:
        raise InvalidState(_l("This draw has already been made."))
    if as_utc(draw.response_deadline) <= utcnow():
        raise InvalidState(_l("The answer deadline of this draw has passed; prepare a new draw."))
    source = (seed_source or "").strip()
    if len(source) < 10:
        raise ValidationFailed(_l("Say where the seed comes from, e.g. “numbers drawn in the public council "
                                  "session on 3 March”."), field="seed_source")
    try:
        seed = invitation_draw.normalize_seed(seed_text or "")
    except invitation_draw.SeedError as error:
        raise ValidationFailed(str(error), field="seed") from None
    extract = draw.extract
    if extract is None or extract.purged_at is not None or extract.fingerprint != draw.fingerprint:
        raise InvalidState(_l("The register extract of this draw is no longer complete."))
    parameters = invitation_draw.DrawParameters.from_dict(draw.parameters)
    try:
        with without_gc():
            people = _people_of(extract)
            result = invitation_draw.draw(people, parameters, draw.fingerprint, seed)
    except invitation_draw.LotteryError as error:
        raise ValidationFailed(str(error)) from None
    if result.parameters_hash != draw.parameters_hash:
        raise InvalidState(_l("The register or the parameters changed after they were published."))
    # The state changes first, in one conditional UPDATE: of two clicks at once only one draws.
    try:
        taken_over = db.session.execute(
            sa.update(Draw).where(Draw.id == draw.id, Draw.status == DrawStatus.PUBLISHED)
            .values(status=DrawStatus.DRAWN).execution_options(synchronize_session=False))
    except OperationalError:  # SQLite: another request wrote since this one began reading
        raise InvalidState(_l("This draw has already been made.")) from None
    if taken_over.rowcount != 1:
        raise InvalidState(_l("This draw has already been made."))
    drawn = set(result.person_ids)
    households = {p["person_id"]: p["household"] for p in people if p["person_id"] in drawn}
    del people
    row_ids = _row_ids(extract, result.person_ids)
    taken = set(db.session.scalars(sa.select(Invitation.code)))
    new_codes = codes.new_unique_codes(len(result.invitations), taken)
    rows = [{"draw_id": draw.id, "person_id": row_ids.get(inv.person_id), "person_ref": inv.person_id,
             "hmac": inv.hmac, "household": household_pseudonym(households.get(inv.person_id, "")),
             "stratum": list(inv.stratum), "rank": inv.rank, "position": position,
             "code": code, "status": InvitationStatus.INVITED.value}
            for position, (inv, code) in enumerate(zip(result.invitations, new_codes), start=1)]
    for start in range(0, len(rows), IMPORT_CHUNK):
        db.session.connection().execute(Invitation.__table__.insert(), rows[start:start + IMPORT_CHUNK])
    draw.status = DrawStatus.DRAWN
    draw.seed = result.seed
    draw.seed_source = source[:2000]
    draw.drawn_at = utcnow()
    draw.drawn_by_id = actor.id
    draw.selection_hash = result.selection_hash
    draw.counts = result.counts()
    draw.strata = result.strata_table()
    db.session.flush()
    return draw


def draws_of(process, *, drawn_only=False):
    query = sa.select(Draw).where(Draw.process_id == process.id)
    if drawn_only:
        query = query.where(Draw.status == DrawStatus.DRAWN)
    return db.session.scalars(query.order_by(Draw.number.desc())).all()


def get_draw(process, number):
    draw = db.session.scalar(sa.select(Draw).where(Draw.process_id == process.id, Draw.number == (as_id(number) or 0)))
    if draw is None:
        raise NotFound(_l("This draw does not exist."))
    return draw


def draw_protocol(draw, *, include_selection=True):
    """The protocol of `draw.DrawResult.protocol()`, rebuilt from what was stored, with metadata.

    Without the selection it names nobody and can be published; with it, `flask lottery verify`
    reproduces the list from the register extract alone.
    """
    if not draw.is_drawn:
        raise InvalidState(_l("The draw has not been made yet."))
    protocol = {
        "kind": invitation_draw.KIND, "format_version": invitation_draw.FORMAT_VERSION,
        "algorithm": invitation_draw.ALGORITHM, "fingerprint": draw.fingerprint, "parameters": draw.parameters,
        "parameters_hash": draw.parameters_hash, "seed": draw.seed, "counts": draw.counts, "strata": draw.strata,
        "selection_hash": draw.selection_hash,
        "process": draw.process.title, "municipality": draw.process.municipality, "draw_number": draw.number,
        "published_at": as_utc(draw.published_at).isoformat(), "drawn_at": as_utc(draw.drawn_at).isoformat(),
        "seed_source": draw.seed_source,
    }
    if draw.extract is not None:
        protocol["register_mapping"] = draw.extract.mapping
    if not include_selection:  # the published version names nobody, not even those drawn earlier
        excluded = sorted(draw.parameters.get("excluded_ids") or [])
        protocol["parameters"] = dict(draw.parameters, excluded_ids=[])
        protocol["excluded"] = {"count": len(excluded), "sha256": invitation_draw.selection_hash(excluded)}
        protocol["verification"] = gettext("This public protocol names nobody. To recompute the draw with "
                                           "`flask lottery verify`, use the administration's full protocol.")
    if include_selection:
        protocol["selection"] = [
            {"person_id": ref, "stratum": stratum, "rank": rank, "hmac": digest}
            for ref, stratum, rank, digest in db.session.execute(
                sa.select(Invitation.person_ref, Invitation.stratum, Invitation.rank, Invitation.hmac)
                .where(Invitation.draw_id == draw.id).order_by(Invitation.position))
        ]
    return protocol


def protocol_for_staff(actor, draw):
    require_staff(actor, draw.process)
    protocol = draw_protocol(draw, include_selection=True)
    log_access(actor, draw.process, "export_protocol", _draw_subject(draw), len(protocol["selection"]))
    return protocol


def protocol_pdf(draw):
    """The PDF prints the number of people left out, never their ids."""
    protocol = dict(draw_protocol(draw, include_selection=False), parameters=draw.parameters)
    with instance_locale():  # a document of the office, in its language
        return letters.protocol_pdf(
            protocol, process_title=draw.process.title,
            municipality=draw.process.municipality, published_at=as_utc(draw.published_at),
            seed_source=draw.seed_source, drawn_at=as_utc(draw.drawn_at),
        )


def mark_letters_sent(actor, draw):
    require_staff(actor, draw.process)
    if not draw.is_drawn:
        raise InvalidState(_l("The draw has not been made yet."))
    draw.letters_sent_at = draw.letters_sent_at or utcnow()
    db.session.flush()
    return draw


# --- letters ------------------------------------------------------------------------------------

def response_url(process, code=None):
    url = external_url("lottery.respond", slug=process.slug)
    return f"{url}?code={codes.format_code(code)}" if code else url


def _letter_rows(draw):
    return db.session.execute(
        sa.select(Invitation, RegisterPerson).outerjoin(RegisterPerson, Invitation.person_id == RegisterPerson.id)
        .where(Invitation.draw_id == draw.id).order_by(Invitation.position)
    ).all()


def _sender(process, settings):
    sender = settings.sender or {}
    return letters.Sender(
        municipality=process.municipality, office=sender.get("office", ""),
        address_lines=tuple(sender.get("lines") or ()), phone=sender.get("phone", ""),
        email=sender.get("email", ""), signature_name=sender.get("signature", ""),
        signature_role=sender.get("role", ""), place=sender.get("place", "") or process.municipality,
        designation=sender.get("designation", "") or letters.default_designation(process.municipality),
    )


def letter_data(process, invitation, person):
    """What one letter needs; a purged row gives no letter (returns None)."""
    if person is None:
        return None
    return letters.LetterData(
        given_names=person.given_names, family_name=person.family_name, street=person.street,
        house_number=person.house_number, postcode=person.postcode, town=person.town,
        code=invitation.code, response_url=response_url(process, invitation.code),
        salutation=letters.salutation_for(person.gender, person.given_names, person.family_name),
    )


def request_letters(actor, draw):
    """Make the print-shop PDF in the background; the page shows its state and offers the download."""
    require_staff(actor, draw.process)
    if not draw.is_drawn:
        raise InvalidState(_l("The draw has not been made yet."))
    for busy in db.session.scalars(sa.select(LotteryFile).where(
            LotteryFile.draw_id == draw.id, LotteryFile.kind == "letters",
            LotteryFile.status.in_([FileStatus.QUEUED, FileStatus.RUNNING]))):
        if as_utc(busy.created_at) > utcnow() - STALE_JOB:
            raise InvalidState(_l("The letters are being made already."))
        busy.status, busy.finished_at = FileStatus.FAILED, utcnow()
        busy.error = gettext("Making the file was interrupted (no sign of life for 30 minutes).")
    file = LotteryFile(process_id=draw.process_id, draw_id=draw.id, kind="letters",
                       filename=gettext("letters-draw-%(number)s.pdf", number=draw.number), content_type="application/pdf",
                       requested_by_id=actor.id, progress_total=draw.counts.get("drawn", 0))
    db.session.add(file)
    db.session.flush()
    log_access(actor, draw.process, "make_letters", _draw_subject(draw), draw.counts.get("drawn", 0))
    after_commit(render_letters_task, file.id)
    return file


LETTER_PROGRESS_EVERY = 100  # the task writes its progress after this many letters


def render_letters(file_id, *, progress_every=LETTER_PROGRESS_EVERY):
    """Build the letters PDF of a file's draw (called by the task), in short transactions: one reads
    the letters, then the PDF is made outside any transaction while a transaction of its own writes
    the progress every `progress_every` letters, and a last one stores the file."""
    with unit_of_work():
        file = db.session.get(LotteryFile, file_id)
        draw = db.session.get(Draw, file.draw_id)
        process = draw.process
        settings = get_settings(process)
        items = [data for inv, person in _letter_rows(draw) if (data := letter_data(process, inv, person))]
        arguments = dict(
            sender=_sender(process, settings), template=settings.letter_template, subject=settings.letter_subject,
            date=local_today(), deadline=_local_day(draw.response_deadline), process_title=process.title,
            panel_size=settings.panel_size,
        )
        file.progress_done, file.progress_total = 0, len(items)

    def progress(done, total):
        with unit_of_work():
            db.session.execute(sa.update(LotteryFile).where(LotteryFile.id == file_id)
                               .values(progress_done=done, progress_total=total))

    with instance_locale():
        pdf = letters.letters_pdf(items, progress=progress, progress_every=progress_every, **arguments)
    with unit_of_work():
        file = db.session.get(LotteryFile, file_id)
        file.data = pdf
        file.size = len(pdf)
        file.pages = len(_PDF_PAGE.findall(pdf))
        file.progress_done = file.progress_total = len(items)
        file.status = FileStatus.DONE
        file.finished_at = utcnow()


_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


@app_task(retries=0)
def render_letters_task(file_id):
    with unit_of_work():
        file = db.session.get(LotteryFile, file_id)
        if file is None or file.status != FileStatus.QUEUED:
            return
        file.status = FileStatus.RUNNING
    try:
        render_letters(file_id)
    except Exception as error:  # the page must show the failure instead of waiting for ever
        current_app.logger.exception("Letters %s failed", file_id)
        db.session.rollback()
        with unit_of_work():
            file = db.session.get(LotteryFile, file_id)
            file.status = FileStatus.FAILED
            file.error = str(error)[:2000]
            file.finished_at = utcnow()


def letter_file_status(actor, process, file_id):
    """What the progress page polls: the state of a letters file of the process, for its staff."""
    require_staff(actor, process)
    file = db.session.get(LotteryFile, as_id(file_id) or 0)
    if file is None or file.process_id != process.id:
        raise NotFound(_l("This file is not there (any more)."))
    return file


def letter_files(draw):
    return db.session.scalars(sa.select(LotteryFile).where(LotteryFile.draw_id == draw.id)
                              .order_by(LotteryFile.created_at.desc())).all()


def download_file(actor, process, file_id):
    require_staff(actor, process)
    file = db.session.get(LotteryFile, as_id(file_id) or 0)
    if file is None or file.process_id != process.id or file.status != FileStatus.DONE:
        raise NotFound(_l("This file is not there (any more)."))
    log_access(actor, process, "download_letters", file.filename, file.pages)
    return file


def mail_merge_csv(actor, draw, fmt="csv"):
    """The mail-merge file of a draw's letters as CSV or, with fmt="xlsx", as XLSX (logged)."""
    require_staff(actor, draw.process)
    items = [data for inv, person in _letter_rows(draw) if (data := letter_data(draw.process, inv, person))]
    log_access(actor, draw.process, "export_mail_merge", _draw_subject(draw), len(items))
    return letters.mail_merge_xlsx(items) if fmt == "xlsx" else letters.mail_merge_csv(items)


# --- responses ----------------------------------------------------------------------------------

def find_invitation(process, code_text):
    """The invitation of a letter of this process with this code, or None (one answer for every failure)."""
    code = codes.normalize_code(code_text or "")
    if code is None:
        return None
    return db.session.scalar(
        sa.select(Invitation).join(Draw).where(Invitation.code == code, Draw.process_id == process.id,
                                               Draw.status == DrawStatus.DRAWN)
    )


def invitation_for_respondent(process, invitation_id):
    invitation = db.session.get(Invitation, as_id(invitation_id) or 0)
    if invitation is None or invitation.draw.process_id != process.id:
        raise NotFound(_l("Please enter the code from your letter again."))
    return invitation


@dataclass
class ResponseData:
    accepted: object
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    phone: str = ""
    features: dict = field(default_factory=dict)
    availability: str = ""
    accessibility_needs: str = ""
    consent: bool = False


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^[0-9 +()/-]{6,40}$")


def submit_response(invitation, data, *, actor=None, channel=ResponseChannel.ONLINE, now=None):
    """Record or change an answer. Online until the deadline; staff (phone, paper) also afterwards."""
    draw = invitation.draw
    process = draw.process
    if actor is not None:
        require_staff(actor, process)
    elif channel != ResponseChannel.ONLINE:
        raise NotAllowed(_l("Only staff can enter answers received by phone or on paper."))
    if not draw.is_drawn:
        raise InvalidState(_l("This letter has not been sent."))
    if actor is None and not draw.accepts_answers(now):
        raise InvalidState(_l("The deadline for answers has passed. Please call us if you still want to take part."))
    if invitation.status != InvitationStatus.INVITED and _on_a_panel(invitation):
        raise InvalidState(_l("The panel has been selected; please contact the office to change your answer."))
    if data.accepted not in (True, False):
        raise ValidationFailed(_l("Please say whether you would like to take part."), field="accepted")
    errors = {}
    settings = get_settings(process)
    features = {}
    if data.accepted:
        given, family = (data.given_name or "").strip(), (data.family_name or "").strip()
        if not 1 <= len(given) <= 120:
            errors["given_name"] = [_l("Please enter your first name.")]
        if not 1 <= len(family) <= 120:
            errors["family_name"] = [_l("Please enter your family name.")]
        email, phone = (data.email or "").strip(), (data.phone or "").strip()
        if email and (len(email) > 254 or not _EMAIL_RE.match(email)):
            errors["email"] = [_l("This is not an e-mail address.")]
        if phone and not _PHONE_RE.match(phone):
            errors["phone"] = [_l("Please enter the phone number with digits only (spaces, +, / and - are fine).")]
        if not email and not phone:
            errors["email"] = [_l("Please give an e-mail address or a phone number so that we can reach you.")]
        for category in settings.categories:
            value = (data.features or {}).get(category["key"])
            allowed = {v["value"] for v in category["values"]}
            if value not in allowed:
                errors[f"feature_{category['key']}"] = [_l("Please choose an answer.")]
            else:
                features[category["key"]] = value
        if len(data.availability or "") > 2000 or len(data.accessibility_needs or "") > 2000:
            errors["availability"] = [_l("Please keep it under 2,000 characters.")]
        if not data.consent:
            errors["consent"] = [_l("Without your consent we cannot include you in the selection.")]
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    response = invitation.response or Response(invitation_id=invitation.id, accepted=bool(data.accepted))
    response.accepted = bool(data.accepted)
    if data.accepted:
        response.given_name = data.given_name.strip()
        response.family_name = data.family_name.strip()
        response.email = (data.email or "").strip()
        response.phone = (data.phone or "").strip()
        response.features = features
        response.availability = (data.availability or "").strip()
        response.accessibility_needs = (data.accessibility_needs or "").strip()
        response.consent_at = response.consent_at or utcnow()
    else:  # a "no" keeps nothing personal
        response.given_name = response.family_name = response.email = response.phone = ""
        response.features, response.availability, response.accessibility_needs = {}, "", ""
        response.consent_at = None
    response.channel = channel
    response.entered_by_id = getattr(actor, "id", None)
    if invitation.response is None:
        insert_once(response, _l("Your answer was saved a moment ago; please reload the page."))
        invitation.response = response
    invitation.status = InvitationStatus.ACCEPTED if data.accepted else InvitationStatus.DECLINED
    invitation.responded_at = utcnow()
    if actor is not None:
        log_access(actor, process, "enter_response", _invitation_subject(invitation), 1)
    db.session.flush()
    return response


def erase_response(actor, invitation):
    """On request: delete an answer with every personal detail in it (the letter stays, as declined)."""
    require_staff(actor, invitation.draw.process)
    from .models import MemberStatus, PanelMember

    active = db.session.scalar(sa.select(PanelMember.id).where(
        PanelMember.invitation_id == invitation.id, PanelMember.status == MemberStatus.ACTIVE))
    if active is not None:
        raise InvalidState(_l("This person is on the panel or its reserve list: record the withdrawal first."))
    if invitation.response is not None:
        db.session.delete(invitation.response)
        invitation.response = None
    invitation.status = InvitationStatus.DECLINED
    invitation.responded_at = utcnow()
    log_access(actor, invitation.draw.process, "erase_response", _invitation_subject(invitation), 1)
    db.session.flush()
    return invitation


def _on_a_panel(invitation):
    from .models import PanelMember

    return db.session.scalar(sa.select(PanelMember.id).where(PanelMember.invitation_id == invitation.id)) is not None


@dataclass
class InvitationQuery:
    status: str = ""
    q: str = ""
    page: int = 1
    per_page: int = 50


def invitations(actor, draw, query):
    """Staff list of a draw's letters with names and answers (logged)."""
    require_staff(actor, draw.process)
    select = sa.select(Invitation, RegisterPerson, Response).outerjoin(
        RegisterPerson, Invitation.person_id == RegisterPerson.id).outerjoin(
        Response, Response.invitation_id == Invitation.id).where(Invitation.draw_id == draw.id)
    if query.status in {s.value for s in InvitationStatus}:
        select = select.where(Invitation.status == query.status)
    text = as_text(query.q, max_length=80)
    if text:
        code = codes.normalize_code(text)
        like = f"%{text.lower()}%"
        conditions = [sa.func.lower(RegisterPerson.family_name).like(like), RegisterPerson.person_id == text,
                      sa.func.lower(Response.family_name).like(like)]
        if code:
            conditions.append(Invitation.code == code)
        select = select.where(sa.or_(*conditions))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(select.subquery()))
    page = as_page(query.page, last=100_000)
    rows = db.session.execute(select.order_by(Invitation.position)
                              .offset((page - 1) * query.per_page).limit(query.per_page)).all()
    log_access(actor, draw.process, "view_invitations", _draw_subject(draw), len(rows))
    return rows, total


def response_counts(draw):
    counts = dict(db.session.execute(sa.select(Invitation.status, sa.func.count()).where(Invitation.draw_id == draw.id)
                                     .group_by(Invitation.status)).all())
    return {status: counts.get(status, 0) for status in InvitationStatus}


def get_invitation(actor, process, invitation_id):
    require_staff(actor, process)
    invitation = db.session.get(Invitation, as_id(invitation_id) or 0)
    if invitation is None or invitation.draw.process_id != process.id:
        raise NotFound(_l("This letter does not exist."))
    log_access(actor, process, "view_invitation", _invitation_subject(invitation), 1)
    return invitation


def _draw_subject(draw):
    return gettext("Draw %(number)s", number=draw.number)


def _invitation_subject(invitation):
    return gettext("Invitation %(number)s", number=invitation.id)


# --- the purge ---------------------------------------------------------------------------------

def _delete_letter_files(extract):
    """The print-shop PDFs hold every invitee's name and address: they go with the register rows."""
    draws = sa.select(Draw.id).where(Draw.extract_id == extract.id)
    return db.session.execute(sa.delete(LotteryFile).where(LotteryFile.draw_id.in_(draws))).rowcount or 0


def purge(*, today=None, process=None, now=None):
    """Delete personal data as soon as it is no longer needed. Two steps per extract:

    1. once every letter is out and every answer deadline has passed: the register rows of everyone
       who did not accept, and the letter PDFs;
    2. at the extract's deletion date: every remaining row and every answer to its letters.

    What verification needs stays: the fingerprint and each invitation's register id and HMAC value
    (and the household pseudonym). Returns [(extract, rows deleted)]. Also drops old staged uploads.
    """
    today, now = today or local_today(), now or utcnow()
    _drop_stale_uploads(now)
    query = sa.select(RegisterExtract).where(RegisterExtract.purged_at.is_(None))
    if process is not None:
        query = query.where(RegisterExtract.process_id == process.id)
    done = []
    for extract in db.session.scalars(query).all():
        draws = db.session.scalars(sa.select(Draw).where(Draw.extract_id == extract.id)).all()
        invitations = sa.select(Invitation.id).join(Draw).where(Draw.extract_id == extract.id)
        if extract.retention_until <= today:
            removed = db.session.execute(sa.delete(RegisterPerson).where(
                RegisterPerson.extract_id == extract.id)).rowcount or 0
            answers = db.session.execute(sa.delete(Response).where(Response.invitation_id.in_(invitations))).rowcount
            _delete_letter_files(extract)
            extract.thinned_at = extract.thinned_at or now
            extract.purged_at = now
            subject = gettext("%(file)s: deletion date reached, %(count)s answers deleted", file=extract.filename,
                              count=answers or 0)
        elif extract.thinned_at is None and draws and all(
                d.is_drawn and d.letters_sent_at is not None and as_utc(d.response_deadline) <= now for d in draws):
            keep = sa.select(Invitation.person_id).where(Invitation.status == InvitationStatus.ACCEPTED,
                                                         Invitation.person_id.is_not(None))
            removed = db.session.execute(sa.delete(RegisterPerson).where(
                RegisterPerson.extract_id == extract.id, RegisterPerson.id.not_in(keep))).rowcount or 0
            _delete_letter_files(extract)
            extract.thinned_at = now
            subject = f"{extract.filename}: Briefe verschickt, Frist abgelaufen"
        else:
            continue
        extract.purged_rows = (extract.purged_rows or 0) + removed
        log_access(None, extract.process, "purge_register", subject, removed)
        done.append((extract, removed))
    db.session.flush()
    return done


def default_retention(process, today=None):
    return (today or local_today()) + timedelta(days=get_settings(process).retention_days)


def _local_day(moment):
    from flask_babel import to_user_timezone

    return to_user_timezone(as_utc(moment)).date()


def local_deadline(day, tz):
    """The end of a day in the process's time zone, as UTC."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=tz)


