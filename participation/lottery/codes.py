"""Personal response codes of the citizen lottery, printed on each invitation letter.

A pure module (standard library only). A code is `CODE_LENGTH` symbols from `ALPHABET`, drawn
with `secrets` (the operating system's cryptographic random source): it is not derived from the
register or the draw in any way, so knowing someone's register entry does not reveal their code.

The alphabet: the digits 0-9 and the capital letters without the look-alikes of a digit or of
each other: no O (0), I and L (1), Z (2), S (5), B (8), U (V), and no Q (O/0). That leaves 28
symbols, log2(28) = 4.807 bits each; 10 symbols give 48.07 bits (`CODE_BITS`): among 10,000
letters, someone guessing a code hits one with a chance of 1 in 28 billion per try.

Printed as `format_code(code)`: groups of four, "K7MX-P3QR-T9". `normalize_code(text)` reads
what a person typed: case does not matter, spaces, hyphens and dots are dropped, and the letters
left out of the alphabet are read as the digit they look like (O -> 0, I/L -> 1, Z -> 2,
S -> 5, B -> 8) or as V (U), so a misread code still works.
"""
import math
import re
import secrets

__all__ = [
    "ALPHABET",
    "CODE_BITS",
    "CODE_LENGTH",
    "CONFUSIONS",
    "GROUP",
    "format_code",
    "new_code",
    "new_unique_codes",
    "normalize_code",
]

ALPHABET = "0123456789ACDEFGHJKMNPRTVWXY"
CODE_LENGTH = 10
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))  # 48.07
GROUP = 4  # symbols per printed group

# What a person may type for a symbol of the alphabet.
CONFUSIONS = {"O": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "B": "8", "U": "V"}

_TRANSLATION = str.maketrans(CONFUSIONS)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.·/]+")  # spaces, hyphens and dashes, underscore, dots, slash
_VALID = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")


def new_code():
    """A new random code: `CODE_LENGTH` symbols of `ALPHABET` (unformatted)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_unique_codes(count, taken=frozenset()):
    """`count` new codes, different from each other and from every code in `taken`."""
    if count < 0:
        raise ValueError("count must not be negative")
    taken = set(taken)
    codes = []
    while len(codes) < count:
        code = new_code()
        if code not in taken:
            taken.add(code)
            codes.append(code)
    return codes


def format_code(code):
    """The code for print, in groups of four: "K7MXP3QRT9" -> "K7MX-P3QR-T9"."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalize_code(text):
    """The code a person typed, in its stored form, or None when it cannot be a code.

    Case-insensitive; spaces, hyphens, dashes, dots and underscores are ignored; the
    look-alikes in `CONFUSIONS` are read as the symbol they resemble.
    """
    if not isinstance(text, str):
        return None
    code = _SEPARATORS.sub("", text.strip().upper()).translate(_TRANSLATION)
    return code if _VALID.fullmatch(code) else None
