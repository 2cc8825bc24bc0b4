"""The access log of personal data: who read or exported which personal data of a process, when,
and how many rows. One log for every area, shown to the process's staff on one page (the
lottery's "Zugriffsprotokoll"): register data, invitations and answers, panels, and the people of
conferences (a panel's members are copied into them), their join cards, and the audit log export.

- `log_access(actor, process, action, subject, row_count)` appends an entry in the caller's
  transaction (flushed, committed with the read it records; a read that fails leaves none).
- `action_label(action)` is the readable (translated) name of an action for the page and exports;
  tests/test_log_labels.py fails on an action written anywhere without a label in `ACTION_LABELS`.

The entries are `LotteryAccess` rows (table lottery_access_log; the name is older than the other
areas' use of it). Append-only; `flask lottery purge` leaves them.
"""
from flask_babel import lazy_gettext as _l

from .extensions import db

ACTION_LABELS = {
    # Citizen lottery: register, draws, letters, answers
    "preview_register": _l("Register extract checked before import"),
    "import_register": _l("Register extract imported"),
    "confirm_register_warnings": _l("Warnings on a register extract confirmed at import"),
    "delete_register": _l("Register extract deleted"),
    "purge_register": _l("Register extract deleted after the retention period"),
    "count_register": _l("Register counted for proposed shares"),
    "export_protocol": _l("Draw protocol with names exported"),
    "make_letters": _l("Invitation letters produced"),
    "download_letters": _l("Invitation letters downloaded"),
    "export_mail_merge": _l("Mail-merge file exported"),
    "view_invitations": _l("List of invitations viewed"),
    "view_invitation": _l("Invitation and answer viewed"),
    "enter_response": _l("Answer entered"),
    "erase_response": _l("Answer erased"),
    # Citizen lottery: panels
    "start_selection": _l("Selection run started with the pool"),
    "view_panel": _l("Panel members viewed"),
    "export_panel": _l("Panel members exported"),
    "replace_member": _l("Panel member replaced"),
    "annul_panel": _l("Panel annulled"),
    "hand_over_panel": _l("Panel handed over to a conference"),
    # Conferences and the audit log
    "view_participants": _l("Conference participants viewed (names, e-mail addresses, join links)"),
    "view_join_qr": _l("QR code of a join link viewed"),
    "join_cards": _l("Join cards printed (PDF)"),
    "export_audit": _l("Audit log exported (CSV or Excel)"),
}


def action_label(action):
    """The readable name of an access-log action; an unknown one shows as it is stored."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def log_access(actor, process, action, subject="", row_count=0):
    """Append a line to the access log; written in the same transaction as the read it records."""
    from .lottery.models import LotteryAccess

    db.session.add(LotteryAccess(
        process_id=process.id if process is not None else None,
        user_id=getattr(actor, "id", None),
        user_name=(getattr(actor, "display_name", None) or "system")[:120],
        action=action[:40], subject=str(subject)[:300], row_count=row_count or 0,
    ))
    db.session.flush()
