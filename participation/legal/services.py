"""The legal pages' rules: instance settings with German defaults, the privacy notice built from the
configuration, and the accessibility feedback (stored, then mailed to the staff after commit).

Public API: `FIELDS`, `PAGES`, `get_settings()`, `preview_settings(page, values)`,
`save_settings(actor, page, values)`, `privacy_sections(config, settings, today=)`,
`submit_feedback(name, email, page, message, config=)`, `list_feedback(actor)`.
No request, no flash: routes pass plain values and an explicit actor.
"""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..database import utcnow
from ..errors import NotAllowed, ValidationFailed
from ..extensions import db
from ..i18n import format_day
from ..tasks import after_commit, send_mail
from .models import AccessibilityFeedback, LegalSetting


@dataclass(frozen=True)
class Field:
    key: str
    page: str
    label: object
    default: object = ""
    max_length: int = 2000
    multiline: bool = True
    choices: tuple = ()


CONFORMANCE = (
    ("full", _l("fully compliant")),
    ("partial", _l("partially compliant")),
    ("none", _l("not compliant")),
)

FIELDS = (
    # Impressum (§ 5 DDG, § 18 MStV). The defaults are placeholders in the catalogue (German for German).
    Field("operator", "imprint", _l("Operator"), _l(
        "City administration of Musterstadt\nOffice for Climate Protection and Citizen Participation")),
    Field("address", "imprint", _l("Address"), _l("Rathausplatz 1\n12345 Musterstadt")),
    Field("contact", "imprint", _l("Contact"), _l("Phone: 01234 567-0\nE-mail: beteiligung@musterstadt.de")),
    Field("representative", "imprint", _l("Represented by"), _l("The Lord Mayor of the City of Musterstadt")),
    Field("content_responsible", "imprint", _l("Responsible for the content (§ 18 Abs. 2 MStV)"),
          _l("Head of the Office for Climate Protection and Citizen Participation, address as above")),
    Field("imprint_extra", "imprint", _l("Further information (VAT ID, supervisory body, ...)"), ""),
    # Datenschutzerklärung (Art. 13 DSGVO)
    Field("controller", "privacy", _l("Controller (Art. 4 Nr. 7 DSGVO)"),
          _l("City of Musterstadt, represented by the Lord Mayor, Rathausplatz 1, 12345 Musterstadt")),
    Field("dpo", "privacy", _l("Data-protection officer"),
          _l("Data-protection officer of the City of Musterstadt, Rathausplatz 1, 12345 Musterstadt,"
             " datenschutz@musterstadt.de")),
    Field("recipients", "privacy", _l("Recipients and processors"),
          _l("The municipal data centre runs the platform on behalf of the city (Art. 28 DSGVO). A print shop"
             " may be commissioned for the citizens' assembly letters. No data is transferred to third"
             " countries.")),
    Field("supervisory_authority", "privacy", _l("Supervisory authority"),
          _l("The State Commissioner for Data Protection and Freedom of Information (address and contact on"
             " their website)")),
    # Erklärung zur Barrierefreiheit (BITV 2.0 § 7, Anlage 2)
    Field("conformance", "accessibility", _l("Conformance status"), "partial", 20, False,
          tuple(key for key, _label in CONFORMANCE)),
    Field("limitations", "accessibility", _l("Known limitations"),
          _l("Older PDF documents (protocols, letters) are not yet fully accessible. The charts of the measure"
             " catalogue are also available as tables.")),
    Field("evaluation_date", "accessibility", _l("Date of the evaluation"), "2026-12-01", 10, False),
    Field("evaluation_method", "accessibility", _l("How the evaluation was made"),
          _l("Self-assessment: automatic testing of every page type with axe-core (WCAG 2.1, levels A and AA) in"
             " Chromium at 360 and 1280 pixels width, and manual testing of keyboard and screen-reader use.")),
    Field("feedback_address", "accessibility", _l("E-mail address for feedback (empty: all admins)"), "", 254, False),
    Field("enforcement", "accessibility", _l("Enforcement procedure"),
          _l("Conciliation body under § 16 BGG at the Federal Government Commissioner for Matters relating to"
             " Persons with Disabilities, Mauerstraße 53, 10117 Berlin, www.schlichtungsstelle-bgg.de,"
             " info@schlichtungsstelle-bgg.de. For bodies of the Länder and municipalities, the conciliation or"
             " enforcement body under the law of the Land is responsible.")),
)
PAGES = ("imprint", "privacy", "accessibility")


def clean_text(value, multiline=False):
    """Control characters out (newlines kept where the field has several lines); output escaping does the rest."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    keep = "\n\t" if multiline else ""
    return "".join(c for c in value if c.isprintable() or c in keep)


def fields_of(page):
    if page not in PAGES:
        raise ValidationFailed(_l("There is no such page."))
    return [f for f in FIELDS if f.page == page]


def get_settings():
    """Every setting: the stored value, else the German default (through the catalogue)."""
    stored = dict(db.session.execute(sa.select(LegalSetting.key, LegalSetting.value)).all())
    return {f.key: stored[f.key] if f.key in stored else str(f.default) for f in FIELDS}


def _validated(page, values):
    errors, clean = {}, {}
    for f in fields_of(page):
        raw = values.get(f.key)
        value = clean_text(raw if isinstance(raw, str) else "", multiline=f.multiline).strip()
        if len(value) > f.max_length:
            errors[f.key] = [_l("At most %(n)s characters.", n=f.max_length)]
        elif f.choices and value not in f.choices:
            errors[f.key] = [_l("Please choose one of the options.")]
        elif f.key == "evaluation_date" and value:
            try:
                date.fromisoformat(value)
            except ValueError:
                errors[f.key] = [_l("Please enter a date as YYYY-MM-DD.")]
        elif f.key == "feedback_address" and value and ("@" not in value or any(c.isspace() for c in value)):
            errors[f.key] = [_l("Please enter a valid e-mail address.")]
        clean[f.key] = value
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    return clean


def preview_settings(page, values):
    """The settings as they would be after saving `values` for `page` (nothing is stored)."""
    settings = get_settings()
    settings.update(_validated(page, values))
    return settings


def save_settings(actor, page, values):
    """Admins only: store the settings of one page."""
    if actor is None or not actor.is_authenticated or not actor.is_active or not actor.admin_rights:
        raise NotAllowed(_l("Only admins can do this."))
    clean = _validated(page, values)
    rows = {s.key: s for s in db.session.scalars(sa.select(LegalSetting).where(LegalSetting.key.in_(clean)))}
    for key, value in clean.items():
        row = rows.get(key) or LegalSetting(key=key)
        row.value = value
        db.session.add(row)
    db.session.flush()
    return clean


def conformance_label(value):
    return dict(CONFORMANCE).get(value, value)


def evaluation_date_text(value):
    try:
        return format_day(value)
    except (TypeError, ValueError):
        return value


# --- the privacy notice, from the real configuration -------------------------------------------

@dataclass
class Processing:
    title: str
    purpose: str
    legal_basis: str
    retention: str
    details: list


def register_extracts(today=None):
    """The register extracts not yet deleted: process, rows and their deletion date (no personal data)."""
    from ..lottery.models import RegisterExtract  # the lottery area is optional reading here
    from ..processes.models import Process

    return db.session.execute(
        sa.select(Process.title, RegisterExtract.row_count, RegisterExtract.retention_until, RegisterExtract.thinned_at)
        .join(Process, Process.id == RegisterExtract.process_id)
        .where(RegisterExtract.purged_at.is_(None)).order_by(RegisterExtract.retention_until)
    ).all()


def lottery_retention_days():
    from ..lottery.models import LotterySettings

    return sorted(set(db.session.scalars(sa.select(LotterySettings.retention_days)).all()))


def privacy_sections(config):
    """Each processing with purpose, legal basis and retention, taken from `config` and the database."""
    remember = config["REMEMBER_COOKIE_DURATION"].days
    extracts = [
        _("%(process)s: %(rows)s entries, deleted on %(date)s", process=title, rows=rows,
          date=format_day(until))
        for title, rows, until, _thinned in register_extracts()
    ]
    days = lottery_retention_days()
    mail = (_("Mail is handed to the mail server %(server)s.", server=config["MAIL_SERVER"])
            if config.get("MAIL_SERVER") else _("Mail is written to the server's outbox directory and sent from there."))
    return [
        Processing(
            _("User accounts and signing in"),
            _("Signing in, taking part, messages about your contributions, protection against misuse."),
            _("Art. 6 Abs. 1 lit. e DSGVO (public task: citizen participation), for the optional messages"
              " Art. 6 Abs. 1 lit. a DSGVO (consent)."),
            _("Until you delete your account. A session ends after %(hours)s hours, or after %(days)s days with"
              " “stay signed in”; a device remembered for the second factor after at most %(tfa)s days; a"
              " sign-in link is valid for %(minutes)s minutes.", hours=config["SESSION_HOURS"], days=remember,
              tfa=config["TWO_FACTOR_REMEMBER_DAYS"], minutes=config["SIGN_IN_LINK_MINUTES"]),
            [_("E-mail address (never shown publicly), the name you choose, language, password (only as a hash),"
               " signed-in devices, failed sign-in attempts.")],
        ),
        Processing(
            _("Ideas and comments"),
            _("Publishing residents' proposals and the discussion about them; moderation."),
            _("Art. 6 Abs. 1 lit. e DSGVO."),
            _("As long as the process is documented. When you delete your account, your contributions remain"
              " without your name."),
            [_("Text, chosen name, date; reports on contributions are seen by the moderation team only.")],
        ),
        Processing(
            _("Supports"),
            _("Counting how many residents support an idea."),
            _("Art. 6 Abs. 1 lit. e DSGVO."),
            _("Deleted with your account. Who supports an idea is not published; only the number is shown."),
            [],
        ),
        Processing(
            _("Citizen lottery: register extracts"),
            _("Drawing people at random from the residents' register and writing them an invitation."),
            _("§ 46 BMG (group extract from the register of residents) with Art. 6 Abs. 1 lit. e DSGVO."),
            (_("Rows of everyone who did not accept are deleted once every letter is out and the answer deadline"
               " has passed; every row at the extract's deletion date (set per process: %(days)s days).",
               days=", ".join(str(d) for d in days))
             if days else _("Rows of everyone who did not accept are deleted once every letter is out and the"
                            " answer deadline has passed; every row at the extract's deletion date.")),
            extracts or [_("No register extract is held at the moment.")],
        ),
        Processing(
            _("Citizen lottery: answers to the invitation"),
            _("Registering who takes part and selecting a panel that reflects the population."),
            _("Art. 6 Abs. 1 lit. a DSGVO (your consent on the answer page) and lit. e DSGVO."),
            _("Deleted together with the register extract at its deletion date. What the public verification"
              " needs stays: a pseudonymous number and a keyed hash, never a name."),
            [_("Contact details, the features asked for the quotas, your consent.")],
        ),
        Processing(
            _("Conference participants"),
            _("Seating people at tables, voting in rounds, the protocol."),
            _("Art. 6 Abs. 1 lit. e DSGVO."),
            _("Until the conference's staff delete the participant list; votes are stored without names."),
            [_("Name and table; staff views of participant lists are logged.")],
        ),
        Processing(
            _("E-mail"),
            _("Confirming addresses, sign-in links, messages you asked for, replies to feedback."),
            _("Art. 6 Abs. 1 lit. e DSGVO, for optional messages lit. a DSGVO."),
            _("The platform keeps no copy after sending."),
            [mail],
        ),
        Processing(
            _("Server logs"),
            _("Operating the service securely and finding faults and attacks."),
            _("Art. 6 Abs. 1 lit. e DSGVO with the duty to keep the systems secure (Art. 32 DSGVO)."),
            _("Access logs of the web server are deleted after %(days)s days.", days=config["SERVER_LOG_DAYS"]),
            [_("IP address, time, requested address, browser; cookies only where needed: the session, your"
               " language and protection against forged forms.")],
        ),
    ]


# --- accessibility feedback ---------------------------------------------------------------------

def submit_feedback(name, email, page, message, *, config, now=None):
    """Store a feedback message and mail it to the feedback address (or every admin) after commit."""
    from ..auth.models import User

    errors = {}
    name = clean_text(name or "").strip()
    email = clean_text(email or "").strip()
    page = clean_text(page or "").strip()
    message = clean_text(message or "", multiline=True).strip()
    if len(name) > 120:
        errors["name"] = [_l("At most %(n)s characters.", n=120)]
    if email and (len(email) > 254 or "@" not in email or any(c.isspace() for c in email)):
        errors["email"] = [_l("Please enter a valid e-mail address.")]
    if len(page) > 500:
        errors["page"] = [_l("At most %(n)s characters.", n=500)]
    if not 5 <= len(message) <= 5000:
        errors["message"] = [_l("Please describe the barrier in 5 to 5,000 characters.")]
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    feedback = AccessibilityFeedback(name=name, email=email, page=page, message=message, created_at=now or utcnow())
    db.session.add(feedback)
    db.session.flush()
    address = get_settings()["feedback_address"]
    recipients = [address] if address else db.session.scalars(
        sa.select(User.email).where(User.is_admin.is_(True), User.blocked_at.is_(None)).order_by(User.id)).all()
    text = _("A message about barriers on the platform (no. %(id)s):\n\nName: %(name)s\nE-mail: %(email)s\n"
             "Page: %(page)s\n\n%(message)s\n\nAll messages: %(url)s",
             id=feedback.id, name=name or "-", email=email or "-", page=page or "-", message=message,
             url=config["BASE_URL"] + "/admin/legal/feedback")
    for recipient in recipients:
        after_commit(send_mail, recipient, _("Accessibility feedback no. %(id)s", id=feedback.id), text)
    return feedback


def list_feedback(actor, limit=200):
    if actor is None or not actor.is_authenticated or not actor.is_active or not actor.admin_rights:
        raise NotAllowed(_l("Only admins can do this."))
    return db.session.scalars(sa.select(AccessibilityFeedback)
                              .order_by(AccessibilityFeedback.created_at.desc()).limit(limit)).all()
