"""Small helpers that every blueprint's routes share."""
from urllib.parse import urljoin, urlparse

from flask import flash, request
from flask_login import current_user

from .database import unit_of_work
from .errors import DomainError, ValidationFailed


def apply_errors(form, error):
    """Show a service's ValidationFailed on the form's fields; fields it does not know go to a flash."""
    placed = False
    for name, messages in (getattr(error, "errors", None) or {}).items():
        field = getattr(form, name, None) if name else None
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors or []) + [str(m) for m in messages]
            placed = True
        else:
            for message in messages:
                flash(str(message), "error")
                placed = True
    if not placed:
        flash(str(error.message), "error")


def flash_form_errors(form):
    """Every validation message of a form as a flash (for forms that redirect instead of re-rendering)."""
    for messages in form.errors.values():
        for message in messages:
            flash(str(message), "error")


def flash_domain_error(error):
    if isinstance(error, ValidationFailed) and error.errors:
        for messages in error.errors.values():
            for message in messages:
                flash(str(message), "error")
    else:
        flash(str(error.message), "error")


def safe_next(default):
    """The `next` target when it stays on this site, else `default`."""
    target = request.values.get("next") or ""
    if not target:
        return default
    host = urlparse(request.host_url)
    resolved = urlparse(urljoin(request.host_url, target))
    if resolved.scheme in ("http", "https") and resolved.netloc == host.netloc and target.startswith("/") \
            and not target.startswith("//"):
        return target
    return default


def actor():
    """The signed-in user, or None; services take this explicitly."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def attempt(action, success=None):
    """Run `action()` as one transaction; flash its domain error, or `success`. Returns whether it worked."""
    try:
        with unit_of_work():
            action()
    except DomainError as error:
        flash_domain_error(error)
        return False
    if success:
        flash(str(success), "success")
    return True
