"""The German catalogue covers every message of the code and templates."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
METHODS = [("participation/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]


def extracted_messages():
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS,
                                                   options_map={"templates/**.html": {}, "templates/**.txt": {}}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_german_translation():
    with open(ROOT / "participation/translations/de/LC_MESSAGES/messages.po", "rb") as f:
        catalog = read_po(f, locale="de")
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated[key] = all(strings) and "fuzzy" not in message.flags
    missing = sorted(m for m in extracted_messages() if not translated.get(m))
    assert missing == [], f"{len(missing)} messages without German: {missing[:10]}"
