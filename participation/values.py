"""Turning user input into numbers the database can hold."""

_MAX_ID = 2**63 - 1


def as_id(value):
    """A positive 64-bit integer from a form or JSON value, or None for anything else.

    Unlike int() it never raises, and never lets a number through that the database would
    refuse (SQLite and PostgreSQL both overflow beyond 2**63 - 1).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdecimal():  # isdigit() lets "²" through to int()
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= _MAX_ID else None
