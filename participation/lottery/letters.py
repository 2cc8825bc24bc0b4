"""Invitation letters of the citizen lottery and the draw protocol, as PDF and CSV.

A pure module (reportlab, no database, no Flask), like `draw` and `register_csv`: the caller
passes plain values and gets bytes.

Letters
-------
- `letters_pdf(letters, sender, template, *, subject, date, deadline, ...)`: one PDF for the
  print shop with every letter, A4 portrait, each letter starting on a new page (with
  `duplex=True`, on a new sheet). Page 1 follows DIN 5008 form B: letterhead above 45 mm; the
  address field for window envelopes (DIN lang or C6/5, window on the left) 45 mm from the top edge,
  20 mm from the left, 85 x 45 mm: the return-address line (Rücksendeangabe) in its top part
  (the 17.7 mm Zusatz- und Vermerkzone), the recipient from 62.7 mm on, text from 25 mm from the
  left. Right of it, in the place of the information block, the response panel: the personal
  code in large monospace, the short address of the response page, the deadline, and a QR code
  (26 mm with its quiet zone) of the full response URL with the code. The date line above the
  subject, right-aligned; fold marks at 105 and 210 mm and the hole mark at 148.5 mm. Every page
  says "Seite X von Y" of its letter and "Brief N von M" of the print run; pages after the first
  repeat the recipient's name. Body text 10 pt DejaVu Sans, ragged right (as DIN 5008 writes).
- `DEFAULT_SUBJECT`, `DEFAULT_TEMPLATE`: an invitation to a climate citizens' assembly.
- Template: plain text with placeholders `{name}` (`PLACEHOLDERS`, German names), `{{` and `}}`
  for literal braces. A blank line separates paragraphs; a line break inside a paragraph is
  kept; lines starting with "- " or "• " are bullet points; a paragraph written as
  `**Zwischenüberschrift**` is printed bold and kept with the next one. The text runs from the
  salutation to the closing ("Mit freundlichen Grüßen"); the signature (name and role of the
  `Sender`) follows it. `validate_template(text)` returns German sentences, one per problem;
  `render_letter(template, values)` returns the text with the placeholders filled in.
- `mail_merge_csv(letters)`: the same data for a mail merge elsewhere (UTF-8 with BOM, `;`).
- `sample_letters(count)`, `SAMPLE_SENDER`: made-up letters for previews;
  `benchmark_letters(count)` renders `count` of them and returns the time (5,000 letters,
  10,000 pages: 25-30 s on the 2-core CI machine while other tests ran, about 400 pages/s).

Draw protocol
-------------
- `protocol_pdf(protocol, *, process_title, municipality, published_at, seed_source,
  drawn_at)`: the `DrawResult.protocol()` dict as a PDF to publish. It never prints
  `"selection"` (nor the ids in `excluded_ids`, only their number): it names nobody.

Texts: English msgids in the translation catalogue, shown in the locale of the application context
(the services render letters and protocols with `flask_babel.force_locale` in the office's
language, German); outside an application context (the CLI, the benchmark) in German, the language
of the municipality's documents. Numbers and dates through Babel for that locale. The template
itself is written by the staff; its default is a translated text too.
"""
import difflib
import io
import re
import string
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from babel.core import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.support import Translations
from flask import has_app_context
from flask_babel import get_locale, get_translations
from flask_babel.speaklater import LazyString
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..pdf import draw_qr, encode_qr, fonts
from ..spreadsheet import csv_bytes, xlsx_bytes
from .codes import format_code, new_unique_codes
from .draw import ALGORITHM_DESCRIPTION_DE, FEATURE_LABELS

__all__ = [
    "DEFAULT_SUBJECT",
    "DEFAULT_TEMPLATE",
    "MAIL_MERGE_COLUMNS",
    "PERSONAL_PLACEHOLDERS",
    "PLACEHOLDERS",
    "SAMPLE_SENDER",
    "LetterData",
    "Sender",
    "TemplateError",
    "benchmark_letters",
    "german_date",
    "letter_values",
    "letters_pdf",
    "mail_merge_csv",
    "mail_merge_rows",
    "mail_merge_xlsx",
    "protocol_pdf",
    "render_letter",
    "salutation_for",
    "sample_letters",
    "short_url",
    "validate_template",
]

# --- translations: the application's locale, German without an application context ----------------

_TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
DOCUMENT_LOCALE = "de"  # the language of the municipality's documents outside an application context


@cache
def _document_translations():
    return Translations.load(str(_TRANSLATIONS), [DOCUMENT_LOCALE])


def _translations():
    return get_translations() if has_app_context() else _document_translations()


def _locale():
    return (get_locale() if has_app_context() else None) or Locale.parse(DOCUMENT_LOCALE)


def _(msgid, **variables):
    text = _translations().ugettext(msgid)
    return text % variables if variables else text


def _l(msgid, **variables):
    return LazyString(_, msgid, **variables)


def _n(number):
    """A whole number for the locale: 1.200 in German."""
    return format_decimal(number, locale=_locale())


# --- placeholders and template ----------------------------------------------------------------

PLACEHOLDERS = {
    "anrede": _l("Salutation with the name, without a comma, e.g. “Sehr geehrte Frau Müller”"),
    "vorname": _l("Given name(s) of the person invited"),
    "nachname": _l("Family name of the person invited"),
    "strasse": _l("Street"),
    "hausnummer": _l("House number"),
    "plz": _l("Postcode"),
    "ort": _l("Place of residence"),
    "code": _l("Personal response code, e.g. “K7MX-P3QR-T9”"),
    "antwort_url": _l("Address of the response page to type in, without the code, e.g. "
                      "“beteiligung.musterstadt.de/antwort”"),
    "antwort_link": _l("Full address with the code, as in the QR code"),
    "frist": _l("Deadline for answers, e.g. “15. Januar 2027”"),
    "datum": _l("Date of the letter"),
    "prozess": _l("Title of the participation process"),
    "kommune": _l("Name of the municipality without an article, e.g. “Stadt Musterstadt”"),
    "die_kommune": _l("The municipality as the subject of a sentence, with its article: “die Stadt Jena”, "
                      "“der Landkreis Jena”"),
    "die_kommune_gross": _l("The same at the start of a sentence: “Die Stadt Jena”, “Der Landkreis Jena”"),
    "der_kommune": _l("The municipality after “mit”, “von”, “bei” (dative): “der Stadt Jena”, "
                      "“dem Landkreis Jena”"),
    "panelgroesse": _l("Planned size of the citizens’ panel (lottery settings), e.g. “40”"),
    "absender": _l("Sending office, e.g. “Stabsstelle Klimaschutz”"),
    "telefon": _l("Phone number for answers and questions"),
    "email": _l("E-mail address for questions"),
    "unterzeichner": _l("Name of the person who signs"),
    "funktion": _l("Position of the person who signs"),
}

# Placeholders whose value differs from letter to letter.
PERSONAL_PLACEHOLDERS = frozenset(
    {"anrede", "vorname", "nachname", "strasse", "hausnummer", "plz", "ort", "code", "antwort_link"}
)

DEFAULT_SUBJECT = _l("Invitation to the citizens’ climate assembly – you have been drawn")

DEFAULT_TEMPLATE = _l("""\
{anrede},

you have been drawn by lot – and we would be very glad if you took part! {die_kommune_gross} is drawing up \
a climate action plan. How we heat, live and get about in future concerns everyone. That is why not only \
experts and politicians should have their say, but people from all walks of life: in the citizens’ climate \
assembly of the process “{prozess}”.

**Why you?**

Your name was drawn at random from the population register, as were the names of many other residents. \
So everyone has the same chance, and the assembly brings together people who are seldom asked. You need \
no prior knowledge: what counts are your everyday experience, your questions and your ideas.

**What awaits you?**

- {panelgroesse} citizens drawn by lot discuss together, over several meetings, how {die_kommune} can \
become climate-friendly – and what is needed for it locally.
- Experts explain the basics and answer your questions. Independent facilitators make sure that everyone \
gets a say.
- At the end the assembly hands its recommendations to the council, which deals with them in public.
- Taking part costs you nothing. The dates and the support we offer (for example with travel costs or \
childcare) are on the response page.

Whether you take part is up to you alone. Answering is voluntary; if you do not answer, you will suffer no \
disadvantage whatsoever. If more people come forward than there are places, we draw a second time among \
everyone interested, so that the assembly reflects the diversity of the population – by age, gender and \
place of residence.

**How to answer by {frist}**

Go to {antwort_url} or scan the QR code at the top right, and enter your personal response code {code}. \
Would you rather answer by phone? Then call us: {telefon}. If you have questions, write to us at {email}.

**Data protection**

We received your name and address for this invitation from the population register (group information \
under § 46 of the Federal Registration Act). We use them only for this lottery and do not pass them on. \
Once the draw is complete, your name and address will be deleted. We use what you tell us in your answer \
only for the citizens’ assembly; details are on the response page. The response code was generated at \
random and reveals nothing about you.

We look forward to hearing from you!

Yours sincerely
""")


def municipality_forms(designation):
    """{"die_kommune", "die_kommune_gross", "der_kommune"} of the municipality's designation as the subject
    of a sentence: "die Stadt Jena" gives "Die Stadt Jena" at a sentence start and "der Stadt Jena"
    after "mit", "von" (dative); "der Landkreis Jena" gives "dem Landkreis Jena"; "das Amt Lauenburg"
    "dem Amt Lauenburg". A name without an article ("Jena", "Musterstadt") stays as it is."""
    text = " ".join(str(designation or "").split())
    article, _space, rest = text.partition(" ")
    dative = _DATIVE.get(article.lower())
    if dative is None or not rest:
        return {"die_kommune": text, "die_kommune_gross": text[:1].upper() + text[1:], "der_kommune": text}
    return {"die_kommune": f"{article.lower()} {rest}", "die_kommune_gross": f"{article.capitalize()} {rest}",
            "der_kommune": f"{dative} {rest}"}


_FEMININE = ("stadt", "gemeinde", "kreisstadt", "hansestadt", "verbandsgemeinde", "samtgemeinde", "region",
             "städteregion", "universitätsstadt", "landeshauptstadt", "kreisfreie", "große", "freie")
_MASCULINE = ("landkreis", "kreis", "markt", "bezirk", "regionalverband", "zweckverband", "flecken")
_NEUTER = ("amt",)
_ARTICLES = ((_FEMININE, "die"), (_MASCULINE, "der"), (_NEUTER, "das"))
_DATIVE = {"die": "der", "der": "dem", "das": "dem"}  # the article after "mit", "von", "bei"


def default_designation(municipality):
    """A first guess at the designation with its article from the municipality's name: "Stadt Jena"
    gives "die Stadt Jena", "Landkreis Greiz" "der Landkreis Greiz", "Jena" "Jena". The staff correct
    it in the lottery settings."""
    name = " ".join(str(municipality or "").split())
    first, _space, rest = name.partition(" ")
    for words, article in _ARTICLES:
        if rest and first.lower().rstrip(",") in words:
            return f"{article} {name}"
    return name


class TemplateError(ValueError):
    """A letter template that cannot be used; `problems` are sentences in the current locale."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


_FORMATTER = string.Formatter()
_NAME = re.compile(r"[A-Za-z_]+")


def _line_problems(line, number, where):
    """Sentences about the placeholders of one line of a template."""
    try:
        parts = list(_FORMATTER.parse(line))
    except ValueError as error:
        if "Single '}'" in str(error):
            return [_("%(where)s line %(number)s: a “}” has no matching “{”. For a curly bracket in the text "
                      "please write “}}”.", where=where, number=number)]
        return [_("%(where)s line %(number)s: a “{” is not closed with “}”. Placeholders are written like "
                  "this: {vorname}; for a curly bracket in the text please write “{{”.", where=where,
                  number=number)]
    problems = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if not name.strip():
            problems.append(_("%(where)s line %(number)s: an empty placeholder “%(shown)s” – the name of a "
                              "placeholder goes between the curly brackets, e.g. {vorname}.", where=where,
                              number=number, shown=shown))
        elif spec or conversion or not _NAME.fullmatch(name):
            base = re.split(r"[^A-Za-z_]", name.strip(), maxsplit=1)[0].lower()
            hint = (" " + _("You probably mean %(name)s.", name="{" + base + "}")) if base in PLACEHOLDERS else ""
            problems.append(_("%(where)s line %(number)s: the placeholder “%(shown)s” is not valid; a placeholder "
                              "is only its name in curly brackets, e.g. {code}.", where=where, number=number,
                              shown=shown) + hint)
        elif name not in PLACEHOLDERS:
            close = [name.lower()] if name.lower() in PLACEHOLDERS else difflib.get_close_matches(name, PLACEHOLDERS, n=1)
            hint = (" " + _("Did you mean %(name)s?", name="{" + close[0] + "}")) if close else ""
            problems.append(_("%(where)s line %(number)s: there is no placeholder %(name)s.", where=where,
                              number=number, name="{" + name + "}") + hint + " "
                            + _("Possible are: %(names)s.", names=", ".join("{" + p + "}" for p in PLACEHOLDERS)))
    return problems


def validate_template(text, *, subject=False):
    """Every problem of a letter template (or, with `subject=True`, of the subject line) as a sentence;
    an empty list when it can be used."""
    if isinstance(text, LazyString):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        return [_("The subject is empty.") if subject else _("The letter text is empty.")]
    where = _("Subject,") if subject else _("Letter text,")
    problems = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        problems += _line_problems(line, number, where)
    return problems


def _fill(text, values):
    out = []
    for literal, name, _spec, _conversion in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            out.append(values[name])
    return "".join(out)


def render_letter(template, values):
    """The template with every placeholder replaced by `values[name]` (a str).

    Raises `TemplateError` when the template has problems (`validate_template`) or a value is
    missing for a placeholder it uses.
    """
    template = str(template)
    problems = validate_template(template)
    if problems:
        raise TemplateError(problems)
    template = template.replace("\r\n", "\n").replace("\r", "\n")
    used = {name for _literal, name, _spec, _conversion in _FORMATTER.parse(template) if name is not None}
    missing = sorted(used - set(values))
    if missing:
        raise TemplateError([_("The placeholder %(name)s has no value.", name="{" + name + "}") for name in missing])
    return _fill(template, {name: str(values[name]) for name in used})


# --- values ------------------------------------------------------------------------------------

def german_date(value):
    """The long date of the locale: "1. Dezember 2026" in German (a date, or a datetime's date)."""
    if isinstance(value, datetime):
        value = value.date()
    return babel_format_date(value, "long", locale=_locale())


def salutation_for(gender, given_names, family_name):
    """The salutation for a register entry: "Sehr geehrte Frau Müller" ("w"), "Sehr geehrter Herr
    Müller" ("m"), otherwise (divers, unknown) "Guten Tag Alex Müller". No comma."""
    if gender == "w" and family_name:
        return _("Dear Ms %(name)s", name=family_name)
    if gender == "m" and family_name:
        return _("Dear Mr %(name)s", name=family_name)
    name = " ".join(part for part in (given_names, family_name) if part)
    return _("Hello %(name)s", name=name) if name else _("Hello")


def short_url(response_url, code):
    """The address of the response page to type in: `response_url` without the scheme, without
    "www." and without the code (and what joins it: "/", "?code=", "#")."""
    url = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", response_url)
    for shown in (code, format_code(code)):
        if shown and url.endswith(shown):
            url = url[: -len(shown)]
            url = re.sub(r"(\?|&)[A-Za-z_]+=$", "", url)
            url = url.rstrip("/#?=&")
            break
    return url.removeprefix("www.")


def _none_to_empty(instance):
    """Read a missing value (None, as from a database column) as ""."""
    for name, value in vars(instance).items():
        if value is None:
            object.__setattr__(instance, name, "")


@dataclass(frozen=True)
class Sender:
    """Who sends the letters: the letterhead, the return-address line, the contact and the signature."""

    municipality: str  # "Stadt Musterstadt"
    office: str  # "Stabsstelle Klimaschutz"
    address_lines: tuple = ()  # ("Rathausplatz 1", "12345 Musterstadt")
    phone: str = ""
    email: str = ""
    signature_name: str = ""
    signature_role: str = ""
    place: str = ""  # for the date line: "Musterstadt, 1. Dezember 2026"
    website: str = ""
    designation: str = ""  # the municipality with its article, as the subject of a sentence: "die Stadt Jena"

    def __post_init__(self):
        _none_to_empty(self)
        if not self.designation:
            object.__setattr__(self, "designation", default_designation(self.municipality))
        object.__setattr__(self, "address_lines", tuple(str(line) for line in self.address_lines or () if line))


@dataclass(frozen=True)
class LetterData:
    """One letter: the person's address and their code. `salutation` without comma; empty means
    "Guten Tag <Vorname> <Nachname>" (see `salutation_for`). `code` unformatted."""

    given_names: str
    family_name: str
    street: str
    house_number: str
    postcode: str
    town: str
    code: str
    response_url: str  # the full URL with the code, for the QR code
    salutation: str = ""

    def __post_init__(self):
        _none_to_empty(self)

    @property
    def name(self):
        return " ".join(part for part in (self.given_names, self.family_name) if part)

    @property
    def greeting(self):
        return self.salutation or salutation_for("", self.given_names, self.family_name)

    def address_lines(self):
        street = " ".join(part for part in (self.street, self.house_number) if part)
        town = " ".join(part for part in (self.postcode, self.town) if part)
        return [line for line in (self.name, street, town) if line]


def letter_values(letter, sender, *, date, deadline, process_title="", panel_size=40):
    """{placeholder: text} for one letter (every name in `PLACEHOLDERS`)."""
    return {
        **municipality_forms(sender.designation),
        "panelgroesse": _n(panel_size),
        "anrede": letter.greeting,
        "vorname": letter.given_names,
        "nachname": letter.family_name,
        "strasse": letter.street,
        "hausnummer": letter.house_number,
        "plz": letter.postcode,
        "ort": letter.town,
        "code": format_code(letter.code),
        "antwort_url": short_url(letter.response_url, letter.code),
        "antwort_link": letter.response_url,
        "frist": german_date(deadline),
        "datum": german_date(date),
        "prozess": process_title,
        "kommune": sender.municipality,
        "absender": sender.office,
        "telefon": sender.phone,
        "email": sender.email,
        "unterzeichner": sender.signature_name,
        "funktion": sender.signature_role,
    }


# --- CSV for a mail merge ------------------------------------------------------------------------

MAIL_MERGE_COLUMNS = (_l("Salutation"), _l("Given name"), _l("Family name"), _l("Street"), _l("House number"),
                      _l("Postcode"), _l("Town"), _l("Response code"), _l("Response page"), _l("Response link"))


def mail_merge_rows(letters):
    """The mail merge's rows: every cell text (a postcode "07743" keeps its zero in XLSX too)."""
    return [["" if cell is None else str(cell) for cell in (
                letter.greeting, letter.given_names, letter.family_name, letter.street, letter.house_number,
                letter.postcode, letter.town, format_code(letter.code), short_url(letter.response_url, letter.code),
                letter.response_url)]
            for letter in letters]


def mail_merge_csv(letters, *, delimiter=";"):
    """One row per letter, columns `MAIL_MERGE_COLUMNS`: UTF-8 with a byte order mark, `;`, CRLF.

    "Antwortcode" is the printed form ("K7MX-P3QR-T9"), "Antwortseite" the short address to type
    in, "Antwortlink" the full URL with the code. Cells starting with "=", "+", "-" or "@" get a
    leading apostrophe (no formulas from register data in a spreadsheet).
    """
    return csv_bytes([str(column) for column in MAIL_MERGE_COLUMNS], mail_merge_rows(letters), delimiter=delimiter)


def mail_merge_xlsx(letters):
    """The same rows as `mail_merge_csv` as an XLSX workbook (text cells only, never formulas)."""
    return xlsx_bytes([str(column) for column in MAIL_MERGE_COLUMNS], mail_merge_rows(letters),
                      sheet=_("Mail merge"))


# --- letters: page geometry (points, origin bottom left) -----------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 25 * mm  # text
RIGHT = PAGE_WIDTH - 20 * mm
TEXT_WIDTH = RIGHT - LEFT

ADDRESS_X, ADDRESS_TOP, ADDRESS_WIDTH, ADDRESS_HEIGHT = 20 * mm, 45 * mm, 85 * mm, 45 * mm  # from the top
ADDRESS_TEXT_X = 25 * mm
ADDRESS_ZONE_TOP = ADDRESS_TOP + 17.7 * mm  # below the Zusatz- und Vermerkzone
ADDRESS_LINES = 6

PANEL_X, PANEL_TOP, PANEL_WIDTH, PANEL_HEIGHT = 125 * mm, 46 * mm, 65 * mm, 44 * mm
PANEL_PAD = 3 * mm
QR_SIZE = 26 * mm  # with the quiet zone of 4 modules (about 2.5 mm)
QR_X, QR_TOP = 0.6 * mm, 6.8 * mm  # in the panel: the quiet zone is the padding

FIRST_BODY_TOP = 105 * mm  # the subject's baseline
BODY_BOTTOM = PAGE_HEIGHT - 270 * mm  # lowest baseline of body text
NEXT_BODY_TOP = 30 * mm
FOOTER_Y = PAGE_HEIGHT - 284 * mm
FOLD_MARKS = (105 * mm, 210 * mm)
HOLE_MARK = 148.5 * mm

BODY_SIZE, BODY_LEADING, PARAGRAPH_GAP = 10, 14, 6.5
SUBJECT_SIZE, SUBJECT_LEADING = 11, 13.5
BULLET_INDENT = 5 * mm
SMALL = 7.5

INK = colors.HexColor("#1a1a1a")
GREEN = colors.HexColor("#1f3d2b")
GREY = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9aa89f")


def _top(y_from_top):
    return PAGE_HEIGHT - y_from_top


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text):
    return _CONTROL_CHARS.sub("", str(text)).replace("\t", " ")


class _Widths:
    """Cached string widths per font and size."""

    def __init__(self):
        self.cache = {}

    def __call__(self, text, font, size):
        key = (text, font, size)
        width = self.cache.get(key)
        if width is None:
            width = self.cache[key] = stringWidth(text, font, size)
        return width


def _wrap(text, font, size, width, measure):
    """Greedy line breaking at spaces (and inside words longer than a line); hard line breaks kept."""
    lines = []
    space = measure(" ", font, size)
    for hard_line in text.split("\n"):
        words = hard_line.split()
        if not words:
            lines.append("")
            continue
        line, line_width = [], 0.0
        for word in words:
            word_width = measure(word, font, size)
            while word_width > width:  # a URL or a very long word: break it where it overflows
                if line:
                    lines.append(" ".join(line))
                    line, line_width = [], 0.0
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = measure(word, font, size)
            needed = word_width if not line else line_width + space + word_width
            if needed <= width:
                line.append(word)
                line_width = needed
            else:
                lines.append(" ".join(line))
                line, line_width = [word], word_width
        lines.append(" ".join(line))
    return lines


def _fit(text, font, size, width, measure, smallest):
    """The largest size from `size` down to `smallest` (in 0.5 pt steps) at which `text` fits `width`."""
    while size > smallest and measure(text, font, size) > width:
        size -= 0.5
    return size


# --- letters: the template as blocks ---------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-•–]\s+")
_HEADING = re.compile(r"^\*\*(.+)\*\*$", re.S)


@dataclass(frozen=True)
class _Block:
    kind: str  # "text", "heading", "bullet"
    template: str  # with placeholders
    personal: bool  # uses a placeholder that differs between letters


def _blocks(template):
    template = template.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    result = []

    def add(kind, text):
        text = text.strip()
        if text:
            names = {name for _literal, name, _spec, _conversion in _FORMATTER.parse(text) if name is not None}
            result.append(_Block(kind, text, bool(names & PERSONAL_PLACEHOLDERS)))

    for paragraph in re.split(r"\n[ \t]*\n", template):
        lines = [line.rstrip() for line in paragraph.strip("\n").split("\n")]
        heading = _HEADING.match(paragraph.strip())
        if heading and "\n" not in heading.group(1):
            add("heading", heading.group(1))
            continue
        text, bullets = [], []
        for line in lines:
            if _BULLET.match(line):
                bullets.append(_BULLET.sub("", line))
            elif bullets:
                bullets[-1] += " " + line.strip()
            else:
                text.append(line)
        add("text", "\n".join(text))
        for bullet in bullets:
            add("bullet", bullet)
    return result


# --- letters: the writer -------------------------------------------------------------------------

class _LetterWriter:
    def __init__(self, sender, template, subject, date, deadline, process_title, duplex, total, panel_size=40,
                 progress=None, progress_every=100):
        template, subject = str(template), str(subject)
        problems = validate_template(template) + validate_template(subject, subject=True)
        if problems:
            raise TemplateError(problems)
        self.fonts = fonts()
        self.sender, self.subject, self.date, self.deadline = sender, subject, date, deadline
        self.process_title, self.duplex, self.total = process_title, duplex, total
        self.panel_size, self.progress, self.progress_every = panel_size, progress, max(1, progress_every)
        # the fixed words, translated once per run
        self.words = {
            "letter": _("Letter %(number)s of %(total)s"), "page": _("Page %(page)s of %(pages)s"),
            "to": _("%(municipality)s · letter to %(name)s"), "code_heading": _("Your personal response code"),
            "code": _("Code"), "deadline": _("Answer by"), "page_hint": _("Response page (with the code or by the QR "
                                                                           "code)"),
            "phone": _("Phone"), "email": _("E-mail"), "web": _("Internet"), "none": _("No letters."),
        }
        self.blocks = _blocks(template)
        self.measure = _Widths()
        self.forms = {}  # (kind, text, first line, last line) -> form name
        self.wrapped = {}
        self.canvas = None

    # text helpers

    def style(self, kind):
        f = self.fonts
        return (f.bold if kind == "heading" else f.regular), BODY_SIZE

    def lines_of(self, kind, text):
        key = (kind, text)
        lines = self.wrapped.get(key)
        if lines is None:
            font, size = self.style(kind)
            width = TEXT_WIDTH - (BULLET_INDENT if kind == "bullet" else 0)
            lines = self.wrapped[key] = _wrap(self.fonts.fix(text), font, size, width, self.measure)
        return lines

    def text_lines(self, x, y, lines, font, size, color=INK, leading=None):
        canvas = self.canvas
        text = canvas.beginText(x, y)
        text.setFont(font, size, leading or size * 1.2)
        text.setFillColor(color)
        for line in lines:
            text.textLine(line)
        canvas.drawText(text)

    # layout of one letter's body into pages: [(page, y, kind, text, first, last, personal)]

    def layout(self, values, subject_lines):
        """The body of one letter as pieces [(page index, baseline y, block kind, text, line from,
        line to, personal)] and the page count. The subject sits on page 1; the signature follows."""
        pieces = []
        # the salutation: a blank line below the subject
        page, y = 0, _top(FIRST_BODY_TOP) - (subject_lines - 1) * SUBJECT_LEADING - BODY_LEADING * 2.0
        rendered = []
        for block in self.blocks:
            text = _clean(_fill(block.template, values))
            rendered.append((block, text, self.lines_of(block.kind, text)))
        signature = self.signature_height()
        for index, (block, text, lines) in enumerate(rendered):
            count = len(lines)
            last = index == len(rendered) - 1
            needed = count * BODY_LEADING
            # keep a heading with the first two lines of what follows; the closing with the signature
            if block.kind == "heading" and not last:
                following_kind, following = rendered[index + 1][0].kind, len(rendered[index + 1][2])
                kept = min(2, following) if following_kind == "text" and following >= 4 else following
                needed += PARAGRAPH_GAP + kept * BODY_LEADING
            if last:
                needed += signature
            first = 0
            while first < count:
                room = max(0, int((y - BODY_BOTTOM) // BODY_LEADING) + 1)  # lines that fit on this page
                if needed <= y - BODY_BOTTOM + BODY_LEADING:
                    take = count - first
                elif block.kind == "text" and not last and min(room, count - first - 2) >= 2:
                    take = min(room, count - first - 2)  # split a paragraph, two lines at least on each page
                elif y >= _top(FIRST_BODY_TOP if page == 0 else NEXT_BODY_TOP) - BODY_LEADING * 3:
                    take = min(room, count - first)  # already at the top of a page: no use moving on
                else:
                    take = 0
                if take:
                    pieces.append((page, y, block.kind, text, first, first + take, block.personal))
                    first += take
                    y -= take * BODY_LEADING
                    needed -= take * BODY_LEADING
                if first < count:
                    page += 1
                    y = _top(NEXT_BODY_TOP)
            y -= PARAGRAPH_GAP
            if block.kind == "heading":
                y += PARAGRAPH_GAP * 0.6
        return pieces, page, y

    def signature_height(self):
        return BODY_LEADING * 3.2 + (BODY_LEADING if self.sender.signature_role else 0)

    # drawing

    def piece(self, kind, text, first, last, personal, y):
        lines = self.lines_of(kind, text)[first:last]
        x = LEFT + (BULLET_INDENT if kind == "bullet" else 0)
        font, size = self.style(kind)
        color = GREEN if kind == "heading" else INK
        if personal:
            self.text_lines(x, y, lines, font, size, color, BODY_LEADING)
            if kind == "bullet" and first == 0:
                self.text_lines(LEFT + 1.2 * mm, y, ["•"], self.fonts.regular, size, color)
            return
        key = (kind, text, first, last)
        name = self.forms.get(key)
        canvas = self.canvas
        if name is None:
            name = self.forms[key] = f"b{len(self.forms)}"
            height = len(lines) * BODY_LEADING
            canvas.beginForm(name, lowerx=0, lowery=-height, upperx=TEXT_WIDTH, uppery=BODY_LEADING)
            self.text_lines(x - LEFT, 0, lines, font, size, color, BODY_LEADING)
            if kind == "bullet" and first == 0:
                self.text_lines(1.2 * mm, 0, ["•"], self.fonts.regular, size, color)
            canvas.endForm()
        canvas.saveState()
        canvas.translate(LEFT, y)
        canvas.doForm(name)
        canvas.restoreState()

    def first_page_form(self):
        """Letterhead, return-address line, fold marks, subject and date: the same on every letter."""
        canvas, f, measure, sender = self.canvas, self.fonts, self.measure, self.sender
        canvas.beginForm("head")
        # fold marks (DIN 5008 form B) and the hole mark
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.35)
        for y in FOLD_MARKS:
            canvas.line(4 * mm, _top(y), 9 * mm, _top(y))
        canvas.line(4 * mm, _top(HOLE_MARK), 11 * mm, _top(HOLE_MARK))
        # letterhead
        municipality = f.fix(_clean(sender.municipality))
        size = _fit(municipality, f.bold, 17, 95 * mm, measure, 11)
        self.text_lines(LEFT, _top(20 * mm), [municipality], f.bold, size, GREEN)
        if sender.office:
            office = f.fix(_clean(sender.office))
            self.text_lines(LEFT, _top(26.5 * mm), [office], f.regular, _fit(office, f.regular, 10.5, 95 * mm, measure, 8),
                            GREEN)
        canvas.setStrokeColor(GREEN)
        canvas.setLineWidth(1.1)
        canvas.line(LEFT, _top(31 * mm), LEFT + 18 * mm, _top(31 * mm))
        contact = [f.fix(_clean(line)) for line in sender.address_lines if line]
        contact += [f.fix(_clean(f"{label} {value}")) for label, value in (
            (self.words["phone"], sender.phone), (self.words["email"], sender.email),
            (self.words["web"], sender.website)) if value]
        contact = contact[:7]
        width = RIGHT - PANEL_X
        sizes = [_fit(line, f.regular, 8, width, measure, 6) for line in contact]
        y = _top(15 * mm)
        for line, line_size in zip(contact, sizes):
            self.text_lines(PANEL_X, y, [line], f.regular, line_size, GREY)
            y -= 9.6
        # return-address line at the bottom of the Zusatz- und Vermerkzone, underlined
        parts = [sender.municipality, sender.office, *sender.address_lines]
        room = ADDRESS_WIDTH - 10 * mm
        back = f.fix(_clean(" · ".join(p for p in parts if p)))
        if measure(back, f.regular, 6.5) > room:
            back = f.fix(_clean(" · ".join(p for p in (sender.municipality, *sender.address_lines) if p)))
        back_size = _fit(back, f.regular, 7, room, measure, 5.5)
        while measure(back, f.regular, back_size) > room and len(back) > 2:
            back = back[:-2] + "…"
        base = _top(ADDRESS_TOP + 14.6 * mm)
        self.text_lines(ADDRESS_TEXT_X, base, [back], f.regular, back_size, GREY)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.3)
        canvas.line(ADDRESS_TEXT_X, base - 1.6, ADDRESS_TEXT_X + measure(back, f.regular, back_size), base - 1.6)
        # date line and subject
        date_line = f"{sender.place}, {german_date(self.date)}" if sender.place else german_date(self.date)
        self.text_lines(RIGHT - measure(date_line, f.regular, BODY_SIZE), _top(FIRST_BODY_TOP - 8.5 * mm),
                        [f.fix(_clean(date_line))], f.regular, BODY_SIZE)
        canvas.endForm()

    def subject_lines(self, values):
        return _wrap(self.fonts.fix(_clean(_fill(self.subject, values))), self.fonts.bold, SUBJECT_SIZE, TEXT_WIDTH,
                     self.measure)[:3]

    def panel_form(self):
        """The fixed parts of the response panel: frame, labels, deadline."""
        canvas, f, measure = self.canvas, self.fonts, self.measure
        canvas.beginForm("panel")
        canvas.setStrokeColor(GREEN)
        canvas.setLineWidth(0.8)
        canvas.roundRect(PANEL_X, _top(PANEL_TOP + PANEL_HEIGHT), PANEL_WIDTH, PANEL_HEIGHT, 2.2 * mm, stroke=1,
                         fill=0)
        inner = PANEL_X + PANEL_PAD
        self.text_lines(inner, _top(PANEL_TOP + 5.3 * mm), [self.words["code_heading"]], f.bold, 8.5, GREEN)
        column = self.panel_column = PANEL_X + QR_X + QR_SIZE + 0.5 * mm
        self.text_lines(column, _top(PANEL_TOP + 12.5 * mm), [self.words["code"]], f.regular, 6.8, GREY)
        self.text_lines(column, _top(PANEL_TOP + 25 * mm), [self.words["deadline"]], f.regular, 6.8, GREY)
        deadline = german_date(self.deadline)
        room = PANEL_X + PANEL_WIDTH - PANEL_PAD - column
        self.text_lines(column, _top(PANEL_TOP + 29.3 * mm), [deadline], f.bold,
                        _fit(deadline, f.bold, 9, room, measure, 6), INK)
        self.text_lines(inner, _top(PANEL_TOP + 34.8 * mm), [self.words["page_hint"]],
                        f.regular, 6.8, GREY)
        canvas.endForm()

    def draw_panel(self, letter, page_url):
        canvas, f, measure = self.canvas, self.fonts, self.measure
        canvas.doForm("panel")
        draw_qr(canvas, encode_qr(letter.response_url),  # every code once: no cache
                PANEL_X + QR_X, _top(PANEL_TOP + QR_TOP + QR_SIZE), QR_SIZE)
        column = self.panel_column
        room = PANEL_X + PANEL_WIDTH - PANEL_PAD - column
        code = format_code(letter.code)
        self.text_lines(column, _top(PANEL_TOP + 19 * mm), [code], f.mono_bold,
                        _fit(code, f.mono_bold, 13.5, room, measure, 8), INK)
        url = f.fix(_clean(page_url))
        room = PANEL_WIDTH - 2 * PANEL_PAD
        size = _fit(url, f.bold, 9, room, measure, 7.5)
        lines = [url] if measure(url, f.bold, size) <= room else _wrap_url(url, f.bold, size, room, measure)[:2]
        y = _top(PANEL_TOP + (39.6 if len(lines) == 1 else 38.6) * mm)
        self.text_lines(PANEL_X + PANEL_PAD, y, lines, f.bold, size, INK, size * 1.15)

    def draw_letter(self, number, letter):
        canvas, f, sender = self.canvas, self.fonts, self.sender
        values = letter_values(letter, sender, date=self.date, deadline=self.deadline,
                               process_title=self.process_title, panel_size=self.panel_size)
        subject = self.subject_lines(values)
        pieces, last_page, y_end = self.layout(values, len(subject))
        pages = last_page + 1
        name = f.fix(_clean(letter.name))
        for page in range(pages):
            if page == 0:
                canvas.doForm("head")
                self.draw_address(letter)
                self.draw_panel(letter, values["antwort_url"])
                self.text_lines(LEFT, _top(FIRST_BODY_TOP), subject, f.bold, SUBJECT_SIZE, INK, SUBJECT_LEADING)
            else:
                self.text_lines(LEFT, _top(15 * mm), [self.words["to"] % {
                    "municipality": f.fix(_clean(sender.municipality)), "name": name}],
                                f.regular, SMALL, GREY)
                canvas.setStrokeColor(RULE)
                canvas.setLineWidth(0.35)
                canvas.line(LEFT, _top(17 * mm), RIGHT, _top(17 * mm))
            for piece_page, y, kind, text, first, last, personal in pieces:
                if piece_page == page:
                    self.piece(kind, text, first, last, personal, y)
            if page == last_page:
                self.draw_signature(y_end)
            self.footer(number, page, pages)
            canvas.showPage()
        if self.duplex and pages % 2:
            self.footer(number, None, pages)
            canvas.showPage()
        return pages + (1 if self.duplex and pages % 2 else 0)

    def draw_address(self, letter):
        """The recipient in the Anschriftzone: 10 pt (down to 9 pt for long lines); a line still too
        long is broken at spaces, and only what exceeds six lines is cut off."""
        f, measure = self.fonts, self.measure
        lines = [f.fix(_clean(line)) for line in letter.address_lines()]
        room = ADDRESS_WIDTH - 10 * mm
        size = min((_fit(line, f.regular, 10, room, measure, 9) for line in lines), default=10)
        wrapped = [_wrap(line, f.regular, size, room, measure) for line in lines]
        tail = [part for parts in wrapped[1:] for part in parts][-(ADDRESS_LINES - 1):]  # street and town first
        fitted = (wrapped[0] if wrapped else [])[:ADDRESS_LINES - len(tail)] + tail
        self.text_lines(ADDRESS_TEXT_X, _top(ADDRESS_ZONE_TOP + 4.3 * mm), fitted, f.regular, size, INK, 4.23 * mm)

    def draw_signature(self, y):
        f, sender = self.fonts, self.sender
        lines = []
        if sender.signature_name:
            lines.append(f.fix(_clean(sender.signature_name)))
        y -= BODY_LEADING * 2.2 - PARAGRAPH_GAP
        if lines:
            self.text_lines(LEFT, y, lines, f.regular, BODY_SIZE, INK, BODY_LEADING)
        if sender.signature_role:
            self.text_lines(LEFT, y - BODY_LEADING, [f.fix(_clean(sender.signature_role))], f.regular, 9, GREY)

    def footer(self, number, page, pages):
        canvas, f = self.canvas, self.fonts
        canvas.setFont(f.regular, SMALL)
        canvas.setFillColor(GREY)
        canvas.drawString(LEFT, FOOTER_Y, self.words["letter"] % {"number": _n(number), "total": _n(self.total)})
        if page is not None:
            canvas.drawRightString(RIGHT, FOOTER_Y, self.words["page"] % {"page": _n(page + 1), "pages": _n(pages)})

    def build(self, letters, title):
        # Binary (not ASCII85) streams: reportlab's ASCII85 encoder is pure Python and was a sixth of
        # the time of a letter run; the files are a fifth smaller too. The setting is read while
        # pages and forms are written, so it is switched for this build only.
        previous = rl_config.useA85
        rl_config.useA85 = 0
        try:
            return self._build(letters, title)
        finally:
            rl_config.useA85 = previous

    def _build(self, letters, title):
        buffer = io.BytesIO()
        self.canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor(self.sender.municipality)
        self.canvas.setCreator("participation")
        self.canvas.setSubject(self.process_title)
        self.first_page_form()
        self.panel_form()
        pages = 0
        for number, letter in enumerate(letters, 1):
            pages += self.draw_letter(number, letter)
            if self.progress is not None and (number % self.progress_every == 0 or number == self.total):
                self.progress(number, self.total)
        if not pages:
            self.canvas.setFont(self.fonts.regular, BODY_SIZE)
            self.canvas.drawString(LEFT, _top(FIRST_BODY_TOP), self.words["none"])
            self.canvas.showPage()
        self.canvas.save()
        return buffer.getvalue()


def _wrap_url(url, font, size, width, measure):
    """Break a URL after "/" or "." where possible."""
    lines, line = [], ""
    for part in re.findall(r"[^/.]*[/.]?", url):
        if line and measure(line + part, font, size) > width:
            lines.append(line)
            line = part
        else:
            line += part
    if line:
        lines.append(line)
    return [piece for line in lines for piece in _wrap(line, font, size, width, measure)]


def _shorten(text, font, size, width):
    """`text`, cut at a word and ended with "…" when it is wider than `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and stringWidth(" ".join(words) + " …", font, size) > width:
        words.pop()
    text = " ".join(words)
    while text and stringWidth(text + " …", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ·–-") + " …"


def letters_pdf(letters, sender, template=DEFAULT_TEMPLATE, *, subject=DEFAULT_SUBJECT, date, deadline,
                process_title="", duplex=False, title=None, panel_size=40, progress=None, progress_every=100):
    """Every letter in one PDF for the print shop (see the module docstring).

    `letters`: `LetterData`s, in print order; `template` and `subject` may use the placeholders
    (`PLACEHOLDERS`); `date` is the letter's date, `deadline` the last day to answer (dates).
    With `duplex=True` a letter with an odd number of pages gets a blank back page, so that every
    letter starts on a new sheet. `panel_size` is the planned size of the panel ({panelgroesse}).
    `progress(done, total)` is called after every `progress_every` letters and after the last one.
    Raises `TemplateError` for a template or subject with problems.
    """
    letters = list(letters)
    writer = _LetterWriter(sender, template, subject, date, deadline, process_title, duplex, len(letters),
                           panel_size, progress, progress_every)
    return writer.build(letters, title or _("Invitation letters"))


# --- benchmark --------------------------------------------------------------------------------------

_GIVEN = ("Anna", "Ben", "Clara", "Deniz", "Elif", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Karolina-Sophie",
          "Lukas", "Mia", "Noah", "Özlem", "Paul")
_FAMILY = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
           "Yılmaz", "Nguyen", "Kowalski", "von Hohenstein-Bärenfeld", "Koch", "Richter")
_STREETS = ("Hauptstraße", "Bahnhofstraße", "Am Mühlbach", "Lindenweg", "Schillerplatz", "Friedrich-Ebert-Allee")


def sample_letters(count, base_url="https://beteiligung.musterstadt.de/antwort/"):
    """`count` letters of made-up people with fresh codes (for previews and the benchmark)."""
    codes = new_unique_codes(count)
    genders = ("w", "m", "d")
    letters = []
    for i, code in enumerate(codes):
        given, family = _GIVEN[i % len(_GIVEN)], _FAMILY[(i * 7) % len(_FAMILY)]
        letters.append(LetterData(
            given_names=given, family_name=family, street=_STREETS[i % len(_STREETS)], house_number=str(1 + i % 97),
            postcode=f"{12300 + i % 80:05d}", town="Musterstadt", code=code, response_url=base_url + code,
            salutation=salutation_for(genders[i % 3], given, family),
        ))
    return letters


SAMPLE_SENDER = Sender(
    municipality="Stadt Musterstadt", office="Stabsstelle Klimaschutz",
    address_lines=("Rathausplatz 1", "12345 Musterstadt"), phone="0123 456-7890", email="buergerrat@musterstadt.de",
    signature_name="Dr. Maria Beispiel", signature_role="Oberbürgermeisterin", place="Musterstadt",
    website="www.musterstadt.de",
)


def benchmark_letters(count=5000):
    """Render `count` letters with the default template; returns {"letters", "pages", "seconds",
    "cpu_seconds", "pages_per_second", "bytes"} (the time of `letters_pdf` alone; `seconds` is
    wall-clock time, `cpu_seconds` the process's CPU time, which a busy machine disturbs less)."""
    letters = sample_letters(count)
    started, cpu_started = time.perf_counter(), time.process_time()
    data = letters_pdf(letters, SAMPLE_SENDER, DEFAULT_TEMPLATE, subject=DEFAULT_SUBJECT, date=date(2026, 12, 1),
                       deadline=date(2027, 1, 15), process_title="Klimaschutzplan Musterstadt 2035")
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    pages = len(re.findall(rb"/Type /Page\b(?!s)", data))
    return {"letters": count, "pages": pages, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
            "pages_per_second": round(pages / seconds, 1) if seconds else None, "bytes": len(data)}


# --- the draw protocol ---------------------------------------------------------------------------------

_COUNT_ROWS = (
    ("register", _l("Entries in the register extract")),
    ("excluded", _l("of which excluded (drawn earlier in the process)")),
    ("ineligible", _l("of which not eligible (age)")),
    ("without_birth_data", _l("among them without a date of birth")),
    ("eligible", _l("eligible")),
    ("letters", _l("Letters as set in the parameters")),
    ("drawn", _l("drawn")),
    ("shortfall", _l("Shortfall (letters not filled)")),
)
BERLIN = ZoneInfo("Europe/Berlin")
LABEL_WIDTH = 57 * mm  # the left column of the protocol's tables: a SHA-256 in hex fits the right one


def _when(value):
    """ "1. Dezember 2026, 14:05 Uhr" (German time for an aware datetime), a date, or a text as it is."""
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(BERLIN)
        return _("%(date)s, %(time)s", date=german_date(value), time=f"{value:%H:%M}")
    if isinstance(value, date):
        return german_date(value)
    return str(value)


def _parameter_rows(parameters):
    yes_no = {True: _("yes"), False: _("no")}
    bands = parameters.get("age_bands") or []
    labels = [f"{low}–{high - 1}" for low, high in zip(bands, bands[1:])] + ([f"{bands[-1]}+"] if bands else [])
    strata = parameters.get("strata") or []
    excluded = parameters.get("excluded_ids") or []
    reference = parameters.get("reference_date")
    try:
        reference = german_date(date.fromisoformat(reference))
    except (TypeError, ValueError):
        pass
    max_age = parameters.get("max_age")
    min_age = parameters.get("min_age")
    return [
        (_("Number of letters"), _n(parameters["letters"]) if isinstance(parameters.get("letters"), int) else "–"),
        (_("Reference date for the age"), str(reference)),
        (_("Minimum age"), _("%(n)s years", n=min_age) if min_age is not None else "–"),
        (_("Maximum age"), _("%(n)s years", n=max_age) if max_age is not None else _("no maximum")),
        (_("Stratified by"), ", ".join(str(FEATURE_LABELS.get(s, s)) for s in strata) or _("nothing (one stratum)")),
        (_("Age bands"), ", ".join(labels) if "age_band" in strata else _("– (not stratified)")),
        (_("One letter per household"), yes_no.get(parameters.get("one_per_household"), "–")),
        (_("People drawn earlier, excluded"),
         _("%(n)s ids (contained in the JSON version of the protocol)", n=_n(len(excluded))) if excluded
         else _("none")),
    ]


def protocol_pdf(protocol, *, process_title, municipality, published_at, seed_source, drawn_at):
    """The protocol of an invitation draw (`DrawResult.protocol()`) as a PDF to publish (A4).

    `published_at`: when the parameters hash was published (before the seed was drawn);
    `seed_source`: how the seed was drawn in public (a sentence); `drawn_at`: when the draw ran.
    Datetimes with a time zone are shown in German time. Prints no person ids.
    """
    if not isinstance(protocol, Mapping):
        raise TypeError("protocol must be the dict of DrawResult.protocol()")
    f = fonts()
    fix = f.fix
    base = ParagraphStyle("base", fontName=f.regular, fontSize=9.5, leading=13, textColor=INK)
    styles = {
        "title": ParagraphStyle("title", base, fontName=f.bold, fontSize=17, leading=21, textColor=GREEN, spaceAfter=2),
        "sub": ParagraphStyle("sub", base, fontSize=11, leading=15, textColor=GREEN),
        "h": ParagraphStyle("h", base, fontName=f.bold, fontSize=11.5, leading=15, textColor=GREEN, spaceBefore=10,
                            spaceAfter=4),
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8.8, leading=11.5),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=f.bold, fontSize=8.8, leading=11.5),
        "num": ParagraphStyle("num", base, fontSize=8.8, leading=11.5, alignment=2),
        "num_bold": ParagraphStyle("num_bold", base, fontName=f.bold, fontSize=8.8, leading=11.5, alignment=2),
        "mono": ParagraphStyle("mono", base, fontName=f.mono, fontSize=7.8, leading=11),
        "command": ParagraphStyle("command", base, fontName=f.mono_bold, fontSize=9, leading=12, leftIndent=4 * mm,
                                  spaceBefore=3, spaceAfter=5),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=GREY),
    }

    def p(text, style="body"):
        return Paragraph(escape(fix(_clean(text))).replace("\n", "<br/>"), styles[style])

    def table(rows, widths, header=False, numbers_from=None, total=False):
        cells = []
        for r, row in enumerate(rows):
            bold = (header and r == 0) or (total and r == len(rows) - 1)
            out = []
            for c, value in enumerate(row):
                numeric = numbers_from is not None and c >= numbers_from
                style = ("num" if numeric else "cell") + ("_bold" if bold else "")
                out.append(value if isinstance(value, Paragraph) else p(str(value), style))
            cells.append(out)
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c9d3cc")),
        ]
        if header:
            commands += [("LINEBELOW", (0, 0), (-1, 0), 0.9, GREEN), ("BACKGROUND", (0, 0), (-1, 0),
                                                                      colors.HexColor("#eef3ef"))]
        else:
            commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef3ef")))
        if total:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.9, GREEN))
        return Table(cells, colWidths=widths, repeatRows=1 if header else 0, style=TableStyle(commands), hAlign="LEFT")

    width = PAGE_WIDTH - 40 * mm
    counts = protocol.get("counts") or {}
    parameters = protocol.get("parameters") or {}
    strata_names_raw = list(parameters.get("strata") or [])
    strata_names = [FEATURE_LABELS.get(s, s) for s in strata_names_raw]

    def section(heading, *flowables):
        return KeepTogether([p(heading, "h"), *flowables])

    def count(key):
        return _n(counts[key]) if isinstance(counts.get(key), int) else "–"

    columns = [LABEL_WIDTH, width - LABEL_WIDTH]

    def strata_table():
        strata = protocol.get("strata") or []
        if not strata:
            return [p(_("No details."))]
        header = [*(strata_names or [_("Stratum")]), _("Eligible people"), _("Letters"), _("drawn"),
                  _("Letters short")]
        band_column = strata_names_raw.index("age_band") if "age_band" in strata_names_raw else None
        rows = [header]
        totals = [0, 0, 0, 0]
        for row in strata:
            values = list(row.get("stratum") or []) or [_("all")]
            numbers = [row.get(key) for key in ("population", "allocated", "drawn", "shortfall")]
            totals = [t + (n if isinstance(n, int) else 0) for t, n in zip(totals, numbers)]
            values = [str(v).replace("-", "–") if c == band_column else str(v) for c, v in enumerate(values)]
            rows.append([*(v if v != "" else _("(empty)") for v in values),
                         *(_n(n) if isinstance(n, int) else "–" for n in numbers)])
        feature_columns = len(header) - 4
        rows.append([_("Total"), *([""] * (feature_columns - 1)), *(_n(t) for t in totals)])
        # each number column as wide as its bold heading (plus padding), the features share the rest
        number_widths = [max(16 * mm, stringWidth(fix(title), f.bold, 8.8) + 9) for title in header[-4:]]
        feature_width = (width - sum(number_widths)) / feature_columns
        return [
            table(rows, [feature_width] * feature_columns + number_widths, header=True,
                  numbers_from=feature_columns, total=True),
            p(_("The letters are shared out among the strata in proportion to the number of eligible people; a "
                "shortfall arises when a stratum has fewer people than letters (for instance through “one letter "
                "per household”). It is not carried over to other strata."), "small"),
        ]

    def story():
        return [
            p(_("Protocol of the invitation draw"), "title"),
            p(f"{process_title} · {municipality}", "sub"),
            Spacer(1, 3 * mm),
            p(_("This protocol records how the people who receive an invitation were drawn. It names nobody: who "
                "was drawn is only in the internal version; its checksum is below, so that any change to the list "
                "can be proven.")),
            section(_("Overview"), table([
                (_("Process"), process_title),
                (_("Municipality"), municipality),
                (_("Draw made on"), _when(drawn_at)),
                (_("Selection method"), _("%(algorithm)s (protocol format %(version)s)",
                                          algorithm=protocol.get("algorithm", "–"),
                                          version=protocol.get("format_version", "–"))),
            ], columns)),
            section(_("1. Register extract"), table([
                (_("Fingerprint (SHA-256 of the file)"), p(str(protocol.get("fingerprint", "–")), "mono")),
                *[(str(label), count(key)) for key, label in _COUNT_ROWS[:5]],
            ], columns)),
            section(_("2. Parameters (fixed before the draw)"), table([
                *_parameter_rows(parameters),
                (_("Checksum of the parameters (SHA-256)"), p(str(protocol.get("parameters_hash", "–")), "mono")),
                (_("Checksum published on"), _when(published_at)),
            ], columns), p(_("The checksum sums up the fingerprint and the parameters. Because it was published "
                             "before the random value was known, nobody could choose the parameters to suit the "
                             "chance."), "small")),
            section(_("3. Random value (seed)"), table([
                (_("Seed"), p(str(protocol.get("seed", "–")), "mono")),
                (_("Source"), seed_source or "–"),
            ], columns)),
            section(_("4. Result"), table([
                *[(str(label), count(key)) for key, label in _COUNT_ROWS[4:]],
                (_("Checksum of the selection (SHA-256)"), p(str(protocol.get("selection_hash", "–")), "mono")),
            ], columns)),
            p(_("5. Distribution over the strata"), "h"),
            *strata_table(),
            section(_("6. The method"), p(str(ALGORITHM_DESCRIPTION_DE))),
            section(
                _("7. How to check the draw"),
                p(_("Anyone who has the JSON version of this protocol and the same register extract (recognisable by "
                    "the fingerprint above) can recompute the draw completely:")),
                p("flask lottery verify PROTOCOL.json REGISTER.csv", "command"),
                p(_("The command checks the fingerprint of the register file and the checksum of the parameters, "
                    "recomputes the selection with the seed and compares numbers, distribution and the checksum of "
                    "the selection with this protocol. Each difference is named on its own.")),
            ),
        ]

    title = _("Protocol of the invitation draw")
    footer_text = fix(_clean(f"{title} · {process_title}"))
    generated = _when(datetime.now(UTC))

    def build(total):
        buffer = io.BytesIO()

        def on_page(canvas, doc):
            canvas.saveState()
            canvas.setFont(f.regular, 7.5)
            canvas.setFillColor(GREY)
            # two lines: the title (shortened to the room beside the page count) above when it was made
            right = _("Page %(page)s of %(pages)s", page=_n(doc.page), pages=_n(total) if total else "?")
            room = PAGE_WIDTH - 40 * mm - stringWidth(right, f.regular, 7.5) - 6 * mm
            canvas.drawString(20 * mm, 13 * mm, _shorten(footer_text, f.regular, 7.5, room))
            canvas.drawRightString(PAGE_WIDTH - 20 * mm, 13 * mm, right)
            canvas.drawString(20 * mm, 13 * mm - 9.5, _("made on %(when)s", when=generated))
            canvas.restoreState()

        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                bottomMargin=20 * mm, title=title, author=municipality,
                                subject=process_title, creator="participation", lang="de")
        doc.build(story(), onFirstPage=on_page, onLaterPages=on_page)
        return buffer, doc.page

    _first, pages = build(None)  # once to count the pages
    buffer, _pages = build(pages)
    return buffer.getvalue()
