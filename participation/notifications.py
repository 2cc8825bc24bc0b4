"""Mails to people about what happened to their account or contributions.

Rendered in the recipient's language and queued after the transaction commits, so a
rolled-back action sends nothing.
"""
from flask import current_app, render_template
from flask_babel import force_locale

from .tasks import after_commit, send_mail

# Kinds of notification a person can switch off in the account settings (User.notify_<kind>).
OPTIONAL_KINDS = ("published", "rejected", "edit_requested", "merged", "adopted")


def send(recipient, template, subject, *, kind=None, locale=None, **context):
    """Mail `recipient` (a User or an address) the text of templates/mail/<template>.txt.

    With `kind`, a user who switched that kind off, or whose account is blocked, gets nothing.
    Returns whether a mail was queued.
    """
    if recipient is None:
        return False
    if kind is not None:
        if kind not in OPTIONAL_KINDS:
            raise ValueError(f"unknown notification kind {kind!r}")
        if not getattr(recipient, f"notify_{kind}", True) or getattr(recipient, "blocked_at", None):
            return False
    address = getattr(recipient, "email", recipient)
    locale = locale or getattr(recipient, "locale", None) or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        text = render_template(f"mail/{template}.txt", recipient=recipient, **context)
        subject = str(subject)
    after_commit(send_mail, address, subject, text)
    return True
