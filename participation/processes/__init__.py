from flask import Blueprint, request
from flask_login import current_user

bp = Blueprint("processes", __name__)


@bp.app_template_global("process_navigation")
def _process_navigation(process):
    """The navigation of `process` for the current user, its current page taken from the request's endpoint."""
    from .navigation import process_navigation

    return process_navigation(process, current_user, request.endpoint)


from . import routes  # noqa: E402,F401
