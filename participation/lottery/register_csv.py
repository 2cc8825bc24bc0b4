"""Reading a CSV extract of the population register (Melderegister) for the citizen lottery.

Free of any database and of Flask, so that the import service, the preview and the
benchmark can call it alike:

- `sniff(data)` detects encoding (UTF-8 with or without BOM, Windows-1252, UTF-16 with BOM),
  delimiter (`;`, `,` or tab) and returns the header row;
- `suggest_mapping(header)` proposes which column holds which field (`FIELDS`);
- `read_register(data, mapping)` reads and validates every line and returns a `RegisterRead`
  with the normalized rows, the problems by line number (as a text editor counts: the header
  is line 1) and the SHA-256 fingerprint of the uploaded bytes;
- `household_key(row)` makes "Hauptstr. 12 A" and "Hauptstraße 12a" the same household;
- `ColumnRule` describes what the database accepts in one column (length, NULL, range, choices),
  as plain data: the services read the rules from the model and pass them as `rules=` to
  `read_register` (every value that the database would refuse is then a problem by line), to
  `RuleChecker` (the import's last check of each row as it writes) and to `rule_problems`.

The import is all or nothing: the caller imports the rows only when `RegisterRead.ok`
(`problem_count == 0`). Rows with problems are still returned, for the preview.

Values that look damaged by an encoding (U+FFFD, "?" inside a word, "MÃ¼ller") are not
problems but warnings (`RegisterRead.warnings`): the staff member confirms them before the import,
and `warnings_digest` names exactly the warnings confirmed.

Messages are English msgids; `gettext=` translates them (the services pass Flask-Babel's; the default
is `texts._`: the app's locale in an app context, else the German catalogue).
"""
import csv
import gc
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import gt, itemgetter
from typing import NamedTuple

from .texts import _, _l, date_text, german
from .texts import _ as _translate

__all__ = [
    "EXTRA",
    "FIELDS",
    "ColumnRule",
    "Field",
    "Problem",
    "RegisterFileError",
    "RegisterRead",
    "RuleChecker",
    "Sniffed",
    "ValueWarning",
    "german",
    "household_key",
    "normalize_gender",
    "parse_date",
    "read_register",
    "row_nul_faults",
    "rule_problems",
    "sniff",
    "suggest_mapping",
    "suspicious",
]


@dataclass(frozen=True)
class Field:
    """A target field of the import.

    `required`: every line must have a value. `alternative`: another field that, when mapped,
    stands in for this one (a full birth date or at least the birth year is required).
    """

    name: str
    label: str  # translated lazily: the mapping form and the problem messages
    required: bool = False
    alternative: str | None = None


FIELDS = {f.name: f for f in (
    Field("person_id", _l("Person ID"), required=True),
    Field("family_name", _l("Family name")),
    Field("given_names", _l("Given names")),
    Field("street", _l("Street")),
    Field("house_number", _l("House number")),
    Field("postcode", _l("Postcode")),
    Field("town", _l("Town")),
    Field("birth_date", _l("Date of birth"), required=True, alternative="birth_year"),
    Field("birth_year", _l("Year of birth"), required=True, alternative="birth_date"),
    Field("gender", _l("Gender")),
    Field("district", _l("Part of town")),
)}

# The mapping key for columns kept as they are (for stratification): a list of header names.
EXTRA = "extra"

EARLIEST_BIRTH = date(1900, 1, 1)
_MAX_SHOWN = 60  # characters of a value quoted in a message


class Problem(NamedTuple):
    line: int  # as a text editor counts: the header is line 1
    message: str  # a translated sentence starting with "Line N: " ("Zeile N: ")


class ValueWarning(NamedTuple):
    """A value that may have lost characters on its way (not an error; the staff member confirms it)."""

    line: int
    column: str  # the header name in the file
    value: str
    kind: str  # "replacement", "question_mark" or "mojibake"
    message: str  # a translated sentence naming line, column and value


class ColumnRule(NamedTuple):
    """What the database accepts in one column of the register table, as plain data.

    `max_length` in characters (a String column's length), `nullable` (no NOT NULL),
    `minimum`/`maximum` for integers, `choices` for an enum's CHECK constraint. Every text
    value is also refused when it contains a NUL character (PostgreSQL cannot store one).
    """

    max_length: int | None = None
    nullable: bool = True
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple | None = None


class RegisterFileError(ValueError):
    """The file cannot be read at all (encoding, empty)."""

    def __init__(self, message, line=1):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Sniffed:
    encoding: str  # "utf-8-sig", "utf-8", "cp1252" or "utf-16"
    delimiter: str  # ";", "," or "\t"
    header: list  # the header cells, stripped
    quotechar: str = '"'


@dataclass
class RegisterRead:
    """The result of `read_register`.

    Contract: import `rows` only when `ok`, i.e. `problem_count == 0` (all or nothing).
    `problems` holds the first `max_problems` problems in line order, `problem_count` all.
    """

    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    problem_count: int = 0
    row_count: int = 0  # data lines read (blank lines are not counted)
    fingerprint: str = ""  # SHA-256 (hex) of the bytes as uploaded
    encoding: str = ""
    delimiter: str = ""
    header: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # the first `max_problems` `ValueWarning`s
    warning_count: int = 0
    warnings_digest: str = ""  # SHA-256 over every warning (line, column, value); "" when there is none

    @property
    def ok(self):
        return self.problem_count == 0


# --- encoding, delimiter, header -------------------------------------------------------------

def _decode(data):
    """(text, encoding) of the uploaded bytes, or RegisterFileError."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode text"
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if encoding == "cp1252":
            message = _("Line %(line)s: the file is encoded neither in UTF-8 nor in Windows-1252 (byte %(byte)s at "
                        "position %(position)s). Please save it as CSV in UTF-8.", line=line,
                        byte=f"0x{data[exc.start]:02X}", position=exc.start + 1)
        else:
            message = _("Line %(line)s: the file starts like %(encoding)s but contains invalid characters (at "
                        "position %(position)s). Please save it as CSV in UTF-8.", line=line,
                        encoding=encoding.upper(), position=exc.start + 1)
        raise RegisterFileError(message, line) from None


def _sniff_delimiter(text):
    """`;`, `,` or tab: the one that splits the header into the most columns and the next lines alike."""
    sample = text[:65536].splitlines()[:30]
    if len(text) > 65536 and len(sample) > 1:
        sample = sample[:-1]  # probably cut off
    best, best_score = ";", None
    for delimiter in (";", "\t", ","):
        try:
            records = [r for r in csv.reader(sample, delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not records:
            continue
        width = len(records[0])
        rest = records[1:]
        consistent = sum(len(r) == width for r in rest) / len(rest) if rest else 1.0
        score = (width > 1, round(consistent, 1), width)
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best


def sniff(data):
    """Encoding, delimiter and header of an uploaded extract (`Sniffed`).

    Raises `RegisterFileError` (with a German message) for an empty file or one that is neither
    UTF-8 nor Windows-1252: bytes are never guessed as Latin-1.
    """
    text, encoding = _decode(bytes(data))
    if not text.strip():
        raise RegisterFileError(_("Line %(line)d: %(problem)s", line=1, problem=_("The file is empty.")))
    delimiter = _sniff_delimiter(text)
    header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    return Sniffed(encoding=encoding, delimiter=delimiter, header=[cell.strip() for cell in header])


# --- the mapping -------------------------------------------------------------------------------

# Folded header names (see `_fold_header`) for each field, the best first.
SYNONYMS = {
    "person_id": ("ordnungsmerkmal", "personenid", "personid", "id", "personennummer", "personennr", "om",
                  "ordnungsnummer", "melderegisterid", "registerid", "kennung", "identnummer", "lfdnr"),
    "family_name": ("familienname", "nachname", "name", "zuname", "familyname", "lastname", "surname"),
    "given_names": ("vornamen", "vorname", "rufname", "givennames", "givenname", "firstnames", "firstname",
                    "forename", "forenames"),
    "street": ("strasse", "str", "strassenname", "street", "streetname"),
    "house_number": ("hausnummer", "hausnr", "hnr", "hausnummern", "housenumber", "houseno", "nr"),
    "postcode": ("plz", "postleitzahl", "postcode", "postalcode", "zip", "zipcode"),
    "town": ("ort", "wohnort", "stadt", "gemeinde", "ortsname", "town", "city"),
    "birth_date": ("geburtsdatum", "gebdatum", "geb", "gebam", "geboren", "geborenam", "geburtstag",
                   "birthdate", "dateofbirth", "dob", "birthday"),
    "birth_year": ("geburtsjahr", "gebjahr", "jahrgang", "birthyear", "yearofbirth"),
    "gender": ("geschlecht", "geschl", "gender", "sex"),
    "district": ("ortsteil", "stadtteil", "stadtbezirk", "ortsbezirk", "bezirk", "statistischerbezirk",
                 "district", "quarter", "neighbourhood", "neighborhood"),
}

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _fold(text):
    """Lower case, umlauts and ß folded, accents dropped: "Straße" and "STRASSE" -> "strasse"."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text


def _fold_header(name):
    name = re.sub(r"\(.*?\)|\[.*?\]", "", name)  # "Geburtsdatum (TT.MM.JJJJ)"
    return "".join(c for c in _fold(name) if c.isalnum())


def suggest_mapping(header):
    """{field: column} for the columns recognized in `header`, plus EXTRA: the remaining columns.

    Recognizes German and English names whatever their case, umlauts or punctuation
    ("Personen-ID", "Hausnr.", "STRASSE", "geb."). Each column goes to one field at most.
    """
    columns = [cell.strip() for cell in header]
    folded = {}
    for column in columns:
        folded.setdefault(_fold_header(column), column)
    mapping, taken = {}, set()
    for name, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            column = folded.get(synonym)
            if column is not None and column not in taken:
                mapping[name] = column
                taken.add(column)
                break
    mapping[EXTRA] = [column for column in dict.fromkeys(columns) if column and column not in taken]
    return mapping


# --- values ------------------------------------------------------------------------------------

GENDERS = {
    "": "",
    "m": "m", "männlich": "m", "maennlich": "m", "männl": "m", "mann": "m", "male": "m", "man": "m", "herr": "m",
    "w": "w", "weiblich": "w", "weibl": "w", "frau": "w", "f": "w", "female": "w", "woman": "w",
    "d": "d", "divers": "d", "diverse": "d", "div": "d",
    # "ohne Angabe" (x) since 2018: no gender entry
    "x": "", "o": "", "ohne angabe": "", "keine angabe": "", "k.a.": "", "k. a.": "", "unbestimmt": "",
}


def normalize_gender(value):
    """"m", "w", "d" or "" (no entry) for the usual spellings, None for an unknown value."""
    gender = GENDERS.get(value)
    if gender is None:
        gender = GENDERS.get(" ".join(value.casefold().split()).rstrip("."))
        if gender is None:
            gender = GENDERS.get(" ".join(value.casefold().split()))
    return gender


def parse_date(text):
    """A `date` from DD.MM.YYYY, D.M.YYYY or YYYY-MM-DD (a time of 00:00 may follow), else None."""
    if len(text) == 10 and text[2] == "." and text[5] == ".":
        day, month, year = text[0:2], text[3:5], text[6:10]
    elif len(text) == 10 and text[4] == "-" and text[7] == "-":
        year, month, day = text[0:4], text[5:7], text[8:10]
    else:
        text = text.strip()
        if " " in text or "T" in text:  # "01.02.1980 00:00:00" from spreadsheets
            text, _, time = text.replace("T", " ").partition(" ")
            if time.strip() not in ("0:00", "00:00", "00:00:00", "0:00:00"):
                return None
        parts = text.split(".")
        if len(parts) == 3 and 1 <= len(parts[0]) <= 2 and 1 <= len(parts[1]) <= 2 and len(parts[2]) == 4:
            day, month, year = parts
        else:
            parts = text.split("-")
            if len(parts) == 3 and len(parts[0]) == 4 and 1 <= len(parts[1]) <= 2 and 1 <= len(parts[2]) <= 2:
                year, month, day = parts
            else:
                return None
    digits = day + month + year
    if not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _shown(value):
    value = value if len(value) <= _MAX_SHOWN else value[:_MAX_SHOWN] + "…"
    return _("“%(value)s”", value=value)


# --- messages --------------------------------------------------------------------------------------

# `german` (re-exported): gettext with the German catalogue whatever the context; `_`: the app's locale
# when there is an app context, else German (see `texts`).


# --- what the database accepts --------------------------------------------------------------------

# Row keys besides FIELDS that the import stores: the household key and the extra columns (JSON).
HOUSEHOLD = "household"
_STORED = (*FIELDS, HOUSEHOLD, EXTRA)


def _field_label(key, _):
    if key == HOUSEHOLD:
        return _("The household key (postcode, street and house number)")
    return FIELDS[key].label if key in FIELDS else key


class RuleChecker:
    """The rules compiled for the loop over rows: `checker(row)` is [] for a row the database
    accepts (the usual case, in a few calls that run in C), else a sentence for each fault.

    `household`: the row's household key when the caller has made it already; otherwise a bound
    decides whether it needs making (streets repeat, their keys are cached; an ASCII street's key
    is at most three times its length, as "str" becomes "strasse"; a house number's case folding
    makes at most three characters of one, and two separators join the parts).
    """

    def __init__(self, rules, gettext=None):
        unknown = set(rules) - set(_STORED)
        if unknown:
            raise ValueError(f"rules for columns the import does not fill: {', '.join(sorted(unknown))}")
        self._ = gettext or _translate
        self.lengths = tuple((key, rule.max_length) for key, rule in rules.items()
                             if rule.max_length is not None and key not in (HOUSEHOLD, EXTRA))
        self.required = tuple(key for key, rule in rules.items() if not rule.nullable and key not in (HOUSEHOLD, EXTRA))
        self.ranges = tuple((key, rule.minimum, rule.maximum) for key, rule in rules.items()
                            if rule.minimum is not None or rule.maximum is not None)
        self.choices = tuple((key, frozenset(rule.choices)) for key, rule in rules.items() if rule.choices is not None)
        self.household = rules[HOUSEHOLD].max_length if HOUSEHOLD in rules else None
        self._length_values = _getter(key for key, _limit in self.lengths)
        self._limits = tuple(limit for _key, limit in self.lengths)
        # A missing value in a column with a length is found by len() (TypeError): only the others are looked at.
        measured = {key for key, _limit in self.lengths}
        self._unmeasured_required = tuple(key for key in self.required if key not in measured)
        self._required_values = _getter(self._unmeasured_required)

    def __call__(self, row, household=None):
        # Once per row of a whole register: inlined, and a C call where it can be.
        try:
            too_long = any(map(gt, map(len, self._length_values(row)), self._limits))
        except TypeError:  # None (or a number) where text belongs
            too_long = True
        if too_long or (self._unmeasured_required and None in self._required_values(row)):
            return self.faults(row, household)
        for key, minimum, maximum in self.ranges:
            value = row[key]
            if value is not None and ((minimum is not None and value < minimum)
                                      or (maximum is not None and value > maximum)):
                return self.faults(row, household)
        for key, allowed in self.choices:
            if row[key] not in allowed:
                return self.faults(row, household)
        limit = self.household
        if limit is not None:
            if household is not None:
                if len(household) > limit:
                    return self.faults(row, household)
            else:
                street = row["street"]
                bound = len(row["postcode"]) + 3 * len(row["house_number"]) + 2 + (
                    3 * len(street) if street.isascii() else len(_street_key(street)))
                if bound > limit and len(household_key(row)) > limit:
                    return self.faults(row, household)
        return []

    def _household_too_long(self, row, household):
        limit = self.household
        if limit is None:
            return False
        if household is not None:
            return len(household) > limit
        street = row["street"]
        street_length = 3 * len(street) if street.isascii() else len(_street_key(street))
        if len(row["postcode"]) + street_length + 3 * len(row["house_number"]) + 2 <= limit:
            return False
        return len(household_key(row)) > limit

    def faults(self, row, household=None):
        _ = self._
        faults = []
        for key, limit in self.lengths:
            value = row[key]
            if value.__class__ is str and len(value) > limit:
                faults.append(_("%(field)s %(value)s has %(length)d characters; at most %(limit)d can be stored.",
                                field=_field_label(key, _), value=_shown(value), length=len(value), limit=limit))
        for key in self.required:
            if row[key] is None:
                faults.append(_("%(field)s is missing; the register table needs a value here.",
                                field=_field_label(key, _)))
        for key, minimum, maximum in self.ranges:
            value = row[key]
            if value is not None and ((minimum is not None and value < minimum)
                                      or (maximum is not None and value > maximum)):
                faults.append(_("%(field)s %(value)s lies outside what can be stored (%(minimum)s to %(maximum)s).",
                                field=_field_label(key, _), value=_shown(str(value)),
                                minimum="–" if minimum is None else minimum,
                                maximum="–" if maximum is None else maximum))
        for key, allowed in self.choices:
            value = row[key]
            if value not in allowed:
                faults.append(_("%(field)s %(value)s is not one of the values that can be stored (%(choices)s).",
                                field=_field_label(key, _), value=_shown(str(value)),
                                choices=", ".join(sorted(map(str, allowed)))))
        if self._household_too_long(row, household):
            length = len(household if household is not None else household_key(row))
            faults.append(_("%(field)s would have %(length)d characters; at most %(limit)d can be stored.",
                            field=_field_label(HOUSEHOLD, _), length=length, limit=self.household))
        return faults


def _getter(keys):
    """A function of a row that returns the values of `keys` as a tuple (in C, by itemgetter)."""
    keys = tuple(keys)
    if not keys:
        return lambda row: ()
    if len(keys) == 1:
        single = itemgetter(keys[0])
        return lambda row: (single(row),)
    return itemgetter(*keys)


def row_nul_faults(row, gettext=None):
    """Sentences for the NUL characters in a row's stored values (PostgreSQL stores none)."""
    _ = gettext or _translate
    faults = []
    for key in FIELDS:
        value = row.get(key)
        if value.__class__ is str and "\x00" in value:
            faults.append(_("%(field)s contains a NUL character (byte 0), which cannot be stored.",
                            field=_field_label(key, _)))
    for name, value in (row.get(EXTRA) or {}).items():
        if "\x00" in name or "\x00" in value:
            faults.append(_("The column %(column)s contains a NUL character (byte 0), which cannot be stored.",
                            column=_shown(name.replace("\x00", "\ufffd"))))
    return faults


def rule_problems(rows, rules, *, gettext=None, limit=10):
    """(count, first sentences) of the values in `rows` that the database would refuse.

    For a caller that has rows without their lines (`read_register` with the same rules reports
    them by line): a sentence names the row by its position and person ID.
    """
    _ = gettext or _translate
    check = RuleChecker(rules, _)
    count, first = 0, []
    for number, row in enumerate(rows, 1):
        faults = check(row) + row_nul_faults(row, _)
        if faults:
            count += len(faults)
            first.extend(_("Row %(number)d (person ID %(id)s): %(problem)s", number=number,
                           id=_shown(str(row.get("person_id") or "")), problem=fault)
                         for fault in faults[:max(0, limit - len(first))])
    return count, first


# --- values damaged by an encoding ----------------------------------------------------------------

# What the bytes 0x80-0xBF (UTF-8 continuation bytes) become when read as Windows-1252 (or Latin-1).
_CONTINUATION = "".join(bytes([b]).decode("cp1252") for b in range(0x80, 0xC0)
                        if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) + "".join(map(chr, range(0x80, 0xA0)))
# UTF-8 read as Windows-1252: "Ã¼" for ü, "ÃŸ" for ß, "Ã„" for Ä, "â€“" for –, "Å\u009f"/"ÅŸ" for ş, ...
_MOJIBAKE = re.compile(f"[ÂÃÄÅÐÑ][{re.escape(_CONTINUATION)}]|â[€‚][{re.escape(_CONTINUATION)}]?|ï»¿|[\x80-\x9f]")
_REPLACEMENT = "\ufffd"
_QUESTION_MARK = re.compile(r"[^\W_]\?|\?[^\W_]|\?\?")
_ANY_SUSPICIOUS = re.compile(f"\ufffd|\\?|{_MOJIBAKE.pattern}")
# The cheap first look at the whole file (a substring search each, far faster than the pattern):
# a file with none of these characters and no "Ä" before a continuation character has no suspicious value.
_TRIGGERS = "\ufffd?ÂÃÅÐÑâï" + "".join(map(chr, range(0x80, 0xA0)))
_A_MOJIBAKE = re.compile(f"Ä[{re.escape(_CONTINUATION)}]")


def _may_be_damaged(text):
    return any(c in text for c in _TRIGGERS) or _A_MOJIBAKE.search(text) is not None


def suspicious(value):
    """(kind, the suspicious part) when `value` looks damaged by an encoding, else None.

    "replacement": U+FFFD, a character the decoder could not read; "mojibake": UTF-8 read as
    Windows-1252 ("MÃ¼ller"); "question_mark": a "?" inside a word ("Nguy?n", "Ay?e"), which
    an export writes for characters its encoding lacks.
    """
    if _REPLACEMENT in value:
        return "replacement", _REPLACEMENT
    match = _MOJIBAKE.search(value)
    if match:
        return "mojibake", match.group()
    match = _QUESTION_MARK.search(value)
    if match:
        return "question_mark", "?"
    return None


def _repaired(value):
    """What a mis-decoded value said before (UTF-8 bytes read as Windows-1252), or None."""
    try:
        repaired = value.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return repaired if repaired != value else None


def _warning_message(line, column, value, kind, part, _):
    column, shown = _shown(column), _shown(value)
    if kind == "replacement":
        return _("Line %(line)d, column %(column)s: %(value)s contains the replacement character “�”: a "
                 "character was lost when the file was made or read.", line=line, column=column, value=shown)
    if kind == "mojibake":
        repaired = _repaired(value)
        if repaired is not None:
            return _("Line %(line)d, column %(column)s: %(value)s looks wrongly encoded (%(part)s instead of an "
                     "umlaut or special letter); probably meant: %(repaired)s.", line=line, column=column,
                     value=shown, part=_shown(part), repaired=_shown(repaired))
        return _("Line %(line)d, column %(column)s: %(value)s looks wrongly encoded (%(part)s instead of an umlaut "
                 "or special letter).", line=line, column=column, value=shown, part=_shown(part))
    return _("Line %(line)d, column %(column)s: %(value)s has a “?” in a word: the export probably could not "
             "write a letter (such as “ş” or “ễ”).", line=line, column=column, value=shown)


# --- reading --------------------------------------------------------------------------------------

class _Problems:
    def __init__(self, limit, gettext):
        self.limit = limit
        self.kept = []
        self.count = 0
        self._ = gettext

    def add(self, line, text):
        self.count += 1
        if len(self.kept) < self.limit:
            self.kept.append(Problem(line, self._("Line %(line)d: %(problem)s", line=line, problem=text)))

    def add_text(self, line, message):
        """A message that names its line itself (the translated ones)."""
        self.count += 1
        if len(self.kept) < self.limit:
            self.kept.append(Problem(line, message))


def read_register(data, mapping, *, reference_date=None, max_problems=100, rules=None, gettext=None):
    """Read, normalize and validate an extract; see `RegisterRead` for the all-or-nothing contract.

    `mapping`: {field: header name} for fields of `FIELDS` (None or "" leaves a field out),
    and optionally EXTRA: [header names] to keep as they are in each row's "extra" dict.
    `reference_date` (default today) bounds birth dates and years; none before 1900.
    `rules`: {column: `ColumnRule`} of the table the rows go to (keys of a row, "household" for
    `household_key`, EXTRA): every value the database would refuse is a problem of its line. A NUL
    character in a stored value is always one. `gettext(message, **params)` translates the newer
    messages and the warnings (default: German). Warnings are kept up to `max_problems` as well.

    Each row: person_id, family_name, given_names, street, house_number, postcode, town,
    district (str, stripped), birth_date (`date` or None), birth_year (int or None; the year of
    birth_date when there is one), gender ("m", "w", "d" or ""), extra (dict).
    Lines with the wrong number of columns are reported and not returned as rows.
    """
    unknown = set(mapping) - set(FIELDS) - {EXTRA}
    if unknown:
        raise ValueError(f"unknown fields in mapping: {', '.join(sorted(unknown))}")
    data = bytes(data)  # also a bytearray or memoryview
    reference_date = reference_date or date.today()
    _ = gettext or _translate
    check = RuleChecker(rules, _) if rules else None
    problems = _Problems(max_problems, _)
    warnings = []
    warning_count = 0
    digest = hashlib.sha256()
    result = RegisterRead(fingerprint=hashlib.sha256(data).hexdigest())

    def finish():
        result.problems = problems.kept
        result.problem_count = problems.count
        result.warnings = warnings
        result.warning_count = warning_count
        result.warnings_digest = digest.hexdigest() if warning_count else ""
        return result

    try:
        text, result.encoding = _decode(data)
    except RegisterFileError as exc:
        problems.count += 1
        if max_problems > 0:
            problems.kept.append(Problem(exc.line, exc.message))
        return finish()
    if not text.strip():
        problems.add(1, _("The file is empty."))
        return finish()
    result.delimiter = delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header_line = 1
    try:
        header = next(reader)
        while not "".join(header).strip():  # blank lines before the header
            header_line = reader.line_num + 1
            header = next(reader)
    except StopIteration:
        problems.add(1, _("The file is empty."))
        return finish()
    except csv.Error as exc:
        problems.add(1, _("The header line cannot be read (%(error)s).", error=exc))
        return finish()
    header = [cell.strip() for cell in header]
    result.header = header
    width = len(header)

    # Resolve the mapping to column indexes; unmapped fields read an empty cell appended at `width`.
    positions = {}
    for column_index, column in enumerate(header):
        positions.setdefault(column, column_index)
    counts = {}
    for column in header:
        counts[column] = counts.get(column, 0) + 1

    def position(column, what):
        if column is None or (isinstance(column, str) and not column.strip()):
            return None
        column = str(column).strip()
        if column not in positions:
            problems.add(header_line, _("The column %(column)s (%(what)s) is not in the header line.",
                                         column=_shown(column), what=what))
            return None
        if counts[column] > 1:
            problems.add(header_line, _("The column %(column)s (%(what)s) occurs %(count)s times in the header "
                                        "line; the first one counts.", column=_shown(column), what=what,
                                        count=counts[column]))
        return positions[column]

    index = {name: position(mapping.get(name), _("for %(field)s", field=f.label)) for name, f in FIELDS.items()}
    extra_columns = []
    for column in mapping.get(EXTRA) or ():
        column_index = position(column, _("extra column"))
        if column_index is not None:
            extra_columns.append((str(column).strip(), column_index))
    if index["person_id"] is None and not mapping.get("person_id"):
        problems.add(header_line, _("No column is assigned to the person ID."))
    has_date, has_year = index["birth_date"] is not None, index["birth_year"] is not None
    if not has_date and not has_year and not mapping.get("birth_date") and not mapping.get("birth_year"):
        problems.add(header_line, _("No column is assigned to the date of birth or the year of birth."))
    if has_date and has_year:
        missing_birth = _("Date of birth and year of birth are missing.")
    else:
        missing_birth = _("Date of birth is missing.") if has_date else _("Year of birth is missing.")
    i_id, i_family, i_given, i_street, i_number, i_postcode, i_town, i_date, i_year, i_gender, i_district = (
        width if index[name] is None else index[name] for name in FIELDS)
    check_id = index["person_id"] is not None
    has_nul = "\x00" in text
    watched = [(header[index[name]], index[name]) for name in FIELDS if index[name] is not None] + [
        (name, column_index) for name, column_index in extra_columns]
    watch = bool(watched) and _may_be_damaged(text)
    any_suspicious = _ANY_SUSPICIOUS.search

    rows = []
    append = rows.append
    add = problems.add
    seen = {}
    dates = {}  # text -> date, or a message for a bad one (birth dates repeat a lot)
    years = {}
    genders = GENDERS
    first_year, last_year = EARLIEST_BIRTH.year, reference_date.year
    last_line = header_line
    row_count = 0
    # Hundreds of thousands of new dicts would set off the cyclic garbage collector again and
    # again (it doubles the time); they form no cycles, so it pauses while the rows are read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for record in reader:
            line = last_line + 1
            last_line = reader.line_num
            if len(record) != width:
                if not record:
                    continue  # blank line
                if len(record) > width and not "".join(record[width:]).strip():
                    del record[width:]  # trailing empty cells, as spreadsheets write them
                elif not "".join(record).strip():
                    continue
                else:
                    row_count += 1
                    add(line, _("The line has %(count)s columns instead of %(width)s.", count=len(record), width=width))
                    continue
            record.append("")
            person_id = record[i_id].strip()
            if not person_id:
                if not "".join(record).strip():
                    continue  # a line of empty cells
                if check_id:
                    add(line, _("The person ID is missing."))
            else:
                first = seen.setdefault(person_id, line)
                if first != line:
                    add(line, _("The person ID %(value)s occurs twice (line %(first)s and line %(line)s).",
                              value=_shown(person_id), first=first, line=line))
            row_count += 1

            birth_date = None
            birth_year = None
            text = record[i_date].strip()
            if text:
                birth_date = dates.get(text)
                if birth_date is None:
                    parsed = parse_date(text)
                    if parsed is None:
                        birth_date = _("Date of birth %(value)s is not a valid date.", value=_shown(text))
                    elif parsed < EARLIEST_BIRTH or parsed > reference_date:
                        birth_date = _("Date of birth %(value)s is before 1900 or after %(date)s.",
                                       value=_shown(text), date=date_text(reference_date))
                    else:
                        birth_date = parsed
                    dates[text] = birth_date
                if birth_date.__class__ is str:
                    add(line, birth_date)
                    birth_date = None
                else:
                    birth_year = birth_date.year
            text = record[i_year].strip()
            if text:
                year = years.get(text)
                if year is None:
                    if len(text) == 4 and text.isascii() and text.isdigit():
                        year = int(text)
                        if not first_year <= year <= last_year:
                            year = _("Year of birth %(value)s is before 1900 or after %(year)s.", value=_shown(text),
                                     year=last_year)
                    else:
                        year = _("Year of birth %(value)s is not a four-digit year.", value=_shown(text))
                    years[text] = year
                if year.__class__ is str:
                    add(line, year)
                elif birth_year is None:
                    birth_year = year
                elif birth_year != year:
                    add(line, _("Year of birth %(value)s does not fit the date of birth %(date)s.",
                                value=_shown(text), date=_shown(record[i_date].strip())))
            elif not record[i_date].strip() and (has_date or has_year):
                add(line, missing_birth)

            raw = record[i_gender]
            gender = genders.get(raw)
            if gender is None:
                gender = normalize_gender(raw)
                if gender is None:
                    add(line, _("Gender %(value)s is unknown (expected: m, w, d or empty).", value=_shown(raw.strip())))
                    gender = ""

            postcode = record[i_postcode].strip()
            if postcode and not (len(postcode) == 5 and postcode.isascii() and postcode.isdigit()):
                if len(postcode) == 4 and postcode.isascii() and postcode.isdigit():
                    add(line, _("Postcode %(value)s does not have exactly five digits. (Leading zero lost? Then "
                                "“0%(postcode)s”.)", value=_shown(postcode), postcode=postcode))
                else:
                    add(line, _("Postcode %(value)s does not have exactly five digits.", value=_shown(postcode)))

            row = {
                "person_id": person_id,
                "family_name": record[i_family].strip(),
                "given_names": record[i_given].strip(),
                "street": record[i_street].strip(),
                "house_number": record[i_number].strip(),
                "postcode": postcode,
                "town": record[i_town].strip(),
                "birth_date": birth_date,
                "birth_year": birth_year,
                "gender": gender,
                "district": record[i_district].strip(),
                "extra": {name: record[column].strip() for name, column in extra_columns},
            }
            append(row)
            if check is not None:
                faults = check(row)
                if faults:
                    for fault in faults:
                        problems.add_text(line, _("Line %(line)d: %(problem)s", line=line, problem=fault))
            if has_nul and "\x00" in "".join(record):
                for fault in row_nul_faults(row, _):
                    problems.add_text(line, _("Line %(line)d: %(problem)s", line=line, problem=fault))
            if watch and any_suspicious("\x1f".join(record)):
                for column, column_index in watched:
                    value = record[column_index].strip()
                    found = suspicious(value) if value else None
                    if found is not None:
                        warning_count += 1
                        digest.update(f"{line}\x1f{column}\x1f{value}\x1e".encode("utf-8", "surrogatepass"))
                        if len(warnings) < max_problems:
                            warnings.append(ValueWarning(line, column, value, found[0], _warning_message(
                                line, column, value, found[0], found[1], _)))
    except csv.Error as exc:
        add(last_line + 1, _("The line cannot be read (%(error)s); reading stopped here.", error=exc))
    finally:
        if collecting:
            gc.enable()

    if row_count == 0:
        add(header_line, _("The file holds only the header line and no records."))
    result.rows = rows
    result.row_count = row_count
    return finish()


# --- households ---------------------------------------------------------------------------------

_STREET_ABBREVIATION = re.compile(r"str\b\.?")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def _street_key(street):
    street = _fold(street)  # "Straße" -> "strasse", "Müller" -> "mueller"
    street = _STREET_ABBREVIATION.sub("strasse", street)
    return _NOT_ALNUM.sub("", street)


def household_key(row):
    """A key shared by everyone at one address: postcode, street and house number, normalized.

    Case, umlauts and ß, "Str."/"str." for "Straße", spaces, hyphens and dots in the street
    and spaces in the house number do not matter: "Hauptstr. 12 A" and "Hauptstraße 12a",
    "Karl-Marx-Allee" and "Karl Marx Allee" are one household.
    """
    number = "".join(str(row.get("house_number") or "").split()).casefold()
    postcode = "".join(str(row.get("postcode") or "").split())
    return f"{postcode}|{_street_key(str(row.get('street') or ''))}|{number}"
