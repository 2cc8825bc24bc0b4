"""Imports every area's models, so that metadata and migrations see the whole schema."""
from .auth.models import ProcessRole, ProcessRoleKind, User  # noqa: F401
from .ideas.models import Comment, CommentStatus, Idea, IdeaStatus, Support  # noqa: F401
from .processes.models import District, ModerationMode, Process, Sector  # noqa: F401
