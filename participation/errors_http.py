"""Turn errors into pages in the design, or JSON for the API."""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .errors import DomainError


def wants_json():
    return request.path.startswith("/api/") or (
        request.accept_mimetypes.best == "application/json"
    )


def json_error(status, message, **extra):
    payload = {"error": {"status": status, "message": str(message), **extra}}
    return jsonify(payload), status


def init_app(app):
    @app.errorhandler(DomainError)
    def domain_error(error):
        if wants_json():
            extra = {}
            if getattr(error, "errors", None):
                extra["fields"] = {k: [str(m) for m in v] for k, v in error.errors.items()}
            return json_error(error.status_code, error.message, **extra)
        return render_template("errors/error.html", status=error.status_code, message=error.message), error.status_code

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        message = _("The form has expired or was sent from elsewhere. Please reload the page and try again.")
        if wants_json():
            return json_error(400, message)
        return render_template("errors/error.html", status=400, message=message), 400

    @app.errorhandler(429)
    def too_many_requests(error):
        message = _("Too many requests in a short time. Please wait a moment and try again.")
        if wants_json():
            return json_error(429, message)
        return render_template("errors/error.html", status=429, message=message), 429

    @app.errorhandler(HTTPException)
    def http_error(error):
        messages = {
            400: _("The request could not be understood."),
            403: _("You are not allowed to do this."),
            404: _("This page does not exist (any more)."),
            405: _("This action is not possible here."),
            413: _("The upload is too large."),
        }
        message = messages.get(error.code, error.description)
        if wants_json():
            return json_error(error.code, message)
        return render_template("errors/error.html", status=error.code, message=message), error.code

    @app.errorhandler(500)
    def server_error(error):
        from .extensions import db

        db.session.rollback()
        message = _("Something went wrong on our side. The team has been told; please try again later.")
        if wants_json():
            return json_error(500, message)
        return render_template("errors/error.html", status=500, message=message), 500
