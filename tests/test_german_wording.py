"""One German word for one thing in the catalogue.

Dot voting at conferences: the dots are "Klebepunkte" everywhere (the method, the ballot, the hints,
the errors), never "Punkte"; the items one votes on are "Vorschläge" and a ranking's points
"Rangpunkte", so that the bare "Punkt"/"Punkte" cannot mean any of them."""
import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parent.parent / "participation/translations/de/LC_MESSAGES/messages.po"
BARE_PUNKT = re.compile(r"\bPunkt(e|en|es)?\b")  # compounds (Klebepunkte, Rangpunkte, Zeitpunkt) are other words
DOTS = re.compile(r"\bdots?\b|\bdot voting\b", re.IGNORECASE)


def _messages():
    with open(CATALOGUE, "rb") as f:
        catalog = read_po(f, locale="de")
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        yield ids, strings


def test_dots_are_klebepunkte_everywhere():
    dot_messages = [(ids, strings) for ids, strings in _messages() if any(DOTS.search(i) for i in ids)]
    assert len(dot_messages) >= 10  # the ballot, the console, the settings, the errors
    wrong = [(ids[0], s) for ids, strings in dot_messages for s in strings if "Klebepunkt" not in s]
    assert wrong == [], wrong


def test_no_bare_punkte_that_could_mean_dots():
    bare = [(ids[0], s) for ids, strings in _messages() for s in strings if s and BARE_PUNKT.search(s)]
    assert bare == [], bare
