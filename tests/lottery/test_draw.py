"""The invitation draw (participation.lottery.draw): a pure module, no app and no database."""
import hashlib
import hmac
import json
import random
import time
from dataclasses import replace
from datetime import date
from fractions import Fraction
from types import SimpleNamespace

import pytest

from participation.lottery.draw import (
    ALGORITHM,
    FORMAT_VERSION,
    KIND,
    DrawError,
    DrawParameters,
    ParameterError,
    RegisterError,
    SeedError,
    canonical_json,
    draw,
    hmac_hex,
    largest_remainder,
    normalize_seed,
    parameters_hash,
    plan,
    selection_hash,
    verify,
)

FINGERPRINT = "sha256:" + "ab" * 32
SEED = "17 4 33 8 25 41"
REFERENCE = date(2025, 3, 1)
DISTRICTS = [f"Stadtteil {name}" for name in "ABCDEFGHIJKL"]
DISTRICT_WEIGHTS = [30, 22, 18, 15, 12, 10, 8, 6, 5, 4, 3, 1]


def make_people(count, rng_seed=7):
    """A deterministic synthetic register: ~5 % only a birth year, ~1 % no birth data, households
    of 1-4 people who live in the same district."""
    rng = random.Random(rng_seed)
    first_day = date(1925, 1, 1).toordinal()
    span = date(2014, 12, 31).toordinal() - first_day
    people = []
    household = 0
    while len(people) < count:
        household += 1
        district = rng.choices(DISTRICTS, DISTRICT_WEIGHTS)[0]
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            birth_date = date.fromordinal(first_day + rng.randrange(span))
            kind = rng.random()
            people.append({
                "person_id": f"P{len(people) + 1:06d}",
                "birth_date": None if kind < 0.06 else birth_date,
                "birth_year": birth_date.year if 0.01 <= kind < 0.06 else None,
                "gender": rng.choice("mwwmd") if rng.random() > 0.01 else "",
                "district": district,
                "household": f"H{household:06d}",
                "extra": {"street": "Hauptstraße"},
            })
    return people[:count]


@pytest.fixture(scope="module")
def people():
    return make_people(20_000)


@pytest.fixture(scope="module")
def params():
    return DrawParameters(letters=600, reference_date=REFERENCE, min_age=16)


@pytest.fixture(scope="module")
def result(people, params):
    return draw(people, params, FINGERPRINT, SEED)


def person(pid, birth_date=None, birth_year=None, district="A", household="", gender="w"):
    return {"person_id": pid, "birth_date": birth_date, "birth_year": birth_year, "gender": gender,
            "district": district, "household": household}


def eligible_ids(people, parameters):
    """The eligible people, through the public API: draw as many letters as there are eligible."""
    everyone = replace(parameters, letters=plan(people, parameters).eligible_count)
    return set(draw(people, everyone, FINGERPRINT, SEED).person_ids)


# --- determinism ---------------------------------------------------------------------------------

def test_same_inputs_give_identical_result(people, params, result):
    again = draw(list(people), params, FINGERPRINT, SEED)
    as_objects = draw((SimpleNamespace(**p) for p in people), params, FINGERPRINT, " 17,4 33 8 25 41 ")
    assert again == result
    assert canonical_json(as_objects.protocol()) == canonical_json(result.protocol())
    assert len(result.invitations) == 600
    assert len(set(result.person_ids)) == 600


def test_other_seed_gives_other_selection_with_same_allocation(people, params, result):
    other = draw(people, params, FINGERPRINT, "17 4 33 8 25 42")
    overlap = set(other.person_ids) & set(result.person_ids)
    assert len(overlap) < 100  # about 600 * 600 / 18,000 = 20 expected by chance
    assert other.allocation == result.allocation
    assert other.selection_hash != result.selection_hash
    other_register = draw(people, params, "sha256:" + "cd" * 32, SEED)
    assert len(set(other_register.person_ids) & set(result.person_ids)) < 100


# --- parameters, canonical form, hashes ----------------------------------------------------------

def test_parameters_hash_is_sha256_of_canonical_json_and_changes_with_every_parameter(params):
    expected = hashlib.sha256(json.dumps(
        {"fingerprint": FINGERPRINT, "parameters": {
            "age_bands": [16, 25, 35, 45, 55, 65, 75], "excluded_ids": [], "letters": 600, "max_age": None,
            "min_age": 16, "one_per_household": False, "reference_date": "2025-03-01", "strata": ["district"]}},
        separators=(",", ":"), sort_keys=True).encode()).hexdigest()
    base = parameters_hash(FINGERPRINT, params)
    assert base == expected
    changed = [
        replace(params, letters=601),
        replace(params, reference_date=date(2025, 3, 2)),
        replace(params, min_age=14),
        replace(params, max_age=80),
        replace(params, strata=("district", "gender")),
        replace(params, age_bands=(16, 30, 50, 70)),
        replace(params, one_per_household=True),
        replace(params, excluded_ids=frozenset({"P000001"})),
    ]
    hashes = {parameters_hash(FINGERPRINT, changed_params) for changed_params in changed}
    assert len(hashes) == len(changed) and base not in hashes
    assert parameters_hash("sha256:" + "00" * 32, params) != base
    # Equivalent spellings have one canonical form.
    a = DrawParameters(letters=5, reference_date=REFERENCE, strata=["gender", "district"], excluded_ids=["b", "a"])
    b = DrawParameters(letters=5, reference_date=REFERENCE, strata=("district", "gender"), excluded_ids={"a", "b"})
    assert a == b and parameters_hash(FINGERPRINT, a) == parameters_hash(FINGERPRINT, b)
    assert a.to_dict()["excluded_ids"] == ["a", "b"] and a.to_dict()["strata"] == ["district", "gender"]


def test_parameters_round_trip_and_validation():
    parameters = DrawParameters(letters=50, reference_date=REFERENCE, min_age=16, max_age=90,
                                strata=("district", "age_band", "gender"), one_per_household=True,
                                excluded_ids=frozenset({"X1", "X2"}))
    assert DrawParameters.from_dict(json.loads(canonical_json(parameters.to_dict()))) == parameters
    with pytest.raises(ParameterError, match="Zahl der Briefe"):
        DrawParameters(letters=0, reference_date=REFERENCE)
    with pytest.raises(ParameterError, match="Schichtungsmerkmal „street“"):
        DrawParameters(letters=5, reference_date=REFERENCE, strata=("street",))
    with pytest.raises(ParameterError, match="Mindestalter ist aber 14"):
        DrawParameters(letters=5, reference_date=REFERENCE, min_age=14, strata=("age_band",))
    with pytest.raises(ParameterError, match="Höchstalter"):
        DrawParameters(letters=5, reference_date=REFERENCE, min_age=30, max_age=20)
    with pytest.raises(ParameterError, match="Unbekannter Parameter „oversample“"):
        DrawParameters.from_dict({**parameters.to_dict(), "oversample": {}})
    with pytest.raises(ParameterError, match="Stichtag"):
        DrawParameters.from_dict({**parameters.to_dict(), "reference_date": "01.03.2025"})


def test_canonical_json():
    assert canonical_json({"b": [1, "Süd"], "a": None, "c": True}) == '{"a":null,"b":[1,"Süd"],"c":true}'
    with pytest.raises(TypeError):
        canonical_json({"factor": 1.5})


# --- seed -----------------------------------------------------------------------------------------

def test_normalize_seed():
    assert normalize_seed("17, 4  33") == "17 4 33"
    assert normalize_seed(" 17 4 33 8 25 41\n") == "17 4 33 8 25 41"
    assert normalize_seed("007;0,\t12") == "7 0 12"
    assert normalize_seed("187") == "187"
    assert normalize_seed(187) == "187"
    for empty in ("", "   ", ", ,"):
        with pytest.raises(SeedError, match="leer"):
            normalize_seed(empty)
    for wrong in ("abc", "17 4a", "1.5", "١٢", "-3"):
        with pytest.raises(SeedError, match="nur Zahlen"):
            normalize_seed(wrong)
    with pytest.raises(SeedError):
        normalize_seed(None)


# --- allocation -------------------------------------------------------------------------------------

def test_largest_remainder_by_hand():
    # Quotas 7*5/10 = 3.5, 7*3/10 = 2.1, 7*2/10 = 1.4 -> floors 3, 2, 1 (6); the one letter left
    # goes to the largest remainder (0.5, A).
    assert largest_remainder({("A",): 5, ("B",): 3, ("C",): 2}, 7) == {("A",): 4, ("B",): 2, ("C",): 1}
    # Quotas 2/3 and 4/3 -> floors 0, 1; remainders 2/3 (A) > 1/3 (B): A gets the last letter.
    assert largest_remainder({("A",): 1, ("B",): 2}, 2) == {("A",): 1, ("B",): 1}
    # Equal remainders: the stratum earlier in sorted order wins, whatever the dict order.
    assert largest_remainder({("c",): 1, ("b",): 1, ("a",): 1}, 2) == {("a",): 1, ("b",): 1, ("c",): 0}
    assert largest_remainder({("Nord", "w"): 2, ("Nord", "m"): 2}, 1) == {("Nord", "m"): 1, ("Nord", "w"): 0}
    with pytest.raises(DrawError, match="nur 10 Personen"):
        largest_remainder({("A",): 10}, 11)


def test_allocation_sums_to_letters_and_never_exceeds_a_stratum():
    rng = random.Random(3)
    for _ in range(300):
        population = {(f"S{i:02d}",): rng.choice((1, 1, 2, 3, rng.randrange(1, 5000))) for i in range(rng.randrange(1, 30))}
        total = sum(population.values())
        seats = rng.randrange(1, total + 1)
        allocation = largest_remainder(population, seats)
        assert sum(allocation.values()) == seats
        for stratum, count in population.items():
            assert 0 <= allocation[stratum] <= count
            assert abs(allocation[stratum] - Fraction(seats * count, total)) < 1
    assert largest_remainder({("A",): 3, ("B",): 4}, 7) == {("A",): 3, ("B",): 4}


def test_allocation_across_12_districts_stays_within_one_of_the_exact_share(result):
    assert [stratum[0] for stratum in result.allocation] == sorted(DISTRICTS)
    assert sum(result.allocation.values()) == 600
    for stratum, count in result.population.items():
        share = Fraction(600 * count, result.eligible_count)
        assert abs(result.allocation[stratum] - share) < 1, stratum
        assert result.drawn[stratum] == result.allocation[stratum]
    assert result.shortfall == {}
    for invitation in result.invitations:
        assert invitation.stratum in result.allocation


def test_strata_by_district_age_band_and_gender(people):
    parameters = DrawParameters(letters=900, reference_date=REFERENCE, strata=("gender", "age_band", "district"))
    by_id = {p["person_id"]: p for p in people}
    outcome = draw(people, parameters, FINGERPRINT, SEED)
    bands = {band for _, band, _ in outcome.population}
    assert bands == {"16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"}
    assert sum(outcome.allocation.values()) == 900
    for invitation in outcome.invitations:
        p = by_id[invitation.person_id]
        age = REFERENCE.year - (p["birth_date"].year if p["birth_date"] else p["birth_year"])
        if p["birth_date"] and (REFERENCE.month, REFERENCE.day) < (p["birth_date"].month, p["birth_date"].day):
            age -= 1
        bounds = [16, 25, 35, 45, 55, 65, 75, 1000]
        index = max(n for n, lower in enumerate(bounds) if lower <= age)
        expected_band = "75+" if index == 6 else f"{bounds[index]}-{bounds[index + 1] - 1}"
        assert invitation.stratum == (p["district"], expected_band, p["gender"])


# --- eligibility ----------------------------------------------------------------------------------

def test_age_on_the_reference_date_counts_the_birthday():
    register = [
        person("birthday-today", date(2009, 3, 1)),      # 16 on 2025-03-01
        person("birthday-tomorrow", date(2009, 3, 2)),   # still 15
        person("older", date(1990, 6, 15)),
        person("76-today", date(1949, 3, 1)),            # 76 on the day: above max_age 75
        person("75-until-tomorrow", date(1949, 3, 2)),   # still 75
        person("leap-day", date(2008, 2, 29)),
    ]
    parameters = DrawParameters(letters=1, reference_date=REFERENCE, min_age=16, max_age=75)
    assert eligible_ids(register, parameters) == {"birthday-today", "older", "75-until-tomorrow", "leap-day"}
    # Born on 29 February: 17 only on 1 March in a year without 29 February (§ 188 BGB).
    leap = [person("leap", date(2008, 2, 29)), person("adult", date(1980, 1, 1))]
    on_28th = DrawParameters(letters=1, reference_date=date(2025, 2, 28), min_age=17)
    on_1st = DrawParameters(letters=1, reference_date=date(2025, 3, 1), min_age=17)
    assert eligible_ids(leap, on_28th) == {"adult"}
    assert eligible_ids(leap, on_1st) == {"adult", "leap"}
    counts = draw(register, parameters, FINGERPRINT, SEED).protocol()["counts"]
    assert counts["ineligible"] == 2 and counts["eligible"] == 4 and counts["register"] == 6


def test_birth_year_only_counts_the_age_at_year_end():
    register = [
        person("year-2009", birth_year=2009),   # turns 16 in 2025: eligible all year
        person("year-2010", birth_year=2010),   # turns 15 in 2025
        person("date-wins", birth_date=date(2010, 1, 1), birth_year=2000),
        person("no-birth-data"),
        person("adult", birth_year=1970),
    ]
    parameters = DrawParameters(letters=1, reference_date=date(2025, 1, 2), min_age=16)
    assert eligible_ids(register, parameters) == {"year-2009", "adult"}
    outcome = draw(register, parameters, FINGERPRINT, SEED)
    assert outcome.without_birth_data_count == 1
    assert outcome.ineligible_count == 3


def test_excluded_ids_are_never_drawn(people, params, result):
    first = set(result.person_ids)
    second_params = replace(params, excluded_ids=frozenset(first))
    for seed in (SEED, "99"):
        second = draw(people, second_params, FINGERPRINT, seed)
        assert not first & set(second.person_ids)
        assert len(second.invitations) == 600
        assert second.excluded_count == 600
        assert second.eligible_count == result.eligible_count - 600
        assert second.protocol()["parameters"]["excluded_ids"] == sorted(first)


def test_bad_register_rows_are_refused(params):
    with pytest.raises(RegisterError, match="„X“ kommt im Register mehrfach vor"):
        draw([person("X", date(1980, 1, 1)), person("X", date(1981, 1, 1))], params, FINGERPRINT, SEED)
    with pytest.raises(RegisterError, match="keine Kennung"):
        draw([person("", date(1980, 1, 1))], params, FINGERPRINT, SEED)
    with pytest.raises(RegisterError, match="Geburtsdatum kein Datum"):
        draw([person("Y", "1980-01-01")], params, FINGERPRINT, SEED)
    with pytest.raises(DrawError, match="600 Briefe.*nur 1 Person"):
        draw([person("Z", date(1980, 1, 1))], params, FINGERPRINT, SEED)


# --- households -------------------------------------------------------------------------------------

def test_one_letter_per_household(people):
    parameters = DrawParameters(letters=3000, reference_date=REFERENCE, one_per_household=True)
    by_id = {p["person_id"]: p for p in people}
    without_rule = draw(people, replace(parameters, one_per_household=False), FINGERPRINT, SEED)
    households = [by_id[pid]["household"] for pid in without_rule.person_ids]
    assert len(set(households)) < len(households)  # the rule has something to do here
    outcome = draw(people, parameters, FINGERPRINT, SEED)
    households = [by_id[pid]["household"] for pid in outcome.person_ids]
    assert len(set(households)) == len(households) == 3000
    assert outcome.shortfall == {}
    skipped = [i for i in outcome.invitations if i.rank > outcome.drawn[i.stratum]]
    assert skipped  # ranks count the skipped household members


def test_shortfall_is_reported_when_a_stratum_is_one_household():
    register = [person(f"A{i}", date(1980, 1, i + 1), district="A", household="Hauptstraße 1") for i in range(10)]
    register += [person(f"B{i}", date(1980, 1, i + 1), district="B", household=f"B-{i}") for i in range(10)]
    register += [person(f"C{i}", date(1980, 1, i + 1), district="C", household="") for i in range(10)]
    parameters = DrawParameters(letters=6, reference_date=REFERENCE, one_per_household=True)
    outcome = draw(register, parameters, FINGERPRINT, SEED)
    assert outcome.allocation == {("A",): 2, ("B",): 2, ("C",): 2}
    assert outcome.drawn == {("A",): 1, ("B",): 2, ("C",): 2}  # not moved to B or C
    assert outcome.shortfall == {("A",): 1}
    protocol = outcome.protocol()
    assert protocol["counts"]["shortfall"] == 1 and protocol["counts"]["drawn"] == 5
    assert protocol["strata"][0] == {"stratum": ["A"], "population": 10, "allocated": 2, "drawn": 1, "shortfall": 1}


def test_household_rule_walks_as_far_as_needed_without_strata():
    # 190 people in one household and 10 single households: the walk goes far past the first
    # letters (the module sorts partially first and must fall back to the full order).
    register = [person(f"H{i:03d}", date(1970, 1, 1), household="Ringstraße 5") for i in range(190)]
    register += [person(f"S{i:03d}", date(1970, 1, 1), household=f"single-{i}") for i in range(10)]
    parameters = DrawParameters(letters=8, reference_date=REFERENCE, strata=(), one_per_household=True)
    outcome = draw(register, parameters, FINGERPRINT, SEED)
    order = sorted((p["person_id"] for p in register), key=lambda pid: hmac_hex(SEED, FINGERPRINT, pid))
    expected, used = [], set()
    for pid in order:
        household = "Ringstraße 5" if pid.startswith("H") else pid
        if household not in used and len(expected) < 8:
            used.add(household)
            expected.append(pid)
    assert outcome.person_ids == expected
    assert outcome.invitations[-1].rank == order.index(expected[-1]) + 1 > 2 * 8 + 16
    assert outcome.allocation == {(): 8} and outcome.shortfall == {}


def test_households_across_strata_are_served_in_canonical_order():
    register = [
        person("a", date(1980, 1, 1), district="Nord", household="H"),
        person("b", date(1980, 1, 1), district="Süd", household="H"),
        person("c", date(1980, 1, 1), district="Süd", household="H"),
    ]
    parameters = DrawParameters(letters=2, reference_date=REFERENCE, one_per_household=True)
    outcome = draw(register, parameters, FINGERPRINT, SEED)
    assert outcome.person_ids == ["a"]
    assert outcome.shortfall == {("Süd",): 1}


# --- the algorithm, independently ---------------------------------------------------------------------

def reference_draw(people, letters, reference_date, min_age, fingerprint, seed):
    """Steps 1-6 for strata=("district",), no households, no exclusions, written from the docstring."""
    def age(p):
        if p["birth_date"]:
            b = p["birth_date"]
            return reference_date.year - b.year - ((reference_date.month, reference_date.day) < (b.month, b.day))
        return None if p["birth_year"] is None else reference_date.year - p["birth_year"]
    groups = {}
    for p in people:
        if age(p) is not None and age(p) >= min_age:
            groups.setdefault((p["district"],), []).append(p["person_id"])
    total = sum(len(ids) for ids in groups.values())
    quota = {s: Fraction(letters * len(ids), total) for s, ids in groups.items()}
    seats = {s: int(q) for s, q in quota.items()}
    for s in sorted(sorted(groups), key=lambda s: quota[s] - int(quota[s]), reverse=True)[:letters - sum(seats.values())]:
        seats[s] += 1
    def key(pid):
        return hmac.new(seed.encode(), f"{fingerprint}:{pid}".encode(), hashlib.sha256).hexdigest()
    return [(pid, key(pid)) for s in sorted(groups) for pid in sorted(groups[s], key=key)[:seats[s]]]


def test_hmac_order_is_reproducible_with_an_independent_implementation(people, result):
    expected = reference_draw(people, 600, REFERENCE, 16, FINGERPRINT, SEED)
    assert [(i.person_id, i.hmac) for i in result.invitations] == expected
    for stratum in result.allocation:  # no household rule: ranks 1, 2, ... without gaps
        assert [i.rank for i in result.invitations if i.stratum == stratum] == list(range(1, result.drawn[stratum] + 1))
    first = result.invitations[0]
    assert first.hmac == hmac_hex(SEED, FINGERPRINT, first.person_id)


def test_long_seed_key_is_hashed_as_hmac_requires(people):
    long_seed = normalize_seed(" ".join(str(n) for n in range(100, 140)))  # longer than 64 bytes
    assert len(long_seed.encode()) > 64
    outcome = draw(people, DrawParameters(letters=50, reference_date=REFERENCE), "fp-Ä", long_seed)
    assert [(i.person_id, i.hmac) for i in outcome.invitations] == reference_draw(people, 50, REFERENCE, 16, "fp-Ä", long_seed)


# --- protocol and verification ----------------------------------------------------------------------

def test_protocol_format(result):
    protocol = json.loads(json.dumps(result.protocol()))
    assert protocol["kind"] == KIND == "invitation_draw"
    assert protocol["format_version"] == FORMAT_VERSION == 1
    assert protocol["algorithm"] == ALGORITHM == "hmac-sha256-v1"
    assert protocol["fingerprint"] == FINGERPRINT and protocol["seed"] == SEED
    assert protocol["parameters_hash"] == parameters_hash(FINGERPRINT, result.parameters)
    assert [entry["person_id"] for entry in protocol["selection"]] == result.person_ids
    ids_json = json.dumps(result.person_ids, separators=(",", ":"), ensure_ascii=False)
    assert protocol["selection_hash"] == hashlib.sha256(ids_json.encode()).hexdigest()
    assert protocol["counts"]["eligible"] == sum(row["population"] for row in protocol["strata"])
    assert protocol["counts"]["register"] == 20_000
    public = result.protocol(include_selection=False)
    assert "selection" not in public and public["selection_hash"] == protocol["selection_hash"]


def test_verify_passes_on_unchanged_input(people, result):
    report = verify(json.loads(json.dumps(result.protocol())), people, FINGERPRINT,
                    expected_parameters_hash=result.parameters_hash)
    assert report.ok, report.problems
    assert report.problems == []
    assert any("stimmt genau" in check for check in report.checks)
    assert verify(result.protocol(include_selection=False), people, FINGERPRINT).ok
    assert "nachvollziehbar" in report.text()


def test_verify_fails_when_a_register_row_changed(people, result):
    selected = result.person_ids[10]
    changed = [dict(p, birth_date=date(2015, 5, 5), birth_year=None) if p["person_id"] == selected else p
               for p in people]
    report = verify(result.protocol(), changed, FINGERPRINT)
    assert not report.ok
    text = " ".join(report.problems)
    assert f"„{selected}“" in text
    assert "wären nach der Nachrechnung aber nicht gezogen worden" in text
    assert "teilnahmeberechtigte Personen: Protokoll" in text
    # A row that was not drawn: the counts still reveal it.
    not_selected = next(p["person_id"] for p in people
                        if p["person_id"] not in set(result.person_ids) and p["birth_date"] and p["birth_date"].year < 1990)
    changed = [dict(p, birth_date=date(2015, 5, 5)) if p["person_id"] == not_selected else p for p in people]
    report = verify(result.protocol(), changed, FINGERPRINT)
    assert not report.ok
    assert any("Die Zahlen weichen ab" in problem for problem in report.problems)
    # The register file itself differs: its fingerprint does.
    report = verify(result.protocol(), people, "sha256:" + "ee" * 32)
    assert not report.ok
    assert any("Fingerabdruck des vorliegenden Registers" in problem for problem in report.problems)


def test_verify_fails_when_a_protocol_id_is_swapped(people, result):
    protocol = json.loads(json.dumps(result.protocol()))
    outsider = next(p["person_id"] for p in people if p["person_id"] not in set(result.person_ids))
    protocol["selection"][3]["person_id"] = outsider
    report = verify(protocol, people, FINGERPRINT)
    assert not report.ok
    text = " ".join(report.problems)
    assert f"Position 4: Protokoll „{outsider}“, Nachrechnung „{result.person_ids[3]}“" in text
    assert "Die Liste wurde nach der Ziehung verändert" in text
    # Two entries exchanged, with a matching selection hash: the order alone gives it away.
    protocol = json.loads(json.dumps(result.protocol()))
    selection = protocol["selection"]
    selection[0], selection[1] = selection[1], selection[0]
    protocol["selection_hash"] = selection_hash([entry["person_id"] for entry in selection])
    report = verify(protocol, people, FINGERPRINT)
    assert not report.ok
    assert any("An 2 Position(en) weicht die Liste ab" in problem for problem in report.problems)


def test_verify_fails_when_the_seed_or_parameters_were_altered(people, result):
    protocol = result.protocol()
    protocol["seed"] = "17 4 33 8 25 40"
    report = verify(protocol, people, FINGERPRINT)
    assert not report.ok
    text = " ".join(report.problems)
    assert "passt der HMAC-Wert im Protokoll nicht zu Seed „17 4 33 8 25 40“" in text
    assert "Die Prüfsumme der nachgerechneten Auswahl" in text

    protocol = result.protocol()
    protocol["parameters"]["letters"] = 601
    report = verify(protocol, people, FINGERPRINT)
    assert any("Die Prüfsumme der Parameter im Protokoll" in problem for problem in report.problems)

    report = verify(result.protocol(), people, FINGERPRINT, expected_parameters_hash="0" * 64)
    assert any("nachträglich geändert" in problem for problem in report.problems)

    report = verify({**result.protocol(), "kind": "panel_lottery"}, people, FINGERPRINT)
    assert report.problems == ["Das Protokoll ist kein Protokoll einer Einladungsziehung "
                               "(kind ist „panel_lottery“, erwartet „invitation_draw“)."]

    report = verify({**result.protocol(), "seed": "abc"}, people, FINGERPRINT)
    assert any("Der Seed im Protokoll ist ungültig" in problem for problem in report.problems)


# --- speed ----------------------------------------------------------------------------------------------

def test_speed_5000_letters_from_600000_people(capsys):
    rng = random.Random(11)
    first_day = date(1925, 1, 1).toordinal()
    span = date(2008, 12, 31).toordinal() - first_day
    register = [
        {"person_id": f"R{i:07d}", "birth_date": date.fromordinal(first_day + rng.randrange(span)),
         "birth_year": None, "gender": "mwd"[i % 3], "district": DISTRICTS[i % 12], "household": f"H{i // 2:07d}"}
        for i in range(600_000)
    ]
    parameters = DrawParameters(letters=5000, reference_date=REFERENCE, strata=("district", "age_band"),
                                one_per_household=True)
    started = time.perf_counter()
    outcome = draw(register, parameters, FINGERPRINT, SEED)
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n[lottery] draw of 5,000 letters from 600,000 people: {seconds:.2f} s")
    assert len(outcome.invitations) == 5000
    assert outcome.eligible_count == 600_000
    assert sum(outcome.allocation.values()) == 5000
