from flask import jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from ..auth.forms import EmptyForm
from ..database import unit_of_work
from ..extensions import limiter
from ..processes.services import list_public_processes
from ..web import safe_next
from . import bp
from .health import check_health


@bp.route("/")
def index():
    return render_template("main/index.html", processes=list_public_processes())


@bp.route("/language", methods=["POST"])
def set_language():
    from flask import current_app

    locale = request.form.get("locale")
    if EmptyForm().validate_on_submit() and locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated and current_user.locale != locale:
            with unit_of_work():
                current_user.locale = locale
    return redirect(safe_next(url_for("main.index")))


@bp.route("/privacy")
def privacy():
    """The old address of the privacy notice, which now lives with the other legal pages."""
    return redirect(url_for("legal.privacy"), 301)


@bp.route("/healthz")
@limiter.exempt
def healthz():
    """For monitoring and load balancers: 200 when the database and every configured Redis answer,
    503 naming the part that did not. Exempt from rate limits; nothing but the parts' states."""
    from flask import current_app

    report = check_health(current_app)
    response = jsonify(report)
    response.status_code = 200 if report["status"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
