"""Stage two (participation.lottery.selection): quotas, feasibility, maximin, the 1,000-panel lottery,
its protocol and verification, replacements. A pure module; the library and HiGHS run for real on
small pools."""
import hashlib
import os
import random
import time
from collections import Counter

import pytest

from participation.lottery import selection
from participation.lottery.draw import canonical_json
from participation.lottery.selection import (
    PanelNumberError,
    QuotasInfeasible,
    ReplacementImpossible,
    SelectionCancelled,
    SelectionInputError,
    check_feasibility,
    choose_replacement,
    find_distribution,
    lottery_counts,
    lottery_hash,
    panel_lottery_protocol,
    panel_problems,
    parse_panel_number,
    propose_quotas,
    record_draw,
    reserve_list,
    synthetic_pool,
    uniform_lottery,
    verify,
    with_quotas,
)

PANEL = 12
SEED = 4711


def person(pid, household="", **features):
    return {"id": pid, "household": household, "features": features}


def category(key, label, **values):
    return {"key": key, "label": label,
            "values": [{"value": v, "label": v.replace("-", "–"), "min": lo, "max": hi} for v, (lo, hi) in values.items()]}


@pytest.fixture(scope="module")
def small():
    """70 respondents, four categories, quotas for a panel of 12, and their maximin distribution."""
    people, categories = synthetic_pool(70, seed=3, panel_size=PANEL)
    events = []
    distribution = find_distribution(people, categories, PANEL, seed=SEED,
                                     progress=lambda fraction, message: events.append((fraction, message)))
    return people, categories, distribution, events


@pytest.fixture(scope="module")
def lottery(small):
    people, categories, distribution, _ = small
    return uniform_lottery(distribution, seed=SEED)


# --- quotas ------------------------------------------------------------------------------------------

def test_proposed_quotas_surround_the_proportional_target():
    proposal = propose_quotas({"age": {"16-24": 12, "25-64": 64, "65+": 24}, "gender": {"w": 0.51, "m": 0.48, "d": 0.01}},
                              50, tolerance=0.1)
    age, gender = proposal["age"], proposal["gender"]
    assert [age[v]["target"] for v in ("16-24", "25-64", "65+")] == [6, 32, 12]
    assert age["25-64"] == {"target": 32, "min": 28, "max": 36}  # 32 ± 3.2
    assert age["16-24"] == {"target": 6, "min": 5, "max": 7}  # the margin is at least one person
    assert gender["d"] == {"target": 0, "min": 0, "max": 2}  # q = 0.5: 0.5 ± 1
    # largest remainder: 25.5 and 24 + 0.5 -> w gets the seat (listed first at equal remainders)
    assert gender["w"]["target"] + gender["m"]["target"] + gender["d"]["target"] == 50
    for values in proposal.values():
        assert sum(v["min"] for v in values.values()) <= 50 <= sum(v["max"] for v in values.values())
        assert all(v["min"] <= v["target"] <= v["max"] for v in values.values())
    # counts and fractions mean the same
    assert propose_quotas({"x": {"a": 3, "b": 1}}, 8) == propose_quotas({"x": {"a": 0.75, "b": 0.25}}, 8)


def test_bad_shares_are_refused_in_german():
    with pytest.raises(SelectionInputError, match="Anteil"):
        propose_quotas({"age": {"jung": -1, "alt": 3}}, 10)
    with pytest.raises(SelectionInputError, match="zusammen 0"):
        propose_quotas({"age": {"jung": 0, "alt": 0}}, 10)
    with pytest.raises(SelectionInputError, match="Gremiums"):
        propose_quotas({"age": {"jung": 1}}, 0)


def test_with_quotas_fills_min_and_max():
    categories = [category("age", "Alter", jung=(0, 0), alt=(0, 0))]
    filled = with_quotas(categories, propose_quotas({"age": {"jung": 1, "alt": 1}}, 10, tolerance=0))
    assert [(v["min"], v["max"]) for v in filled[0]["values"]] == [(4, 6), (4, 6)]
    assert categories[0]["values"][0]["min"] == 0  # the input is not changed


# --- input and feasibility -------------------------------------------------------------------------------

def test_malformed_input_is_named():
    categories = [category("age", "Alter", jung=(0, 2), alt=(0, 2))]
    with pytest.raises(SelectionInputError, match="„x“ ist „mittel“ kein Wert der Kategorie „Alter“"):
        check_feasibility([person("x", age="mittel")], categories, 1)
    with pytest.raises(SelectionInputError, match="mehrfach"):
        check_feasibility([person("x", age="alt"), person("x", age="jung")], categories, 1)
    with pytest.raises(SelectionInputError, match="fehlt die Angabe zu „Alter“"):
        check_feasibility([person("x")], categories, 1)
    with pytest.raises(SelectionInputError, match="Mindest- und Höchstzahl"):
        check_feasibility([person("x", age="alt")], [category("age", "Alter", alt=(3, 2))], 1)
    with pytest.raises(SelectionInputError, match="ungleich 0"):
        find_distribution([person("x", age="alt")], categories, 1, seed=0)


def test_a_feasible_pool_is_ok():
    people, categories = synthetic_pool(200, seed=1)
    result = check_feasibility(people, categories, 50)
    assert result.ok, result.problems
    assert result.problems == [] and result.relaxed_categories is None
    assert sum(result.pool_counts["age"].values()) == 200


def _young_pool():
    """4 young and 16 old people; the quotas ask for 6 young ones on a panel of 10."""
    people = [person(f"j{i}", age="16-24", gender="w" if i % 2 else "m") for i in range(4)]
    people += [person(f"a{i}", age="65+", gender="w" if i % 2 else "m") for i in range(16)]
    categories = [category("age", "Alter", **{"16-24": (6, 7), "65+": (3, 4)}),
                  category("gender", "Geschlecht", w=(4, 6), m=(4, 6))]
    return people, categories


def test_infeasible_quotas_are_reported_with_the_librarys_proposal():
    people, categories = _young_pool()
    result = check_feasibility(people, categories, 10)
    assert not result.ok
    assert "Für „Alter 16–24“ werden mindestens 6 Personen verlangt, im Pool sind aber nur 4." in result.problems
    assert "„Alter 16–24“: Mindestzahl von 6 auf 4 senken." in result.proposals
    assert "„Alter 65+“: Höchstzahl von 4 auf 6 erhöhen." in result.proposals
    assert "It is not possible to hit all the targets" in result.library_text  # the library's own words, kept
    relaxed = {(c["key"], v["value"]): (v["min"], v["max"]) for c in result.relaxed_categories for v in c["values"]}
    assert relaxed[("age", "16-24")] == (4, 7) and relaxed[("age", "65+")] == (3, 6)
    assert check_feasibility(people, result.relaxed_categories, 10).ok  # the proposal works
    assert "Vorschlag der Auswahlbibliothek" in result.text()


def test_a_conflict_between_categories_gets_a_general_sentence():
    # enough young people and enough women, but no young woman: 2 of each cannot overlap on a panel of 3
    people = [person(f"j{i}", age="jung", gender="m") for i in range(3)] + \
             [person(f"w{i}", age="alt", gender="w") for i in range(3)]
    categories = [category("age", "Alter", jung=(2, 3), alt=(0, 3)), category("gender", "Geschlecht", w=(2, 3), m=(0, 3))]
    result = check_feasibility(people, categories, 3)
    assert not result.ok
    assert result.problems[0].startswith("Die Quoten lassen sich mit diesem Pool nicht alle zugleich erfüllen")
    assert result.proposals and result.relaxed_categories is not None


def test_too_few_households_cannot_be_relaxed():
    people = [person(f"p{i}", household=f"h{i // 2}", age="alt") for i in range(6)]  # 3 households of two
    categories = [category("age", "Alter", alt=(0, 4))]
    result = check_feasibility(people, categories, 4)
    assert not result.ok
    assert result.problems == ["Aus dem Pool lassen sich höchstens 3 Personen aus verschiedenen Haushalten "
                               "wählen, das Gremium soll aber 4 Mitglieder haben."]
    assert "Auch mit gelockerten Quoten" in result.proposals[0]
    assert check_feasibility(people, categories, 4, one_per_household=False).ok


def test_find_distribution_raises_with_the_proposal_when_infeasible():
    people, categories = _young_pool()
    with pytest.raises(QuotasInfeasible) as raised:
        find_distribution(people, categories, 10, seed=SEED)
    assert "„Alter 16–24“: Mindestzahl von 6 auf 4 senken." in raised.value.feasibility.proposals
    assert "mindestens 6 Personen verlangt" in str(raised.value)


# --- the distribution --------------------------------------------------------------------------------------

def test_every_panel_of_the_distribution_meets_every_quota_and_the_household_rule(small):
    people, categories, distribution, _ = small
    assert any(p["household"] for p in people)  # the rule is really exercised
    assert len(distribution.panels) >= 2
    for panel in distribution.panels:
        assert panel_problems(panel, people, categories, PANEL) == []
    assert sum(distribution.probabilities) == pytest.approx(1.0)
    recomputed = Counter()
    for panel, probability in zip(distribution.panels, distribution.probabilities):
        for pid in panel:
            recomputed[pid] += probability
    assert all(distribution.person_probabilities[p["id"]] == pytest.approx(recomputed[p["id"]]) for p in people)
    assert distribution.min_probability == min(distribution.person_probabilities.values())
    assert 0 < distribution.min_probability <= PANEL / len(people) + 1e-9
    assert sum(distribution.person_probabilities.values()) == pytest.approx(PANEL)
    assert (distribution.algorithm, distribution.solver, distribution.seed) == ("maximin", "highspy", SEED)
    assert distribution.library_version == selection.library_version()
    assert "Verfahren maximin" in distribution.report_text and "Using maximin algorithm" in distribution.report_text
    assert selection.Distribution.from_dict(distribution.to_dict()) == distribution


def test_progress_is_reported_in_german_up_to_one(small):
    *_, events = small
    fractions = [fraction for fraction, _ in events]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Runde" in message for _, message in events)
    assert len(events) >= 4


def test_the_same_seed_gives_the_same_distribution(small):
    people, categories, distribution, _ = small
    again = find_distribution(people, categories, PANEL, seed=SEED)
    assert again.panels == distribution.panels
    assert again.probabilities == distribution.probabilities


def test_the_household_rule_holds_when_households_are_large():
    # everyone in households of three; quotas would be easy without the rule
    people = [person(f"p{i:02d}", household=f"h{i // 3}", age="alt" if i % 2 else "jung") for i in range(30)]
    categories = [category("age", "Alter", jung=(2, 4), alt=(2, 4))]
    distribution = find_distribution(people, categories, 6, seed=7, isolation="inline")
    households = {p["id"]: p["household"] for p in people}
    for panel in distribution.panels:
        assert len({households[pid] for pid in panel}) == 6
    # 6 seats for 30 people: 0.2 on average, and maximin reaches it (0.6 per household, a third for each)
    assert distribution.min_probability == pytest.approx(0.2, abs=1e-6)


def test_cancel_stops_the_child_process_at_once():
    people, categories = synthetic_pool(400, seed=5, panel_size=40)
    started = time.monotonic()
    events = []
    with pytest.raises(SelectionCancelled):
        find_distribution(people, categories, 40, seed=SEED, progress=lambda f, m: events.append(f),
                          should_cancel=lambda: time.monotonic() - started > 1.5)
    elapsed = time.monotonic() - started
    assert elapsed < 3.0, elapsed  # the full run takes well over 10 s
    assert events  # it had started computing
    assert not _children(), "the child process is still running"


def _children():
    mine = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == mine and fields[0] != "Z":
                found.append(entry)
    return found


def test_inline_cancel_and_random_state():
    people, categories = synthetic_pool(200, seed=5, panel_size=30)
    random.seed(99)
    expected = random.random()
    random.seed(99)
    calls = []
    with pytest.raises(SelectionCancelled):
        find_distribution(people, categories, 30, seed=SEED, isolation="inline",
                          should_cancel=lambda: calls.append(1) or len(calls) > 3)
    assert random.random() == expected  # the library's seeding did not leak into the caller


# --- the uniform lottery -------------------------------------------------------------------------------------

def test_every_one_of_the_1000_panels_meets_every_quota(small, lottery):
    people, categories, distribution, _ = small
    assert len(lottery) == 1000
    for panel in lottery:
        assert panel == sorted(panel)
        assert panel_problems(panel, people, categories, PANEL) == []


def test_the_lottery_follows_the_distribution(small, lottery):
    people, categories, distribution, _ = small
    copies = Counter(tuple(panel) for panel in lottery)
    for panel, probability in zip(distribution.panels, distribution.probabilities):
        assert abs(copies.get(tuple(sorted(panel)), 0) - 1000 * probability) < 1 + 1e-6
    counts = lottery_counts(lottery)
    worst = min(counts.get(p["id"], 0) for p in people)
    assert worst >= 1000 * distribution.min_probability - 3
    assert sum(counts.values()) == 1000 * PANEL


def test_the_ilp_rounding_is_never_worse_for_the_worst_off(small, lottery):
    people, _, distribution, _ = small

    def worst(lot):
        counts = lottery_counts(lot)
        return min(counts.get(p["id"], 0) for p in people)

    largest = uniform_lottery(distribution, seed=SEED, method="largest_remainder")
    library = uniform_lottery(distribution, seed=SEED, method="library")
    assert worst(lottery) >= worst(largest)
    assert worst(lottery) >= worst(library)
    assert len(largest) == len(library) == 1000
    assert uniform_lottery(distribution, seed=SEED) == lottery  # deterministic
    assert uniform_lottery(distribution, seed=SEED + 1) != lottery  # the order depends on the seed


def test_lottery_hash_is_sha256_of_canonical_json(lottery):
    assert lottery_hash(lottery) == hashlib.sha256(canonical_json(lottery).encode("utf-8")).hexdigest()
    changed = [list(panel) for panel in lottery]
    changed[0], changed[1] = changed[1], changed[0]
    assert lottery_hash(changed) != lottery_hash(lottery) or changed[0] == changed[1]


# --- numbers and the protocol ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [("187", 187), ("1 8 7", 187), ("0 0 7", 7), ("007", 7), ("7", 7),
                                              (" 9, 9, 9 ", 999), ("1-8-7", 187), (42, 42), ("000", 0)])
def test_panel_numbers(text, number):
    assert parse_panel_number(text) == number


@pytest.mark.parametrize(("text", "message"), [("", "gezogene Nummer"), ("1000", "eindeutig"), ("18 7", "eindeutig"),
                                               ("eins", "nur Ziffern"), (1000, "gibt es nicht"), ("1 8", "eindeutig"),
                                               (None, "als Zahl")])
def test_bad_panel_numbers_say_why(text, message):
    with pytest.raises(PanelNumberError, match=message):
        parse_panel_number(text)


@pytest.fixture(scope="module")
def protocol(small, lottery):
    people, categories, distribution, _ = small
    return panel_lottery_protocol(people, categories, PANEL, lottery, distribution=distribution)


def test_the_protocol_is_pseudonymous_and_verifies(protocol, small, lottery):
    people, _, distribution, _ = small
    assert protocol["kind"] == "panel_lottery" and protocol["format_version"] == 1
    assert protocol["lottery_hash"] == lottery_hash(lottery) and protocol["lottery_size"] == 1000
    assert protocol["seed"] == SEED and protocol["min_probability_ppm"] == round(distribution.min_probability * 1e6)
    assert [entry["id"] for entry in protocol["pool"]] == sorted(p["id"] for p in people)
    households = {entry["household"] for entry in protocol["pool"]} - {""}
    assert households and all(h.startswith("H") and len(h) == 5 for h in households)
    assert not any("haushalt" in canonical_json(entry) for entry in protocol["pool"])
    canonical_json(protocol)  # no floats: it can be hashed and published
    report = verify(protocol)
    assert report.ok, report.text()
    assert "noch nicht gezogen" in report.text()
    assert verify(protocol, expected_lottery_hash=protocol["lottery_hash"]).ok


def test_the_drawn_panel_verifies(protocol):
    drawn = record_draw(protocol, "1 8 7", "Drei zehnseitige Würfel, öffentliche Sitzung am 12. März")
    assert drawn["drawn_number"] == 187 and drawn["panel"] == protocol["lottery"][187]
    assert "drawn_number" not in protocol  # a copy
    report = verify(drawn)
    assert report.ok, report.text()
    assert "Nr. 187 der Losliste" in report.text()
    with pytest.raises(PanelNumberError, match="wie die Nummer gezogen wurde"):
        record_draw(protocol, "187", " ")


def test_tampering_is_found(protocol):
    other = next(panel for panel in protocol["lottery"] if panel != protocol["lottery"][187])
    swapped = dict(record_draw(protocol, 187, "Würfel"), panel=other)
    assert "ist nicht Nr. 187" in verify(swapped).text()

    edited = [list(panel) for panel in protocol["lottery"]]
    outsider = next(entry["id"] for entry in protocol["pool"] if entry["id"] not in edited[5])
    edited[5] = sorted(edited[5][1:] + [outsider])
    report = verify(dict(protocol, lottery=edited))
    assert not report.ok
    assert any("Prüfsumme der Losliste" in problem for problem in report.problems)
    assert any("Chancen" in p or "Zahl der Gremien" in p for p in report.problems)

    tightened = [dict(c, values=[dict(v) for v in c["values"]]) for c in protocol["categories"]]
    value = tightened[1]["values"][-1]
    value["max"] = value["min"] = 0  # nobody of the oldest age band any more
    report = verify(dict(protocol, categories=tightened))
    assert any("Prüfsumme der Eingaben" in problem for problem in report.problems)
    assert any("verletzen die Regeln" in problem and "erlaubt 0–0" in problem for problem in report.problems)

    assert not verify(protocol, expected_lottery_hash="0" * 64).ok
    assert "kein Protokoll einer Gremiumsauslosung" in verify(dict(protocol, kind="invitation_draw")).text()


def test_a_shared_household_in_a_panel_is_found(protocol):
    pool = [dict(entry) for entry in protocol["pool"]]
    first, second = protocol["lottery"][0][:2]
    for entry in pool:
        if entry["id"] in (first, second):
            entry["household"] = "H9999"
    report = verify(dict(protocol, pool=pool))
    assert any("mehrere Personen aus einem Haushalt" in problem for problem in report.problems)


# --- replacement and reserve list --------------------------------------------------------------------------------

def test_a_replacement_keeps_every_quota_and_prefers_like_for_like(small, lottery):
    people, categories, _, _ = small
    panel = lottery[187]
    features = {p["id"]: p["features"] for p in people}
    for withdrawn in panel[:4]:
        replacement = choose_replacement(people, categories, panel, withdrawn, seed=SEED)
        assert replacement not in panel
        new_panel = [pid for pid in panel if pid != withdrawn] + [replacement]
        assert panel_problems(new_panel, people, categories, PANEL) == []
        twins = [p["id"] for p in people if p["features"] == features[withdrawn] and p["id"] not in panel
                 and panel_problems([x for x in panel if x != withdrawn] + [p["id"]], people, categories, PANEL) == []]
        if twins:
            assert features[replacement] == features[withdrawn]
        assert choose_replacement(people, categories, panel, withdrawn, seed=SEED) == replacement
        assert choose_replacement(people, categories, panel, withdrawn, seed=SEED,
                                  exclude=[replacement]) != replacement


def test_a_replacement_from_an_ordered_list(small, lottery):
    people, categories, _, _ = small
    panel = lottery[3]
    withdrawn = panel[0]
    fitting = [p["id"] for p in people if p["id"] not in panel and
               panel_problems(panel[1:] + [p["id"]], people, categories, PANEL) == []]
    assert len(fitting) >= 2
    assert choose_replacement(people, categories, panel, withdrawn, seed=SEED, candidates=fitting[::-1][:2]) in fitting
    with pytest.raises(ReplacementImpossible, match="auf der Nachrückliste niemanden"):
        choose_replacement(people, categories, panel, withdrawn, seed=SEED, candidates=[])


def test_an_impossible_replacement_says_so():
    people = [person("a", age="jung"), person("b", age="alt"), person("c", age="alt")]
    categories = [category("age", "Alter", jung=(1, 1), alt=(1, 1))]
    with pytest.raises(ReplacementImpossible, match="„a“ gibt es im Pool niemanden"):
        choose_replacement(people, categories, ["a", "b"], "a", seed=1)
    with pytest.raises(ReplacementImpossible, match="nicht Mitglied"):
        choose_replacement(people, categories, ["a", "b"], "c", seed=1)
    # the household rule: the only other young person lives with a panel member
    people.append(person("d", household="x", age="jung"))
    people[1]["household"] = "x"
    with pytest.raises(ReplacementImpossible):
        choose_replacement(people, categories, ["a", "b"], "a", seed=1)
    assert choose_replacement(people, categories, ["a", "b"], "a", seed=1, one_per_household=False) == "d"


def test_the_reserve_list_keeps_its_promise(small, lottery):
    people, categories, _, _ = small
    panel = lottery[500]
    reserve = reserve_list(people, categories, panel, 8, SEED)
    assert len(reserve) == 8 and len(set(reserve)) == 8
    households = {p["id"]: p["household"] for p in people}
    panel_households = {households[pid] for pid in panel} - {""}
    reserve_households = [households[pid] for pid in reserve if households[pid]]
    assert len(reserve_households) == len(set(reserve_households))
    assert not set(reserve_households) & panel_households
    for pid in reserve:
        assert pid not in panel
        assert any(panel_problems([x for x in panel if x != member] + [pid], people, categories, PANEL) == []
                   for member in panel)
    assert reserve_list(people, categories, panel, 8, SEED) == reserve
    assert reserve_list(people, categories, panel, 3, SEED) == reserve[:3]


# --- the synthetic pool ---------------------------------------------------------------------------------------

def test_synthetic_pools_are_deterministic_and_skewed():
    people, categories = synthetic_pool(500, seed=9)
    assert len(people) == 500 and len({p["id"] for p in people}) == 500
    assert synthetic_pool(500, seed=9) == (people, categories)
    assert [c["key"] for c in categories] == ["gender", "age", "district", "education"]
    ages = Counter(p["features"]["age"] for p in people)
    assert ages["16-24"] < ages["65+"]  # the young answer less
    shared = Counter(p["household"] for p in people if p["household"])
    assert set(shared.values()) == {2} and 0.1 < 2 * len(shared) / 500 < 0.5
    for c in categories:
        assert sum(v["min"] for v in c["values"]) <= 50 <= sum(v["max"] for v in c["values"])


def test_verify_never_raises_on_broken_protocols(protocol):
    pool_with_list = [dict(protocol["pool"][0], features={"gender": ["w"]}), *protocol["pool"][1:]]
    float_categories = [dict(protocol["categories"][0], share=0.5), *protocol["categories"][1:]]
    broken = [None, [], {"kind": "panel_lottery"}, dict(protocol, format_version=2), dict(protocol, pool="x"),
              dict(protocol, pool=pool_with_list), dict(protocol, categories=float_categories),
              dict(protocol, categories=[]), dict(protocol, panel_size="12"), dict(protocol, lottery=[[1, 2]]),
              dict(protocol, lottery=[]), dict(protocol, drawn_number="x"), dict(protocol, drawn_number=1000),
              dict(protocol, lottery_size=999)]
    for variant in broken:
        report = verify(variant)
        assert not report.ok, variant if not isinstance(variant, dict) else variant.keys()
        assert report.text().endswith("Abweichung(en)).")
