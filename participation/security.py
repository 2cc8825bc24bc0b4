"""Security headers on every response, and `Cache-Control: no-store` on every response that shows
personal data.

Personal data (register rows, invitations and answers, panels, conference participants and their
join links, the audit log, account settings, and the exports of those) must not stay in a browser's
or a proxy's cache. Which views show it is said in one way: `@personal_data` on a view, or
`personal_data_blueprint(bp)` for an area where almost everything is personal (the lottery), with
`@public_page` on its few public views. `init_security_headers` reads the mark of the view that
answered and sets the header; tests/test_cache_control.py walks the views and checks it.
"""
from flask import current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


NO_STORE = "no-store"


def personal_data(view):
    """Mark a view whose responses show personal data: they are never stored in a cache."""
    view.personal_data = True
    return view


def public_page(view):
    """Mark a view of a `personal_data_blueprint` that shows nothing personal (cacheable as usual)."""
    view.personal_data = False
    return view


def personal_data_blueprint(blueprint):
    """Every view of this blueprint shows personal data, unless marked `@public_page`."""
    blueprint.personal_data = True
    return blueprint


def shows_personal_data(app, endpoint):
    """Whether the view behind `endpoint` is marked as showing personal data (directly or by its blueprint)."""
    view = app.view_functions.get(endpoint) if endpoint else None
    if view is None:
        return False
    marked = getattr(view, "personal_data", None)
    if marked is not None:
        return bool(marked)
    blueprint = app.blueprints.get(endpoint.rpartition(".")[0]) if "." in endpoint else None
    return bool(getattr(blueprint, "personal_data", False))


def init_security_headers(app):
    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        if shows_personal_data(current_app, request.endpoint) and NO_STORE not in headers.get("Cache-Control", ""):
            headers["Cache-Control"] = NO_STORE
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
