from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..database import unit_of_work
from ..errors import DomainError
from ..extensions import limiter
from ..security import personal_data
from ..web import apply_errors
from . import bp, services
from .forms import FORMS, FeedbackForm

TEMPLATES = {"imprint": "legal/imprint.html", "privacy": "legal/privacy.html",
             "accessibility": "legal/accessibility.html"}
PUBLIC = {"imprint": "legal.imprint", "privacy": "legal.privacy", "accessibility": "legal.accessibility"}


def _page_context(page, settings):
    context = {"settings": settings}
    if page == "privacy":
        context["sections"] = services.privacy_sections(current_app.config)
    if page == "accessibility":
        context["conformance"] = services.conformance_label(settings["conformance"])
        context["evaluated"] = services.evaluation_date_text(settings["evaluation_date"])
    return context


@bp.route("/impressum")
def imprint():
    return render_template(TEMPLATES["imprint"], **_page_context("imprint", services.get_settings()))


@bp.route("/datenschutz")
def privacy():
    return render_template(TEMPLATES["privacy"], **_page_context("privacy", services.get_settings()))


@bp.route("/barrierefreiheit", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def accessibility():
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.submit_feedback(form.name.data, form.email.data, form.page.data, form.message.data,
                                         config=current_app.config)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Thank you. Your message has been sent to the participation office."), "success")
            return redirect(url_for("legal.accessibility"))
    return render_template(TEMPLATES["accessibility"], form=form,
                           **_page_context("accessibility", services.get_settings()))


def _require_admin():
    if not current_user.admin_rights:  # an admin who has not passed the second factor is none yet
        abort(403)


@bp.route("/admin/legal/")
@login_required
def admin_index():
    _require_admin()
    return render_template("legal/admin_index.html", pages=PUBLIC)


@bp.route("/admin/legal/<any(imprint, privacy, accessibility):page>", methods=["GET", "POST"])
@login_required
def edit_page(page):
    """Edit one page's settings; "Preview" shows the page with the entries, "Save" stores them."""
    _require_admin()
    form_class = FORMS[page]
    settings = services.get_settings()
    form = form_class(data=settings) if request.method == "GET" else form_class()
    preview = None
    if form.validate_on_submit():
        values = {name: field.data for name, field in form._fields.items() if name in settings}
        try:
            if form.save.data:
                with unit_of_work():
                    services.save_settings(current_user._get_current_object(), page, values)
                flash(_("The page has been saved."), "success")
                return redirect(url_for(PUBLIC[page]))
            preview = _page_context(page, services.preview_settings(page, values))
        except DomainError as error:
            apply_errors(form, error)
    return render_template("legal/edit.html", form=form, page=page, preview=preview,
                           preview_template=TEMPLATES[page], public_endpoint=PUBLIC[page])


@bp.route("/admin/legal/feedback")
@login_required
@personal_data
def list_feedback():
    _require_admin()
    return render_template("legal/feedback.html", entries=services.list_feedback(current_user._get_current_object()))
