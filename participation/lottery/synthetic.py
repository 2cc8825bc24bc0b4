"""Synthetic population-register extracts (Melderegister) for tests, the demo and the benchmark.

`generate_register(count, seed=...)` returns `count` residents aged 14 and over of a German
city, deterministically from `random.Random(seed)`: common German family names and some of
Turkish, Polish, Russian/Ukrainian, Arabic, Vietnamese, Indian, Italian and Greek origin,
given names by gender and birth decade (East German ones for the 1960s to 1980s, as in Jena),
streets named after people, trees and towns, the districts of Jena with their postcodes, an age
structure with the students of a university town and the old age of an East German one, and
households of one to five people (about 41 % single-person households, as in German cities).

Each household has an address of its own (street, house number, postcode), so that
"one letter per household" can be tested with `register_csv.household_key`. Children under 14
belong to households but are not in the extract (the draw also filters by age).

`write_csv(rows, path_or_file)` writes the rows as a German office export would: German
headers, `;` and UTF-8 with BOM by default, dates as DD.MM.YYYY, CRLF line ends.

Every string the generator produces can be encoded in Windows-1252.
"""
import bisect
import csv
import io
import itertools
import os
import zlib
from datetime import date
from random import Random

__all__ = [
    "COLUMNS",
    "HEADER_NAMES",
    "JENA_DISTRICTS",
    "generate_register",
    "write_csv",
]

# --- districts and postcodes ------------------------------------------------------------

# Jena's Ortsteile and Stadtteile as the demo uses them, with rough shares of residents
# (Lobeda and Jena-Nord are the big ones) and their postcodes.
JENA_DISTRICTS = {
    "Lobeda": (19, ("07747",)),
    "Jena-Nord": (15, ("07743",)),
    "Jena-West": (12, ("07743", "07745")),
    "Winzerla": (10, ("07745",)),
    "Jena-Ost": (9, ("07749",)),
    "Zentrum": (8, ("07743",)),
    "Jena-Süd": (6, ("07745",)),
    "Wenigenjena": (6, ("07749",)),
    "Zwätzen": (4, ("07743",)),
    "Kernberge": (3, ("07749",)),
    "Burgau": (2, ("07745",)),
    "Ammerbach": (2, ("07745",)),
    "Göschwitz": (2, ("07745",)),
    "Isserstedt": (2, ("07751",)),
}

# Districts for any other city, with weights; postcodes are derived from the city's name.
GENERIC_DISTRICTS = {
    "Mitte": 14, "Altstadt": 8, "Nord": 13, "Süd": 12, "Ost": 11, "West": 12,
    "Neustadt": 9, "Am Stadtpark": 6, "Oberdorf": 5, "Unterdorf": 4, "Feldmark": 3, "Bergviertel": 3,
}

# --- streets ------------------------------------------------------------------------------

STREETS = (
    # named after people
    "Goethestraße", "Schillerstraße", "Lessingstraße", "Herderstraße", "Wielandstraße", "Bachstraße",
    "Beethovenstraße", "Mozartstraße", "Händelstraße", "Schubertstraße", "Humboldtstraße", "Fichtestraße",
    "Hegelstraße", "Kantstraße", "Ernst-Abbe-Straße", "Carl-Zeiss-Straße", "Otto-Schott-Straße",
    "Karl-Marx-Allee", "Friedrich-Engels-Straße", "August-Bebel-Straße", "Rosa-Luxemburg-Straße",
    "Käthe-Kollwitz-Straße", "Bertolt-Brecht-Straße", "Thomas-Mann-Straße", "Heinrich-Heine-Straße",
    "Albert-Schweitzer-Straße", "Robert-Koch-Straße", "Einsteinstraße", "Max-Planck-Ring",
    "Geschwister-Scholl-Straße", "Friedrich-Ebert-Straße", "Martin-Luther-Platz", "Dürerstraße",
    "Ricarda-Huch-Weg", "Fritz-Reuter-Straße", "Theodor-Storm-Weg", "Liebigstraße", "Gutenbergstraße",
    "Keplerstraße", "Schopenhauerstraße", "Novalisstraße", "Clara-Zetkin-Straße", "Anna-Siemsen-Straße",
    "Ernst-Haeckel-Platz", "Karl-Liebknecht-Straße", "Stauffenbergstraße", "Emil-Wölk-Straße",
    "Lutherstraße", "Wilhelm-Külz-Straße", "Bonhoefferstraße",
    # Jena and the Saale valley
    "Löbdergraben", "Leutragraben", "Johannisstraße", "Saalstraße", "Unterm Markt", "Kahlaische Straße",
    "Knebelstraße", "Westbahnhofstraße", "Kastanienstraße", "Dornburger Straße", "Camburger Straße",
    "Erlanger Allee", "Ziegesarstraße", "Magdelstieg", "Kernbergstraße", "Fischergasse",
    "Oberlauengasse", "Lobdeburgweg", "Am Steinbach", "Saaleweg", "Zur Saale", "Am Planetarium",
    # trees and flowers
    "Lindenstraße", "Lindenweg", "Eichenweg", "Birkenweg", "Ahornweg", "Buchenweg", "Erlenweg",
    "Kastanienallee", "Ulmenweg", "Fichtenweg", "Kiefernweg", "Tannenweg", "Eschenweg", "Akazienweg",
    "Weidenweg", "Pappelallee", "Kirschbergweg", "Rosenweg", "Fliederweg", "Tulpenweg", "Nelkenweg",
    "Asternweg", "Holunderweg",
    # towns
    "Erfurter Straße", "Weimarische Straße", "Naumburger Straße", "Rudolstädter Straße", "Geraer Straße",
    "Leipziger Straße", "Dresdner Straße", "Berliner Straße", "Hallesche Straße", "Apoldaer Straße",
    "Kahlaer Straße", "Stadtrodaer Straße", "Eisenberger Straße", "Saalfelder Straße", "Gothaer Straße",
    "Magdeburger Allee", "Göttinger Straße", "Plauener Straße", "Zwickauer Straße", "Chemnitzer Platz",
    "Erlanger Ring",
    # everyday names
    "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Kirchstraße", "Kirchplatz", "Gartenstraße",
    "Dorfstraße", "Marktplatz", "Am Markt", "Bergstraße", "Talstraße", "Mühlweg", "Mühlenstraße",
    "Wiesenweg", "Feldweg", "Am Anger", "Angerstraße", "Brunnenstraße", "Teichweg", "Sonnenweg",
    "Ringstraße", "Nordring", "Westring", "Südring", "Parkstraße", "Friedensstraße", "Am Hang",
    "Auf der Höhe", "Im Winkel", "Burgweg", "Schlossgasse", "Lange Straße", "Breite Straße",
    "Neue Straße", "Am Wasserturm", "Sportplatzweg", "Gewerbering", "Steinweg", "Rosenplatz",
    "Uferweg", "Am Sonnenhang", "Hohe Straße", "Kleiner Anger", "Wiesenstraße",
)

def _derived_streets():
    """Further streets for big cities: "Goetheweg" beside "Goethestraße", "Erfurter Ring" ..."""
    known = set(STREETS)
    derived = []
    for street in STREETS:
        if not street.endswith("traße"):
            continue
        root = street[:-6]
        if root.endswith("e "):  # "Lange Straße" would need "Langer Weg"
            continue
        for kind in ("weg", "platz", "ring"):
            name = f"{root}{kind.capitalize()}" if root.endswith((" ", "-")) else f"{root}{kind}"
            if name not in known:
                known.add(name)
                derived.append(name)
    return tuple(derived)


DERIVED_STREETS = _derived_streets()

# --- names --------------------------------------------------------------------------------

GERMAN_FAMILY_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
    "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
    "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
    "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
    "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
    "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
    "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
    "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
    "Ernst", "Kolb", "Seifert", "Thiele", "Hempel", "Reinhardt", "Böttcher", "Kretzschmar", "Wünsche",
    "Ullrich", "Reichel", "Fröhlich", "Heinze", "Rudolph", "Hübner", "Schilling", "Köhler-Lange",
    "Opitz", "Gebhardt", "Trautmann",
)

# origin -> (share of households in %, family names, male given names, female given names,
#            nationalities other than German, share of members with German nationality)
ORIGINS = {
    "de": (85.0, GERMAN_FAMILY_NAMES, None, None,
           ("österreichisch", "niederländisch", "französisch"), 0.975),
    "tr": (2.5, ("Yilmaz", "Kaya", "Demir", "Sahin", "Çelik", "Yildiz", "Öztürk", "Aydin", "Arslan", "Dogan", "Koç"),
           ("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Emre", "Murat", "Yusuf", "Can", "Burak"),
           ("Ayse", "Fatma", "Emine", "Elif", "Zeynep", "Merve", "Hatice", "Esra"),
           ("türkisch",), 0.45),
    "pl": (2.0, ("Nowak", "Kowalski", "Wisniewski", "Wójcik", "Kaminski", "Lewandowski", "Zielinski", "Szymanski"),
           ("Piotr", "Krzysztof", "Tomasz", "Pawel", "Marek", "Jakub", "Michal"),
           ("Anna", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Monika", "Malgorzata"),
           ("polnisch",), 0.35),
    "ru": (3.0, ("Iwanow", "Smirnow", "Popow", "Petrow", "Kowalenko", "Schewtschenko", "Bondarenko", "Melnyk"),
           ("Sergej", "Dmitri", "Alexej", "Andrej", "Wladimir", "Oleksandr", "Mykola", "Artem"),
           ("Natalia", "Olga", "Irina", "Tatjana", "Swetlana", "Olena", "Julija", "Oksana"),
           ("ukrainisch", "russisch", "ukrainisch"), 0.45),
    "ar": (3.0, ("Al-Ahmad", "Hassan", "Ali", "Mohamed", "Ibrahim", "Khalil", "Haddad", "Saleh", "Othman"),
           ("Mohammed", "Ahmad", "Omar", "Khaled", "Hussein", "Yousef", "Karim", "Tarek"),
           ("Fatima", "Aisha", "Mariam", "Nour", "Layla", "Rania", "Amal", "Huda"),
           ("syrisch", "irakisch", "libanesisch"), 0.25),
    "vn": (1.5, ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"),
           ("Minh", "Duc", "Thanh", "Tuan", "Hung", "Quang"),
           ("Thi Lan", "Thi Huong", "Thi Mai", "Thi Hoa", "Linh", "Ngoc Anh"),
           ("vietnamesisch",), 0.4),
    "in": (1.0, ("Sharma", "Patel", "Singh", "Kumar", "Gupta"),
           ("Rahul", "Amit", "Arjun", "Vikram", "Sanjay"),
           ("Priya", "Anjali", "Divya", "Neha", "Lakshmi"),
           ("indisch",), 0.1),
    "it": (1.2, ("Rossi", "Russo", "Esposito", "Romano", "Colombo"),
           ("Marco", "Giuseppe", "Luca", "Alessandro", "Francesco"),
           ("Giulia", "Francesca", "Chiara", "Sara", "Elena"),
           ("italienisch",), 0.35),
    "gr": (0.8, ("Papadopoulos", "Georgiou", "Nikolaidis", "Dimitriou"),
           ("Nikolaos", "Dimitrios", "Georgios", "Konstantinos"),
           ("Eleni", "Sofia", "Katerina", "Despina"),
           ("griechisch",), 0.35),
}

# German given names by birth decade: (first birth year of the decade, male, female).
GIVEN_NAMES_BY_DECADE = (
    (0, ("Kurt", "Werner", "Heinz", "Gerhard", "Günter", "Walter", "Helmut", "Herbert", "Karl", "Horst",
         "Rudolf", "Erich"),
        ("Gertrud", "Ilse", "Ursula", "Hildegard", "Erika", "Irmgard", "Elfriede", "Charlotte", "Margarete",
         "Ruth", "Lieselotte", "Hertha")),
    (1940, ("Peter", "Klaus", "Wolfgang", "Jürgen", "Dieter", "Manfred", "Hans", "Bernd", "Siegfried", "Rolf",
            "Joachim", "Gerd"),
           ("Renate", "Karin", "Monika", "Brigitte", "Ingrid", "Christa", "Gisela", "Helga", "Marianne", "Inge",
            "Rosemarie", "Waltraud")),
    (1950, ("Michael", "Thomas", "Frank", "Uwe", "Andreas", "Hans-Jürgen", "Rainer", "Lutz", "Detlef", "Harald",
            "Jörg", "Eberhard"),
           ("Sabine", "Petra", "Gabriele", "Angelika", "Birgit", "Heike", "Marion", "Bärbel", "Elke", "Ute",
            "Cornelia", "Regina")),
    (1960, ("Thomas", "Andreas", "Jens", "Torsten", "Matthias", "Steffen", "Ralf", "Olaf", "Carsten", "Holger",
            "Dirk", "Heiko"),
           ("Kerstin", "Anja", "Katrin", "Simone", "Susanne", "Claudia", "Kathrin", "Antje", "Silke", "Jana",
            "Ines", "Sylvia")),
    (1970, ("Daniel", "Stefan", "René", "Sven", "Ronny", "Marcel", "Mario", "Sebastian", "Christian", "Tobias",
            "Robert", "Enrico"),
           ("Mandy", "Nicole", "Peggy", "Anne", "Stefanie", "Sandra", "Diana", "Yvonne", "Nadine", "Juliane",
            "Manuela", "Jeanette")),
    (1980, ("Martin", "Philipp", "Tom", "Paul", "Kevin", "Patrick", "Florian", "Max", "Benjamin", "Felix",
            "Markus", "Dennis"),
           ("Julia", "Maria", "Lisa", "Sarah", "Franziska", "Stephanie", "Laura", "Josephine", "Christin",
            "Jenny", "Katharina", "Susann")),
    (1990, ("Lukas", "Niklas", "Jonas", "Erik", "Tim", "Nils", "Moritz", "Leon", "Lennart", "Julius",
            "Johannes", "Jan"),
           ("Anna", "Lea", "Sophie", "Michelle", "Vanessa", "Jessica", "Theresa", "Clara", "Luisa", "Lena",
            "Nina", "Sophia")),
    (2000, ("Luca", "Finn", "Ben", "Noah", "Elias", "Jannik", "Justin", "Lennard", "Fabian", "Maximilian",
            "Jakob", "Anton"),
           ("Emily", "Hannah", "Mia", "Emma", "Celine", "Leonie", "Marie", "Pauline", "Charlotte", "Lilly",
            "Greta", "Alina")),
    (2010, ("Emil", "Oskar", "Theo", "Karl", "Mats", "Henry", "Matteo", "Leo", "Levi", "Jonah", "Milan",
            "Adam"),
           ("Ella", "Ida", "Frieda", "Mathilda", "Lina", "Nele", "Marlene", "Johanna", "Paula", "Mila", "Lotta",
            "Sara")),
)
_DECADE_STARTS = [start for start, _, _ in GIVEN_NAMES_BY_DECADE]

# --- age and household structure ----------------------------------------------------------

# (youngest, oldest, weight) for the age of the person living alone, ...
SINGLE_AGES = ((18, 24, 13), (25, 34, 19), (35, 44, 9), (45, 54, 9), (55, 64, 12), (65, 74, 11),
               (75, 84, 14), (85, 99, 8))
# ... of the older partner of a couple without children at home, ...
COUPLE_AGES = ((20, 29, 8), (30, 39, 8), (40, 49, 6), (50, 59, 17), (60, 69, 30), (70, 79, 26),
               (80, 94, 13))
# ... of the mother (or single parent) of a family, ...
PARENT_AGES = ((24, 29, 8), (30, 34, 15), (35, 39, 20), (40, 44, 21), (45, 49, 18), (50, 54, 12),
               (55, 60, 6))
# ... and of students and young people sharing a flat.
SHARED_FLAT_AGES = ((19, 22, 40), (23, 26, 40), (27, 34, 20))

# Households by number of members, children included (Germany: 41 % single-person households).
HOUSEHOLD_SIZES = (1, 2, 3, 4, 5)
HOUSEHOLD_SIZE_WEIGHTS = (41, 34, 12, 9, 4)

MIN_AGE = 14  # younger residents are not in the extract
DIVERSE_SHARE = 0.0003  # "d" is rare in German registers
DOUBLE_GIVEN_NAME_SHARE = 0.18

# --- the CSV export -------------------------------------------------------------------------

COLUMNS = ("person_id", "family_name", "given_names", "street", "house_number", "postcode", "town",
           "birth_date", "gender", "district", "nationality")

HEADER_NAMES = {
    "person_id": "Ordnungsmerkmal",
    "family_name": "Familienname",
    "given_names": "Vornamen",
    "street": "Straße",
    "house_number": "Hausnummer",
    "postcode": "PLZ",
    "town": "Ort",
    "birth_date": "Geburtsdatum",
    "birth_year": "Geburtsjahr",
    "gender": "Geschlecht",
    "district": "Ortsteil",
    "nationality": "Staatsangehörigkeit",
}

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")


# --- the generator -----------------------------------------------------------------------------

def _cumulative(weights):
    return list(itertools.accumulate(weights))


class _Bands:
    """Draws an age from (youngest, oldest, weight) bands."""

    def __init__(self, bands):
        self.bands = [(lo, hi - lo + 1) for lo, hi, _ in bands]
        self.cum = _cumulative(w for _, _, w in bands)
        self.total = self.cum[-1]

    def draw(self, rng):
        lo, span = self.bands[bisect.bisect(self.cum, rng.random() * self.total)]
        return lo + int(rng.random() * span)


def _postcodes_for(city):
    """A few plausible five-digit postcodes for a city that is not Jena, stable per name."""
    base = 10000 + (zlib.crc32(city.encode("utf-8")) % 8900) * 10
    return tuple(f"{base + step:05d}" for step in (0, 3, 5, 7, 9))


def _district_table(city, districts):
    """[(name, weight, postcodes)] from the `districts` argument."""
    if districts is None:
        if city == "Jena":
            return [(name, weight, codes) for name, (weight, codes) in JENA_DISTRICTS.items()]
        districts = GENERIC_DISTRICTS
    codes = _postcodes_for(city)
    items = list(districts.items()) if isinstance(districts, dict) else [(name, 1) for name in districts]
    if not items:
        raise ValueError("districts must name at least one district")
    table = []
    for index, (name, spec) in enumerate(items):
        if isinstance(spec, tuple | list):
            weight, own_codes = spec
            own_codes = tuple(own_codes)
        else:
            weight, own_codes = spec, (codes[index % len(codes)],)
        if weight <= 0:
            raise ValueError(f"district {name!r} needs a positive weight")
        table.append((name, weight, own_codes))
    return table


class _Address:
    """Hands out addresses (street, house number, postcode) that no other household has."""

    def __init__(self, rng, table, expected_households):
        self.rng = rng
        self.used = set()
        total_weight = sum(weight for _, weight, _ in table)
        self.districts = []
        for name, weight, codes in table:
            share = weight / total_weight
            households = expected_households * share
            # About 40 households a street; a big city also gets the "...weg" to every "...straße".
            count = max(12, min(len(STREETS) + len(DERIVED_STREETS), round(households / 40)))
            streets = rng.sample(STREETS, min(count, len(STREETS)))
            if count > len(STREETS):
                streets += rng.sample(DERIVED_STREETS, count - len(STREETS))
            street_weights = [rng.choice((1, 1, 2, 2, 3, 4, 6)) for _ in streets]
            street_total = sum(street_weights)
            entries = []
            for street, street_weight in zip(streets, street_weights):
                # Twice the expected number of households: the numbers stay small and collide rarely.
                cap = max(12, int(2 * households * street_weight / street_total) + 1)
                entries.append([street, rng.choice(codes), cap])
            self.districts.append((name, entries, _cumulative(street_weights), street_total))
        self.cum = _cumulative(weight for _, weight, _ in table)
        self.total = self.cum[-1]

    def draw(self):
        rng = self.rng
        random = rng.random
        name, entries, cum, total = self.districts[bisect.bisect(self.cum, random() * self.total)]
        entry = entries[bisect.bisect(cum, random() * total)]
        street, postcode, cap = entry
        used = self.used
        while True:
            for _ in range(12):
                number = str(1 + int(random() * cap))
                if random() < 0.04:
                    number += "abc"[int(random() * 3)]
                key = (street, number, postcode)
                if key not in used:
                    used.add(key)
                    return name, street, number, postcode
            entry[2] = cap = cap * 2  # the street is full: it gets longer


class _People:
    def __init__(self, rng, reference_date):
        self.rng = rng
        self.reference = reference_date
        self.ref_ordinal = reference_date.toordinal()
        self.ref_year = reference_date.year
        self.single_ages = _Bands(SINGLE_AGES)
        self.couple_ages = _Bands(COUPLE_AGES)
        self.parent_ages = _Bands(PARENT_AGES)
        self.flat_ages = _Bands(SHARED_FLAT_AGES)
        self.origin_keys = list(ORIGINS)
        self.origin_cum = _cumulative(ORIGINS[key][0] for key in self.origin_keys)
        self.origin_total = self.origin_cum[-1]
        german = GERMAN_FAMILY_NAMES
        # Zipf-like frequencies: Müller is far more common than Trautmann.
        self.german_cum = _cumulative(1 / (rank + 8) ** 0.9 for rank in range(len(german)))
        self.german_total = self.german_cum[-1]
        self.birth_range = {}  # age -> (first ordinal, number of days)
        self.iso = {}  # ordinal -> ISO date

    def origin(self):
        return self.origin_keys[bisect.bisect(self.origin_cum, self.rng.random() * self.origin_total)]

    def family_name(self, origin):
        rng = self.rng
        if origin == "de":
            index = bisect.bisect(self.german_cum, rng.random() * self.german_total)
            return GERMAN_FAMILY_NAMES[min(index, len(GERMAN_FAMILY_NAMES) - 1)]
        names = ORIGINS[origin][1]
        return names[int(rng.random() * len(names))]

    def birth(self, age):
        """A birth date (ISO string) of someone who is `age` on the reference date."""
        window = self.birth_range.get(age)
        if window is None:
            ref = self.reference
            latest = _years_before(ref, age)
            earliest = _years_before(ref, age + 1).toordinal() + 1
            window = self.birth_range[age] = (earliest, latest.toordinal() - earliest + 1)
        first, days = window
        ordinal = first + int(self.rng.random() * days)
        iso = self.iso.get(ordinal)
        if iso is None:
            iso = self.iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return iso

    def given_names(self, gender, age, origin):
        rng = self.rng
        random = rng.random
        if gender == "d":
            gender = "m" if random() < 0.5 else "w"
        birth_year = self.ref_year - age
        if origin != "de" and not (birth_year >= 2005 and random() < 0.5):
            pool = ORIGINS[origin][2 if gender == "m" else 3]
            return pool[int(random() * len(pool))]
        decade = bisect.bisect(_DECADE_STARTS, birth_year) - 1
        # A few years' drift: names are fashionable a little before and after their decade.
        if random() < 0.3:
            decade = min(max(decade + (1 if random() < 0.5 else -1), 0), len(_DECADE_STARTS) - 1)
        pool = GIVEN_NAMES_BY_DECADE[decade][1 if gender == "m" else 2]
        first = pool[int(random() * len(pool))]
        if random() < DOUBLE_GIVEN_NAME_SHARE:
            second = pool[int(random() * len(pool))]
            if second != first and "-" not in first and "-" not in second:
                return f"{first} {second}"
        return first

    def gender(self, male_share=0.5):
        random = self.rng.random()
        if random < DIVERSE_SHARE:
            return "d"
        return "m" if random < DIVERSE_SHARE + (1 - DIVERSE_SHARE) * male_share else "w"

    def nationality(self, origin, age):
        spec = ORIGINS[origin]
        random = self.rng.random
        german_share = spec[5]
        if origin != "de" and age < 25:
            german_share = min(1.0, german_share + 0.35)  # born in Germany
        if random() < german_share:
            return "deutsch"
        others = spec[4]
        return others[int(random() * len(others))]

    def household(self):
        """[(age, gender, family name, given names, nationality)] for one household, children included."""
        rng = self.rng
        random = rng.random
        size = HOUSEHOLD_SIZES[bisect.bisect(_SIZE_CUM, random() * _SIZE_CUM[-1])]
        origin = self.origin()
        members = []
        if size == 1:
            age = self.single_ages.draw(rng)
            male = 0.56 if age < 35 else (0.3 if age >= 75 else 0.5)
            members.append((age, self.gender(male), origin))
            return self._named(members, origin, shared=0)
        kind = random()
        if size == 2:
            if kind < 0.78:
                return self._couple(origin, self.couple_ages.draw(rng), 0)
            if kind < 0.88:
                return self._single_parent(origin, 1)
            return self._shared_flat(2)
        if size == 3:
            if kind < 0.8:
                return self._couple(origin, None, 1)
            if kind < 0.9:
                return self._single_parent(origin, 2)
            return self._shared_flat(3)
        if size == 4 and kind < 0.08:
            return self._shared_flat(4)
        return self._couple(origin, None, size - 2)

    def _children(self, mother_age, count):
        rng = self.rng
        ages = []
        for _ in range(count):
            age = mother_age - rng.randint(22, 40)
            if age < 0:
                age = int(rng.random() * max(1, mother_age - 20))
            elif age > 26:
                age = rng.randint(14, 26)
            ages.append((age, self.gender(0.51)))
        return ages

    def _couple(self, origin, older_age, children):
        rng = self.rng
        random = rng.random
        if older_age is None:  # parents: the mother's age decides the children's
            mother = self.parent_ages.draw(rng)
            father = max(20, mother + round(rng.gauss(3, 3)))
            first, second = (father, "m"), (mother, "w")
        else:
            man = older_age
            woman = max(18, older_age - max(0, round(rng.gauss(3, 3))))
            first, second = (man, "m"), (woman, "w")
        if random() < 0.5:
            first, second = second, first
        if random() < 0.025:  # same-sex couple
            second = (second[0], first[1])
        members = [(first[0], self._maybe_diverse(first[1]), origin),
                   (second[0], self._maybe_diverse(second[1]), origin)]
        mother_age = second[0] if second[1] == "w" else first[0]
        members.extend((age, gender, origin) for age, gender in self._children(mother_age, children))
        # Married couples and their children mostly share a name; partners living together less so.
        shared = 0.75 if children else 0.6
        return self._named(members, origin, shared=shared)

    def _single_parent(self, origin, children):
        rng = self.rng
        age = self.parent_ages.draw(rng)
        gender = "w" if rng.random() < 0.85 else "m"
        members = [(age, self._maybe_diverse(gender), origin)]
        members.extend((child, g, origin) for child, g in self._children(age, children))
        return self._named(members, origin, shared=0.8)

    def _shared_flat(self, count):
        rng = self.rng
        members = []
        for _ in range(count):
            origin = self.origin()
            members.append((self.flat_ages.draw(rng), self.gender(0.52), origin))
        return self._named(members, None, shared=0)

    def _maybe_diverse(self, gender):
        return "d" if self.rng.random() < DIVERSE_SHARE else gender

    def _named(self, members, origin, shared):
        """Names and nationalities; a family mostly shares both (`origin` None: a shared flat)."""
        random = self.rng.random
        family = self.family_name(origin) if origin else None
        people = []
        first_nationality = None
        for index, (age, gender, own_origin) in enumerate(members):
            if family is not None and (index == 0 or random() < shared):
                name = family
            else:
                name = self.family_name(own_origin if random() < 0.85 else "de")
            if first_nationality is None or origin is None or random() < 0.1:
                nationality = self.nationality(own_origin, age)
            elif first_nationality != "deutsch" and age < 25 and random() < 0.35:
                nationality = "deutsch"  # born in Germany
            else:
                nationality = first_nationality
            if first_nationality is None:
                first_nationality = nationality
            people.append((age, gender, name, self.given_names(gender, age, own_origin), nationality))
        return people


_SIZE_CUM = _cumulative(HOUSEHOLD_SIZE_WEIGHTS)


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def generate_register(count, *, seed=1, city="Jena", districts=None, reference_date=date(2026, 1, 1)):
    """`count` residents aged 14 and over as register rows (dicts), the same for the same arguments.

    Keys: person_id ("R" + 9 digits, unique), family_name, given_names, street, house_number,
    postcode, town, birth_date (ISO), gender ("m", "w", "d"), district, nationality.
    Members of a household follow each other and share street, house number and postcode;
    no two households share an address.

    `districts`: None (Jena's districts, or generic ones for another city), a list of names
    (equal weights), or a dict name -> weight, or name -> (weight, [postcodes]).
    """
    if count < 0:
        raise ValueError("count must not be negative")
    rng = Random(seed)
    table = _district_table(city, districts)
    people = _People(rng, reference_date)
    # About 1.8 residents of 14 and over per household.
    addresses = _Address(rng, table, expected_households=count / 1.8 + 10)
    ids = rng.sample(range(100_000_000, 1_000_000_000), count)
    rows = []
    append = rows.append
    while len(rows) < count:
        members = people.household()
        district, street, number, postcode = addresses.draw()
        for age, gender, family, given, nationality in members:
            if age < MIN_AGE:
                continue
            append({
                "person_id": f"R{ids[len(rows)]}",
                "family_name": family,
                "given_names": given,
                "street": street,
                "house_number": number,
                "postcode": postcode,
                "town": city,
                "birth_date": people.birth(age),
                "gender": gender,
                "district": district,
                "nationality": nationality,
            })
            if len(rows) == count:
                break
    return rows


# --- writing ------------------------------------------------------------------------------------

def _german_date(value, cache):
    if not value:
        return ""
    text = cache.get(value)
    if text is None:
        iso = value.isoformat() if isinstance(value, date) else str(value)
        text = cache[value] = f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"
    return text


def write_csv(rows, path_or_file, *, delimiter=";", encoding="utf-8-sig", columns=None, header_names=None):
    """Write `rows` like a German office export and return the number of rows written.

    `path_or_file`: a path, a binary file (encoded with `encoding`) or a text file (written as
    it is; its own encoding applies). `encoding`: "utf-8", "utf-8-sig" (with BOM) or "cp1252".
    `columns`: row keys in order (default `COLUMNS`); "birth_year" is derived from birth_date
    when a row has none. `header_names`: a dict key -> header overriding `HEADER_NAMES`, or a
    list of headers aligned with `columns`. Dates are written as DD.MM.YYYY, lines end in CRLF.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}")
    columns = tuple(columns or COLUMNS)
    if header_names is None or isinstance(header_names, dict):
        names = {**HEADER_NAMES, **(header_names or {})}
        header = [names.get(column, column) for column in columns]
    else:
        header = list(header_names)
        if len(header) != len(columns):
            raise ValueError("header_names must name every column")

    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "w", encoding=encoding, newline="") as handle:
            return _write(handle, rows, delimiter, columns, header)
    if isinstance(path_or_file, io.TextIOBase):
        return _write(path_or_file, rows, delimiter, columns, header)
    wrapper = io.TextIOWrapper(path_or_file, encoding=encoding, newline="")
    try:
        return _write(wrapper, rows, delimiter, columns, header)
    finally:
        wrapper.flush()
        wrapper.detach()  # leave the caller's file open


def _write(handle, rows, delimiter, columns, header):
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    dates = {}

    def cell(row, column):
        if column == "birth_date":
            return _german_date(row.get("birth_date"), dates)
        if column == "birth_year":
            year = row.get("birth_year")
            if year is None:
                birth = row.get("birth_date")
                return (birth.isoformat() if isinstance(birth, date) else str(birth))[:4] if birth else ""
            return str(year)
        value = row.get(column)
        return "" if value is None else str(value)

    written = 0

    def counted(values):
        nonlocal written
        for value in values:
            written += 1
            yield value

    if columns == COLUMNS:  # the fast path for the benchmark (csv writes None as "")
        def values(row):
            get = row.get
            return (get("person_id"), get("family_name"), get("given_names"), get("street"), get("house_number"),
                    get("postcode"), get("town"), _german_date(get("birth_date"), dates), get("gender"),
                    get("district"), get("nationality"))
        writer.writerows(counted(map(values, rows)))
    else:
        writer.writerows(counted([cell(row, column) for column in columns] for row in rows))
    return written
