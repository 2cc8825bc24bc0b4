"""The synthetic register: shape, realism, households, determinism and the CSV export."""
import io
import re
from collections import Counter, defaultdict
from datetime import date

import pytest

from participation.lottery.register_csv import household_key
from participation.lottery.synthetic import (
    COLUMNS,
    GERMAN_FAMILY_NAMES,
    GIVEN_NAMES_BY_DECADE,
    JENA_DISTRICTS,
    ORIGINS,
    STREETS,
    generate_register,
    write_csv,
)

REFERENCE = date(2026, 1, 1)


@pytest.fixture(scope="module")
def rows():
    return generate_register(5000, seed=7)


def age_on(reference, birth_iso):
    born = date.fromisoformat(birth_iso)
    return reference.year - born.year - ((reference.month, reference.day) < (born.month, born.day))


def test_rows_look_like_a_register_extract(rows):
    assert len(rows) == 5000
    assert all(set(row) == set(COLUMNS) for row in rows)
    ids = [row["person_id"] for row in rows]
    assert all(re.fullmatch(r"R\d{9}", person_id) for person_id in ids)
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"\d+[a-c]?", row["house_number"]) for row in rows)
    assert {row["town"] for row in rows} == {"Jena"}
    assert {row["district"] for row in rows} == set(JENA_DISTRICTS)
    jena_postcodes = {code for _, codes in JENA_DISTRICTS.values() for code in codes}
    assert {row["postcode"] for row in rows} == jena_postcodes
    for row in rows:
        assert row["postcode"] in JENA_DISTRICTS[row["district"]][1]
    assert {row["gender"] for row in rows} <= {"m", "w", "d"}
    ages = [age_on(REFERENCE, row["birth_date"]) for row in rows]
    assert min(ages) == 14  # everyone from 14 on, and the 14-year-olds are there
    assert max(ages) <= 105
    # everything survives Windows-1252
    for row in rows:
        "".join(row.values()).encode("cp1252")


def test_population_structure_is_that_of_a_german_city(rows):
    n = len(rows)
    genders = Counter(row["gender"] for row in rows)
    assert 0.44 <= genders["m"] / n <= 0.52
    assert genders["d"] / n < 0.005
    ages = [age_on(REFERENCE, row["birth_date"]) for row in rows]
    under_18 = sum(age < 18 for age in ages) / n
    students = sum(18 <= age < 25 for age in ages) / n
    old = sum(age >= 65 for age in ages) / n
    assert 0.02 <= under_18 <= 0.07
    assert 0.09 <= students <= 0.20
    assert 0.18 <= old <= 0.32
    german = sum(row["nationality"] == "deutsch" for row in rows) / n
    assert 0.84 <= german <= 0.92
    assert len({row["nationality"] for row in rows}) >= 8
    # Müller leads, names of other origin are there, and the vocabularies are as large as promised
    family = Counter(row["family_name"] for row in rows)
    assert family.most_common(1)[0][0] in ("Müller", "Schmidt")
    foreign = {name for key, spec in ORIGINS.items() if key != "de" for name in spec[1]}
    assert 0.04 <= sum(family[name] for name in foreign) / n <= 0.2
    assert len(GERMAN_FAMILY_NAMES) + len(foreign) >= 150
    assert len({name for _, male, female in GIVEN_NAMES_BY_DECADE for name in male + female}) >= 190
    assert len(STREETS) >= 150
    # districts follow their weights: Lobeda is the biggest, Isserstedt among the smallest
    districts = Counter(row["district"] for row in rows)
    assert districts.most_common(1)[0][0] == "Lobeda"
    assert districts["Isserstedt"] < districts["Zentrum"] / 2


def test_given_names_follow_gender_and_birth_decade(rows):
    by_decade = {start: (set(male), set(female)) for start, male, female in GIVEN_NAMES_BY_DECADE}
    all_male = {name for male, _ in by_decade.values() for name in male}
    all_female = {name for _, female in by_decade.values() for name in female}
    german = [row for row in rows if row["family_name"] in GERMAN_FAMILY_NAMES and row["gender"] != "d"]
    first = [(row["gender"], row["given_names"].split()[0]) for row in german]
    # a German name is from the pool of its gender (a few names, like Maria, are in neither or both)
    wrong = sum(1 for gender, name in first
                if (gender == "m" and name in all_female - all_male) or (gender == "w" and name in all_male - all_female))
    assert wrong / len(first) < 0.01
    old = [row["given_names"].split()[0] for row in german if row["birth_date"] < "1940"]
    young = [row["given_names"].split()[0] for row in german if row["birth_date"] >= "2000"]
    old_pool = by_decade[0][0] | by_decade[0][1] | by_decade[1940][0] | by_decade[1940][1]
    assert sum(name in old_pool for name in old) / len(old) > 0.6
    # (Karl and Charlotte are back in fashion: only the names that stayed old count here)
    old_only = old_pool - {name for start in (1990, 2000, 2010) for name in by_decade[start][0] | by_decade[start][1]}
    assert sum(name in old_only for name in young) / len(young) < 0.01
    assert any(" " in row["given_names"] for row in german)  # some have two given names


def test_households_are_plausible(rows):
    households = defaultdict(list)
    for row in rows:
        households[household_key(row)].append(row)
    sizes = Counter(len(members) for members in households.values())
    single = sizes[1] / len(households)
    assert 0.35 <= single <= 0.47
    assert max(sizes) <= 5 and sizes[2] > sizes[3] > sizes[4]
    # members of a household follow each other in the extract and share the address exactly
    order = [household_key(row) for row in rows]
    assert sum(a != b for a, b in zip(order, order[1:])) == len(households) - 1
    # a family mostly shares its name
    shared = [members for members in households.values() if len(members) >= 3]
    same_name = sum(len({m["family_name"] for m in members}) < len(members) for members in shared)
    assert same_name / len(shared) > 0.6
    # no two households share an address, even spelled differently
    assert len(households) == len({(row["street"], row["house_number"], row["postcode"]) for row in rows})


def test_same_seed_same_rows_other_seed_other_rows():
    first = generate_register(300, seed=3)
    assert generate_register(300, seed=3) == first
    other = generate_register(300, seed=4)
    assert other != first
    assert {row["person_id"] for row in other} != {row["person_id"] for row in first}
    assert generate_register(0) == []


def test_other_city_and_own_districts():
    rows = generate_register(400, seed=2, city="Musterstadt", districts=["Altstadt", "Neubau", "Dorf"])
    assert {row["district"] for row in rows} == {"Altstadt", "Neubau", "Dorf"}
    assert {row["town"] for row in rows} == {"Musterstadt"}
    assert all(re.fullmatch(r"\d{5}", row["postcode"]) for row in rows)
    assert len({row["postcode"] for row in rows}) == 3

    weighted = generate_register(600, seed=2, districts={"Groß": (9, ["99084", "99085"]), "Klein": (1, ["99086"])})
    districts = Counter(row["district"] for row in weighted)
    assert districts["Groß"] > 4 * districts["Klein"]
    assert {row["postcode"] for row in weighted if row["district"] == "Klein"} == {"99086"}
    assert {row["postcode"] for row in weighted if row["district"] == "Groß"} <= {"99084", "99085"}

    generic = generate_register(300, city="Erfurt")
    assert len({row["district"] for row in generic}) >= 8
    with pytest.raises(ValueError):
        generate_register(10, districts={"Nirgendwo": 0})


def test_write_csv_like_a_german_office(rows):
    buffer = io.BytesIO()
    assert write_csv(rows[:3], buffer) == 3
    data = buffer.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == ("Ordnungsmerkmal;Familienname;Vornamen;Straße;Hausnummer;PLZ;Ort;Geburtsdatum;"
                        "Geschlecht;Ortsteil;Staatsangehörigkeit")
    first = rows[0]
    born = date.fromisoformat(first["birth_date"])
    assert lines[1].split(";") == [
        first["person_id"], first["family_name"], first["given_names"], first["street"], first["house_number"],
        first["postcode"], "Jena", f"{born:%d.%m.%Y}", first["gender"], first["district"], first["nationality"]]
    assert lines[4] == "" and len(lines) == 5

    plain = io.BytesIO()
    write_csv(rows[:3], plain, encoding="utf-8", delimiter=",")
    assert not plain.getvalue().startswith(b"\xef\xbb\xbf")
    assert plain.getvalue().decode("utf-8").startswith("Ordnungsmerkmal,Familienname,")

    windows = io.BytesIO()
    person = dict(rows[0], family_name="Müller", street="Große Straße", district="Zwätzen")
    write_csv([person], windows, encoding="cp1252")
    assert b"M\xfcller" in windows.getvalue() and b"Gro\xdfe Stra\xdfe" in windows.getvalue()
    assert b"Stra\xdfe;" in windows.getvalue()  # the header, too

    with pytest.raises(ValueError):
        write_csv(rows, io.BytesIO(), encoding="latin-1")


def test_write_csv_columns_header_names_text_files_and_paths(rows, tmp_path):
    text = io.StringIO()
    write_csv(rows[:2], text, columns=["person_id", "birth_year", "gender"],
              header_names={"person_id": "ID", "gender": "Geschl."})
    assert text.getvalue().splitlines() == [
        "ID;Geburtsjahr;Geschl.",
        f"{rows[0]['person_id']};{rows[0]['birth_date'][:4]};{rows[0]['gender']}",
        f"{rows[1]['person_id']};{rows[1]['birth_date'][:4]};{rows[1]['gender']}",
    ]
    aligned = io.StringIO()
    write_csv([{"person_id": "R1", "birth_date": date(1980, 2, 1)}], aligned,
              columns=["person_id", "birth_date", "district"], header_names=["A", "B", "C"])
    assert aligned.getvalue() == "A;B;C\r\nR1;01.02.1980;\r\n"
    with pytest.raises(ValueError):
        write_csv(rows[:1], io.StringIO(), columns=["person_id"], header_names=["A", "B"])

    path = tmp_path / "extract.csv"
    write_csv(rows[:10], path, encoding="cp1252")
    assert path.read_bytes().decode("cp1252").count("\r\n") == 11
    write_csv(rows[:10], str(path), encoding="utf-8")
    assert path.read_text(encoding="utf-8").startswith("Ordnungsmerkmal;")
