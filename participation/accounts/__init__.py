"""The admins' account page: find accounts and block or unblock them everywhere."""
from flask import Blueprint

from ..security import personal_data_blueprint

bp = personal_data_blueprint(Blueprint("accounts", __name__))  # names and e-mail addresses

from . import routes  # noqa: E402,F401
