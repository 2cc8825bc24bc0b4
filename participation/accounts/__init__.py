"""The admins' account page: find accounts and block or unblock them everywhere."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)

from . import routes  # noqa: E402,F401
