from flask import Blueprint

bp = Blueprint("processes", __name__)

from . import routes  # noqa: E402,F401
