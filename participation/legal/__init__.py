"""The legal and trust pages: Impressum, privacy notice, accessibility statement with its feedback form."""
from flask import Blueprint

bp = Blueprint("legal", __name__)

from . import routes  # noqa: E402,F401
