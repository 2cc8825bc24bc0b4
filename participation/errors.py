"""Domain errors raised by services and turned into responses by routes, the API and sockets."""


class DomainError(Exception):
    """Base class: `message` is a lazily translated, user-facing sentence."""

    status_code = 400

    def __init__(self, message, *, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ValidationFailed(DomainError):
    status_code = 422

    def __init__(self, message, *, field=None, errors=None):
        super().__init__(message, field=field)
        self.errors = errors or ({field: [message]} if field else {})


class NotAllowed(DomainError):
    status_code = 403


class SignInRequired(NotAllowed):
    status_code = 401


class NotFound(DomainError):
    status_code = 404


class InvalidState(DomainError):
    status_code = 409


class PhaseClosed(InvalidState):
    """The action belongs to a phase of the process that is not running now."""


class Throttled(DomainError):
    status_code = 429

    def __init__(self, message, *, retry_after=None):
        super().__init__(message)
        self.retry_after = retry_after
