"""Absolute links for mails and letters, built from BASE_URL rather than the request's Host header."""
from flask import current_app


def external_url(endpoint, **values):
    base = current_app.config["BASE_URL"].rstrip("/")
    adapter = current_app.url_map.bind("localhost", url_scheme="http")
    return base + adapter.build(endpoint, values, force_external=False)
