"""Blocking an account everywhere is for admins only; this is their place for it."""
from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import EmptyForm
from ..auth.models import User
from ..extensions import db
from ..moderation import services
from ..moderation.forms import BlockForm
from ..values import as_text
from ..web import attempt, flash_form_errors
from . import bp


def _require_admin():
    if not current_user.admin_rights:  # an admin who has not passed the second factor is none yet
        abort(403)


@bp.route("/")
@login_required
def list_accounts():
    _require_admin()
    q = as_text(request.args.get("q"), max_length=120)
    found, blocked = services.find_accounts(current_user, q)
    return render_template("accounts/list.html", q=q, found=found, blocked=blocked,
                           entries=services.account_audit(current_user), block_form=BlockForm(),
                           unblock_form=EmptyForm(), shown=services.ACCOUNTS_SHOWN)


def _back():
    q = request.form.get("q", "")
    return url_for("accounts.list_accounts", q=q[:120] or None)


@bp.route("/<int:user_id>/block", methods=["POST"])
@login_required
def block_account(user_id):
    _require_admin()
    user = db.session.get(User, user_id) or abort(404)
    form = BlockForm()
    if form.validate_on_submit():
        attempt(lambda: services.set_blocked(current_user._get_current_object(), user, True, form.reason.data),
                _("The account of %(name)s is blocked everywhere.", name=user.display_name))
    else:
        flash_form_errors(form)
    return redirect(_back())


@bp.route("/<int:user_id>/unblock", methods=["POST"])
@login_required
def unblock_account(user_id):
    _require_admin()
    user = db.session.get(User, user_id) or abort(404)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.set_blocked(current_user._get_current_object(), user, False),
                _("The account of %(name)s is unblocked.", name=user.display_name))
    return redirect(_back())
