"""Checking a published lottery protocol.

This is what `flask lottery verify PROTOCOL.json [REGISTER.csv]` runs; anyone can run it.
- "invitation_draw" (stage one): needs the register extract it was drawn from. The protocol names
  the column mapping it was drawn with (`register_mapping`); without one, the mapping is suggested
  from the header as at import.
- "panel_lottery" (stage two): the protocol holds everything (pool, quotas, the 1,000 panels and
  the drawn number), so no other file is needed; a register given anyway is not read.
"""
import json

from . import draw as invitation_draw
from . import selection as panel_lottery
from .register_csv import household_key, read_register, sniff, suggest_mapping
from .texts import _, _l

SUPPORTED_KINDS = {"invitation_draw": invitation_draw, "panel_lottery": panel_lottery}
REGISTER_NOT_NEEDED = _l("Note: a panel lottery needs no register extract; the file given is not read.")


class VerificationError(ValueError):
    """The files cannot be checked at all (unreadable, unknown kind, register missing or with errors)."""


def read_protocol(protocol_bytes):
    """The protocol as a dict with a known "kind"; raises VerificationError."""
    try:
        protocol = json.loads(protocol_bytes.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise VerificationError(_("The protocol is not a readable JSON file: %(error)s", error=error)) from None
    if not isinstance(protocol, dict) or protocol.get("kind") not in SUPPORTED_KINDS:
        raise VerificationError(_("The protocol names no known kind of lottery (“kind”: %(kind)s).",
                                  kind=protocol.get("kind") if isinstance(protocol, dict) else "?"))
    return protocol


def verify_files(protocol_bytes, register_bytes=None, *, expected_hash=None):
    """Return the module's VerifyReport for a protocol (JSON bytes) and, for an invitation draw, the
    register extract (CSV bytes). `expected_hash` is the hash published before the draw: the
    parameters hash of an invitation draw or the lottery hash of a panel lottery."""
    protocol = read_protocol(protocol_bytes)
    kind = protocol["kind"]
    if kind == "panel_lottery":
        return panel_lottery.verify(protocol, expected_lottery_hash=expected_hash)
    if register_bytes is None:
        raise VerificationError(_(
            "An invitation draw needs the extract of the population register it was drawn from: "
            "flask lottery verify PROTOCOL.json REGISTER.csv"))
    mapping = protocol.get("register_mapping") or suggest_mapping(sniff(register_bytes).header)
    read = read_register(register_bytes, mapping)
    if not read.ok:
        listed = "\n".join(f"- {problem.message}" for problem in read.problems[:10])
        raise VerificationError(_("The register extract has %(count)s errors:\n%(errors)s",
                                  count=invitation_draw.number(read.problem_count), errors=listed))
    people = [dict(row, household=household_key(row)) for row in read.rows]
    return invitation_draw.verify(protocol, people, read.fingerprint, expected_parameters_hash=expected_hash)
