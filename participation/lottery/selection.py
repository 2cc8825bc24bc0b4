"""Stage two of the citizen lottery: the panel chosen from the people who answered the letters.

A pure module (no database, no Flask): plain dicts in, plain results out. It wraps the
Sortition Foundation's `sortition-algorithms` (maximin with the open-source HiGHS solver) and
adds the transparent final draw of the German Bundestag's Bürgerrat "Ernährung" (2023): the
optimal distribution over panels is rounded to a uniform lottery of 1,000 numbered panels
(000–999), the SHA-256 of that list is published, and only then a public draw (for example
three ten-sided dice) picks the number. `verify()` (and `flask lottery verify PROTOCOL.json`)
checks a published protocol without any other file.

Public API
----------
- `propose_quotas(shares, panel_size, tolerance=0.15, min_margin=1)`, `with_quotas(categories, proposal)`
- `check_feasibility(people, categories, panel_size, one_per_household=True) -> Feasibility` (`ok`,
  `problems`, `proposals`, `relaxed_categories`, `library_text`, `pool_counts`, `text()`, `to_dict()`)
- `find_distribution(people, categories, panel_size, *, seed, progress=None, should_cancel=None,
  one_per_household=True, isolation="process") -> Distribution` (`to_dict()` / `from_dict()`)
- `uniform_lottery(distribution, size=1000, *, seed, method="ilp", time_limit=30.0) -> [[id, ...], ...]`,
  `lottery_counts(lottery)`, `lottery_hash(lottery)`, `inputs_hash(...)`
- `panel_lottery_protocol(people, categories, panel_size, lottery, ...) -> dict`,
  `parse_panel_number(text, size=1000) -> int`, `record_draw(protocol, number, draw_source) -> dict`
- `verify(protocol, *, expected_lottery_hash=None) -> VerifyReport` (draw.py's report)
- `panel_problems(panel_ids, people, categories, panel_size, one_per_household=True) -> [str]`
- `choose_replacement(people, categories, panel_ids, withdrawn_id, *, seed, candidates=None,
  exclude=(), one_per_household=True) -> str`, `reserve_list(people, categories, panel_ids, size, seed)`
- `synthetic_pool(n, seed, panel_size=50) -> (people, categories)` for tests and benchmarks
- errors (all `draw.LotteryError`, German messages): `SelectionInputError`, `QuotasInfeasible`
  (`.feasibility`), `SelectionCancelled`, `SelectionFailed`, `ReplacementImpossible`, `PanelNumberError`

Input
-----
`people`: a list of dicts {"id": str (pseudonymous, unique, e.g. the invitation id),
"features": {category_key: value}, "household": str ("" = no household known)}.
`categories`: a list of {"key": str, "label": str, "values": [{"value": str, "label": str,
"min": int, "max": int}, ...]}. Every person needs a value for every category, and it must be
one of the category's values (compared exactly, case-sensitive). Values are passed to the
library as codes ("c0"/"v3"), so labels and case never collide inside it. Invalid input raises
`SelectionInputError`. Household rule (`one_per_household`, default on): at most one person of
each non-empty household key on a panel. The library's `check_same_address` is used with one
column holding a SHA-256 of the key; people without a key get a key of their own.

Feasibility
-----------
`check_feasibility` first states the obvious reasons in German (too small a pool, too few
households, sums of minimums or maximums that do not fit the panel size, a minimum larger than
the number of people with that value), then asks the library, which builds the integer program
of all quotas and, when it has no solution, proposes the smallest relaxation (minimums lowered,
maximums raised, lowering a small minimum weighs more). The proposed numbers are the library's;
they are returned as sentences and as a full copy of the categories (`relaxed_categories`).

Distribution (maximin, HiGHS)
-----------------------------
`find_distribution` runs the library's `find_distribution_maximin` (column generation: first
one weighted integer program per respondent, then an LP/ILP loop that raises the lowest selection
probability). Leximin needs Gurobi, so it is not offered. `seed` must be a non-zero int: the library
seeds Python's Mersenne Twister and HiGHS from it (seed 0 would mean an unrepeatable draw).
The library iterates sets of ids, whose order follows Python's string hashing, so the child process
runs with PYTHONHASHSEED=0: rerunning with the same seed, input and library version then gives the
same distribution (inline runs depend on the caller's hash seed). The final draw never depends on
a rerun anyway: the lottery list itself is published before the number is drawn.

Measured on the 2-core development machine (synthetic_pool, four categories, panel 50, seed 4711):
pool 200 -> 7.8 s, 80 panels, smallest selection probability 20.7 % (k/n = 25 %); pool 1,000 ->
167 s, 831 panels, 4.73 % (k/n = 5 %). Pool 400, panel 40: 53 s. The feasibility check alone takes
0.1–0.5 s.

Progress and cancel: by default (`isolation="process"`) the optimisation runs in a child process,
a plain `subprocess` (not multiprocessing, so the caller's main module is never re-imported and it
works in threads and under gevent) that loads only draw.py, this file and the library, not Flask or
the app (start-up about 0.7 s). The library's own progress reporter (phases "multiplicative_weights"
with a known number of rounds, then "maximin_optimization") sends events as JSON lines through a pipe; the
parent calls `progress(fraction, message)` (fraction 0.0–1.0, message a German sentence, at most
about five times a second) and polls `should_cancel()` every 0.2 s; when it returns true the child
is terminated at once (SIGTERM, then SIGKILL) and `SelectionCancelled` is raised. The parent's
`random` state is never touched. `isolation="inline"` runs in the calling process (for places
where no child process may be started): `should_cancel()` is then asked at the library's progress
events, at most every 0.2 s (each round or iteration, usually well under a second for pools of a few
hundred; the library's last LP and the search for uncovered respondents report nothing), raised as
a BaseException subclass so the library's reporter wrapper does not swallow it; `random`'s state
and the library's random provider are restored afterwards.

Uniform lottery (`uniform_lottery`)
-----------------------------------
With p_j the probability of panel j and m = 1,000: every panel first gets floor(m·p_j) copies; the
remaining R = m − Σ floor(m·p_j) copies go to R different panels. `method="ilp"` (default) chooses
those R panels by a small integer program (HiGHS) that maximises the smallest number of copies
containing any one person who can be selected at all (the rounding of Flanigan, Kehne and
Procaccia, "Fair Sortition Made Transparent", NeurIPS 2021, with their optimisation of the
worst-off person); `method="largest_remainder"` gives them to the largest
remainders, and `method="library"` uses the library's `lottery_rounding` (its number_selections
facility: the same floors, residuals by seeded pipage rounding). Every method keeps each panel within
one copy of m·p_j. The ILP result is kept only if its worst-off person is at least as well off as
with largest remainder (HiGHS may stop at `time_limit`, 30 s by default; it is deterministic when
it finishes earlier). Measured (smallest number of the 1,000 panels containing one person; the
optimum would be 1,000 × the smallest probability): pool 200 -> ILP 206, largest remainder 205,
library 204 (optimum 206.9; ILP 0.3 s); pool 1,000 -> 45, 42, 41 (optimum 47.3; ILP 21 s).
The list is then ordered by HMAC-SHA256(key = str(seed), message = canonical JSON of the panel +
":" + copy number) so that number 000 is not special; each panel is a sorted list of ids.
A person's chance in the final draw is (number of panels containing them) / m.

Protocol, kind "panel_lottery", format_version 1
------------------------------------------------
    {"kind": "panel_lottery", "format_version": 1,
     "categories": [...as input...], "panel_size": int, "one_per_household": bool,
     "pool": [{"id", "features": {key: value}, "household": "H0001" or "", "panels": int}, ...],
     "inputs_hash": str, "lottery_size": 1000, "lottery": [[id, ...] x 1000], "lottery_hash": str,
     "algorithm": "maximin", "solver": "highspy", "library": "sortition-algorithms X.Y.Z", "seed": int,
     "min_probability_ppm": int  (optimal distribution, parts per million)
     and after the draw: "drawn_number": 0–999, "draw_source": str, "panel": [id, ...]}
The pool is sorted by id; household keys are replaced by labels H0001, H0002, ... in order of
first appearance in that order (they show only who shares a household). `"panels"` is how many of
the 1,000 panels contain the person. `inputs_hash` is the SHA-256 of canonical_json({"categories",
"panel_size", "one_per_household", "pool" (without "panels")}); `lottery_hash` is the SHA-256 of
canonical_json(lottery) – the number published before the public draw. Both use draw.py's
`canonical_json` (no floats). `verify()` ignores keys it does not know.

Replacement and reserve list
----------------------------
`choose_replacement` tries, in order, (1) pool members with exactly the withdrawn person's values
in every category, then (2) everyone else, each group in ascending HMAC-SHA256(key = str(seed),
message = id) order (or in the order of `candidates`, e.g. the reserve list, with the same
preference), and returns the first one with whom the panel meets every quota and the household
rule. It never picks someone on the panel, the withdrawn person or anyone in `exclude`.
`reserve_list` returns up to `size` ids, none on the panel, from pairwise different households
none of which is on the panel, each of whom can replace at least one current panel member by a
one-for-one swap with every quota kept. Reserves are taken round-robin over the panel members
(ordered by HMAC), each time the first free candidate (like-for-like first) in HMAC order, so the
list covers as many different members as possible. It does not guarantee that a reserve still fits
after other replacements – `choose_replacement(..., candidates=reserve)` checks that at the time.
"""
import hashlib
import hmac
import importlib.metadata
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from random import Random

from .draw import LotteryError, VerifyReport, _examples, _n, canonical_json
from .texts import _, _l, decimal, ngettext, percent

KIND = "panel_lottery"
FORMAT_VERSION = 1
LOTTERY_SIZE = 1000
ALGORITHM = "maximin"
SOLVER = "highspy"
LIBRARY = "sortition-algorithms"
_HOUSEHOLD_COLUMN = "hh"


# --- errors --------------------------------------------------------------------------------

class SelectionInputError(LotteryError):
    """People, categories or parameters are malformed."""


class QuotasInfeasible(LotteryError):
    """No panel meets the quotas; `.feasibility` holds the reasons and the library's proposal."""

    def __init__(self, feasibility):
        self.feasibility = feasibility
        super().__init__(" ".join(feasibility.problems + feasibility.proposals))


class SelectionCancelled(LotteryError):
    pass


class SelectionFailed(LotteryError):
    pass


class ReplacementImpossible(LotteryError):
    pass


class PanelNumberError(LotteryError):
    pass


class _CancelInline(BaseException):
    """Raised from the progress reporter; BaseException so the library's reporter wrapper lets it through."""


def library_version():
    return importlib.metadata.version(LIBRARY)


# --- input -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Problem:
    """Validated input; categories as tuples, people as (id, (value per category...), household)."""

    categories: tuple  # ((key, label, ((value, label, min, max), ...)), ...)
    people: tuple  # ((id, (value, ...), household), ...)
    panel_size: int
    one_per_household: bool

    def value_label(self, ci, vi):
        key, label, values = self.categories[ci]
        return f"{label} {values[vi][1]}"

    def value_index(self):
        return [{value[0]: vi for vi, value in enumerate(values)} for __, __, values in self.categories]

    def codes(self):
        """Per person the tuple of value indices."""
        index = self.value_index()
        return {pid: tuple(index[ci][v] for ci, v in enumerate(values)) for pid, values, __ in self.people}


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _normalise_categories(categories):
    if not isinstance(categories, list | tuple) or not categories:
        raise SelectionInputError(_("At least one category with quotas must be given."))
    result, keys = [], set()
    for category in categories:
        if not isinstance(category, Mapping):
            raise SelectionInputError(_("Each category must be an object with “key”, “label” and “values”."))
        key, label, values = category.get("key"), category.get("label", category.get("key")), category.get("values")
        if not isinstance(key, str) or not key:
            raise SelectionInputError(_("Each category needs a non-empty key (“key”)."))
        if key in keys:
            raise SelectionInputError(_("The category “%(category)s” is given twice.", category=key))
        keys.add(key)
        if not isinstance(label, str):
            raise SelectionInputError(_("The label of the category “%(category)s” must be a text.", category=key))
        if not isinstance(values, list | tuple) or not values:
            raise SelectionInputError(_("The category “%(category)s” has no values.", category=label))
        seen, normalised = set(), []
        for value in values:
            if not isinstance(value, Mapping) or not isinstance(value.get("value"), str) or not value["value"]:
                raise SelectionInputError(_("Each value of the category “%(category)s” needs a non-empty “value”.",
                                             category=label))
            name = value["value"]
            value_label = value.get("label", name)
            if name in seen:
                raise SelectionInputError(_("The value “%(value)s” is given twice in the category “%(category)s”.",
                                             value=name, category=label))
            seen.add(name)
            low, high = value.get("min"), value.get("max")
            if not (_is_int(low) and _is_int(high)) or low < 0 or low > high:
                raise SelectionInputError(_(
                    "For “%(category)s %(value)s” the minimum and maximum must be whole numbers with 0 ≤ minimum ≤ "
                    "maximum (given: %(low)s and %(high)s).", category=label, value=value_label, low=repr(low),
                    high=repr(high)))
            normalised.append((name, str(value_label), low, high))
        result.append((key, label, tuple(normalised)))
    return tuple(result)


def _normalise(people, categories, panel_size, one_per_household=True):
    cats = _normalise_categories(categories)
    if not _is_int(panel_size) or panel_size <= 0:
        raise SelectionInputError(_("The size of the panel must be a whole number above 0, not “%(value)s”.",
                                    value=panel_size))
    if not isinstance(one_per_household, bool):
        raise SelectionInputError(_("“One person per household” must be yes (true) or no (false)."))
    index = [{value[0] for value in values} for __, __, values in cats]
    rows, ids = [], set()
    for person in people:
        if not isinstance(person, Mapping):
            raise SelectionInputError(_("Each person must be an object with “id”, “features” and “household”."))
        pid = person.get("id")
        if not isinstance(pid, str) or not pid:
            raise SelectionInputError(_("Each person needs a non-empty identifier (“id”)."))
        if pid in ids:
            raise SelectionInputError(_("The identifier “%(person)s” occurs more than once.", person=pid))
        ids.add(pid)
        features = person.get("features")
        if not isinstance(features, Mapping):
            raise SelectionInputError(_("“%(person)s” lacks the features (“features”).", person=pid))
        values = []
        for (key, label, __), allowed in zip(cats, index):
            value = features.get(key)
            if not isinstance(value, str) or value not in allowed:
                if value in (None, ""):
                    raise SelectionInputError(_("“%(person)s” lacks a value for “%(category)s”.", person=pid,
                                                 category=label))
                raise SelectionInputError(_("For “%(person)s”, “%(value)s” is not a value of the category "
                                             "“%(category)s”.", person=pid, value=value, category=label))
            values.append(value)
        household = person.get("household") or ""
        if not isinstance(household, str):
            raise SelectionInputError(_("The household key of “%(person)s” must be a text.", person=pid))
        rows.append((pid, tuple(values), household))
    return _Problem(cats, tuple(rows), panel_size, one_per_household)


def _problem_from(people, categories, panel_size, one_per_household):
    if isinstance(people, _Problem):
        return people
    return _normalise(list(people), categories, panel_size, one_per_household)


# --- quotas from population shares -------------------------------------------------------------

def _fraction(share, where):
    if isinstance(share, bool) or not isinstance(share, int | float | Fraction) or not math.isfinite(share) or share < 0:
        raise SelectionInputError(_("The share for “%(where)s” must be a number from 0, not “%(value)s”.",
                                     where=where, value=share))
    return Fraction(share)


def propose_quotas(shares, panel_size, tolerance=0.15, min_margin=1):
    """Quotas around the proportional target, per category and value.

    `shares`: {category_key: {value: share}} where a share is a count or a fraction of the population
    (only the ratios matter). For each value with quota q = panel_size * share / total: `target` by
    largest remainder (Hare; exact arithmetic, ties to the value listed first), `min` =
    floor(q - margin) (at least 0), `max` = ceil(q + margin) (at most panel_size), margin =
    max(min_margin, tolerance * q). So min <= target <= max, and the sums of the minimums and maximums
    of a category always enclose the panel size. Returns {category_key: {value: {"target", "min", "max"}}}.
    """
    if not _is_int(panel_size) or panel_size <= 0:
        raise SelectionInputError(_("The size of the panel must be a whole number above 0, not “%(value)s”.",
                                    value=panel_size))
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or not 0 <= tolerance <= 1:
        raise SelectionInputError(_("The tolerance must be a number between 0 and 1 (e.g. 0.15 for ±15%%)."))
    if isinstance(min_margin, bool) or not isinstance(min_margin, int | float) or min_margin < 0:
        raise SelectionInputError(_("The minimum margin must be a number from 0."))
    proposal = {}
    for key, values in shares.items():
        if not isinstance(values, Mapping) or not values:
            raise SelectionInputError(_("The shares of the category “%(category)s” are missing.", category=key))
        fractions = {value: _fraction(share, f"{key} {value}") for value, share in values.items()}
        total = sum(fractions.values())
        if total <= 0:
            raise SelectionInputError(_("The shares of the category “%(category)s” add up to 0.", category=key))
        quotas = {value: panel_size * share / total for value, share in fractions.items()}
        targets = {value: math.floor(q) for value, q in quotas.items()}
        left = panel_size - sum(targets.values())
        order = sorted(quotas, key=lambda value: -(quotas[value] - targets[value]))  # stable: listed order wins ties
        for value in order[:left]:
            targets[value] += 1
        proposal[key] = {}
        for value, q in quotas.items():
            margin = max(Fraction(min_margin), Fraction(tolerance) * q)
            proposal[key][value] = {
                "target": targets[value],
                "min": max(0, math.floor(q - margin)),
                "max": min(panel_size, math.ceil(q + margin)),
            }
    return proposal


def with_quotas(categories, proposal):
    """A copy of `categories` with min/max taken from `propose_quotas` (values not in it are kept)."""
    result = []
    for category in categories:
        values = []
        for value in category["values"]:
            quota = proposal.get(category["key"], {}).get(value["value"])
            values.append(dict(value, min=quota["min"], max=quota["max"]) if quota else dict(value))
        result.append(dict(category, values=values))
    return result


# --- the library's view ----------------------------------------------------------------------------

def _household_codes(problem):
    """A library address key per person: a hash of the household, or of the id when there is none."""
    result = {}
    for pid, __, household in problem.people:
        if problem.one_per_household and household:
            result[pid] = "h" + hashlib.sha256(household.encode()).hexdigest()[:32]
        else:
            result[pid] = "p" + hashlib.sha256(pid.encode()).hexdigest()[:32]
    return result


def _library_inputs(problem):
    from requests.structures import CaseInsensitiveDict
    from sortition_algorithms.features import FeatureValueMinMax
    from sortition_algorithms.people import People

    features = CaseInsensitiveDict()
    for ci, (__, __, values) in enumerate(problem.categories):
        features[f"c{ci}"] = CaseInsensitiveDict({
            f"v{vi}": FeatureValueMinMax(min=low, max=high, min_flex=0, max_flex=max(high, problem.panel_size))
            for vi, (__, __, low, high) in enumerate(values)
        })
    households = _household_codes(problem)
    people = People([_HOUSEHOLD_COLUMN])
    for row, (pid, codes) in enumerate(problem.codes().items(), start=2):
        data = {f"c{ci}": f"v{vi}" for ci, vi in enumerate(codes)}
        data[_HOUSEHOLD_COLUMN] = households[pid]
        people.add(pid, data, features, row)
    return features, people


def _relaxed_numbers(relaxed_features, problem):
    result = {}
    for ci, (__, __, values) in enumerate(problem.categories):
        for vi in range(len(values)):
            quota = relaxed_features[f"c{ci}"][f"v{vi}"]
            result[(ci, vi)] = (int(quota.min), int(quota.max))
    return result


def _library_feasibility(problem, seed=1):
    """(feasible, relaxed {(ci, vi): (min, max)} or None, library text, can_relax)."""
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation.common import setup_committee_generation
    from sortition_algorithms.utils import set_random_provider

    features, people = _library_inputs(problem)
    with _library_random(seed):
        set_random_provider(seed)
        try:
            setup_committee_generation(features, people, problem.panel_size, [_HOUSEHOLD_COLUMN], SOLVER)
        except errors.InfeasibleQuotasError as error:
            return False, _relaxed_numbers(error.features, problem), str(error), True
        except errors.InfeasibleQuotasCantRelaxError as error:
            return False, None, str(error), False
        except errors.SelectionError as error:
            raise SelectionFailed(_("The solver could not check the quotas: %(error)s", error=error)) from None
    return True, None, "", True


class _library_random:
    """Keep the caller's `random` state and the library's random provider as they were."""

    def __init__(self, seed):
        self.seed = seed

    def __enter__(self):
        from sortition_algorithms import utils

        self.state = random.getstate()
        self.provider = utils._random_provider
        return self

    def __exit__(self, *exc):
        from sortition_algorithms import utils

        random.setstate(self.state)
        utils._random_provider = self.provider
        return False


# --- feasibility ----------------------------------------------------------------------------------

@dataclass
class Feasibility:
    """`ok`; `problems` and `proposals`: German sentences; `relaxed_categories`: the categories with the
    library's relaxed min/max (None when feasible or when no relaxation exists); `library_text`: the
    library's own (English) message; `pool_counts`: {category_key: {value: people in the pool}}."""

    ok: bool
    problems: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    relaxed_categories: list | None = None
    library_text: str = ""
    pool_counts: dict = field(default_factory=dict)

    def to_dict(self):
        return {"ok": self.ok, "problems": list(self.problems), "proposals": list(self.proposals),
                "relaxed_categories": self.relaxed_categories, "library_text": self.library_text,
                "pool_counts": self.pool_counts}

    def text(self):
        if self.ok:
            return _("The quotas can be met with this pool.")
        lines = [_("The quotas cannot be met with this pool:"), *[f"- {p}" for p in self.problems]]
        if self.proposals:
            lines += [_("Proposal of the selection library:"), *[f"- {p}" for p in self.proposals]]
        return "\n".join(lines)


def _household_capacity(problem):
    if not problem.one_per_household:
        return len(problem.people)
    households = {household for __, __, household in problem.people if household}
    return len(households) + sum(1 for __, __, household in problem.people if not household)


def _obvious_problems(problem):
    k, n = problem.panel_size, len(problem.people)
    problems = []
    if n < k:
        problems.append(ngettext("The pool has only %(count)s person, but the panel is to have %(size)s members.",
                                 "The pool has only %(count)s people, but the panel is to have %(size)s members.",
                                 n, count=_n(n), size=_n(k)))
    elif _household_capacity(problem) < k:
        problems.append(_("At most %(count)s people from different households can be chosen from the pool, but "
                          "the panel is to have %(size)s members.", count=_n(_household_capacity(problem)),
                          size=_n(k)))
    counts = _pool_counts(problem)
    for ci, (key, label, values) in enumerate(problem.categories):
        low_sum, high_sum = sum(v[2] for v in values), sum(v[3] for v in values)
        if low_sum > k:
            problems.append(_("In “%(category)s” the minimums add up to %(sum)s, more than the %(size)s seats on "
                              "the panel.", category=label, sum=_n(low_sum), size=_n(k)))
        if high_sum < k:
            problems.append(_("In “%(category)s” the maximums add up to only %(sum)s, fewer than the %(size)s seats "
                              "on the panel.", category=label, sum=_n(high_sum), size=_n(k)))
        for vi, (value, __, low, __) in enumerate(values):
            have = counts[key][value]
            if low > have:
                problems.append(ngettext(
                    "At least %(count)s person is required for “%(value)s”, but the pool has only %(have)s.",
                    "At least %(count)s people are required for “%(value)s”, but the pool has only %(have)s.",
                    low, count=_n(low), value=problem.value_label(ci, vi), have=_n(have)))
    return problems


def _pool_counts(problem):
    counts = {key: dict.fromkeys((v[0] for v in values), 0) for key, __, values in problem.categories}
    for __, values, __ in problem.people:
        for (key, __, __), value in zip(problem.categories, values):
            counts[key][value] += 1
    return counts


def _feasibility_from(problem, feasible, relaxed, library_text, can_relax):
    result = Feasibility(ok=feasible, library_text=library_text, pool_counts=_pool_counts(problem))
    if feasible:
        return result
    result.problems = _obvious_problems(problem)
    if not result.problems:
        result.problems.append(
            _("The quotas cannot all be met at once with this pool: there are too few people who have several "
              "of the required features at once (or they live in the same households).")
            if problem.one_per_household else
            _("The quotas cannot all be met at once with this pool: there are too few people who have several "
              "of the required features at once."))
    if relaxed is None:
        if not can_relax:
            result.proposals.append(_(
                "Even with relaxed quotas no panel can be formed: the pool is too small or has too few different "
                "households. Make the panel smaller or invite more people."))
        return result
    relaxed_categories = []
    for ci, (key, label, values) in enumerate(problem.categories):
        new_values = []
        for vi, (value, value_label, low, high) in enumerate(values):
            new_low, new_high = relaxed[(ci, vi)]
            name = problem.value_label(ci, vi)
            if new_low < low:
                result.proposals.append(_("“%(value)s”: lower the minimum from %(old)s to %(new)s.", value=name,
                                           old=_n(low), new=_n(new_low)))
            if new_high > high:
                result.proposals.append(_("“%(value)s”: raise the maximum from %(old)s to %(new)s.", value=name,
                                           old=_n(high), new=_n(new_high)))
            new_values.append({"value": value, "label": value_label, "min": new_low, "max": new_high})
        relaxed_categories.append({"key": key, "label": label, "values": new_values})
    result.relaxed_categories = relaxed_categories
    return result


def check_feasibility(people, categories, panel_size, one_per_household=True):
    """Can any panel of `panel_size` meet every quota (and the household rule)? See the module docstring."""
    problem = _problem_from(people, categories, panel_size, one_per_household)
    return _feasibility_from(problem, *_library_feasibility(problem))


# --- the distribution ----------------------------------------------------------------------------------

@dataclass
class Distribution:
    """The maximin distribution over panels. `panels[j]` (a frozenset of ids) has `probabilities[j]`."""

    panels: list
    probabilities: list
    person_probabilities: dict
    min_probability: float
    report_text: str
    library_version: str
    seed: int
    panel_size: int
    elapsed_seconds: float = 0.0
    algorithm: str = ALGORITHM
    solver: str = SOLVER
    library_report: str = ""  # the library's own report (English), for the technical details
    facts: dict = field(default_factory=dict)  # what `summary_lines` puts in our words

    def to_dict(self):
        """JSON-serialisable (floats included) for the run record."""
        return {
            "panels": [sorted(panel) for panel in self.panels], "probabilities": list(self.probabilities),
            "person_probabilities": dict(self.person_probabilities), "min_probability": self.min_probability,
            "report_text": self.report_text, "library_version": self.library_version, "seed": self.seed,
            "panel_size": self.panel_size, "elapsed_seconds": self.elapsed_seconds,
            "algorithm": self.algorithm, "solver": self.solver, "library_report": self.library_report,
            "facts": self.facts,
        }

    @classmethod
    def from_dict(cls, data):
        return cls(**dict(data, panels=[frozenset(panel) for panel in data["panels"]]))


def _phase_fraction(name, current, total):
    if name == "multiplicative_weights" and total:
        return 0.02 + 0.6 * min(current, total) / total
    if name == "maximin_optimization":
        return 0.65 + 0.3 * current / (current + 10)
    return 0.02


class _Reporter:
    """The library's ProgressReporter, turned into (fraction, German message) events."""

    def __init__(self, emit, check_cancel=None, interval=0.2):
        self.emit, self.check_cancel, self.interval = emit, check_cancel, interval
        self.name, self.total, self.last = None, None, 0.0

    def _send(self, current, force=False):
        now = time.monotonic()
        if not force and now - self.last < self.interval:
            return  # at most five events (and cancel checks) a second
        self.last = now
        if self.check_cancel is not None and self.check_cancel():
            raise _CancelInline()
        if self.name == "multiplicative_weights":
            message = _("Searching for diverse possible panels (round %(current)s of %(total)s).",
                        current=_n(current), total=_n(self.total or 0))
        elif self.name == "maximin_optimization":
            message = _("Raising the lowest selection probability (pass %(current)s).", current=_n(current))
        else:
            message = _("Computing the selection.")
        self.emit(_phase_fraction(self.name, current, self.total), message)

    def start_phase(self, name, total=None, *, message=None):
        self.name, self.total = name, total
        self._send(0, force=True)

    def update(self, current, *, message=None):
        self._send(current)

    def end_phase(self):
        pass


def _compute(problem, seed, reporter):
    """The library run; returns a plain, picklable dict."""
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation import find_distribution_maximin, standardize_distribution
    from sortition_algorithms.utils import set_random_provider

    started = time.monotonic()
    features, people = _library_inputs(problem)
    with _library_random(seed):
        set_random_provider(seed)
        try:
            committees, probabilities, report = find_distribution_maximin(
                features, people, problem.panel_size, [_HOUSEHOLD_COLUMN], SOLVER, progress_reporter=reporter)
        except errors.InfeasibleQuotasError as error:
            return {"infeasible": (False, _relaxed_numbers(error.features, problem), str(error), True)}
        except errors.InfeasibleQuotasCantRelaxError as error:
            return {"infeasible": (False, None, str(error), False)}
        except (errors.SelectionError, ValueError, RuntimeError, AssertionError) as error:
            return {"failed": f"{type(error).__name__}: {error}"}
    committees, probabilities = standardize_distribution(committees, probabilities)
    return {"committees": [sorted(c) for c in committees], "probabilities": list(probabilities),
            "report": report.as_text(), "messages": _library_messages(report), "elapsed": time.monotonic() - started}


def _problem_to_json(problem):
    return {"categories": problem.categories, "people": problem.people, "panel_size": problem.panel_size,
            "one_per_household": problem.one_per_household}


def _problem_from_json(data):
    categories = tuple((key, label, tuple(tuple(v) for v in values)) for key, label, values in data["categories"])
    people = tuple((pid, tuple(values), household) for pid, values, household in data["people"])
    return _Problem(categories, people, data["panel_size"], data["one_per_household"])


def _result_to_json(result):
    if "infeasible" in result:
        feasible, relaxed, text, can_relax = result["infeasible"]
        relaxed = None if relaxed is None else [[ci, vi, low, high] for (ci, vi), (low, high) in relaxed.items()]
        return {"infeasible": [feasible, relaxed, text, can_relax]}
    return result


def _result_from_json(result):
    if "infeasible" in result:
        feasible, relaxed, text, can_relax = result["infeasible"]
        relaxed = None if relaxed is None else {(ci, vi): (low, high) for ci, vi, low, high in relaxed}
        return {"infeasible": (feasible, relaxed, text, can_relax)}
    return result


def _child_main(fd):
    """Entry point of the child process: the problem as JSON on stdin, JSON lines out on file descriptor `fd`."""
    import json
    import os
    import sys

    with os.fdopen(fd, "w", encoding="utf-8", buffering=1) as out:
        def emit(fraction, message):
            out.write(json.dumps({"progress": [fraction, message]}, ensure_ascii=False) + "\n")

        try:
            data = json.loads(sys.stdin.read())
            result = _compute(_problem_from_json(data["problem"]), data["seed"], _Reporter(emit))
        except Exception as error:  # noqa: BLE001 - everything goes back to the parent
            result = {"failed": f"{type(error).__name__}: {error}"}
        out.write(json.dumps({"result": _result_to_json(result)}, ensure_ascii=False) + "\n")


# Loads draw.py and this file as a package of their own, so the child imports neither Flask nor the app.
_CHILD_BOOTSTRAP = """
import importlib.util, sys, types
folder, fd = sys.argv[1], int(sys.argv[2])
package = types.ModuleType("_panel_lottery")
package.__path__ = [folder]
sys.modules["_panel_lottery"] = package
spec = importlib.util.spec_from_file_location("_panel_lottery.selection", folder + "/selection.py")
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
module._child_main(fd)
"""


def _run_in_child(problem, seed, progress, should_cancel, poll_interval=0.2):
    """Run `_compute` in a child Python process; terminate it on cancel.

    A plain subprocess rather than multiprocessing: the caller's main module is never re-imported (a
    script without an `if __name__ == "__main__"` guard is safe), it works in threads and under gevent,
    and the child loads only draw.py, this file and the library (not Flask or the app).
    """
    import json
    import os
    import select
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    folder = str(Path(__file__).resolve().parent)
    # The library iterates sets of ids, whose order follows Python's string hashing: fix it, so that the
    # same input and seed give the same distribution.
    env = dict(os.environ, PYTHONHASHSEED="0")
    read_fd, write_fd = os.pipe()
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _CHILD_BOOTSTRAP, folder, str(write_fd)], stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, stderr=errors, pass_fds=(write_fd,), cwd=folder, env=env)
        finally:
            os.close(write_fd)
        try:
            try:
                process.stdin.write(json.dumps({"problem": _problem_to_json(problem), "seed": seed}).encode())
                process.stdin.close()
            except BrokenPipeError:  # the child died at once; its error output is reported below
                pass
            buffer, checked = b"", 0.0
            while True:
                if should_cancel is not None and time.monotonic() - checked >= poll_interval:
                    checked = time.monotonic()
                    if should_cancel():
                        raise SelectionCancelled(_("The computation was cancelled."))
                ready, __, __ = select.select([read_fd], [], [], poll_interval)
                if not ready:
                    continue
                chunk = os.read(read_fd, 1 << 20)
                if not chunk:
                    process.wait()
                    errors.seek(0)
                    tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                    raise SelectionFailed(_("The computing process stopped without a result (code %(code)s): "
                                            "%(output)s", code=process.returncode, output=" ".join(tail)))
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    message = json.loads(line)
                    if "result" in message:
                        try:
                            process.wait(5)  # it is closing down; let it exit on its own
                        except subprocess.TimeoutExpired:
                            pass
                        return _result_from_json(message["result"])
                    if progress is not None:
                        progress(*message["progress"])
        finally:
            os.close(read_fd)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def find_distribution(people, categories, panel_size, *, seed, progress=None, should_cancel=None,
                      one_per_household=True, isolation="process"):
    """The maximin distribution over panels that meet every quota (and the household rule).

    `seed`: a non-zero int (recorded; see the module docstring). `progress(fraction, message)` and
    `should_cancel()` are optional callables, called in the calling thread. Raises `QuotasInfeasible`
    (with the feasibility report and the library's proposal), `SelectionCancelled`, `SelectionFailed`
    or `SelectionInputError`.
    """
    if not _is_int(seed) or seed == 0:
        raise SelectionInputError(_("The seed of the selection must be a whole number other than 0; 0 would mean "
                                    "a draw that cannot be repeated."))
    if isolation not in ("process", "inline"):
        raise SelectionInputError(_("Unknown way of running “%(isolation)s” (possible: process, inline).",
                                    isolation=isolation))
    problem = _problem_from(people, categories, panel_size, one_per_household)
    if _obvious_problems(problem):  # certain to fail: answer at once, with the library's proposal
        raise QuotasInfeasible(_feasibility_from(problem, *_library_feasibility(problem, seed)))

    def say(fraction, message):
        if progress is not None:
            progress(fraction, message)

    say(0.0, _("Checking the quotas and starting the computation."))
    if isolation == "process":
        result = _run_in_child(problem, seed, progress, should_cancel)
    else:
        try:
            result = _compute(problem, seed, _Reporter(say, should_cancel))
        except _CancelInline:
            raise SelectionCancelled(_("The computation was cancelled.")) from None
    if "infeasible" in result:
        raise QuotasInfeasible(_feasibility_from(problem, *result["infeasible"]))
    if "failed" in result:
        raise SelectionFailed(_("The selection library stopped with an error: %(error)s", error=result["failed"]))
    say(0.97, _("Summing up the selection probabilities."))
    distribution = _distribution_from(problem, seed, result)
    say(1.0, _("The distribution over the possible panels is computed."))
    return distribution


def _distribution_from(problem, seed, result):
    pairs = sorted(zip((tuple(c) for c in result["committees"]), result["probabilities"]))
    panels = [frozenset(panel) for panel, __ in pairs]
    probabilities = [probability for __, probability in pairs]
    person = dict.fromkeys((pid for pid, __, __ in problem.people), 0.0)
    for panel, probability in zip(panels, probabilities):
        for pid in panel:
            person[pid] += probability
    minimum = min(person.values())
    facts = {
        "algorithm": ALGORITHM, "solver": SOLVER, "library_version": library_version(), "seed": seed,
        "pool_size": len(problem.people), "panel_size": problem.panel_size,
        "one_per_household": problem.one_per_household, "panels": len(panels),
        "min_probability": minimum, "max_probability": max(person.values()),
        "zero_count": sum(1 for value in person.values() if value < 1e-9),
        "elapsed_seconds": round(result["elapsed"], 3), "messages": result.get("messages", []),
    }
    report = "\n".join(summary_lines(facts)) + "\n\n" + _("Report of the selection library:") + "\n" + result["report"]
    return Distribution(panels=panels, probabilities=probabilities, person_probabilities=person,
                        min_probability=minimum, report_text=report, library_version=library_version(),
                        seed=seed, panel_size=problem.panel_size, elapsed_seconds=round(result["elapsed"], 3),
                        library_report=result["report"], facts=facts)


# --- the report in our words -----------------------------------------------------------------------------

def _library_messages(report):
    """The library's translatable messages of a run: [{"code", "params"}] (JSON-safe), in order."""
    messages = []
    for element in getattr(report, "_data", ()):
        code = getattr(element, "message_code", None)
        if code:
            params = {key: value if isinstance(value, int | float | str | bool) or value is None else str(value)
                      for key, value in (getattr(element, "message_params", None) or {}).items()}
            messages.append({"code": code, "params": params})
    return messages


def _message_lines(messages):
    """What the library said that matters to staff, in plain words; its routine messages are left out."""
    codes = [message["code"] for message in messages]
    lines = []
    if "gurobi_unavailable_switching" in codes:
        lines.append(_("The leximin method needs the commercial solver Gurobi, so the maximin method ran "
                       "instead."))
    if "switched_to_ecos_solver" in codes:
        lines.append(_("The solver had to switch to its fallback (ECOS); the result is valid."))
    if "address_checking_disabled_warning" in codes:
        lines.append(_("Warning: the library did not check whether people live at the same address."))
    if "test_selection_warning" in codes:
        lines.append(_("Warning: this panel was not chosen at random and may only be used for testing."))
    if "basic_solution_warning" in codes:
        lines.append(_("The distribution is a so-called basic solution; this is no reason for concern about "
                       "the result."))
    rounds = [message for message in messages if message["code"] == "heuristic_generated_committees"]
    if rounds:
        found = sum(int(message["params"].get("count") or 0) for message in rounds)
        lines.append(ngettext("The search for diverse panels took %(count)s round and considered %(panels)s "
                              "candidate panels.",
                              "The search for diverse panels took %(count)s rounds and considered %(panels)s "
                              "candidate panels.", len(rounds), count=_n(len(rounds)), panels=_n(found)))
    return lines


def summary_lines(facts):
    """The run in our words, for staff: method, pool and panel, the possible panels, the lowest and highest
    selection probability as percentages, the quotas, and the library's warnings in plain language.
    `facts` is the JSON-safe dict a `Distribution` keeps (`Distribution.facts`); the lines are in the
    current locale."""
    pool_size, panel_size = facts["pool_size"], facts["panel_size"]
    lines = [
        _("Method: maximin (the lowest selection probability of anyone in the pool is made as high as the "
          "quotas allow), computed with the open-source solver HiGHS and the library sortition-algorithms "
          "%(version)s; seed %(seed)s.", version=facts.get("library_version", ""), seed=facts.get("seed", "")),
        ngettext("Pool: %(count)s person who accepted; panel: %(size)s members, %(rule)s.",
                 "Pool: %(count)s people who accepted; panel: %(size)s members, %(rule)s.",
                 pool_size, count=_n(pool_size), size=_n(panel_size),
                 rule=_("one person per household") if facts.get("one_per_household", True)
                 else _("without the household rule")),
        _("Lowest selection probability: %(lowest)s (with equal chances for all it would be %(equal)s); "
          "highest: %(highest)s.", lowest=percent(facts["min_probability"], 2),
          equal=percent(panel_size / pool_size if pool_size else 0, 2),
          highest=percent(facts["max_probability"], 2)),
        _("Quotas: every panel meets the quotas as they were set; none was relaxed."),
    ]
    if facts.get("panels"):
        lines.insert(2, ngettext("The chances are spread over %(count)s possible panel; each meets every quota.",
                                 "The chances are spread over %(count)s possible panels; each meets every quota.",
                                 facts["panels"], count=_n(facts["panels"])))
    if facts.get("zero_count"):
        lines.append(ngettext(
            "%(count)s person can sit on no panel that meets every quota (selection probability 0).",
            "%(count)s people can sit on no panel that meets every quota (selection probability 0).",
            facts["zero_count"], count=_n(facts["zero_count"])))
    else:
        lines.append(_("Everyone in the pool can sit on at least one panel that meets every quota."))
    lines += _message_lines(facts.get("messages", []))
    if facts.get("elapsed_seconds") is not None:
        lines.append(_("Computing time: %(seconds)s s.", seconds=decimal(facts["elapsed_seconds"], 1)))
    return lines


# --- the uniform lottery ---------------------------------------------------------------------------------

def _hmac_key(seed):
    return str(seed).encode()


def _round_up_ilp(panels, floors, residuals, remaining, people_ids, time_limit=10.0):
    """Choose `remaining` panels to get one more copy: maximise the smallest per-person count.

    The smallest count is an integer, so a relative gap below 1/(its value) already proves optimality.
    Returns None when HiGHS finds nothing in `time_limit` seconds (the caller then uses largest remainder).
    """
    from sortition_algorithms.committee_generation.solver import SolverSense, SolverStatus, create_solver

    if not people_ids:
        return None
    candidates = [j for j, r in enumerate(residuals) if r > 1e-12]
    if len(candidates) < remaining:
        candidates = list(range(len(panels)))
    containing = defaultdict(list)
    for j, panel in enumerate(panels):
        for pid in panel:
            containing[pid].append(j)
    fixed = {pid: sum(floors[j] for j in containing[pid]) for pid in people_ids}
    lowest = min(fixed.values())
    solver = create_solver(backend=SOLVER, seed=1, time_limit=time_limit, mip_gap=0.5 / max(1, lowest + remaining))
    up = {j: solver.add_binary_var() for j in candidates}
    worst = solver.add_integer_var(lb=float(lowest), ub=float(lowest + remaining))
    solver.add_constr(sum(up.values()) == remaining)
    for pid in people_ids:
        solver.add_constr(worst <= fixed[pid] + sum(up[j] for j in containing[pid] if j in up))
    solver.set_objective(worst, SolverSense.MAXIMIZE)
    status = solver.optimize()
    if status not in (SolverStatus.OPTIMAL, SolverStatus.FEASIBLE):
        return None
    chosen = [j for j in candidates if solver.get_value(up[j]) > 0.5]
    return chosen if len(chosen) == remaining else None


def uniform_lottery(distribution, size=LOTTERY_SIZE, *, seed, method="ilp", time_limit=30.0):
    """`size` panels (sorted id lists, duplicates allowed) approximating `distribution`; see the docstring."""
    if not _is_int(size) or size <= 0:
        raise SelectionInputError(_("The number of panels in the lottery list must be a whole number above 0."))
    if method not in ("ilp", "largest_remainder", "library"):
        raise SelectionInputError(_("Unknown rounding method “%(method)s”.", method=method))
    panels = [tuple(sorted(panel)) for panel in distribution.panels]
    total = sum(distribution.probabilities)
    scaled = [size * p / total for p in distribution.probabilities]
    floors = [math.floor(s) for s in scaled]
    residuals = [max(0.0, s - f) for s, f in zip(scaled, floors)]
    remaining = size - sum(floors)
    key = _hmac_key(seed)

    def tiebreak(j):
        return hmac.new(key, canonical_json(list(panels[j])).encode(), hashlib.sha256).digest()

    if method == "library":
        from sortition_algorithms.core import lottery_rounding
        from sortition_algorithms.utils import set_random_provider

        with _library_random(seed):
            set_random_provider(seed if _is_int(seed) and seed else 1)
            chosen_panels = lottery_rounding([frozenset(p) for p in panels], list(distribution.probabilities), size)
        counts = Counter(tuple(sorted(p)) for p in chosen_panels)
        copies = [counts.get(p, 0) for p in panels]
    else:
        def with_extra(chosen):
            result = list(floors)
            for j in chosen:
                result[j] += 1
            return result

        copies = with_extra(sorted(range(len(panels)), key=lambda j: (-residuals[j], tiebreak(j)))[:remaining])
        if method == "ilp" and remaining > 0:
            # people who can sit on no valid panel (probability 0) would make every rounding look alike
            selectable = [pid for pid, p in distribution.person_probabilities.items() if p > 1e-9]
            chosen = _round_up_ilp(panels, floors, residuals, remaining, selectable, time_limit=time_limit)
            if chosen is not None and (_worst_count(panels, with_extra(chosen), selectable)
                                       >= _worst_count(panels, copies, selectable)):
                copies = with_extra(chosen)
    if sum(copies) != size:
        raise SelectionFailed(_("The lottery list would have %(count)s panels instead of %(size)s; please compute "
                                "it again.", count=_n(sum(copies)), size=_n(size)))
    entries = []
    for j, panel in enumerate(panels):
        text = canonical_json(list(panel))
        for copy in range(copies[j]):
            entries.append((hmac.new(key, f"{text}:{copy}".encode(), hashlib.sha256).digest(), list(panel)))
    entries.sort(key=lambda entry: entry[0])
    return [panel for __, panel in entries]


def _worst_count(panels, copies, ids):
    counts = Counter()
    for panel, copy_count in zip(panels, copies):
        for pid in panel:
            counts[pid] += copy_count
    return min((counts[pid] for pid in ids), default=0)


def lottery_counts(lottery):
    """{id: number of panels in the lottery that contain the person}."""
    return Counter(pid for panel in lottery for pid in panel)


def lottery_hash(lottery):
    """SHA-256 (hex) of canonical_json of the list of panels (each a sorted list of ids)."""
    return hashlib.sha256(canonical_json([list(panel) for panel in lottery]).encode("utf-8")).hexdigest()


# --- protocol ----------------------------------------------------------------------------------------------

def _categories_json(problem):
    return [{"key": key, "label": label,
             "values": [{"value": v, "label": vl, "min": lo, "max": hi} for v, vl, lo, hi in values]}
            for key, label, values in problem.categories]


def _pool_json(problem):
    labels, pool = {}, []
    for pid, values, household in sorted(problem.people):
        if household and household not in labels:
            labels[household] = f"H{len(labels) + 1:04d}"
        pool.append({"id": pid, "features": {key: value for (key, __, __), value in zip(problem.categories, values)},
                     "household": labels.get(household, "")})
    return pool


def inputs_hash(categories, panel_size, one_per_household, pool):
    """SHA-256 of the published inputs: categories, panel size, household rule, pool (without counts)."""
    pool = [{"id": p["id"], "features": p["features"], "household": p["household"]} for p in pool]
    return hashlib.sha256(canonical_json({"categories": categories, "panel_size": panel_size,
                                          "one_per_household": one_per_household, "pool": pool}).encode()).hexdigest()


def panel_lottery_protocol(people, categories, panel_size, lottery, *, one_per_household=True, distribution=None,
                           drawn_number=None, draw_source=None):
    """The publishable protocol (see the module docstring); with `drawn_number` also the drawn panel."""
    problem = _problem_from(people, categories, panel_size, one_per_household)
    cats = _categories_json(problem)
    pool = _pool_json(problem)
    counts = lottery_counts(lottery)
    for entry in pool:
        entry["panels"] = counts.get(entry["id"], 0)
    lottery = [sorted(panel) for panel in lottery]
    protocol = {
        "kind": KIND, "format_version": FORMAT_VERSION, "categories": cats, "panel_size": problem.panel_size,
        "one_per_household": problem.one_per_household, "pool": pool,
        "inputs_hash": inputs_hash(cats, problem.panel_size, problem.one_per_household, pool),
        "lottery_size": len(lottery), "lottery": lottery, "lottery_hash": lottery_hash(lottery),
        "algorithm": ALGORITHM, "solver": SOLVER, "library": f"{LIBRARY} {library_version()}",
    }
    if distribution is not None:
        protocol["seed"] = distribution.seed
        protocol["min_probability_ppm"] = round(distribution.min_probability * 1_000_000)
    if drawn_number is not None:
        protocol = record_draw(protocol, drawn_number, draw_source)
    return protocol


def parse_panel_number(text, size=LOTTERY_SIZE):
    """The drawn number: "187", "1 8 7" (three dice, one digit each), "0 0 7" or an int -> 0..size-1."""
    if _is_int(text):
        number = text
    elif isinstance(text, str):
        parts = [part for part in text.replace(",", " ").replace(";", " ").replace("-", " ").split() if part]
        if not parts:
            raise PanelNumberError(_("Please enter the number drawn, e.g. “187” or “1 8 7”."))
        if not all(part.isascii() and part.isdigit() for part in parts):
            raise PanelNumberError(_("“%(text)s” is not a number: only digits are allowed, e.g. “187” or “1 8 7”.",
                                     text=text.strip()))
        digits = len(str(size - 1))
        if len(parts) == 1 and len(parts[0]) <= digits:
            number = int(parts[0])
        elif len(parts) == digits and all(len(part) == 1 for part in parts):
            number = int("".join(parts))
        else:
            raise PanelNumberError(_("“%(text)s” cannot be read unambiguously: enter the number as one number "
                                     "(“187”) or as %(digits)s single digits (“1 8 7”).", text=text.strip(),
                                     digits=digits))
    else:
        raise PanelNumberError(_("The number drawn must be entered as a number."))
    if not 0 <= number < size:
        raise PanelNumberError(_("There is no number %(number)s: the lottery list is numbered from 000 to %(last)s.",
                                 number=number, last=f"{size - 1:03d}"))
    return number


def record_draw(protocol, number, draw_source):
    """A copy of `protocol` with "drawn_number", "draw_source" and the drawn "panel"."""
    size = len(protocol["lottery"])
    number = parse_panel_number(number, size)
    if not isinstance(draw_source, str) or not draw_source.strip():
        raise PanelNumberError(_("Please describe how the number was drawn (e.g. “three ten-sided dice, public "
                                 "session on 12 March”)."))
    return dict(protocol, drawn_number=number, draw_source=draw_source.strip(),
                panel=list(protocol["lottery"][number]))


# --- checking panels ------------------------------------------------------------------------------------------

def _panel_problems(problem, panel, codes, households):
    """German sentences for everything wrong with one panel (list of ids)."""
    problems = []
    if len(panel) != problem.panel_size:
        problems.append(_("has %(count)s members instead of %(size)s", count=_n(len(panel)), size=_n(problem.panel_size)))
    duplicates = sorted(pid for pid, count in Counter(panel).items() if count > 1)
    if duplicates:
        problems.append(_("names %(examples)s more than once", examples=_examples(duplicates, 3)))
    unknown = sorted({pid for pid in panel if pid not in codes})
    if unknown:
        problems.append(_("names %(examples)s, who are not in the pool", examples=_examples(unknown, 3)))
    members = [pid for pid in set(panel) if pid in codes]
    for ci, (__, __, values) in enumerate(problem.categories):
        have = Counter(codes[pid][ci] for pid in members)
        for vi, (__, __, low, high) in enumerate(values):
            if not low <= have[vi] <= high:
                problems.append(_("has %(count)s × “%(value)s” (allowed %(low)s–%(high)s)", count=_n(have[vi]),
                                   value=problem.value_label(ci, vi), low=low, high=high))
    if problem.one_per_household:
        shared = Counter(households[pid] for pid in members if households[pid])
        if any(count > 1 for count in shared.values()):
            problems.append(_("has several people from one household"))
    return problems


def _lookup(problem):
    codes = problem.codes()
    households = {pid: household for pid, __, household in problem.people}
    return codes, households


def panel_problems(panel_ids, people, categories, panel_size, one_per_household=True):
    """What is wrong with one panel (German phrases; empty list = every quota and the household rule hold)."""
    problem = _problem_from(people, categories, panel_size, one_per_household)
    return _panel_problems(problem, list(panel_ids), *_lookup(problem))


def verify(protocol, *, expected_lottery_hash=None, max_examples=5):
    """Check a "panel_lottery" protocol on its own; never raises for bad content (see the module docstring)."""
    report = VerifyReport()
    problems, checks = report.problems, report.checks
    if not isinstance(protocol, Mapping):
        problems.append(_("The protocol is not a JSON object."))
        return report
    if protocol.get("kind") != KIND:
        problems.append(_("The protocol is not the protocol of a panel lottery (kind is “%(kind)s”, expected "
                          "“%(expected)s”).", kind=protocol.get("kind"), expected=KIND))
        return report
    if protocol.get("format_version") != FORMAT_VERSION:
        problems.append(_("The protocol has format %(format)s; this version of the program can only check format "
                          "%(supported)s.", format=protocol.get("format_version"), supported=FORMAT_VERSION))
        return report
    pool = protocol.get("pool")
    if not isinstance(pool, list) or not all(isinstance(p, Mapping) for p in pool):
        problems.append(_("The list of the people in the pool (“pool”) is missing or cannot be read."))
        return report
    try:
        problem = _normalise(pool, protocol.get("categories"), protocol.get("panel_size"),
                             protocol.get("one_per_household", True))
    except LotteryError as error:
        problems.append(_("Categories, panel size or pool in the protocol are invalid: %(error)s", error=error))
        return report
    checks.append(_("Categories and quotas, panel size (%(size)s) and pool (%(count)s people) can be read.",
                    size=_n(problem.panel_size), count=_n(len(problem.people))))
    try:
        computed_inputs = inputs_hash(protocol["categories"], problem.panel_size, problem.one_per_household, pool)
    except TypeError:
        problems.append(_("Categories or pool in the protocol contain decimal numbers; no checksum can be made of "
                          "them (the format allows whole numbers only)."))
        return report
    if protocol.get("inputs_hash") == computed_inputs:
        checks.append(_("The checksum of the inputs is right (%(hash)s).", hash=computed_inputs))
    else:
        problems.append(_("The checksum of the inputs in the protocol (%(stated)s) does not fit categories, panel "
                          "size and pool (recomputed: %(computed)s).", stated=protocol.get("inputs_hash"),
                          computed=computed_inputs))

    lottery = protocol.get("lottery")
    if not isinstance(lottery, list) or not lottery or not all(
            isinstance(panel, list) and all(isinstance(pid, str) for pid in panel) for panel in lottery):
        problems.append(_("The lottery list of the panels (“lottery”) is missing or cannot be read."))
        return report
    size = len(lottery)
    if protocol.get("lottery_size", size) != size:
        problems.append(_("According to the protocol the lottery list has %(stated)s panels, but it holds "
                          "%(count)s.", stated=protocol.get("lottery_size"), count=_n(size)))
    computed_hash = lottery_hash(lottery)
    if protocol.get("lottery_hash") == computed_hash:
        checks.append(_("The checksum of the lottery list is right (%(hash)s).", hash=computed_hash))
    else:
        problems.append(_("The checksum of the lottery list in the protocol (%(stated)s) does not fit the list of the "
                          "%(count)s panels (recomputed: %(computed)s).", stated=protocol.get("lottery_hash"),
                          count=_n(size), computed=computed_hash))
    if expected_lottery_hash is not None:
        if str(expected_lottery_hash).strip().lower() == computed_hash:
            checks.append(_("The lottery list is the one whose checksum was published before the draw."))
        else:
            problems.append(_("The checksum published before the draw (%(published)s) is not that of the lottery list "
                              "(%(computed)s): the list was changed afterwards.", published=expected_lottery_hash,
                              computed=computed_hash))

    codes, households = _lookup(problem)
    bad = []
    unsorted = 0
    for number, panel in enumerate(lottery):
        if panel != sorted(panel):
            unsorted += 1
        found = _panel_problems(problem, panel, codes, households)
        if found:
            bad.append(_("no. %(number)s %(problems)s", number=f"{number:03d}", problems=", ".join(found)))
    if bad:
        shown = "; ".join(bad[:max_examples])
        if len(bad) > max_examples:
            shown = _("%(shown)s and %(count)s more", shown=shown, count=_n(len(bad) - max_examples))
        problems.append(_("%(count)s of %(size)s panels of the lottery list break the rules: %(problems)s.",
                          count=_n(len(bad)), size=_n(size), problems=shown))
    else:
        checks.append(
            _("All %(count)s panels of the lottery list have %(size)s members from the pool and meet every quota "
              "and the rule “one person per household”.", count=_n(size), size=_n(problem.panel_size))
            if problem.one_per_household else
            _("All %(count)s panels of the lottery list have %(size)s members from the pool and meet every quota.",
              count=_n(size), size=_n(problem.panel_size)))
    if unsorted:
        problems.append(_("%(count)s panels of the lottery list are not sorted by identifier.", count=_n(unsorted)))
    counts = lottery_counts(lottery)
    stated = {p["id"]: p.get("panels") for p in pool if "panels" in p}
    if stated:
        wrong = sorted(pid for pid, count in stated.items() if count != counts.get(pid, 0))
        if wrong:
            problems.append(_("For %(count)s people the number of panels they are on does not agree with the "
                              "lottery list: %(examples)s.", count=_n(len(wrong)),
                              examples=_examples(wrong, max_examples)))
        else:
            low = min(counts.get(pid, 0) for pid, __, __ in problem.people)
            checks.append(_("The chances in the pool agree with the lottery list (the smallest: %(low)s of %(size)s "
                            "panels).", low=_n(low), size=_n(size)))

    if "drawn_number" not in protocol:
        checks.append(_("The number of the panel has not been drawn yet (protocol before the public draw)."))
        return report
    number = protocol.get("drawn_number")
    if not _is_int(number) or not 0 <= number < size:
        problems.append(_("The number drawn in the protocol (%(number)s) is not between 000 and %(last)s.",
                          number=repr(number), last=f"{size - 1:03d}"))
        return report
    source = protocol.get("draw_source")
    if not isinstance(source, str) or not source.strip():
        problems.append(_("The protocol does not say how the number was drawn (“draw_source”)."))
    if protocol.get("panel") == lottery[number]:
        if isinstance(source, str) and source.strip():
            checks.append(_("The published panel is no. %(number)s of the lottery list (drawn: %(source)s).",
                            number=f"{number:03d}", source=source.strip()))
        else:
            checks.append(_("The published panel is no. %(number)s of the lottery list.", number=f"{number:03d}"))
    else:
        problems.append(_("The published panel (“panel”) is not no. %(number)s of the lottery list.",
                          number=f"{number:03d}"))
    return report


# --- replacement and reserve list ---------------------------------------------------------------------------

def _hmac_order(seed, ids):
    key = _hmac_key(seed)
    return sorted(ids, key=lambda pid: (hmac.new(key, pid.encode(), hashlib.sha256).digest(), pid))


def _fits(problem, codes, households, members, candidate, counts):
    """Would `members` (a set, counts = per category Counter of their values) plus `candidate` meet every rule?"""
    for ci, (__, __, values) in enumerate(problem.categories):
        for vi, (__, __, low, high) in enumerate(values):
            have = counts[ci][vi] + (1 if codes[candidate][ci] == vi else 0)
            if not low <= have <= high:
                return False
    if problem.one_per_household and households[candidate]:
        if any(households[pid] == households[candidate] for pid in members):
            return False
    return True


def _counts(problem, codes, members):
    return [Counter(codes[pid][ci] for pid in members) for ci in range(len(problem.categories))]


def choose_replacement(people, categories, panel_ids, withdrawn_id, *, seed, candidates=None, exclude=(),
                       one_per_household=True):
    """The id of the person who replaces `withdrawn_id` (see the module docstring); raises ReplacementImpossible."""
    problem = _problem_from(people, categories, len(list(panel_ids)), one_per_household)
    panel = list(panel_ids)
    codes, households = _lookup(problem)
    if withdrawn_id not in panel:
        raise ReplacementImpossible(_("“%(person)s” is not a member of the panel.", person=withdrawn_id))
    unknown = [pid for pid in panel if pid not in codes]
    if unknown:
        raise ReplacementImpossible(_("The panel names %(examples)s, who are not in the pool.",
                                      examples=_examples(unknown, 3)))
    members = set(panel) - {withdrawn_id}
    blocked = set(panel) | set(exclude)
    pool_ids = [pid for pid, __, __ in problem.people]
    order = [pid for pid in candidates if pid in codes] if candidates is not None else _hmac_order(seed, pool_ids)
    order = [pid for pid in order if pid not in blocked]
    same = [pid for pid in order if codes[pid] == codes[withdrawn_id]]
    others = [pid for pid in order if codes[pid] != codes[withdrawn_id]]
    counts = _counts(problem, codes, members)
    for candidate in same + others:
        if _fits(problem, codes, households, members, candidate, counts):
            return candidate
    if candidates is not None:
        raise ReplacementImpossible(
            _("For “%(person)s” there is nobody on the reserve list with whom the panel still meets every quota and "
              "the rule “one person per household”.", person=withdrawn_id) if one_per_household else
            _("For “%(person)s” there is nobody on the reserve list with whom the panel still meets every quota.",
              person=withdrawn_id))
    raise ReplacementImpossible(
        _("For “%(person)s” there is nobody in the pool with whom the panel still meets every quota and the rule "
          "“one person per household”.", person=withdrawn_id) if one_per_household else
        _("For “%(person)s” there is nobody in the pool with whom the panel still meets every quota.",
          person=withdrawn_id))


def reserve_list(people, categories, panel_ids, size, seed, one_per_household=True):
    """Up to `size` ordered reserve ids (see the module docstring for what they guarantee)."""
    panel = list(panel_ids)
    problem = _problem_from(people, categories, len(panel), one_per_household)
    if not _is_int(size) or size < 0:
        raise SelectionInputError(_("The length of the reserve list must be a whole number from 0."))
    codes, households = _lookup(problem)
    on_panel = set(panel)
    used_households = {households[pid] for pid in panel if households[pid]} if one_per_household else set()
    free = [pid for pid in _hmac_order(seed, [pid for pid, __, __ in problem.people]) if pid not in on_panel]
    free = [pid for pid in free if not (one_per_household and households[pid] in used_households)]
    members = _hmac_order(seed, panel)
    reserve, taken = [], set()
    progress = True
    while len(reserve) < size and progress:
        progress = False
        for member in members:
            if len(reserve) >= size:
                break
            rest = on_panel - {member}
            counts = _counts(problem, codes, rest)
            pool = [pid for pid in free if pid not in taken]
            for candidate in ([p for p in pool if codes[p] == codes[member]]
                              + [p for p in pool if codes[p] != codes[member]]):
                if _fits(problem, codes, households, rest, candidate, counts):
                    reserve.append(candidate)
                    taken.add(candidate)
                    if one_per_household and households[candidate]:
                        taken.update(pid for pid in free if households[pid] == households[candidate])
                    progress = True
                    break
    return reserve


# --- synthetic pools for tests and benchmarks ---------------------------------------------------------------

SYNTHETIC_POPULATION = {
    "gender": {"w": 51, "m": 48, "d": 1},
    "age": {"16-24": 12, "25-34": 15, "35-49": 23, "50-64": 26, "65+": 24},
    "district": {"Zentrum": 14, "Nord": 22, "Ost": 18, "Süd": 17, "West": 19, "Ortsteile": 10},
    "education": {"niedrig": 30, "mittel": 40, "hoch": 30},
}
# Labels translated when a pool is made (the codes are data).
_SYNTHETIC_LABELS = {
    "gender": (_l("Gender"), {"w": _l("female"), "m": _l("male"), "d": _l("diverse")}),
    "age": (_l("Age"), {"16-24": "16–24", "25-34": "25–34", "35-49": "35–49", "50-64": "50–64", "65+": "65+"}),
    "district": (_l("District"), {}),
    "education": (_l("Education"), {"niedrig": _l("none or lower secondary"), "mittel": _l("intermediate or vocational"),
                                    "hoch": _l("upper secondary or degree")}),
}
# Who answers: fewer young people, more older and highly educated ones (self-selection).
_RESPONSE_AGE = {"16-24": 7, "25-34": 12, "35-49": 22, "50-64": 30, "65+": 29}
_EDUCATION_BY_AGE = {"16-24": (20, 40, 40), "25-34": (12, 38, 50), "35-49": (15, 40, 45),
                     "50-64": (22, 43, 35), "65+": (35, 40, 25)}


def synthetic_pool(n, seed, panel_size=50, tolerance=0.15):
    """A realistic pool of `n` respondents and matching categories with quotas for `panel_size`.

    Four categories (gender, age band, district, education); quotas from `SYNTHETIC_POPULATION` by
    `propose_quotas`, while the respondents are skewed (fewer young, more older and highly educated people,
    education depending on age); about one in five respondents shares a household with another one.
    Deterministic for a given (n, seed). Returns (people, categories).
    """
    rng = Random(f"synthetic-pool:{seed}")

    def pick(weights):
        values = list(weights)
        return rng.choices(values, weights=[weights[v] for v in values])[0]

    people, households = [], 0
    while len(people) < n:
        age = pick(_RESPONSE_AGE)
        education = rng.choices(["niedrig", "mittel", "hoch"], weights=_EDUCATION_BY_AGE[age])[0]
        district = pick(SYNTHETIC_POPULATION["district"])
        gender = pick({"w": 52, "m": 47, "d": 1})
        household = ""
        if rng.random() < 0.2 and len(people) < n - 1:
            households += 1
            household = f"haushalt-{households}"
        people.append({"id": f"T{len(people) + 1:05d}", "household": household,
                       "features": {"gender": gender, "age": age, "district": district, "education": education}})
        if household:  # a partner of a similar age in the same district
            partner_age = age if rng.random() < 0.8 else pick(_RESPONSE_AGE)
            people.append({"id": f"T{len(people) + 1:05d}", "household": household, "features": {
                "gender": {"w": "m", "m": "w"}.get(gender, pick({"w": 1, "m": 1})), "age": partner_age,
                "district": district,
                "education": rng.choices(["niedrig", "mittel", "hoch"], weights=_EDUCATION_BY_AGE[partner_age])[0]}})
    proposal = propose_quotas(SYNTHETIC_POPULATION, panel_size, tolerance=tolerance)
    categories = []
    for key, values in SYNTHETIC_POPULATION.items():
        label, value_labels = _SYNTHETIC_LABELS[key]
        categories.append({"key": key, "label": str(label), "values": [
            {"value": value, "label": str(value_labels.get(value, value)), **{
                bound: proposal[key][value][bound] for bound in ("min", "max")}} for value in values]})
    return people, categories

