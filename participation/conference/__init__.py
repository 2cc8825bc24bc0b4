"""Live digital conferences: theme tables, join links, voting rounds, results for the catalogue.

Staff pages live under the blueprint's prefix (/processes/<slug>/conferences/...); the
participants' pages are short links at the site root (/k/<token>..., /konferenz), short enough
to type from a printed card."""
from flask import Blueprint
from flask.sansio.blueprints import BlueprintSetupState

ROOT_RULES = ("/k/", "/konferenz")


class _SetupState(BlueprintSetupState):
    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        if not rule.startswith(ROOT_RULES):
            return super().add_url_rule(rule, endpoint, view_func, **options)
        prefix, self.url_prefix = self.url_prefix, None
        try:
            return super().add_url_rule(rule, endpoint, view_func, **options)
        finally:
            self.url_prefix = prefix


class ConferenceBlueprint(Blueprint):
    """A blueprint whose participant pages (ROOT_RULES) ignore the url_prefix."""

    def make_setup_state(self, app, options, first_registration=False):
        return _SetupState(self, app, options, first_registration)


bp = ConferenceBlueprint("conference", __name__)

# routes: set-up, results and the join pages; live_routes: live page, moderator console, projector views
from . import live_routes, routes  # noqa: E402,F401
