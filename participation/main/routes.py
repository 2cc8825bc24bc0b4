from flask import Response, redirect, render_template, request, session, url_for
from flask_login import current_user

from ..auth.forms import EmptyForm
from ..database import unit_of_work
from ..processes.services import list_public_processes
from ..web import safe_next
from . import bp


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
    return render_template("main/privacy.html")


@bp.route("/healthz")
def healthz():
    """A trivial route: load balancers poll it, and the benchmark uses it as the framework's floor."""
    return Response("ok", mimetype="text/plain")
