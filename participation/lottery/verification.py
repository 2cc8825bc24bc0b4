"""Checking a published lottery protocol against the register extract it was drawn from.

This is what `flask lottery verify PROTOCOL.json REGISTER.csv` runs; anyone with the extract
can run it. The protocol names the column mapping it was drawn with (`register_mapping`);
without one, the mapping is suggested from the header as at import.
"""
import json

from . import draw as invitation_draw
from .register_csv import household_key, read_register, sniff, suggest_mapping

SUPPORTED_KINDS = {"invitation_draw": invitation_draw}


class VerificationError(ValueError):
    """The files cannot be checked at all (unreadable, unknown kind, register with errors)."""


def verify_files(protocol_bytes, register_bytes):
    """Return the module's VerifyReport for a protocol (JSON bytes) and a register extract (CSV bytes)."""
    try:
        protocol = json.loads(protocol_bytes.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise VerificationError(f"Das Protokoll ist keine lesbare JSON-Datei: {error}") from None
    if not isinstance(protocol, dict) or protocol.get("kind") not in SUPPORTED_KINDS:
        raise VerificationError("Das Protokoll nennt keine bekannte Art von Auslosung "
                                f"(„kind“: {protocol.get('kind') if isinstance(protocol, dict) else '?'}).")
    mapping = protocol.get("register_mapping") or suggest_mapping(sniff(register_bytes).header)
    read = read_register(register_bytes, mapping)
    if not read.ok:
        listed = "\n".join(f"- {problem.message}" for problem in read.problems[:10])
        raise VerificationError(f"Der Melderegisterauszug enthält {read.problem_count} Fehler:\n{listed}")
    people = [dict(row, household=household_key(row)) for row in read.rows]
    return SUPPORTED_KINDS[protocol["kind"]].verify(protocol, people, read.fingerprint)
