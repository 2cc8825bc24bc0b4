"""Imports every area's models, so that metadata and migrations see the whole schema."""
from .auth.models import (  # noqa: F401
    ProcessRole,
    ProcessRoleKind,
    RecoveryCode,
    SignInEvent,
    SignInLink,
    TrustedDevice,
    User,
    UserSession,
)
from .catalogue.models import (  # noqa: F401
    IdeaMeasureLink,
    Measure,
    MeasureQuantity,
    MeasureRelation,
    MeasureRevision,
    MeasureScore,
    Milestone,
    PriorityCriterion,
)
from .conference.models import (  # noqa: F401
    Announcement,
    Ballot,
    Conference,
    ConferenceResult,
    Participant,
    Seating,
    TableItem,
    ThemeTable,
    VotingRound,
)
from .ideas.models import Comment, CommentStatus, Idea, IdeaStatus, Support  # noqa: F401
from .legal.models import AccessibilityFeedback, LegalSetting  # noqa: F401
from .lottery.models import (  # noqa: F401
    Draw,
    Invitation,
    LotteryAccess,
    LotteryFile,
    LotterySettings,
    Panel,
    PanelMember,
    RegisterExtract,
    RegisterPerson,
    RegisterUpload,
    Response,
    SelectionRun,
)
from .moderation.models import (  # noqa: F401
    AuditEntry,
    IdeaSimilarity,
    ModerationDecision,
    ProcessBlock,
    ReasonTemplate,
    Report,
)
from .processes.models import District, ModerationMode, Process, Sector  # noqa: F401
