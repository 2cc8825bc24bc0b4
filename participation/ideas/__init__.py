from flask import Blueprint

bp = Blueprint("ideas", __name__)

from . import routes  # noqa: E402,F401
