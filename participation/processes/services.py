"""Processes: set-up by staff, sectors (Handlungsfelder) and districts, the public list."""
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..auth.models import ProcessRole, ProcessRoleKind
from ..errors import NotAllowed, NotFound, ValidationFailed
from ..extensions import db
from ..i18n import instance_locale
from ..markup import render_markdown
from .models import DEFAULT_SECTORS, District, ModerationMode, Phase, Process, Sector

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTOR_CODE_RE = re.compile(r"^[A-ZÄÖÜ]{2,8}$")
RESERVED_SLUGS = {"new", "neu", "manage", "admin", "api", "static"}


@dataclass
class ProcessData:
    """What staff enter for a process; the form and the API both fill one."""

    title: str
    slug: str
    municipality: str
    description: str = ""
    idea_collection_opens_at: object = None
    idea_collection_closes_at: object = None
    is_public: bool = False
    moderation_mode: str = ModerationMode.PRE.value
    contact_person: str = ""


def get_process(slug, *, public_only=True, viewer=None):
    process = db.session.scalar(sa.select(Process).where(Process.slug == slug))
    if process is None:
        raise NotFound(_l("This process does not exist."))
    if public_only and not process.is_public:
        if viewer is None or not viewer.is_authenticated or not viewer.can_moderate(process):
            raise NotFound(_l("This process does not exist."))
    return process


def list_public_processes(now=None):
    """Public processes, those open for ideas first, then upcoming, then finished."""
    processes = db.session.scalars(
        sa.select(Process).where(Process.is_public.is_(True)).order_by(Process.created_at.desc())
    ).all()
    rank = {Phase.OPEN: 0, Phase.UPCOMING: 1, Phase.CLOSED: 2}
    return sorted(processes, key=lambda p: rank[p.idea_phase(now)])


def processes_managed_by(user):
    if user.admin_rights:
        return db.session.scalars(sa.select(Process).order_by(Process.title)).all()
    return db.session.scalars(
        sa.select(Process).join(ProcessRole).where(ProcessRole.user_id == user.id).distinct()
        .order_by(Process.title)
    ).all()


def _validate(data, process=None):
    errors = {}
    title = (data.title or "").strip()
    if not 3 <= len(title) <= 160:
        errors["title"] = [_l("The title must have 3 to 160 characters.")]
    slug = (data.slug or "").strip().lower()
    if not (2 <= len(slug) <= 60 and SLUG_RE.match(slug)) or slug in RESERVED_SLUGS:
        errors["slug"] = [_l("Use 2 to 60 lower-case letters, digits and hyphens, e.g. jena-2035.")]
    else:
        clash = db.session.scalar(sa.select(Process.id).where(Process.slug == slug))
        if clash is not None and (process is None or clash != process.id):
            errors["slug"] = [_l("Another process already uses this address.")]
    municipality = (data.municipality or "").strip()
    if not 2 <= len(municipality) <= 120:
        errors["municipality"] = [_l("Please name the municipality (2 to 120 characters).")]
    if len(data.description or "") > 20000:
        errors["description"] = [_l("The description may have at most 20,000 characters.")]
    if len(data.contact_person or "") > 1000:
        errors["contact_person"] = [_l("The contact person may have at most 1,000 characters.")]
    opens, closes = data.idea_collection_opens_at, data.idea_collection_closes_at
    if opens and closes and closes <= opens:
        errors["idea_collection_closes_at"] = [_l("The idea collection must close after it opens.")]
    try:
        mode = ModerationMode(data.moderation_mode)
    except ValueError:
        errors["moderation_mode"] = [_l("Unknown moderation mode.")]
        mode = None
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    return title, slug, municipality, mode


def _apply(process, data, title, slug, municipality, mode):
    process.title = title
    process.slug = slug
    process.municipality = municipality
    process.description = data.description or ""
    process.description_html = render_markdown(process.description)
    process.contact_person = (data.contact_person or "").strip()
    process.idea_collection_opens_at = data.idea_collection_opens_at
    process.idea_collection_closes_at = data.idea_collection_closes_at
    process.is_public = bool(data.is_public)
    process.moderation_mode = mode


def create_process(actor, data, *, sectors=DEFAULT_SECTORS, districts=()):
    """Create a process with the default sectors; its creator becomes its staff."""
    if not actor.can_create_processes:
        raise NotAllowed(_l("Only admins and staff can create processes."))
    fields = _validate(data)
    process = Process()
    _apply(process, data, *fields)
    with instance_locale():  # the default names in the instance's language, not the creator's
        process.sectors = [Sector(code=code, name=str(name), position=i) for i, (code, name) in enumerate(sectors)]
    process.districts = [District(name=name, position=i) for i, name in enumerate(districts)]
    db.session.add(process)
    db.session.flush()
    db.session.add(ProcessRole(user_id=actor.id, process_id=process.id, role=ProcessRoleKind.STAFF,
                               granted_by_id=actor.id))
    db.session.flush()
    return process


def update_process(actor, process, data):
    if not actor.can_manage(process):
        raise NotAllowed(_l("Only staff of this process can change it."))
    fields = _validate(data, process)
    _apply(process, data, *fields)
    db.session.flush()
    return process


# --- sectors and districts, edited as one line each -------------------------------

def parse_sector_lines(text):
    """'MOB | Mobilität' per line -> [(code, name)]; raises with every bad line named."""
    entries, problems, seen_codes, seen_names = [], [], set(), set()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        code, sep, name = (part.strip() for part in line.partition("|"))
        code = code.upper()
        if sep and SECTOR_CODE_RE.match(code) and len(name) > 80:
            problems.append(_l("Line %(n)d: a sector name may have at most 80 characters.", n=number))
        elif not sep or not SECTOR_CODE_RE.match(code) or not 2 <= len(name) <= 80:
            problems.append(_l("Line %(n)d: write 'CODE | Name', the code with 2 to 8 capital letters.", n=number))
        elif code in seen_codes or name.lower() in seen_names:
            problems.append(_l("Line %(n)d: this code or name appears twice.", n=number))
        else:
            seen_codes.add(code)
            seen_names.add(name.lower())
            entries.append((code, name))
    if not entries and not problems:
        problems.append(_l("A process needs at least one sector."))
    if problems:
        raise ValidationFailed(problems[0], errors={"sectors": problems})
    return entries


def parse_district_lines(text):
    entries, problems, seen = [], [], set()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        name = raw.strip()
        if not name:
            continue
        if len(name) > 80:
            problems.append(_l("Line %(n)d: a district name may have at most 80 characters.", n=number))
        elif name.lower() in seen:
            problems.append(_l("Line %(n)d: this district appears twice.", n=number))
        else:
            seen.add(name.lower())
            entries.append(name)
    if problems:
        raise ValidationFailed(problems[0], errors={"districts": problems})
    return entries


def _replace_entries(actor, process, collection, entries, *, item_key, entry_key, create, update, idea_column,
                     message, field):
    """Replace a process's sectors or districts by `entries`, matched by `key`.

    Entries that disappear are removed unless ideas use them; then nothing changes at all.
    """
    if not actor.can_manage(process):
        raise NotAllowed(_l("Only staff of this process can change it."))
    existing = {item_key(item): item for item in collection}
    wanted = {entry_key(entry) for entry in entries}
    removed = [item for k, item in existing.items() if k not in wanted]
    in_use = set()
    if removed:
        in_use = set(db.session.scalars(
            sa.select(idea_column).where(idea_column.in_([item.id for item in removed])).distinct()
        ))
    if in_use:
        names = ", ".join(item.name for item in removed if item.id in in_use)
        text = message(names)
        raise ValidationFailed(text, errors={field: [text]})
    for item in removed:
        collection.remove(item)
    db.session.flush()  # free the names of removed entries before reusing them
    for position, entry in enumerate(entries):
        item = existing.get(entry_key(entry))
        if item is None:
            collection.append(create(entry, position))
        else:
            update(item, entry, position)
    db.session.flush()
    return collection


def set_sectors(actor, process, text):
    """Replace the sector list. Codes identify sectors; a sector with ideas cannot be removed."""
    from ..ideas.models import Idea

    def update(sector, entry, position):
        sector.name, sector.position = entry[1], position

    return _replace_entries(
        actor, process, process.sectors, parse_sector_lines(text),
        item_key=lambda sector: sector.code, entry_key=lambda entry: entry[0],
        create=lambda entry, position: Sector(code=entry[0], name=entry[1], position=position), update=update,
        idea_column=Idea.sector_id, field="sectors",
        message=lambda names: _l("These sectors still have ideas and cannot be removed: %(names)s", names=names),
    )


def set_districts(actor, process, text):
    """Replace the district list, matched by name; a district with ideas cannot be removed."""
    from ..ideas.models import Idea

    def update(district, name, position):
        district.name, district.position = name, position

    return _replace_entries(
        actor, process, process.districts, parse_district_lines(text),
        item_key=lambda district: district.name.lower(), entry_key=lambda name: name.lower(),
        create=lambda name, position: District(name=name, position=position), update=update,
        idea_column=Idea.district_id, field="districts",
        message=lambda names: _l("These districts still have ideas and cannot be removed: %(names)s", names=names),
    )
