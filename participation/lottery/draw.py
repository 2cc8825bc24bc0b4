"""Stage one of the citizen lottery: the verifiable invitation draw from a register extract.

A pure module (standard library and Babel only, no database, no Flask; messages through `texts`). Staff fix the register
extract and the parameters, the platform publishes `parameters_hash(fingerprint, parameters)`,
and only afterwards a seed is drawn in public (numbers drawn in a public session, entered by
staff). The draw is a deterministic function of (register, fingerprint, parameters, seed), so
anyone holding the register extract can reproduce the list of invitations exactly with
`verify()` (the CLI `flask lottery verify PROTOCOL.json REGISTER.csv` wraps it).

Public API
----------
- `DrawParameters` (frozen dataclass; `to_dict()` / `from_dict()`), `canonical_json(obj)`,
  `parameters_hash(fingerprint, parameters)`
- `normalize_seed(text)`, `hmac_hex(seed, fingerprint, person_id)`
- `largest_remainder(population, seats)`, `plan(people, parameters) -> DrawPlan` (steps 1-3:
  counts, population and allocation per stratum; no seed needed, so it can be shown and
  published together with the parameters)
- `draw(people, parameters, fingerprint, seed) -> DrawResult` (`invitations`: `Invitation`s);
  `DrawResult.protocol()`, `selection_hash(person_ids)`
- `verify(protocol, people, fingerprint_of_register) -> VerifyReport` (`ok`, `problems`,
  `checks`, `text()`)
- `ALGORITHM_DESCRIPTION_DE`: a German paragraph describing the procedure, for the PDF protocol
- errors: `LotteryError` (a `ValueError`) and its subclasses `SeedError`, `ParameterError`,
  `RegisterError`, `DrawError`; their messages are German sentences meant for staff.

Input
-----
`people` is an iterable of dicts or objects with the fields `person_id` (non-empty str,
unique), `birth_date` (`datetime.date` or None), `birth_year` (int or None), `gender`
("m", "w", "d" or ""), `district` (str), `household` (a normalised household key, str) and an
optional `extra` dict, which the draw ignores. A missing `gender`, `district` or `household`
is read as "". `fingerprint` is an opaque non-empty string identifying the register extract
(for example the SHA-256 of the file); this module never computes it.

The algorithm "hmac-sha256-v1", step by step
--------------------------------------------
Strings are compared by Unicode code point (Python's `<` on `str`); "sorted" means ascending
in that order, and tuples of strings are compared element by element.

0. Seed. The seed text is normalised (`normalize_seed`): split at whitespace, commas and
   semicolons, every part must be a decimal number of ASCII digits, each number is written
   without leading zeros ("007" -> "7", "000" -> "0"), joined by single spaces:
   " 17, 4  033 " -> "17 4 33".

1. Eligibility. Every register row is in exactly one of three groups:
   - excluded: its `person_id` is in `excluded_ids` (drawn earlier in the process);
   - ineligible: otherwise, when its age is unknown or outside [min_age, max_age]
     (`max_age` None means no upper limit);
   - eligible: all others.
   Age on `reference_date` (R):
   - with `birth_date` (B): R.year - B.year, minus 1 if (R.month, R.day) < (B.month, B.day).
     A birthday on the reference date counts (the person has that age on the day). Someone
     born on 29 February reaches the new age on 1 March in years without 29 February
     (as § 187 Abs. 2, § 188 BGB count it).
   - with only `birth_year` (Y): R.year - Y, i.e. the age the person reaches by 31 December of
     the reference year ("age at year end"). With min_age 16 this includes people who turn 16
     later in that year; register extracts selected by year of birth (Jahrgänge) work this way.
   - `birth_date` wins when both are given; with neither the age is unknown (ineligible,
     counted as `without_birth_data`).

2. Strata. For each eligible person the stratum is the tuple of the chosen features, in the
   fixed order ("district", "age_band", "gender") whatever order the parameters list them in
   (`DrawParameters` normalises `strata` to that order). Values: `district` and `gender` as
   given (strings); `age_band` is the label of the band that contains the age, with lower
   bounds b0 < b1 < ... < bn from `age_bands`: "b0-(b1-1)", ..., "bn+" (e.g. "16-24",
   "75+"). With no features there is a single stratum, the empty tuple. Only strata with at
   least one eligible person exist. The canonical order of strata is the sorted order of
   their tuples.

3. Allocation (largest remainder, Hare quota). With N eligible people in total, n_s in
   stratum s, and L letters: the quota of s is L * n_s / N; s first gets floor(L * n_s / N);
   the remaining L - sum(floors) letters go one each to the strata with the largest remainders
   (L * n_s mod N, compared exactly as integers, no floating point); among equal remainders
   the stratum earlier in canonical order wins. No stratum receives more than n_s (a quota
   never exceeds n_s, and a stratum with a remainder has ceil(quota) <= n_s). The allocation
   does not depend on the seed; `plan()` computes it before the seed exists. L > N is an error.

4. Order. Within each stratum, people are sorted by
       HMAC-SHA256(key = UTF-8 bytes of the normalised seed,
                   message = UTF-8 bytes of fingerprint + ":" + person_id)
   as a lowercase hexadecimal string, ascending (the same order as the 32 raw bytes). Equal
   digests (practically impossible) would be ordered by person_id. The 1-based position in
   this order is the person's `rank` in the stratum.

5. Selection. Strata are processed in canonical order. Each stratum is walked in the order of
   step 4, taking people until its allocation is filled. With `one_per_household`, a person is
   skipped when a person with the same non-empty `household` key already has a letter, from
   this stratum or from any stratum processed before it (an empty key is no household: such a
   person is never skipped). If a stratum runs out of people before its allocation is filled,
   the difference is its shortfall: it is reported per stratum (allocated, drawn, shortfall)
   and NOT moved to other strata.

6. Result. The invitations in canonical stratum order, and within a stratum by rank: person_id,
   stratum, rank, HMAC hex. `selection_hash` is the SHA-256 (hex) of the UTF-8 bytes of
   `canonical_json([person_id, ...])` of that ordered list.

Canonical JSON: `json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`,
hashed as UTF-8; floats are refused. For the values used here (ASCII keys, strings, integers,
booleans, null, lists) this is the same text as RFC 8785 (JCS). `parameters_hash` is the
SHA-256 (hex) of `canonical_json({"fingerprint": fingerprint, "parameters":
parameters.to_dict()})`.

Protocol (`DrawResult.protocol()`), format_version 1
----------------------------------------------------
    {"kind": "invitation_draw", "format_version": 1, "algorithm": "hmac-sha256-v1",
     "fingerprint": str, "parameters": {...canonical parameters...}, "parameters_hash": str,
     "seed": str (normalised),
     "counts": {"register", "excluded", "ineligible", "without_birth_data", "eligible",
                "letters", "drawn", "shortfall"},
     "strata": [{"stratum": [values...], "population", "allocated", "drawn", "shortfall"}, ...],
     "selection": [{"person_id", "stratum": [values...], "rank", "hmac"}, ...],
     "selection_hash": str}
`"selection"` is left out with `protocol(include_selection=False)` (a version to publish: it
names nobody, and `verify()` then checks the selection through `selection_hash` alone).
`verify()` ignores keys it does not know, so callers may add metadata (time, staff, process);
`parameters` must hold exactly the known keys. Other kinds (the second-stage panel lottery)
get their own "kind".
"""
import hashlib
import heapq
import hmac
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from .texts import LazyLabels, _, _l, german, msgid, ngettext, number

KIND = "invitation_draw"
FORMAT_VERSION = 1
ALGORITHM = "hmac-sha256-v1"
FEATURES = ("district", "age_band", "gender")
DEFAULT_AGE_BANDS = (16, 25, 35, 45, 55, 65, 75)

FEATURE_LABELS = LazyLabels({"district": _l("District"), "age_band": _l("Age band"), "gender": _l("Gender")})

ALGORITHM_DESCRIPTION = _l(
    "Random selection “hmac-sha256-v1”: eligible are all people who have reached the minimum age (and not "
    "passed the maximum age) on the reference date and were not drawn earlier in the process; where only the "
    "year of birth is known, the age at the end of the year counts. The letters are distributed over the strata "
    "by the largest-remainder method (Hare/Niemeyer) in proportion to the number of eligible people. Within "
    "each stratum the people are ordered ascending by HMAC-SHA256(seed, fingerprint + “:” + identifier) and "
    "drawn in this order until the stratum has its number of letters. The fingerprint of the register and all "
    "parameters were fixed and published before the seed was drawn in public; anyone holding the same "
    "register extract can recompute the selection exactly."
)
# The German text, for the German PDF protocol (letters.py), from the catalogue.
ALGORITHM_DESCRIPTION_DE = german(msgid(ALGORITHM_DESCRIPTION))


# --- errors --------------------------------------------------------------------------------

class LotteryError(ValueError):
    """Base class; the message is a German sentence for staff."""


class SeedError(LotteryError):
    pass


class ParameterError(LotteryError):
    pass


class RegisterError(LotteryError):
    pass


class DrawError(LotteryError):
    pass


def _n(value):
    """A count with the locale's thousands separator: 5000 -> "5.000" (German), "5,000" (English)."""
    return number(value)


def _stratum_text(stratum):
    return " / ".join(value if value != "" else _("(empty)") for value in stratum) or _("(all)")


# --- canonical JSON and hashes -----------------------------------------------------------------

def _refuse_floats(obj):
    if isinstance(obj, float):
        raise TypeError("canonical_json: floats have no canonical form here")
    if isinstance(obj, dict):
        for value in obj.values():
            _refuse_floats(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            _refuse_floats(value)


def canonical_json(obj):
    """The canonical JSON text of `obj` (sorted keys, no spaces, UTF-8 characters unescaped).

    Hash it as `canonical_json(obj).encode("utf-8")`. Floats are refused (TypeError).
    """
    _refuse_floats(obj)
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def selection_hash(person_ids):
    """SHA-256 (hex) of the canonical JSON list of the ordered person ids."""
    return _sha256_hex(canonical_json(list(person_ids)))


# --- parameters -----------------------------------------------------------------------------

def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _age_band_labels(bounds):
    labels = [f"{low}-{high - 1}" for low, high in zip(bounds, bounds[1:])]
    labels.append(f"{bounds[-1]}+")
    return labels


@dataclass(frozen=True)
class DrawParameters:
    """Everything that is fixed and published before the seed exists.

    `strata` is normalised to the order of `FEATURES`; `excluded_ids` becomes a frozenset (it is
    a sorted list in `to_dict()`). Invalid values raise `ParameterError` (German message).
    """

    letters: int
    reference_date: date
    min_age: int = 16
    max_age: int | None = None
    strata: tuple = ("district",)
    age_bands: tuple = DEFAULT_AGE_BANDS
    one_per_household: bool = False
    excluded_ids: frozenset = frozenset()

    def __post_init__(self):
        if not _is_int(self.letters) or self.letters <= 0:
            raise ParameterError(_("The number of letters must be a whole number above 0, not “%(value)s”.",
                                   value=self.letters))
        if not isinstance(self.reference_date, date) or isinstance(self.reference_date, datetime):
            raise ParameterError(_("The reference date must be a date (without a time)."))
        if not _is_int(self.min_age) or self.min_age < 0:
            raise ParameterError(_("The minimum age must be a whole number from 0, not “%(value)s”.", value=self.min_age))
        if self.max_age is not None and (not _is_int(self.max_age) or self.max_age < self.min_age):
            raise ParameterError(_(
                "The maximum age must be a whole number at least as high as the minimum age (%(minimum)s), "
                "not “%(value)s”.", minimum=self.min_age, value=self.max_age))
        if isinstance(self.strata, str):
            raise ParameterError(_("The stratification features must be given as a list, e.g. [\"district\"]."))
        strata = tuple(self.strata)
        unknown = [name for name in strata if name not in FEATURES]
        if unknown:
            raise ParameterError(_("Unknown stratification feature “%(name)s”; possible are: %(known)s.",
                                   name=unknown[0], known=", ".join(FEATURES)))
        if len(set(strata)) != len(strata):
            raise ParameterError(_("A stratification feature is given twice."))
        object.__setattr__(self, "strata", tuple(name for name in FEATURES if name in strata))
        bands = tuple(self.age_bands)
        if not bands or not all(_is_int(b) and b >= 0 for b in bands) or any(
            low >= high for low, high in zip(bands, bands[1:])
        ):
            raise ParameterError(_(
                "The age bands must be given as an ascending list of whole-number lower bounds, "
                "e.g. [16, 25, 35, 45, 55, 65, 75]."))
        object.__setattr__(self, "age_bands", bands)
        if "age_band" in self.strata and self.min_age < bands[0]:
            raise ParameterError(_(
                "The first age band starts at %(first)s, but the minimum age is %(minimum)s: people under "
                "%(first)s would have no age band.", first=bands[0], minimum=self.min_age))
        if not isinstance(self.one_per_household, bool):
            raise ParameterError(_("“One letter per household” must be yes (true) or no (false)."))
        if isinstance(self.excluded_ids, str):
            raise ParameterError(_("The excluded identifiers must be given as a list."))
        excluded = frozenset(self.excluded_ids)
        if not all(isinstance(pid, str) and pid for pid in excluded):
            raise ParameterError(_("The excluded identifiers must be non-empty texts."))
        object.__setattr__(self, "excluded_ids", excluded)

    @property
    def age_band_labels(self):
        return tuple(_age_band_labels(self.age_bands))

    def to_dict(self):
        """The canonical, JSON-serialisable form (this is what is hashed and published)."""
        return {
            "letters": self.letters,
            "reference_date": self.reference_date.isoformat(),
            "min_age": self.min_age,
            "max_age": self.max_age,
            "strata": list(self.strata),
            "age_bands": list(self.age_bands),
            "one_per_household": self.one_per_household,
            "excluded_ids": sorted(self.excluded_ids),
        }

    @classmethod
    def from_dict(cls, data):
        """Read the form of `to_dict()` back; unknown or missing keys raise `ParameterError`."""
        if not isinstance(data, Mapping):
            raise ParameterError(_("The parameters of the draw are missing or are not a JSON object."))
        expected = {"letters", "reference_date", "min_age", "max_age", "strata", "age_bands",
                    "one_per_household", "excluded_ids"}
        unknown = sorted(set(data) - expected)
        if unknown:
            raise ParameterError(_(
                "Unknown parameter “%(name)s”: this draw comes from another version of the program and cannot "
                "be recomputed here.", name=unknown[0]))
        missing = sorted(expected - set(data))
        if missing:
            raise ParameterError(_("The parameter “%(name)s” is missing.", name=missing[0]))
        try:
            reference_date = date.fromisoformat(data["reference_date"])
        except (TypeError, ValueError):
            raise ParameterError(_("The reference date “%(value)s” is not a date of the form YYYY-MM-DD.",
                                   value=data["reference_date"])) from None
        for key in ("strata", "age_bands", "excluded_ids"):
            if not isinstance(data[key], list | tuple):
                raise ParameterError(_("The parameter “%(name)s” must be a list.", name=key))
        return cls(
            letters=data["letters"],
            reference_date=reference_date,
            min_age=data["min_age"],
            max_age=data["max_age"],
            strata=tuple(data["strata"]),
            age_bands=tuple(data["age_bands"]),
            one_per_household=data["one_per_household"],
            excluded_ids=frozenset(data["excluded_ids"]),
        )


def parameters_hash(fingerprint, parameters):
    """SHA-256 (hex) of canonical_json({"fingerprint": ..., "parameters": parameters.to_dict()}).

    This is the value fixed and published before the seed is drawn.
    """
    return _sha256_hex(canonical_json({"fingerprint": fingerprint, "parameters": parameters.to_dict()}))


# --- seed and HMAC ------------------------------------------------------------------------------

_SEED_SEPARATORS = re.compile(r"[\s,;]+")
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def normalize_seed(text):
    """The publicly drawn numbers as a canonical string: "17, 4  033" -> "17 4 33".

    Parts are separated by whitespace, commas or semicolons; each must be a number of digits
    0-9 and is written without leading zeros. Empty input or anything else raises `SeedError`.
    A non-negative int is accepted as its decimal text.
    """
    if _is_int(text) and text >= 0:
        text = str(text)
    if not isinstance(text, str):
        raise SeedError(_("The random value (seed) must be entered as a text of numbers."))
    parts = [part for part in _SEED_SEPARATORS.split(text) if part]
    if not parts:
        raise SeedError(_("The random value (seed) is empty. Please enter the numbers drawn in public, "
                          "e.g. “17 4 33 8 25 41”."))
    invalid = [part for part in parts if not _DIGITS.fullmatch(part)]
    if invalid:
        raise SeedError(_(
            "The random value (seed) may only hold numbers of the digits 0–9, separated by spaces or commas; "
            "“%(part)s” is no such number.", part=invalid[0]))
    return " ".join(str(int(part)) for part in parts)


def hmac_hex(seed, fingerprint, person_id):
    """The ordering key of step 4 for one person (reference implementation, stdlib `hmac`).

    `seed` must already be normalised.
    """
    message = f"{fingerprint}:{person_id}".encode()
    return hmac.new(seed.encode(), message, hashlib.sha256).hexdigest()


def _hmac_function(seed):
    """A fast HMAC-SHA256 with a fixed key: the key pads are hashed once, then copied per message.

    Equal to `hmac.new(key, message, sha256).digest()` (RFC 2104); about 3x faster than
    `hmac.new` or `hmac.digest` for short messages.
    """
    key = seed.encode()
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    inner_copy, outer_copy = inner.copy, outer.copy

    def digest(message):
        h = inner_copy()
        h.update(message)
        o = outer_copy()
        o.update(h.digest())
        return o.digest()

    return digest


# --- allocation ------------------------------------------------------------------------------

def largest_remainder(population, seats):
    """Largest-remainder (Hare) allocation of `seats` to strata in proportion to `population`.

    `population` maps stratum (a tuple of strings) to a count. Exact integer arithmetic; equal
    remainders go to the stratum earlier in sorted order. Returns {stratum: seats} for every
    stratum in `population` (sorted). Raises `DrawError` when seats exceed the total.
    """
    total = sum(population.values())
    if seats > total:
        raise DrawError(ngettext(
            "%(letters)s letters are to be sent, but only %(count)s person is eligible.",
            "%(letters)s letters are to be sent, but only %(count)s people are eligible.",
            total, letters=_n(seats), count=_n(total)))
    strata = sorted(population)
    allocation = {s: seats * population[s] // total for s in strata}
    remainders = {s: seats * population[s] % total for s in strata}
    left = seats - sum(allocation.values())
    for s in sorted(strata, key=lambda s: -remainders[s])[:left]:  # stable sort: ties keep sorted order
        allocation[s] += 1
    return allocation


# --- steps 1-3: eligibility, strata, allocation ------------------------------------------------------------

@dataclass(frozen=True)
class DrawPlan:
    """Steps 1-3, which do not need the seed: counts, population and allocation per stratum."""

    parameters: DrawParameters
    register_count: int
    excluded_count: int
    ineligible_count: int
    without_birth_data_count: int
    eligible_count: int
    population: dict  # stratum -> eligible people, canonical order
    allocation: dict  # stratum -> letters, canonical order
    members: dict = field(repr=False, compare=False)  # stratum -> [(person_id, household), ...]


def _stratum_function(parameters):
    strata = parameters.strata
    bounds = parameters.age_bands
    labels = _age_band_labels(bounds)

    def band(age):
        return labels[bisect_right(bounds, age) - 1]

    functions = {
        (): lambda d, a, g: (),
        ("district",): lambda d, a, g: (d,),
        ("age_band",): lambda d, a, g: (band(a),),
        ("gender",): lambda d, a, g: (g,),
        ("district", "age_band"): lambda d, a, g: (d, band(a)),
        ("district", "gender"): lambda d, a, g: (d, g),
        ("age_band", "gender"): lambda d, a, g: (band(a), g),
        ("district", "age_band", "gender"): lambda d, a, g: (d, band(a), g),
    }
    return functions[strata]


def _text_field(value, name, person_id):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RegisterError(_("For the person “%(person)s” the field “%(field)s” is not a text.", person=person_id,
                               field=name))
    return value


def plan(people, parameters):
    """Steps 1-3 (eligibility, strata, allocation). Raises `RegisterError` for unusable rows
    (missing or duplicate person_id, wrong types) and `DrawError` when no one or too few are
    eligible."""
    if not isinstance(parameters, DrawParameters):
        raise TypeError("parameters must be DrawParameters")
    if not isinstance(people, Iterable):
        raise TypeError("people must be an iterable")
    ref = parameters.reference_date
    ref_year, ref_month_day = ref.year, (ref.month, ref.day)
    min_age, max_age = parameters.min_age, parameters.max_age
    excluded = parameters.excluded_ids
    stratum_of = _stratum_function(parameters)
    use_district, use_gender = "district" in parameters.strata, "gender" in parameters.strata
    use_household = parameters.one_per_household

    seen = set()
    members = {}
    register = excluded_count = ineligible = without_birth = 0
    for person in people:
        register += 1
        if isinstance(person, dict):
            get = person.get
            pid, birth_date, birth_year = get("person_id"), get("birth_date"), get("birth_year")
            district, gender, household = get("district"), get("gender"), get("household")
        else:
            pid = getattr(person, "person_id", None)
            birth_date, birth_year = getattr(person, "birth_date", None), getattr(person, "birth_year", None)
            district, gender = getattr(person, "district", None), getattr(person, "gender", None)
            household = getattr(person, "household", None)
        if not isinstance(pid, str) or not pid:
            raise RegisterError(_("Entry no. %(number)s of the register has no identifier (person_id).",
                                   number=_n(register)))
        if pid in seen:
            raise RegisterError(_("The identifier “%(person)s” occurs more than once in the register.", person=pid))
        seen.add(pid)
        if pid in excluded:
            excluded_count += 1
            continue
        if birth_date is not None:
            if type(birth_date) is not date and (not isinstance(birth_date, date) or isinstance(birth_date, datetime)):
                raise RegisterError(_("For the person “%(person)s” the date of birth is not a date.", person=pid))
            age = ref_year - birth_date.year - (ref_month_day < (birth_date.month, birth_date.day))
        elif birth_year is not None:
            if not _is_int(birth_year):
                raise RegisterError(_("For the person “%(person)s” the year of birth is not a whole number.", person=pid))
            age = ref_year - birth_year
        else:
            without_birth += 1
            ineligible += 1
            continue
        if age < min_age or (max_age is not None and age > max_age):
            ineligible += 1
            continue
        if type(district) is not str:
            district = _text_field(district, "district", pid) if use_district else ""
        if type(gender) is not str:
            gender = _text_field(gender, "gender", pid) if use_gender else ""
        if type(household) is not str:
            household = _text_field(household, "household", pid) if use_household else ""
        stratum = stratum_of(district, age, gender)
        group = members.get(stratum)
        if group is None:
            group = members[stratum] = []
        group.append((pid, household))

    eligible = register - excluded_count - ineligible
    if eligible == 0:
        raise DrawError(_("Under these parameters nobody in the register (%(count)s entries) is eligible.",
                          count=_n(register)))
    population = {s: len(members[s]) for s in sorted(members)}
    allocation = largest_remainder(population, parameters.letters)
    return DrawPlan(
        parameters=parameters,
        register_count=register,
        excluded_count=excluded_count,
        ineligible_count=ineligible,
        without_birth_data_count=without_birth,
        eligible_count=eligible,
        population=population,
        allocation=allocation,
        members=members,
    )


# --- steps 4-6: order, selection, result ---------------------------------------------------------------

@dataclass(frozen=True)
class Invitation:
    person_id: str
    stratum: tuple
    rank: int  # 1-based position in the stratum's HMAC order (skipped people included)
    hmac: str  # lowercase hex


@dataclass(frozen=True)
class DrawResult:
    parameters: DrawParameters
    fingerprint: str
    seed: str  # normalised
    invitations: tuple  # of Invitation, canonical stratum order, then rank
    population: dict  # stratum -> eligible people
    allocation: dict  # stratum -> letters allocated
    drawn: dict  # stratum -> letters drawn
    shortfall: dict  # stratum -> allocated - drawn, only strata where this is > 0
    register_count: int
    excluded_count: int
    ineligible_count: int
    without_birth_data_count: int
    eligible_count: int

    @property
    def parameters_hash(self):
        return parameters_hash(self.fingerprint, self.parameters)

    @property
    def person_ids(self):
        return [invitation.person_id for invitation in self.invitations]

    @property
    def selection_hash(self):
        return selection_hash(self.person_ids)

    @property
    def total_shortfall(self):
        return sum(self.shortfall.values())

    def counts(self):
        return {
            "register": self.register_count,
            "excluded": self.excluded_count,
            "ineligible": self.ineligible_count,
            "without_birth_data": self.without_birth_data_count,
            "eligible": self.eligible_count,
            "letters": self.parameters.letters,
            "drawn": len(self.invitations),
            "shortfall": self.total_shortfall,
        }

    def strata_table(self):
        return [
            {
                "stratum": list(stratum),
                "population": self.population[stratum],
                "allocated": self.allocation[stratum],
                "drawn": self.drawn[stratum],
                "shortfall": self.shortfall.get(stratum, 0),
            }
            for stratum in self.population
        ]

    def protocol(self, include_selection=True):
        """The draw protocol as a JSON-serialisable dict (see the module docstring)."""
        protocol = {
            "kind": KIND,
            "format_version": FORMAT_VERSION,
            "algorithm": ALGORITHM,
            "fingerprint": self.fingerprint,
            "parameters": self.parameters.to_dict(),
            "parameters_hash": self.parameters_hash,
            "seed": self.seed,
            "counts": self.counts(),
            "strata": self.strata_table(),
            "selection_hash": self.selection_hash,
        }
        if include_selection:
            protocol["selection"] = [
                {"person_id": i.person_id, "stratum": list(i.stratum), "rank": i.rank, "hmac": i.hmac}
                for i in self.invitations
            ]
        return protocol


def _select(entries, wanted, used_households, one_per_household):
    """Walk `entries` [(digest, person_id, household)] in ascending order; return
    [(rank, entry)] of at most `wanted` people. Sorting is partial (heapq.nsmallest) while that
    suffices; the result is the same as walking the fully sorted list."""
    count = len(entries)
    chosen = []
    prefix = min(count, wanted if not one_per_household else wanted * 2 + 16)
    ordered = heapq.nsmallest(prefix, entries)
    position = 0
    while len(chosen) < wanted:
        if position == len(ordered):
            if len(ordered) == count:
                break
            ordered = sorted(entries)  # the first `prefix` entries are the same as before
        entry = ordered[position]
        position += 1
        if one_per_household:
            household = entry[2]
            if household:
                if household in used_households:
                    continue
                used_households.add(household)
        chosen.append((position, entry))
    return chosen


def draw(people, parameters, fingerprint, seed):
    """The invitation draw, steps 1-6 of the module docstring. Returns a `DrawResult`."""
    if not isinstance(fingerprint, str) or not fingerprint:
        raise DrawError(_("The fingerprint of the register is missing."))
    seed = normalize_seed(seed)
    the_plan = plan(people, parameters)
    digest = _hmac_function(seed)
    prefix = fingerprint.encode() + b":"
    used_households = set()
    one_per_household = parameters.one_per_household
    invitations = []
    drawn = {}
    shortfall = {}
    for stratum, wanted in the_plan.allocation.items():
        if wanted == 0:
            drawn[stratum] = 0
            continue
        entries = [(digest(prefix + pid.encode()), pid, household) for pid, household in the_plan.members[stratum]]
        chosen = _select(entries, wanted, used_households, one_per_household)
        invitations.extend(Invitation(pid, stratum, rank, raw.hex()) for rank, (raw, pid, __) in chosen)
        drawn[stratum] = len(chosen)
        if len(chosen) < wanted:
            shortfall[stratum] = wanted - len(chosen)
    return DrawResult(
        parameters=parameters,
        fingerprint=fingerprint,
        seed=seed,
        invitations=tuple(invitations),
        population=the_plan.population,
        allocation=the_plan.allocation,
        drawn=drawn,
        shortfall=shortfall,
        register_count=the_plan.register_count,
        excluded_count=the_plan.excluded_count,
        ineligible_count=the_plan.ineligible_count,
        without_birth_data_count=the_plan.without_birth_data_count,
        eligible_count=the_plan.eligible_count,
    )


# --- verification -------------------------------------------------------------------------------

@dataclass
class VerifyReport:
    """`problems`: every mismatch as a German sentence; `checks`: what was checked and agreed."""

    problems: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    recomputed: DrawResult | None = None

    @property
    def ok(self):
        return not self.problems

    def text(self):
        lines = [f"✓ {check}" for check in self.checks] + [f"✗ {problem}" for problem in self.problems]
        verdict = (_("Result: the draw can be traced exactly.") if self.ok else
                   _("Result: the check failed (%(count)s difference(s)).", count=_n(len(self.problems))))
        return "\n".join([*lines, verdict])


def _examples(items, limit):
    shown = ", ".join(_("“%(value)s”", value=item) for item in items[:limit])
    more = len(items) - limit
    return _("%(shown)s and %(count)s more", shown=shown, count=_n(more)) if more > 0 else shown


_COUNT_LABELS = {
    "register": _l("entries in the register"),
    "excluded": _l("people excluded as drawn earlier"),
    "ineligible": _l("people not eligible"),
    "without_birth_data": _l("people without a birth date"),
    "eligible": _l("eligible people"),
    "letters": _l("letters according to the parameters"),
    "drawn": _l("people drawn"),
    "shortfall": _l("missing letters (shortfall)"),
}


def verify(protocol, people, fingerprint_of_register, *, expected_parameters_hash=None, max_examples=5):
    """Recompute the draw of `protocol` from the register rows `people` and compare.

    `fingerprint_of_register` is the fingerprint of the register file at hand, computed the same
    way as when drawing. `expected_parameters_hash`, when given, is the hash published before
    the seed was drawn. The draw is recomputed with the fingerprint, parameters and seed written
    in the protocol (so a fingerprint mismatch is reported, and the list is still compared).
    Mismatching ids or positions are named up to `max_examples` per kind of mismatch, with the
    total count. Never raises for bad protocol or register content; everything goes into the
    report.
    """
    report = VerifyReport()
    problems, checks = report.problems, report.checks
    if not isinstance(protocol, Mapping):
        problems.append(_("The protocol is not a JSON object."))
        return report
    if protocol.get("kind") != KIND:
        problems.append(_("The protocol is not the protocol of an invitation draw (kind is “%(kind)s”, expected "
                          "“%(expected)s”).", kind=protocol.get("kind"), expected=KIND))
        return report
    if protocol.get("format_version") != FORMAT_VERSION:
        problems.append(_("The protocol has format %(format)s; this version of the program can only check format "
                          "%(supported)s.", format=protocol.get("format_version"), supported=FORMAT_VERSION))
        return report
    if protocol.get("algorithm") != ALGORITHM:
        problems.append(_("The protocol names the procedure “%(algorithm)s”; this version of the program only "
                          "knows “%(known)s”.", algorithm=protocol.get("algorithm"), known=ALGORITHM))
        return report
    try:
        parameters = DrawParameters.from_dict(protocol.get("parameters"))
    except LotteryError as error:
        problems.append(_("The parameters in the protocol are invalid: %(error)s", error=error))
        return report

    fingerprint = protocol.get("fingerprint")
    if not isinstance(fingerprint, str) or not fingerprint:
        problems.append(_("The protocol lacks the fingerprint of the register."))
        return report
    if fingerprint == fingerprint_of_register:
        checks.append(_("The fingerprint of the register agrees with the protocol."))
    else:
        problems.append(_(
            "The fingerprint of the register at hand (%(actual)s) does not agree with the one in the protocol "
            "(%(stated)s): the register file is not the one the draw was made from.",
            actual=fingerprint_of_register, stated=fingerprint))

    computed_hash = parameters_hash(fingerprint, parameters)
    if protocol.get("parameters_hash") == computed_hash:
        checks.append(_("The checksum of the parameters is right (%(hash)s).", hash=computed_hash))
    else:
        problems.append(_(
            "The checksum of the parameters in the protocol (%(stated)s) does not fit the fingerprint and "
            "parameters in the protocol (recomputed: %(computed)s).",
            stated=protocol.get("parameters_hash"), computed=computed_hash))
    if expected_parameters_hash is not None:
        if expected_parameters_hash == computed_hash:
            checks.append(_("The checksum of the parameters is the one published before the draw."))
        else:
            problems.append(_(
                "The checksum published before the draw (%(published)s) is not that of the parameters in the "
                "protocol (%(computed)s): the parameters were changed afterwards.",
                published=expected_parameters_hash, computed=computed_hash))

    try:
        seed = normalize_seed(protocol.get("seed"))
    except SeedError as error:
        problems.append(_("The seed in the protocol is invalid: %(error)s", error=error))
        return report
    if seed != protocol.get("seed"):
        problems.append(_("The seed in the protocol (“%(stated)s”) is not in normal form (“%(seed)s”).",
                           stated=protocol.get("seed"), seed=seed))

    listed = protocol.get("selection")
    listed_ids = None
    if listed is not None:
        if not isinstance(listed, list) or not all(
            isinstance(entry, Mapping) and isinstance(entry.get("person_id"), str) for entry in listed
        ):
            problems.append(_("The list of the people drawn in the protocol cannot be read."))
            listed = None
        else:
            listed_ids = [entry["person_id"] for entry in listed]
            if selection_hash(listed_ids) == protocol.get("selection_hash"):
                checks.append(_("The checksum of the selection fits the list in the protocol."))
            else:
                problems.append(_("The checksum of the selection in the protocol does not fit the list of the "
                                  "people drawn in the protocol: the list was changed after the draw."))
            wrong = [entry["person_id"] for entry in listed
                     if entry.get("hmac") != hmac_hex(seed, fingerprint, entry["person_id"])]
            if wrong:
                problems.append(_(
                    "For %(wrong)s of %(count)s people drawn the HMAC value in the protocol does not fit seed "
                    "“%(seed)s” and fingerprint: %(examples)s.", wrong=_n(len(wrong)), count=_n(len(listed)),
                    seed=seed, examples=_examples(wrong, max_examples)))
            else:
                checks.append(_("The HMAC values of all people drawn fit seed and fingerprint."))

    try:
        result = draw(people, parameters, fingerprint, seed)
    except LotteryError as error:
        problems.append(_("The draw cannot be recomputed with this register: %(error)s", error=error))
        return report
    report.recomputed = result

    stated_counts = protocol.get("counts")
    if isinstance(stated_counts, Mapping):
        differing = [
            _("%(what)s: protocol %(stated)s, recomputed %(computed)s", what=_COUNT_LABELS[key],
              stated=stated_counts.get(key), computed=value)
            for key, value in result.counts().items()
            if stated_counts.get(key) != value
        ]
        if differing:
            problems.append(_("The numbers differ – %(differences)s.", differences="; ".join(differing)))
        else:
            checks.append(_("The numbers are right: %(register)s entries, %(eligible)s eligible, %(drawn)s drawn.",
                            register=_n(result.register_count), eligible=_n(result.eligible_count),
                            drawn=_n(len(result.invitations))))
    else:
        problems.append(_("The protocol lacks the numbers (counts)."))

    stated_strata = protocol.get("strata")
    computed_strata = result.strata_table()
    if stated_strata == computed_strata:
        checks.append(_("The distribution of the letters over %(count)s stratum/strata is right.",
                         count=_n(len(computed_strata))))
    elif not isinstance(stated_strata, list):
        problems.append(_("The protocol lacks the distribution of the letters over the strata (strata)."))
    else:
        by_stratum = {
            tuple(row["stratum"]): row for row in stated_strata
            if isinstance(row, Mapping) and isinstance(row.get("stratum"), list)
            and all(isinstance(value, str) for value in row["stratum"])
        }
        differing = []
        for row in computed_strata:
            stated = by_stratum.pop(tuple(row["stratum"]), None)
            if stated is None:
                differing.append(_("%(stratum)s is missing in the protocol", stratum=_stratum_text(row["stratum"])))
            elif any(stated.get(key) != row[key] for key in ("population", "allocated", "drawn", "shortfall")):
                differing.append(_(
                    "%(stratum)s: protocol %(population)s eligible/%(allocated)s letters/%(drawn)s drawn, recomputed "
                    "%(computed_population)s/%(computed_allocated)s/%(computed_drawn)s",
                    stratum=_stratum_text(row["stratum"]), population=stated.get("population"),
                    allocated=stated.get("allocated"), drawn=stated.get("drawn"),
                    computed_population=row["population"], computed_allocated=row["allocated"],
                    computed_drawn=row["drawn"]))
        differing += [_("%(stratum)s does not exist according to the register", stratum=_stratum_text(stratum))
                      for stratum in by_stratum]
        if differing:
            shown = "; ".join(differing[:max_examples])
            if len(differing) > max_examples:
                shown = _("%(shown)s and %(count)s more", shown=shown, count=_n(len(differing) - max_examples))
            problems.append(_("The distribution over the strata differs in %(count)s case(s): %(differences)s.",
                              count=_n(len(differing)), differences=shown))
        else:
            problems.append(_("The distribution over the strata is ordered differently in the protocol than recomputed."))

    computed_ids = result.person_ids
    if listed_ids is not None:
        if listed_ids == computed_ids:
            checks.append(_("The recomputed selection agrees exactly with the protocol (%(count)s people, same order).",
                            count=_n(len(computed_ids))))
        else:
            only_listed = sorted(set(listed_ids) - set(computed_ids))
            only_computed = sorted(set(computed_ids) - set(listed_ids))
            if len(listed_ids) != len(computed_ids):
                problems.append(_("The protocol lists %(listed)s people drawn, the recomputation yields %(computed)s.",
                                  listed=_n(len(listed_ids)), computed=_n(len(computed_ids))))
            if only_listed:
                problems.append(_("%(count)s person(s) are in the protocol but would not have been drawn according to "
                                  "the recomputation: %(examples)s.", count=_n(len(only_listed)),
                                  examples=_examples(only_listed, max_examples)))
            if only_computed:
                problems.append(_("%(count)s person(s) would have been drawn according to the recomputation but are "
                                  "missing in the protocol: %(examples)s.", count=_n(len(only_computed)),
                                  examples=_examples(only_computed, max_examples)))
            positions = [
                _("position %(position)s: protocol “%(stated)s”, recomputation “%(computed)s”",
                  position=_n(index + 1), stated=a, computed=b)
                for index, (a, b) in enumerate(zip(listed_ids, computed_ids))
                if a != b
            ]
            if positions:
                shown = "; ".join(positions[:max_examples])
                if len(positions) > max_examples:
                    shown = _("%(shown)s and %(count)s more", shown=shown, count=_n(len(positions) - max_examples))
                problems.append(_("The list differs at %(count)s position(s) – %(differences)s.",
                                  count=_n(len(positions)), differences=shown))
    computed_selection_hash = selection_hash(computed_ids)
    if protocol.get("selection_hash") == computed_selection_hash:
        checks.append(_("The checksum of the recomputed selection is right (%(hash)s).", hash=computed_selection_hash))
    else:
        problems.append(_("The checksum of the recomputed selection (%(computed)s) is not the one in the protocol "
                          "(%(stated)s).", computed=computed_selection_hash, stated=protocol.get("selection_hash")))
    return report
