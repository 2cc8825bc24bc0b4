"""Staff pages for conferences and the participants' join pages (filled in below)."""
from . import bp  # noqa: F401
