"""Citizen lottery: register extracts, the verifiable invitation draw, letters with response codes,
responses, and the fair selection of the panel.

The pure modules (`draw`, `register_csv`, `synthetic`, `codes`, `letters`, `selection`,
`verification`) know neither Flask nor the database; `services` and `panels` hold the rules and
transactions; `routes` is the blueprint.
"""
from flask import Blueprint

from ..security import personal_data_blueprint

# Register data, answers and panels: every page is kept out of caches, but the public ones (@public_page).
bp = personal_data_blueprint(Blueprint("lottery", __name__))

from . import routes  # noqa: E402,F401
