"""JSON API, version 1: the same services as the pages, the same session and CSRF token."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..database import unit_of_work
from ..errors import SignInRequired, ValidationFailed
from ..extensions import limiter
from ..ideas import services as idea_services
from ..ideas.routes import idea_page
from ..processes.services import get_process, list_public_processes
from ..web import actor
from . import bp


def _idea_json(idea, supported=None, full=False):
    data = {
        "id": idea.id,
        "title": idea.title,
        "status": idea.status.value,
        "status_label": str(idea.status.label),
        "sector": {"id": idea.sector.id, "code": idea.sector.code, "name": idea.sector.name},
        "district": {"id": idea.district.id, "name": idea.district.name} if idea.district else None,
        "author": idea.author.display_name if idea.author else None,
        "support_count": idea.support_count,
        "comment_count": idea.comment_count,
        "created_at": idea.created_at.isoformat(),
        "url": url_for("ideas.show_idea", slug=idea.process.slug, idea_id=idea.id, _external=True),
    }
    if supported is not None:
        data["supported"] = supported
    if idea.rejection_reason and idea.status.value == "rejected":
        data["rejection_reason"] = idea.rejection_reason
    if full:
        data["body_html"] = str(idea.body_html)
        data["merged_into"] = idea.merged_into_id
    return data


def _require_login():
    if not current_user.is_authenticated:
        raise SignInRequired(_("Please sign in to take part."))


def _process_json(process):
    """A process as the API shows it; `contact_person` is the plain text of the process page's contact
    (lines separated by newlines; empty when the process names none)."""
    return {"slug": process.slug, "title": process.title, "municipality": process.municipality,
            "idea_phase": process.idea_phase().value,
            "contact_person": process.contact_person or "",
            "url": url_for("processes.show_process", slug=process.slug, _external=True),
            "sectors": [{"id": s.id, "code": s.code, "name": s.name} for s in process.sectors],
            "districts": [{"id": d.id, "name": d.name} for d in process.districts]}


@bp.get("/processes")
def list_processes():
    return jsonify({"processes": [_process_json(p) for p in list_public_processes()]})


@bp.get("/processes/<slug>/ideas")
def list_ideas(slug):
    query, page = idea_page(get_process(slug, viewer=actor()))

    def with_match(data):
        # A search says why each idea matched: escaped HTML with the matched words in <mark>.
        if data["id"] in page.snippets:
            title, passage = page.snippets[data["id"]]
            data["match"] = {"title_html": str(title), "passage_html": str(passage)}
        return data

    return jsonify({
        "ideas": [with_match(_idea_json(i, i.id in page.supported if actor() else None)) for i in page.items],
        "page": page.page, "pages": page.pages, "total": page.total, "sort": query.sort,
    })


@bp.post("/processes/<slug>/ideas")
@limiter.limit("10 per hour")
def create_idea(slug):
    _require_login()
    process = get_process(slug, viewer=actor())
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed(_("Send a JSON object."))
    with unit_of_work():
        idea = idea_services.submit_idea(actor(), process, data.get("title"), data.get("body"),
                                         data.get("sector_id"), data.get("district_id"))
    return jsonify(_idea_json(idea, full=True)), 201


@bp.get("/ideas/<int:idea_id>")
def show_idea(idea_id):
    idea = idea_services.get_idea(idea_id, viewer=actor())
    supported = idea.id in idea_services.supported_ids(actor(), [idea.id]) if actor() else None
    return jsonify(_idea_json(idea, supported, full=True))


@bp.route("/ideas/<int:idea_id>/support", methods=["POST", "DELETE"])
@limiter.limit("120 per minute")
def support(idea_id):
    _require_login()
    idea = idea_services.get_idea(idea_id, viewer=actor())
    change = idea_services.support_idea if request.method == "POST" else idea_services.withdraw_support
    with unit_of_work():
        changed, count = change(actor(), idea)
    return jsonify({"idea": idea.id, "supported": request.method == "POST", "changed": changed,
                    "support_count": count})
