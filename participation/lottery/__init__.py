"""Citizen lottery: register extracts, the verifiable invitation draw, letters with response codes,
responses, and the fair selection of the panel.

The pure modules (`draw`, `register_csv`, `synthetic`, `codes`, `letters`, `selection`,
`verification`) know neither Flask nor the database; `services` and `panels` hold the rules and
transactions; `routes` is the blueprint.
"""
from flask import Blueprint

bp = Blueprint("lottery", __name__)

from . import routes  # noqa: E402,F401
