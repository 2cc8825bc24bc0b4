"""German demo content: districts, idea seeds, comments and names for "Jena klimaneutral 2035".

Everything here is fictitious, but modelled on the real idea collection for Jena's
Klima-Aktionsplan: real districts, streets and places, the seven sectors of the plan,
and the kind of proposals, objections and questions residents actually write.

The generator is deterministic: the same `random.Random(seed)` yields the same ideas,
comments and names. Seeds are title templates plus two to four body sentences with
placeholders for the location; shared pools of openings, justifications, closings and
list points turn them into ideas of varied length and tone.
"""
from dataclasses import dataclass

from ..processes.models import DEFAULT_SECTORS

SECTOR_CODES = tuple(code for code, _ in DEFAULT_SECTORS)

# How often residents post in each sector (mobility and housing lead, as in most plans).
SECTOR_WEIGHTS = {"GEB": 16, "WIR": 10, "VER": 11, "MOB": 23, "ENE": 15, "LAN": 10, "ANP": 15}

TITLE_MIN, TITLE_MAX = 5, 120
BODY_MIN, BODY_MAX = 150, 1500


# --- places ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    name: str
    at: str  # the name with its preposition: "am Westbahnhof"
    kind: str  # platz, park, bahnhof, haltestelle, ufer, zentrum, gewerbe


@dataclass(frozen=True)
class Street:
    name: str
    at: str  # "in der Camburger Straße", "am Löbdergraben"


@dataclass(frozen=True)
class Area:
    """A district (Stadtteil or Ortsteil) of Jena with a few of its streets and places."""

    name: str
    at: str  # "in Lobeda", "im Zentrum"
    from_: str  # "aus Lobeda", "aus dem Zentrum"
    weight: int  # roughly the share of residents
    streets: tuple
    places: tuple
    tags: frozenset = frozenset()
    # The bare name reads well after "von", "nach", "zwischen", "bei" (not so "Zentrum").
    bare: bool = True


def _area(name, at, from_, weight, streets, places, tags=(), bare=True):
    return Area(
        name=name, at=at, from_=from_, weight=weight,
        streets=tuple(Street(*s) for s in streets),
        places=tuple(Place(*p) for p in places),
        tags=frozenset(tags), bare=bare,
    )


AREAS = (
    _area("Zentrum", "im Zentrum", "aus dem Zentrum", 12, (
        ("Löbdergraben", "am Löbdergraben"),
        ("Leutragraben", "am Leutragraben"),
        ("Johannisstraße", "in der Johannisstraße"),
        ("Saalstraße", "in der Saalstraße"),
        ("Teichgraben", "am Teichgraben"),
        ("Kollegiengasse", "in der Kollegiengasse"),
    ), (
        ("Markt", "auf dem Markt", "platz"),
        ("Holzmarkt", "am Holzmarkt", "platz"),
        ("Eichplatz", "auf dem Eichplatz", "platz"),
        ("Ernst-Abbe-Platz", "auf dem Ernst-Abbe-Platz", "platz"),
        ("Johannisplatz", "am Johannisplatz", "platz"),
        ("Paradiespark", "im Paradiespark", "park"),
        ("Bahnhof Jena-Paradies", "am Bahnhof Jena-Paradies", "bahnhof"),
        ("Haltestelle Holzmarkt", "an der Haltestelle Holzmarkt", "haltestelle"),
        ("Goethe Galerie", "an der Goethe Galerie", "zentrum"),
        ("Saaleufer im Paradies", "am Saaleufer im Paradies", "ufer"),
    ), tags=("altbau", "tram", "saale"), bare=False),
    _area("Jena-Nord", "in Jena-Nord", "aus Jena-Nord", 11, (
        ("Camburger Straße", "in der Camburger Straße"),
        ("Dornburger Straße", "in der Dornburger Straße"),
        ("Löbstedter Straße", "in der Löbstedter Straße"),
        ("Spitzweidenweg", "am Spitzweidenweg"),
    ), (
        ("Saalbahnhof", "am Saalbahnhof", "bahnhof"),
        ("Salvador-Allende-Platz", "am Salvador-Allende-Platz", "platz"),
        ("Haltestelle Salvador-Allende-Platz", "an der Haltestelle Salvador-Allende-Platz", "haltestelle"),
        ("Nordfriedhof", "am Nordfriedhof", "park"),
        ("Gewerbegebiet Jena-Nord", "im Gewerbegebiet Jena-Nord", "gewerbe"),
    ), tags=("altbau", "platte", "tram", "saale")),
    _area("Jena-West", "in Jena-West", "aus Jena-West", 10, (
        ("Westbahnhofstraße", "in der Westbahnhofstraße"),
        ("Humboldtstraße", "in der Humboldtstraße"),
        ("Magdelstieg", "am Magdelstieg"),
        ("Lutherstraße", "in der Lutherstraße"),
    ), (
        ("Westbahnhof", "am Westbahnhof", "bahnhof"),
        ("Damenviertel", "im Damenviertel", "platz"),
        ("Landgrafen", "am Landgrafen", "park"),
        ("Haltestelle Westbahnhof", "an der Bushaltestelle am Westbahnhof", "haltestelle"),
    ), tags=("altbau",)),
    _area("Jena-Ost", "in Jena-Ost", "aus Jena-Ost", 8, (
        ("Karl-Liebknecht-Straße", "in der Karl-Liebknecht-Straße"),
        ("Jenzigweg", "am Jenzigweg"),
        ("Wiesenstraße", "in der Wiesenstraße"),
    ), (
        ("Ostbad", "am Ostbad", "park"),
        ("Gembdenbach", "am Gembdenbach", "park"),
        ("Haltestelle Ostbad", "an der Haltestelle am Ostbad", "haltestelle"),
        ("Jenzig", "am Fuß des Jenzigs", "park"),
    ), tags=("altbau", "tram")),
    _area("Jena-Süd", "in Jena-Süd", "aus Jena-Süd", 7, (
        ("Kahlaische Straße", "in der Kahlaischen Straße"),
        ("Forstweg", "am Forstweg"),
        ("Oberaue", "an der Oberaue"),
    ), (
        ("Ernst-Abbe-Sportfeld", "am Ernst-Abbe-Sportfeld", "platz"),
        ("Oberaue", "in der Oberaue", "park"),
        ("Saaleufer an der Oberaue", "am Saaleufer an der Oberaue", "ufer"),
    ), tags=("altbau", "saale")),
    _area("Wenigenjena", "in Wenigenjena", "aus Wenigenjena", 7, (
        ("Camsdorfer Ufer", "am Camsdorfer Ufer"),
        ("Wenigenjenaer Ufer", "am Wenigenjenaer Ufer"),
        ("Kunitzer Straße", "in der Kunitzer Straße"),
    ), (
        ("Schillerkirche", "an der Schillerkirche", "platz"),
        ("Camsdorfer Brücke", "an der Camsdorfer Brücke", "haltestelle"),
        ("Saaleufer in Wenigenjena", "am Saaleufer in Wenigenjena", "ufer"),
    ), tags=("altbau", "saale")),
    _area("Lobeda", "in Lobeda", "aus Lobeda", 14, (
        ("Stadtrodaer Straße", "in der Stadtrodaer Straße"),
        ("Karl-Marx-Allee", "in der Karl-Marx-Allee"),
        ("Kastanienstraße", "in der Kastanienstraße"),
        ("Erlanger Allee", "in der Erlanger Allee"),
    ), (
        ("Universitätsklinikum", "am Universitätsklinikum", "haltestelle"),
        ("Stadtteilzentrum Lobeda-West", "am Stadtteilzentrum Lobeda-West", "zentrum"),
        ("Straßenbahnhaltestelle Lobeda-Ost", "an der Straßenbahnhaltestelle in Lobeda-Ost", "haltestelle"),
        ("Lobdeburg", "unterhalb der Lobdeburg", "park"),
        ("Platz vor dem Stadtteilbüro", "auf dem Platz vor dem Stadtteilbüro in Lobeda-West", "platz"),
    ), tags=("platte", "tram", "saale")),
    _area("Winzerla", "in Winzerla", "aus Winzerla", 9, (
        ("Oßmaritzer Straße", "in der Oßmaritzer Straße"),
        ("Anna-Siemsen-Straße", "in der Anna-Siemsen-Straße"),
        ("Damaschkeweg", "am Damaschkeweg"),
    ), (
        ("Trießnitz", "in der Trießnitz", "park"),
        ("Haltestelle Damaschkeweg", "an der Haltestelle Damaschkeweg", "haltestelle"),
        ("Stadtteilzentrum Winzerla", "am Stadtteilzentrum Winzerla", "zentrum"),
        ("Platz an der Anna-Siemsen-Straße", "auf dem Platz an der Anna-Siemsen-Straße", "platz"),
    ), tags=("platte", "tram", "saale")),
    _area("Zwätzen", "in Zwätzen", "aus Zwätzen", 4, (
        ("Naumburger Straße", "in der Naumburger Straße"),
        ("Dorfstraße", "in der Dorfstraße"),
    ), (
        ("Bahnhof Zwätzen", "am Bahnhof Zwätzen", "bahnhof"),
        ("Saaleufer bei Zwätzen", "am Saaleufer bei Zwätzen", "ufer"),
        ("Dorfplatz Zwätzen", "am Dorfplatz in Zwätzen", "platz"),
    ), tags=("rural", "tram", "saale")),
    _area("Burgau", "in Burgau", "aus Burgau", 4, (
        ("Rudolstädter Straße", "in der Rudolstädter Straße"),
        ("Burgauer Weg", "am Burgauer Weg"),
    ), (
        ("Burgauer Brücke", "an der Burgauer Brücke", "ufer"),
        ("Burgaupark", "am Burgaupark", "zentrum"),
        ("Saalewiesen in Burgau", "auf den Saalewiesen in Burgau", "park"),
    ), tags=("rural", "saale")),
    _area("Göschwitz", "in Göschwitz", "aus Göschwitz", 3, (
        ("Göschwitzer Straße", "in der Göschwitzer Straße"),
        ("Winzerlaer Straße", "in der Winzerlaer Straße"),
    ), (
        ("Bahnhof Göschwitz", "am Bahnhof Göschwitz", "bahnhof"),
        ("Gewerbegebiet Göschwitz", "im Gewerbegebiet Göschwitz", "gewerbe"),
    ), tags=("saale",)),
    _area("Kernberge", "in den Kernbergen", "aus den Kernbergen", 4, (
        ("Kernbergstraße", "in der Kernbergstraße"),
        ("Wöllnitzer Straße", "in der Wöllnitzer Straße"),
    ), (
        ("Kernberghorizontale", "an der Kernberghorizontale", "park"),
        ("Spielplatz an der Kernbergstraße", "auf dem Spielplatz an der Kernbergstraße", "park"),
    ), tags=("altbau",), bare=False),
    _area("Ammerbach", "in Ammerbach", "aus Ammerbach", 3, (
        ("Ammerbacher Straße", "in der Ammerbacher Straße"),
        ("Pfarrgasse", "in der Pfarrgasse"),
    ), (
        ("Dorfplatz Ammerbach", "am Dorfplatz in Ammerbach", "platz"),
        ("Streuobstwiesen am Ortsrand", "auf den Streuobstwiesen am Ortsrand von Ammerbach", "park"),
    ), tags=("rural",)),
    _area("Isserstedt", "in Isserstedt", "aus Isserstedt", 2, (
        ("Hauptstraße", "in der Hauptstraße"),
        ("Am Anger", "am Anger"),
    ), (
        ("Dorfplatz Isserstedt", "am Dorfplatz in Isserstedt", "platz"),
        ("Bushaltestelle Isserstedt", "an der Bushaltestelle in Isserstedt", "haltestelle"),
    ), tags=("rural",)),
)

DISTRICT_NAMES = tuple(a.name for a in AREAS)
AREA_BY_NAME = {a.name: a for a in AREAS}


# --- idea seeds -------------------------------------------------------------------------

@dataclass(frozen=True)
class Seed:
    key: str
    sector: str
    titles: tuple
    sentences: tuple
    place_kinds: frozenset  # empty: no place needed
    needs_street: bool
    named: bool  # uses the bare district name: needs a district that reads well bare
    only: str  # an area tag the idea must fit, or ""
    local: bool  # the title may be completed with " im Zentrum", " in Lobeda" ...


SEEDS = []


def _seed(sector, titles, *sentences, place="", only="", local=False):
    text = " ".join(titles + sentences)
    SEEDS.append(Seed(
        key=f"{sector}-{sum(1 for s in SEEDS if s.sector == sector) + 1:02d}",
        sector=sector, titles=tuple(titles), sentences=tuple(sentences),
        place_kinds=frozenset(place.split()), needs_street="street}" in text,
        named="{district}" in text or "{other_district}" in text, only=only, local=local,
    ))


# GEB – Wohngebäude und Quartiere
_seed("GEB", ("Kostenlose Energieberatung vor Ort", "Energieberatung direkt an der Haustür"),
      "Viele Eigentümerinnen und Eigentümer {in_district} wissen nicht, wo sie bei einer Sanierung anfangen sollen.",
      "Eine kostenlose Erstberatung direkt im Haus, organisiert von der Stadt gemeinsam mit der Verbraucherzentrale, würde die Hemmschwelle deutlich senken.",
      "Wichtig wäre, dass die Beratung auch die Fördermittel von Bund und Land erklärt und beim Antrag hilft – daran scheitert es bei uns im Haus seit Jahren.",
      "Ein Termin im Monat pro Stadtteil würde schon reichen, wenn er vorher im Amtsblatt und per Aushang angekündigt wird.",
      local=True)
_seed("GEB", ("Energetisches Quartierskonzept für {district}", "Quartierskonzept {in_district} auflegen"),
      "Für {district} sollte ein energetisches Quartierskonzept erstellt werden, wie es die KfW über das Programm 432 fördert.",
      "So ließen sich Wärmeversorgung, Sanierung und Mobilität gemeinsam planen, statt dass jedes Haus für sich allein nach Lösungen sucht.",
      "Ein Sanierungsmanagement vor Ort könnte die Umsetzung über mehrere Jahre begleiten und für alle ansprechbar sein.")
_seed("GEB", ("Sanierungsfahrplan für die Plattenbauten {in_district}", "Plattenbauten {in_district} zügig sanieren"),
      "Die Plattenbauten {in_district} verbrauchen immer noch viel zu viel Wärme, manche Blöcke sind seit den Neunzigern kaum angefasst worden.",
      "jenawohnen und die Genossenschaften sollten einen verbindlichen Sanierungsfahrplan mit Jahreszahlen veröffentlichen, damit die Mieterinnen und Mieter wissen, woran sie sind.",
      "Bei der Sanierung sollten gleich Photovoltaik auf dem Dach und sichere Fahrradräume im Erdgeschoss mitgeplant werden.",
      only="platte")
_seed("GEB", ("Solaranlagen auf alle Dächer von jenawohnen", "Photovoltaik auf die Wohnblöcke {in_district}"),
      "Auf den großen Flachdächern der Wohnblöcke {in_district} ist jede Menge Platz für Photovoltaik, der bisher ungenutzt bleibt.",
      "Die städtische Wohnungsgesellschaft könnte hier mit gutem Beispiel vorangehen und den Strom als Mieterstrom günstig an die Bewohner weitergeben.",
      "Andere Städte wie Leipzig oder Halle sind da schon weiter, warum nicht auch Jena?")
_seed("GEB", ("Balkonkraftwerke für Mieterinnen und Mieter fördern", "Zuschuss für Stecker-Solargeräte"),
      "Wer zur Miete wohnt, kann kaum selbst etwas für die Energiewende tun – ein Balkonkraftwerk ist eine der wenigen Möglichkeiten.",
      "Die Stadt sollte einen Zuschuss von etwa 200 Euro pro Gerät zahlen und mit den Vermietern eine einfache Mustervereinbarung ausarbeiten.",
      "In meinem Haus {in_district} hätten mindestens fünf Parteien sofort Interesse, es scheitert nur an der Unsicherheit, ob der Vermieter zustimmt.",
      local=True)
_seed("GEB", ("Förderprogramm für Gründächer", "Dachbegrünung auf Garagen und Carports fördern"),
      "Begrünte Dächer halten Regenwasser zurück, dämmen im Winter und kühlen im Sommer das Haus.",
      "Ein kleines städtisches Förderprogramm, zum Beispiel 30 Euro pro Quadratmeter, würde viele Eigentümer überzeugen.",
      "Gerade die vielen Garagenhöfe {in_district} wären ideal für eine extensive Begrünung.",
      local=True)
_seed("GEB", ("Fassadenbegrünung {at_street}", "Grüne Fassaden {at_street}"),
      "Die Häuserfronten {at_street} heizen sich im Sommer enorm auf, nachts kühlt es kaum noch ab.",
      "Mit Kletterpflanzen an Rankgittern könnte man die Fassaden begrünen, ohne die Bausubstanz zu gefährden.",
      "Die Stadt könnte Pflanzen und Beratung stellen, die Hausgemeinschaften übernehmen die Pflege.")
_seed("GEB", ("Leerstand nutzen statt neu bauen", "Erst Leerstand beleben, dann neu bauen"),
      "Jeder Neubau verursacht eine Menge graue Energie, vor allem durch Beton und Stahl.",
      "Gleichzeitig stehen {in_district} Wohnungen und Ladenflächen teilweise seit Jahren leer.",
      "Die Stadt sollte ein Leerstandskataster führen und Eigentümer aktiv ansprechen, bevor neue Flächen versiegelt werden.",
      local=True)
_seed("GEB", ("Sammelbestellung für Wärmepumpen {in_district}", "Wärmepumpen gemeinsam anschaffen"),
      "Einzelne Hausbesitzer bekommen kaum Handwerkertermine und zahlen hohe Preise für ihre Wärmepumpe.",
      "Wenn sich mehrere Nachbarn zusammentun und die Stadt eine Sammelbestellung organisiert, sinken Kosten und Wartezeiten.",
      "In Reihenhaussiedlungen mit ähnlichen Häusern ließe sich die Planung zudem fast eins zu eins übertragen.")
_seed("GEB", ("Thermografie-Spaziergang {in_district}", "Wärmebilder für Hausbesitzer"),
      "Im Winter könnte die Stadt Thermografie-Spaziergänge anbieten, bei denen eine Energieberaterin mit der Wärmebildkamera zeigt, wo Häuser Wärme verlieren.",
      "Das ist anschaulicher als jede Broschüre und bringt Nachbarn ins Gespräch über Sanierung.",
      "Im Anschluss könnte man gleich Termine für eine ausführliche Beratung vergeben.")
_seed("GEB", ("Denkmalschutz und Solaranlagen vereinbaren", "Solar auf denkmalgeschützten Häusern erlauben"),
      "{in_district} stehen viele Häuser unter Denkmalschutz, und Anträge für Solaranlagen werden oft abgelehnt oder ziehen sich über Monate.",
      "Die Denkmalbehörde sollte klare Leitlinien veröffentlichen, welche Lösungen grundsätzlich genehmigungsfähig sind, etwa auf rückwärtigen Dachflächen oder mit roten Solarziegeln.",
      "Andere Bundesländer haben ihre Regeln längst gelockert, Thüringen und die Stadt sollten nachziehen.",
      only="altbau", local=True)
_seed("GEB", ("Sanierungsgemeinschaften in der Nachbarschaft", "Gemeinsam sanieren: ein Nachbarschaftsmodell"),
      "In vielen Straßen {in_district} stehen Häuser aus derselben Zeit mit denselben Problemen.",
      "Wenn sich Nachbarn zu Sanierungsgemeinschaften zusammenschließen, können sie Gerüste, Handwerker und Energieberatung gemeinsam beauftragen.",
      "Die Stadt könnte solche Gruppen mit einer Moderatorin und einem kleinen Budget für die Planung unterstützen.",
      local=True)
_seed("GEB", ("Hydraulischer Abgleich in allen Mietshäusern", "Heizungscheck für Mietwohnungen"),
      "In vielen Mietshäusern sind die Heizungen schlecht eingestellt: oben ist es kalt, unten wird das Fenster aufgerissen.",
      "Ein hydraulischer Abgleich kostet wenig und spart oft zehn bis fünfzehn Prozent Heizenergie.",
      "Die Stadt sollte die großen Vermieter in Jena auffordern, das in allen Beständen bis Ende nächsten Jahres umzusetzen.")
_seed("GEB", ("Mieterstrom ausbauen", "Mieterstrom-Modelle für große Wohnanlagen"),
      "Mieterstrom ist bisher kompliziert und wird deshalb kaum angeboten.",
      "Die Stadtwerke könnten als Dienstleister auftreten und den Vermietern die Abrechnung komplett abnehmen.",
      "So würden auch Haushalte mit wenig Geld von günstigem Solarstrom vom eigenen Dach profitieren.",
      local=True)
_seed("GEB", ("Holzbau bei städtischen Neubauten", "Mehr Holz, weniger Beton beim Bauen"),
      "Beton und Zement verursachen einen großen Teil der Emissionen im Bausektor.",
      "Bei Neubauten der Stadt und von jenawohnen sollte die Holz- oder Holzhybridbauweise der Standard sein, wo es technisch möglich ist.",
      "Holz aus den Thüringer Wäldern würde außerdem die regionale Wirtschaft stärken.")
_seed("GEB", ("Neue Wohngebiete nur im Effizienzhaus-40-Standard", "Strengere Energiestandards für neue Wohngebiete"),
      "Was heute gebaut wird, steht noch 2080 – deshalb müssen neue Wohngebiete von Anfang an klimaneutral geplant werden.",
      "Die Stadt kann das über städtebauliche Verträge und die Vergabe städtischer Grundstücke festlegen.",
      "Dazu gehören Solardächer, Anschluss an Nahwärme und möglichst wenige Stellplätze.")
_seed("GEB", ("Wohnungstauschbörse für Jena", "Wohnungstausch zwischen Jung und Alt erleichtern"),
      "Viele ältere Menschen wohnen allein in großen Wohnungen, während junge Familien händeringend suchen.",
      "Eine Tauschbörse der Wohnungsunternehmen, bei der die Miete pro Quadratmeter beim Tausch gleich bleibt, würde beiden helfen.",
      "Weniger Wohnfläche pro Kopf ist übrigens einer der wirksamsten Hebel für den Klimaschutz im Gebäudebereich.")
_seed("GEB", ("Dämmung der obersten Geschossdecke fördern", "Dachboden dämmen – einfach und günstig"),
      "Die Dämmung der obersten Geschossdecke ist eine der günstigsten Sanierungsmaßnahmen überhaupt.",
      "Oft lässt sie sich in Eigenleistung an einem Wochenende erledigen.",
      "Ein städtischer Zuschuss für das Material plus eine Anleitung vom Energieberater würde viele Hausbesitzer zum Anfangen bewegen.")
_seed("GEB", ("Fenstertausch in Altbauten {in_district}", "Alte Fenster im Altbau ersetzen"),
      "In den Altbauten {in_district} gibt es noch viele einfach verglaste Fenster, durch die im Winter die Wärme einfach verschwindet.",
      "Die Stadt sollte Eigentümer gezielt ansprechen und über Förderprogramme informieren.",
      "Bei denkmalgeschützten Häusern gibt es inzwischen gute Lösungen mit Kastenfenstern, die das Stadtbild erhalten.",
      only="altbau")
_seed("GEB", ("Klimaberatung im Stadtteilbüro {in_district}", "Wöchentliche Energiesprechstunde im Stadtteil"),
      "Nicht jeder findet den Weg ins Rathaus oder traut sich, eine Energieberatung anzufragen.",
      "Eine feste Sprechstunde im Stadtteilbüro {in_district}, vielleicht einmal pro Woche am Nachmittag, wäre niedrigschwellig und gut erreichbar.",
      "Dort könnte man auch Strommessgeräte ausleihen oder Fragen zur Nebenkostenabrechnung stellen.")
_seed("GEB", ("Energiesparwettbewerb zwischen den Stadtteilen", "Welcher Stadtteil spart am meisten?"),
      "Wie wäre es mit einem freundlichen Wettbewerb: Welcher Stadtteil spart im Winter am meisten Heizenergie?",
      "Die Stadtwerke haben die Verbrauchsdaten und könnten sie anonymisiert pro Stadtteil veröffentlichen.",
      "Als Preis könnte der Gewinner-Stadtteil zum Beispiel neue Bäume oder einen Zuschuss für ein Nachbarschaftsfest bekommen.")
_seed("GEB", ("Warmmietenneutrale Sanierung sicherstellen", "Sanierung darf nicht zu Verdrängung führen"),
      "Viele Mieterinnen und Mieter haben Angst vor Sanierungen, weil danach die Miete steigt.",
      "Die Stadt sollte bei geförderten Sanierungen darauf achten, dass die Warmmiete insgesamt nicht steigt – die eingesparten Heizkosten müssen die Modernisierungsumlage ausgleichen.",
      "Nur so bekommt der Klimaschutz im Gebäudebereich auch die Unterstützung derjenigen, die wenig verdienen.",
      local=True)
_seed("GEB", ("Grüne Innenhöfe {in_district}", "Innenhöfe entsiegeln und begrünen"),
      "Viele Innenhöfe {in_district} sind komplett gepflastert und werden nur als Parkplatz oder für Mülltonnen genutzt.",
      "Mit Entsiegelung, ein paar Bäumen und Hochbeeten würden daraus Orte, an denen sich die Nachbarschaft trifft.",
      "Ein Förderprogramm für Hofbegrünung, wie es in Leipzig oder Dresden existiert, wäre ein guter Anfang.")
_seed("GEB", ("Photovoltaikpflicht für Neubauten in Jena", "Solarpflicht auch bei Dachsanierungen"),
      "Thüringen hat bisher keine landesweite Solarpflicht, die Stadt kann aber über Bebauungspläne und Grundstücksverträge selbst handeln.",
      "Jedes neue Dach ohne Photovoltaik ist eine verpasste Chance für die nächsten dreißig Jahre.",
      "Auch bei größeren Dachsanierungen sollte eine Solaranlage zumindest geprüft und gefördert werden.")
_seed("GEB", ("Fahrradräume in Mehrfamilienhäusern", "Sichere Abstellräume für Fahrräder und Lastenräder"),
      "In vielen Häusern {in_district} müssen die Räder in den Keller getragen werden oder stehen ungeschützt im Hof.",
      "Wer sein Rad bequem und sicher abstellen kann, lässt das Auto öfter stehen.",
      "Bei Sanierungen sollten Vermieter ebenerdige Fahrradräume einplanen, gern auch mit Steckdose für E-Bikes.",
      local=True)
_seed("GEB", ("Tag der offenen Sanierung", "Sanierte Häuser zum Anschauen"),
      "Am überzeugendsten sind Beispiele aus der Nachbarschaft: Eigentümer, die schon saniert haben, könnten ihre Häuser an einem Aktionstag öffnen.",
      "Dort erfährt man aus erster Hand, was es gekostet hat, welche Handwerker gut waren und wie viel man jetzt spart.",
      "Die Stadt müsste nur die Organisation und die Werbung übernehmen.",
      local=True)
_seed("GEB", ("Gemeinschaftsräume statt größerer Wohnungen", "Mehr geteilte Räume in neuen Wohnprojekten"),
      "Neue Wohnprojekte sollten mehr gemeinsam genutzte Räume bekommen: Gästezimmer, Werkstatt, Waschküche, Gemeinschaftsküche.",
      "Dann können die einzelnen Wohnungen kleiner ausfallen, ohne dass jemand auf etwas verzichten muss.",
      "Die Stadt könnte bei der Vergabe von Grundstücken Baugemeinschaften mit solchen Konzepten bevorzugen.")

# WIR – Unternehmen und Gewerbe
_seed("WIR", ("Klimaschutz-Netzwerk für Jenaer Unternehmen", "Unternehmen vernetzen für den Klimaschutz"),
      "Große Arbeitgeber wie Zeiss, Schott oder Jenoptik haben eigene Klimaziele, die vielen kleinen Betriebe in Jena dagegen oft keine Kapazitäten dafür.",
      "Ein Netzwerk, in dem sich Unternehmen regelmäßig austauschen und voneinander lernen, würde beiden Seiten helfen.",
      "Die Wirtschaftsförderung könnte das Netzwerk koordinieren und Fachleute zu Themen wie Abwärme oder Flottenumstellung einladen.")
_seed("WIR", ("Industrielle Abwärme nutzen", "Abwärme aus Betrieben ins Wärmenetz"),
      "In Produktion, Laboren und Rechenzentren entsteht viel Abwärme, die bisher einfach in die Luft geblasen wird.",
      "Die Stadtwerke sollten ein Abwärmekataster erstellen und prüfen, welche Betriebe ins Fernwärmenetz einspeisen können.",
      "Die Unternehmen würden damit sogar Geld verdienen, statt für die Kühlung zu bezahlen.",
      local=True)
_seed("WIR", ("Solaranlagen auf Gewerbedächern {at_place}", "Photovoltaik-Offensive {at_place}"),
      "Die Hallendächer {at_place} sind riesig und fast alle leer.",
      "Viele Betriebe scheuen die Investition oder sind nur Mieter der Halle – hier könnten die Stadtwerke oder die BürgerEnergie Jena die Dächer pachten.",
      "Der Strom kann direkt im Betrieb verbraucht werden, das rechnet sich für alle Seiten.",
      place="gewerbe zentrum")
_seed("WIR", ("Mehrweg statt Einweg beim Essen zum Mitnehmen", "Mehrweg-Offensive für die Gastronomie"),
      "Obwohl Restaurants seit 2023 Mehrweg anbieten müssen, bekommt man in Jena fast immer noch Einwegverpackungen.",
      "Die Stadt könnte ein einheitliches Mehrwegsystem für die ganze Innenstadt fördern, sodass man die Boxen überall zurückgeben kann.",
      "Gut wären auch Rabatte für alle, die ihren eigenen Becher oder ihre eigene Dose mitbringen.",
      local=True)
_seed("WIR", ("Kostenloser Klimacheck für kleine Betriebe", "Energieberatung für Handwerk und Einzelhandel"),
      "Kleine Betriebe wie Bäckereien, Friseure oder Werkstätten haben keine Energiemanager und kaum Zeit, sich um Effizienz zu kümmern.",
      "Ein kostenloser Klimacheck durch die Handwerkskammer oder die Stadt zeigt in wenigen Stunden die größten Einsparpotenziale.",
      "Oft sind es einfache Dinge wie alte Kühltheken, falsche Heizzeiten oder Druckluftlecks.")
_seed("WIR", ("Lastenräder für Handwerksbetriebe", "E-Lastenräder für das Gewerbe fördern"),
      "Viele Fahrten von Handwerkern und Lieferdiensten innerhalb der Stadt könnten mit E-Lastenrädern erledigt werden.",
      "Die Stadt sollte ein Förderprogramm auflegen und die Räder vorher zum Testen verleihen.",
      "Gerade in der Innenstadt mit ihren engen Gassen ist man mit dem Lastenrad oft schneller als mit dem Transporter.")
_seed("WIR", ("Jobticket für alle Beschäftigten in Jena", "Betriebliches Mobilitätsmanagement fördern"),
      "Viele Beschäftigte pendeln täglich aus dem Saale-Holzland-Kreis oder aus Weimar mit dem Auto nach Jena.",
      "Die Arbeitgeber sollten ein Jobticket anbieten und Parkplätze nicht mehr kostenlos zur Verfügung stellen.",
      "Die Stadt könnte Betriebe beraten, wie ein betriebliches Mobilitätskonzept aussieht, und gute Beispiele auszeichnen.")
_seed("WIR", ("Reparaturbonus für Jena", "Reparieren statt wegwerfen"),
      "Neu kaufen ist oft billiger als reparieren, dabei steckt in jedem Gerät viel Energie und Rohstoff.",
      "Thüringen hatte einen Reparaturbonus, der sehr gut angenommen wurde – die Stadt könnte so etwas für Jena fortführen.",
      "Davon profitieren auch die kleinen Werkstätten und Reparaturcafés in der Stadt.")
_seed("WIR", ("Plattform für regionale Zulieferer", "Regionale Lieferketten stärken"),
      "Viele Betriebe bestellen Vorprodukte und Dienstleistungen quer durch Europa, obwohl es Anbieter in der Region gibt.",
      "Eine Plattform der Wirtschaftsförderung, auf der sich Jenaer und Thüringer Firmen mit ihren Angeboten finden, würde Transportwege verkürzen.",
      "Das stärkt nebenbei die lokale Wirtschaft.")
_seed("WIR", ("Abwärme von Rechenzentren nutzen", "Rechenzentren klimafreundlich betreiben"),
      "Die Universität, die Forschungsinstitute und einige Firmen in Jena betreiben Rechenzentren mit hohem Stromverbrauch.",
      "Neue Rechenzentren sollten nur noch mit Ökostrom und Abwärmenutzung gebaut werden.",
      "Die Wärme könnte zum Beispiel benachbarte Wohngebäude oder ein Schwimmbad versorgen.")
_seed("WIR", ("Klimaschutzpreis für Jenaer Betriebe", "Vorbildliche Betriebe auszeichnen"),
      "Es gibt viele Unternehmen in Jena, die schon viel für den Klimaschutz tun, aber kaum jemand weiß davon.",
      "Ein jährlicher Klimaschutzpreis der Stadt, verliehen in verschiedenen Größenklassen, würde diese Vorbilder sichtbar machen.",
      "Das motiviert andere Betriebe mehr als jede Vorschrift.")
_seed("WIR", ("Ladestationen auf Firmenparkplätzen", "Laden beim Arbeitgeber ermöglichen"),
      "Wer ein E-Auto fährt, lädt am liebsten dort, wo das Auto ohnehin stundenlang steht – also beim Arbeitgeber.",
      "Die Stadt könnte Unternehmen bei der Planung und beim Netzanschluss unterstützen, etwa gemeinsam mit den Stadtwerken.",
      "Am besten kombiniert mit einem Solar-Carport über dem Parkplatz.")
_seed("WIR", ("Werbebeleuchtung nach 22 Uhr abschalten", "Nachts beleuchtete Schaufenster ausschalten"),
      "Viele Geschäfte {in_district} lassen ihre Schaufenster und Werbetafeln die ganze Nacht brennen.",
      "Das kostet Strom, stört Insekten und ist völlig unnötig, wenn niemand mehr unterwegs ist.",
      "Eine Regelung wie in Frankreich, wonach Werbebeleuchtung nachts aus sein muss, wäre einfach umzusetzen.",
      local=True)
_seed("WIR", ("Offene Ladentüren im Winter", "Heizen bei offener Tür beenden"),
      "Im Winter stehen in der Innenstadt viele Ladentüren sperrangelweit offen, während drinnen die Heizlüfter laufen.",
      "Das ist reine Energieverschwendung.",
      "Die Stadt sollte mit dem Handel eine Vereinbarung treffen und sich, wenn das nicht hilft, beim Land für eine verbindliche Regel einsetzen.")
_seed("WIR", ("Neue Gewerbegebiete nur klimaneutral", "Klimakriterien bei der Vergabe von Gewerbeflächen"),
      "Bei der Vergabe städtischer Gewerbeflächen sollte es feste Klimakriterien geben: Solardach, Dachbegrünung, Regenwassernutzung und gute Anbindung an Bus und Bahn.",
      "Flächen sind in Jena knapp, daher sollte auch geprüft werden, ob mehrgeschossige Gewerbebauten möglich sind.",
      "Wer sich daran hält, könnte einen günstigeren Grundstückspreis bekommen.")
_seed("WIR", ("ÖKOPROFIT in Jena neu auflegen", "Neue ÖKOPROFIT-Runde für Jenaer Betriebe"),
      "ÖKOPROFIT ist ein bewährtes Programm, bei dem Betriebe in einer Gruppe ein Jahr lang ihre Umweltbilanz verbessern.",
      "Die Ergebnisse aus anderen Städten sind beeindruckend: die Teilnehmer sparen Energie und Geld.",
      "Jena sollte eine neue Runde starten und dabei gezielt auch kleine Betriebe einladen.")
_seed("WIR", ("Gründerzentrum für Klimatechnik", "Start-ups für Klimaschutz in Jena halten"),
      "An der Universität und an der Ernst-Abbe-Hochschule entstehen viele Ideen rund um Energie, Optik und Materialien.",
      "Leider ziehen viele Gründerinnen und Gründer danach weg, weil sie in Jena keine bezahlbaren Räume finden.",
      "Ein Gründerzentrum mit Schwerpunkt Klimatechnik würde Wissen und Arbeitsplätze in der Stadt halten.")
_seed("WIR", ("Energieeffizienz in Hotels und Gastronomie", "Klimafreundlich essen in Jena"),
      "Küchen, Kühlräume und Waschküchen in Hotels und Restaurants verbrauchen viel Energie.",
      "Ein Beratungsprogramm gemeinsam mit dem Gastgewerbeverband könnte zeigen, welche Investitionen sich schnell rechnen.",
      "Für Betriebe, die mitmachen, wäre ein Siegel „Klimafreundlich essen in Jena“ eine gute Werbung.")
_seed("WIR", ("Unverpackt-Läden und Nachfüllstationen fördern", "Nachfüllstationen in Supermärkten"),
      "Verpackungen verursachen Müll und Emissionen, obwohl man viele Lebensmittel und Reinigungsmittel auch lose verkaufen könnte.",
      "Die Stadt könnte kleine Läden mit einem Mietzuschuss unterstützen und Supermärkte zu Nachfüllstationen ermutigen.",
      "{in_district} gibt es bisher gar kein solches Angebot.",
      local=True)
_seed("WIR", ("Energie-Scouts in der Ausbildung", "Azubis als Energie-Scouts"),
      "Die IHK bietet ein Programm an, in dem Auszubildende zu Energie-Scouts werden und in ihrem Betrieb Einsparpotenziale suchen.",
      "Die Stadt sollte das Programm aktiv bewerben und die besten Projekte öffentlich würdigen.",
      "Die jungen Leute lernen dabei viel, und die Betriebe sparen oft mehrere tausend Euro im Jahr.")
_seed("WIR", ("Pendlerportal für große Arbeitgeber", "Mitfahrbörse für Berufspendler"),
      "Jeden Morgen stehen auf der B88 und der Stadtrodaer Straße lange Schlangen von Autos mit nur einer Person darin.",
      "Ein gemeinsames Mitfahrportal der großen Arbeitgeber, am besten mit Parkplatzvorrang für Fahrgemeinschaften, würde viele Fahrten einsparen.",
      "Wichtig ist, dass es einfach zu bedienen ist und über die Firmengrenzen hinweg funktioniert.")
_seed("WIR", ("Klimafreundliche Kühlung im Lebensmittelhandel", "Türen vor die Kühlregale"),
      "Supermärkte verbrauchen sehr viel Strom für die Kühlung, oft mit offenen Kühlregalen.",
      "Türen vor den Kühlregalen und natürliche Kältemittel würden den Verbrauch und die Emissionen deutlich senken.",
      "Die Stadt könnte mit den Märkten in Jena eine freiwillige Vereinbarung schließen und die Fortschritte veröffentlichen.",
      local=True)
_seed("WIR", ("Wärmeplanung gemeinsam mit den Betrieben", "Gewerbe in die Wärmeplanung einbeziehen"),
      "Die kommunale Wärmeplanung darf nicht nur Wohngebäude betrachten.",
      "Gewerbebetriebe {in_district} haben oft Abwärme oder einen großen Wärmebedarf und sollten früh in die Planung einbezogen werden.",
      "So können gemeinsame Netze entstehen, die sich für alle rechnen.")
_seed("WIR", ("Bahn statt Flugzeug bei Dienstreisen", "Keine Inlandsflüge mehr auf Dienstreisen"),
      "Viele Dienstreisen von Jena nach Frankfurt, München oder Berlin werden immer noch mit dem Flugzeug gemacht.",
      "Mit dem Zug ab Jena-Paradies oder dem ICE ab Erfurt ist man oft genauso schnell, wenn man die Anfahrt zum Flughafen mitrechnet.",
      "Die Stadt sollte die Unternehmen ermutigen, Inlandsflüge aus ihren Reiserichtlinien zu streichen, und als Verwaltung selbst vorangehen.")
_seed("WIR", ("Leere Läden {at_street} als Reparatur- und Tauschorte", "Leerstehende Ladenlokale {at_street} zwischennutzen"),
      "{at_street} stehen mehrere Ladenlokale leer.",
      "Man könnte sie zwischennutzen: als Reparaturcafé, Tauschladen oder Ort für Klimaberatung.",
      "Die Stadt könnte zwischen Eigentümern und Initiativen vermitteln und die Nebenkosten für die ersten Monate übernehmen.")
_seed("WIR", ("Homeoffice-Tage gegen den Pendelverkehr", "Mehr Homeoffice, weniger Stau"),
      "Seit der Pandemie wissen wir, dass viele Bürojobs auch gut von zu Hause funktionieren.",
      "Ein oder zwei feste Homeoffice-Tage pro Woche würden den Berufsverkehr in Jena spürbar entlasten.",
      "Die Stadt könnte mit den großen Arbeitgebern eine gemeinsame Vereinbarung treffen.")
_seed("WIR", ("Klimafreundliche Baustellenlogistik", "Weniger Lkw-Fahrten bei Großbaustellen"),
      "Bei großen Bauvorhaben in der Stadt fahren ständig Lkw mit Aushub und Material hin und her.",
      "Eine abgestimmte Baustellenlogistik, bei der Material gebündelt geliefert und Erdaushub vor Ort wiederverwendet wird, spart Fahrten und Diesel.",
      "Die Stadt könnte das bei eigenen Bauprojekten vorschreiben.")

# VER – Kommunale Verwaltung
_seed("VER", ("Photovoltaik auf alle städtischen Dächer", "Solaranlagen auf Schulen und Verwaltungsgebäude"),
      "Die Stadt sollte mit gutem Beispiel vorangehen: Jedes geeignete Dach von Schulen, Kitas, Turnhallen und Verwaltungsgebäuden bekommt eine Solaranlage.",
      "Eine Liste mit allen städtischen Dächern und ihrem Status sollte öffentlich einsehbar sein.",
      "Wo die Stadt selbst kein Geld hat, könnten die Dächer an die BürgerEnergie Jena verpachtet werden.",
      local=True)
_seed("VER", ("Dienstwagen auf Elektro umstellen", "Kommunale Fahrzeugflotte elektrifizieren"),
      "Im Fuhrpark der Stadt und der städtischen Betriebe fahren noch viele Diesel.",
      "Bei jeder Ersatzbeschaffung sollte ein Elektrofahrzeug gekauft werden, außer es gibt keinen technischen Ersatz.",
      "Außerdem sollte geprüft werden, ob wirklich jedes Fahrzeug gebraucht wird oder ob ein Pool mit Carsharing ausreicht.")
_seed("VER", ("Diensträder und E-Lastenräder für die Verwaltung", "Dienstwege mit dem Rad"),
      "Viele Wege zwischen den Verwaltungsstandorten in Jena sind kürzer als fünf Kilometer.",
      "Mit Diensträdern und E-Lastenrädern, zum Beispiel für das Ordnungsamt oder die Grünflächenpflege, ließen sich viele Autofahrten ersetzen.",
      "Dazu gehören sichere Abstellplätze und Duschen an den Dienststellen.")
_seed("VER", ("Klimacheck für alle Stadtratsbeschlüsse", "Klimavorbehalt bei Beschlussvorlagen"),
      "Jede Beschlussvorlage im Stadtrat sollte eine kurze Abschätzung enthalten, wie sie sich auf das Ziel Klimaneutralität 2035 auswirkt.",
      "Das machen andere Städte schon, etwa Konstanz oder Münster.",
      "So wird sichtbar, wenn Entscheidungen dem Klimaschutz zuwiderlaufen, und der Stadtrat kann bewusst abwägen.")
_seed("VER", ("Mehr vegetarische Gerichte in städtischen Kantinen", "Kantinen der Verwaltung klimafreundlich"),
      "In den Kantinen der Stadtverwaltung sollte jeden Tag mindestens ein attraktives vegetarisches oder veganes Gericht angeboten werden.",
      "Fleisch soll nicht verboten werden, aber nicht mehr das Standardangebot sein.",
      "Wenn möglich, sollten die Zutaten aus der Region kommen.")
_seed("VER", ("Schulsanierung {in_district} beschleunigen", "Schulen {in_district} energetisch sanieren"),
      "Die Schulen {in_district} sind teils in einem schlechten Zustand: im Winter ist es in manchen Räumen kalt, im Sommer unerträglich heiß.",
      "Kommunale Immobilien Jena sollte eine Prioritätenliste veröffentlichen und die Sanierungen deutlich beschleunigen.",
      "Bei jeder Sanierung gehören Dämmung, Lüftungsanlage, Sonnenschutz und Photovoltaik zum Standard.")
_seed("VER", ("LED-Straßenbeleuchtung in ganz Jena", "Straßenlaternen {in_district} auf LED umrüsten"),
      "{in_district} gibt es noch viele alte Straßenlaternen mit hohem Stromverbrauch.",
      "LED-Leuchten sparen bis zu 70 Prozent Strom und lassen sich nachts dimmen.",
      "Warmweißes Licht ist dabei auch besser für Insekten.")
_seed("VER", ("Klimafreundliche Beschaffung in der Verwaltung", "Lebenszykluskosten statt Anschaffungspreis"),
      "Die Stadt kauft jedes Jahr für viele Millionen Euro ein: Papier, Computer, Möbel, Fahrzeuge, Bauleistungen.",
      "In allen Ausschreibungen sollten Klimakriterien verbindlich sein, etwa Lebenszykluskosten statt nur des Anschaffungspreises.",
      "Eine zentrale Beratungsstelle für die Beschaffung könnte den Fachdiensten dabei helfen.")
_seed("VER", ("Öffentliches Klima-Dashboard für Jena", "Fortschritt beim Klimaschutz online zeigen"),
      "Damit wir Bürgerinnen und Bürger sehen, ob Jena auf dem Weg zur Klimaneutralität 2035 ist, braucht es ein öffentliches Dashboard.",
      "Dort sollten die wichtigsten Kennzahlen stehen: Emissionen nach Sektoren, installierte Solarleistung, Sanierungsquote, Anteil des Radverkehrs.",
      "Die Daten sollten mindestens einmal im Jahr aktualisiert werden und als offene Daten herunterladbar sein.")
_seed("VER", ("Mehr Personal für den Klimaschutz", "Klimaschutzmanagement personell stärken"),
      "Ein Klima-Aktionsplan ist nur so gut wie seine Umsetzung.",
      "Im Klimaschutzmanagement der Stadt arbeiten viel zu wenige Leute für die vielen Aufgaben.",
      "Die Stadt sollte zusätzliche Stellen schaffen, gerade für Fördermittelakquise und Projektsteuerung – die Fördermittel refinanzieren die Stellen oft schon.")
_seed("VER", ("Energiemanagement für städtische Gebäude", "Heizung und Lüftung nachts runterfahren"),
      "In vielen städtischen Gebäuden laufen Heizung und Lüftung auch nachts und am Wochenende.",
      "Ein systematisches Energiemanagement mit Zählern, die online ausgelesen werden, würde Fehler sofort sichtbar machen.",
      "Erfahrungsgemäß lassen sich damit ohne große Investitionen zehn Prozent Energie einsparen.")
_seed("VER", ("Digitale Verwaltung spart Wege", "Mehr Anträge online statt im Bürgeramt"),
      "Für viele Behördengänge muss man immer noch persönlich ins Bürgeramt, oft mit dem Auto.",
      "Wenn mehr Anträge vollständig online gestellt werden können, sparen Bürger und Verwaltung Zeit, Papier und Wege.",
      "Gerade für Menschen aus den Ortsteilen wäre das eine große Erleichterung.")
_seed("VER", ("Klimabildung an allen Schulen", "Energiesparprojekte an Schulen mit Prämie"),
      "Kinder und Jugendliche tragen Wissen in ihre Familien.",
      "Die Stadt könnte gemeinsam mit Schulen und Umweltverbänden Energiesparprojekte anbieten, bei denen die eingesparten Kosten zur Hälfte an die Schule gehen.",
      "Solche Fifty-fifty-Modelle funktionieren in vielen Städten seit Jahren.")
_seed("VER", ("Bürgerrat Klima für Jena", "Ausgeloster Bürgerrat zum Klima-Aktionsplan"),
      "Ein ausgeloster Bürgerrat, der die Zusammensetzung der Stadtgesellschaft abbildet, könnte zu strittigen Maßnahmen Empfehlungen erarbeiten.",
      "Gerade bei Fragen wie Parkgebühren oder Windkraft hilft es, wenn nicht nur die Lautesten gehört werden.",
      "Der Stadtrat sollte sich verpflichten, zu jeder Empfehlung öffentlich Stellung zu nehmen.")
_seed("VER", ("Papierlose Stadtratssitzungen", "Ratsunterlagen nur noch digital"),
      "Die Unterlagen für Stadtrat und Ausschüsse werden teilweise noch ausgedruckt und verschickt.",
      "Mit Tablets und einem guten Ratsinformationssystem ließe sich viel Papier sparen.",
      "Das ist kein großer Posten in der Klimabilanz, aber ein sichtbares Zeichen.")
_seed("VER", ("Raumtemperatur in Verwaltungsgebäuden senken", "20 Grad im Büro reichen"),
      "In einigen Ämtern ist es im Winter so warm, dass die Fenster gekippt werden.",
      "Eine Raumtemperatur von 20 Grad in Büros reicht aus und spart spürbar Energie.",
      "Wichtig ist, dass die Heizungsanlagen richtig eingestellt sind und die Beschäftigten wissen, wie sie die Thermostate nutzen.")
_seed("VER", ("Klimaschutz in jedem Bebauungsplan", "Klimaschutz in der Bauleitplanung verankern"),
      "Jeder neue Bebauungsplan legt für Jahrzehnte fest, wie gebaut, geheizt und gefahren wird.",
      "Die Stadt sollte verbindliche Klimastandards für B-Pläne beschließen: Solarpflicht, Dachbegrünung, Nahwärme, wenig Stellplätze.",
      "Die Standards sollten öffentlich sein, damit Investoren von Anfang an wissen, woran sie sind.")
_seed("VER", ("Fördermittelberatung für Vereine und Initiativen", "Hilfe bei Förderanträgen für Vereine"),
      "Es gibt viele Fördertöpfe für Klimaschutz, aber kleine Vereine scheitern an den komplizierten Anträgen.",
      "Eine Ansprechperson in der Verwaltung, die Vereine und Initiativen bei der Antragstellung begleitet, würde viel bewirken.",
      "Sportvereine könnten so zum Beispiel ihre Vereinsheime sanieren oder das Flutlicht auf LED umstellen.")
_seed("VER", ("Infoabende zur kommunalen Wärmeplanung", "Wärmeplanung: Was bedeutet das für mein Haus?"),
      "Viele Hausbesitzer {in_district} sind verunsichert, ob sie an ein Wärmenetz angeschlossen werden oder selbst eine Wärmepumpe brauchen.",
      "Die Stadt sollte die Ergebnisse der Wärmeplanung straßengenau auf einer Karte veröffentlichen und Infoabende in den Stadtteilen anbieten.",
      "Je früher die Leute wissen, woran sie sind, desto weniger Fehlinvestitionen gibt es.",
      local=True)
_seed("VER", ("LED-Flutlicht für Sportstätten", "LED-Flutlicht für die Sportplätze"),
      "Auf vielen Sportplätzen {in_district} brennt abends noch altes Flutlicht mit hohem Verbrauch.",
      "Die Umrüstung auf LED wird vom Bund gefördert und spart den Vereinen Geld.",
      "Die Stadt als Eigentümerin der meisten Sportstätten sollte das zentral organisieren.",
      local=True)
_seed("VER", ("Fahrzeugpool der Stadt am Wochenende teilen", "Dienstautos abends als Carsharing"),
      "Die Dienstfahrzeuge der Stadt stehen abends und am Wochenende ungenutzt herum.",
      "Über einen Carsharing-Anbieter könnten sie in dieser Zeit von Bürgerinnen und Bürgern genutzt werden.",
      "Das spart private Zweitwagen und bringt der Stadt sogar Einnahmen.")
_seed("VER", ("Klimaschutz-Ansprechpartner in jedem Fachdienst", "Klimaschutz ist Aufgabe aller Ämter"),
      "Klimaschutz darf nicht nur Sache einer Stabsstelle sein.",
      "Jeder Fachdienst sollte eine Person benennen, die für Klimafragen zuständig ist und sich regelmäßig mit den anderen austauscht.",
      "So kommen die Maßnahmen aus dem Aktionsplan auch dort an, wo sie umgesetzt werden müssen.")
_seed("VER", ("Städtische Feste klimafreundlich gestalten", "Leitfaden für klimafreundliche Veranstaltungen"),
      "Bei städtischen Veranstaltungen wie Stadtfesten, Weihnachtsmarkt oder Konzerten entsteht viel Müll und Verkehr.",
      "Mehrweggeschirr, regionale und vegetarische Angebote, Ökostrom und eine gute Anreise mit Bus und Bahn sollten Pflicht sein.",
      "Ein Leitfaden für klimafreundliche Veranstaltungen würde auch privaten Veranstaltern helfen.")
_seed("VER", ("Regionales und biologisches Essen in Kitas", "Kita-Essen aus der Region"),
      "Das Essen in Jenaer Kitas und Schulen wird oft von großen Caterern von weit her geliefert.",
      "Bei der nächsten Ausschreibung sollte die Stadt einen festen Anteil an regionalen und biologischen Zutaten festlegen.",
      "Das ist gut für das Klima, für die Kinder und für die Landwirtschaft in der Region.")
_seed("VER", ("Jährlicher Klimabericht an die Bürgerschaft", "Einmal im Jahr Rechenschaft über den Aktionsplan"),
      "Einmal im Jahr sollte der Oberbürgermeister öffentlich berichten, was aus dem Klima-Aktionsplan umgesetzt wurde und was nicht.",
      "Dazu gehört eine ehrliche Liste, welche Maßnahmen im Verzug sind und warum.",
      "Die Bürgerinnen und Bürger sollten bei dieser Veranstaltung auch Fragen stellen können.")
_seed("VER", ("Grünflächenpflege ohne Laubbläser", "Akku-Geräte statt Benziner bei der Grünpflege"),
      "Die benzinbetriebenen Laubbläser und Rasenmäher des KommunalService sind laut, stinken und verursachen unnötige Emissionen.",
      "Akku-Geräte sind inzwischen leistungsfähig genug.",
      "Außerdem könnte man Laub unter Gebüschen einfach liegen lassen – das ist gut für Igel und Insekten.")
_seed("VER", ("Radverkehrsbeauftragte mit echten Befugnissen", "Radverkehr zur Chefsache machen"),
      "Jena hat ehrgeizige Ziele für den Radverkehr, aber die Umsetzung dauert viel zu lange.",
      "Eine Radverkehrsbeauftragte mit eigenem Budget und Mitspracherecht bei allen Straßenplanungen könnte das ändern.",
      "Wichtig ist, dass die Stelle direkt beim Dezernat angesiedelt ist und nicht in der Hierarchie untergeht.")

# MOB – Mobilität
_seed("MOB", ("Fahrradstraße {at_street}", "{at_street}: Fahrradstraße einrichten"),
      "{at_street} fahren täglich viele Radfahrende, aber die Autos überholen oft viel zu knapp.",
      "Eine Fahrradstraße, in der Autos nur als Anlieger und mit Tempo 30 fahren dürfen, würde die Situation deutlich entschärfen.",
      "Die Straße ist eine wichtige Verbindung {in_district} und wäre dann auch für Kinder auf dem Schulweg sicher.")
_seed("MOB", ("Sichere Radverbindung zwischen {district} und {other_district}", "Radweg von {district} nach {other_district} lückenlos machen"),
      "Wer mit dem Rad von {district} nach {other_district} fährt, muss an mehreren Stellen auf die Fahrbahn ausweichen oder sich schmale Gehwege mit Fußgängern teilen.",
      "Eine durchgehende, baulich getrennte Radverbindung würde viele Pendler zum Umsteigen bewegen.",
      "Mit dem E-Bike sind auch die Steigungen kein Problem mehr, es fehlt nur an der Infrastruktur.")
_seed("MOB", ("Fahrradparkhaus {at_place}", "Sichere Fahrradabstellanlage {at_place}"),
      "{at_place} sind die Fahrradständer morgens komplett voll, viele Räder werden an Geländer und Laternen gekettet.",
      "Ein Fahrradparkhaus mit Überdachung und abschließbaren Boxen für teure E-Bikes würde das Umsteigen auf Bahn und Straßenbahn erleichtern.",
      "In Erfurt oder Leipzig gibt es solche Anlagen längst.",
      place="bahnhof")
_seed("MOB", ("Straßenbahntakt {in_district} verdichten", "Häufigere Straßenbahnen {in_district}"),
      "Die Straßenbahnen {in_district} sind zu Stoßzeiten so voll, dass man oft eine Bahn abwarten muss.",
      "Ein 7,5-Minuten-Takt in der Hauptverkehrszeit und mindestens ein 15-Minuten-Takt am Abend würden den Nahverkehr deutlich attraktiver machen.",
      "Dafür braucht der Jenaer Nahverkehr mehr Fahrzeuge und Personal, was die Stadt finanzieren muss.",
      only="tram")
_seed("MOB", ("Tempo 30 {at_street}", "Tempo 30 {at_street} anordnen"),
      "{at_street} wird oft viel zu schnell gefahren, obwohl hier Kinder zur Schule gehen und ältere Menschen die Straße queren.",
      "Tempo 30 würde Lärm und Unfallgefahr deutlich senken und den Verkehr kaum verlangsamen.",
      "Mit der neuen Straßenverkehrsordnung hat die Stadt inzwischen mehr Möglichkeiten, Tempo 30 anzuordnen – die sollte sie nutzen.")
_seed("MOB", ("Zebrastreifen {at_street}", "Sichere Querung {at_street}"),
      "{at_street} gibt es auf mehreren hundert Metern keine sichere Möglichkeit, die Straße zu überqueren.",
      "Ein Zebrastreifen oder eine Mittelinsel würde vor allem Kindern und Menschen mit Rollator helfen.",
      "Wer zu Fuß geht, sollte keine langen Umwege bis zur nächsten Ampel machen müssen.")
_seed("MOB", ("Autofreier Sonntag {at_street}", "Einmal im Monat autofrei {at_street}"),
      "Wie wäre es, {at_street} einmal im Monat sonntags für Autos zu sperren?",
      "Dann gehört die Straße den Menschen: Kinder können malen, Nachbarn stellen Tische raus, Cafés erweitern ihre Terrassen.",
      "So erleben die Leute ganz praktisch, wie viel Platz das Auto sonst einnimmt.")
_seed("MOB", ("Mehr Carsharing-Stationen {in_district}", "Carsharing {in_district} ausbauen"),
      "{in_district} gibt es viel zu wenige Carsharing-Autos, die nächste Station ist oft zu weit weg.",
      "Wer kein eigenes Auto hat, braucht trotzdem ab und zu eins für den Großeinkauf oder den Ausflug.",
      "Die Stadt sollte feste Stellplätze im öffentlichen Raum für Carsharing reservieren, am besten direkt an den Haltestellen.")
_seed("MOB", ("Lastenrad-Verleih {at_place}", "Freie Lastenräder {at_place}"),
      "Ein kostenloser oder günstiger Lastenrad-Verleih {at_place} wäre perfekt für Einkäufe und Transporte.",
      "In anderen Städten gibt es freie Lastenräder, die über eine Internetseite gebucht und bei einem Geschäft abgeholt werden.",
      "Die Stadt könnte die Räder anschaffen und Läden oder Stadtteilzentren als Ausleihstationen gewinnen.",
      place="platz zentrum")
_seed("MOB", ("Saale-Radweg ausbauen und beleuchten", "Saale-Radweg {in_district} verbessern"),
      "Der Saale-Radweg ist für viele die wichtigste Radroute durch die Stadt, aber an manchen Stellen schmal, holprig und im Winter stockdunkel.",
      "Eine durchgehende Asphaltierung, eine insektenfreundliche Beleuchtung mit Bewegungsmeldern und ein regelmäßiger Winterdienst würden ihn alltagstauglich machen.",
      "Besonders {in_district} ist der Abschnitt für Pendler im Moment kaum zumutbar.",
      only="saale")
_seed("MOB", ("Busse am Abend und am Wochenende öfter", "Besserer Busverkehr {in_district} am Wochenende"),
      "Abends nach 20 Uhr und am Sonntag fährt der Bus {in_district} nur noch selten, teilweise nur stündlich.",
      "Wer kein Auto hat, ist dann praktisch abgehängt, und wer eins hat, nutzt es natürlich.",
      "Ein verlässlicher Halbstundentakt bis Mitternacht sollte das Mindeste sein.")
_seed("MOB", ("365-Euro-Jahresticket für Jena", "Günstigeres Jahresabo für den Nahverkehr"),
      "Seit es das Deutschlandticket gibt, ist Bus- und Bahnfahren einfacher geworden, aber für viele ist es immer noch zu teuer.",
      "Ein lokales Ticket für einen Euro am Tag, also 365 Euro im Jahr, wäre ein starkes Signal.",
      "Finanzieren ließe sich das zum Teil über höhere Parkgebühren in der Innenstadt.")
_seed("MOB", ("Parkgebühren erhöhen und in den Nahverkehr investieren", "Anwohnerparken realistisch bepreisen"),
      "Das Anwohnerparken ist im Vergleich zum Wert der Fläche viel zu billig.",
      "Öffentlicher Raum ist wertvoll; wer ihn für sein Auto nutzt, sollte einen angemessenen Preis bezahlen.",
      "Die Einnahmen sollten vollständig in besseren Nahverkehr und sichere Radwege fließen.")
_seed("MOB", ("Bike+Ride {at_place}", "Mehr überdachte Fahrradbügel {at_place}"),
      "{at_place} fehlen überdachte Fahrradstellplätze, obwohl viele mit dem Rad zur Bahn oder zur Straßenbahn fahren.",
      "Schon zwanzig zusätzliche Bügel mit Dach würden viel bringen.",
      "Wer sein Rad sicher abstellen kann, fährt nicht mit dem Auto bis in die Stadt.",
      place="haltestelle bahnhof")
_seed("MOB", ("Schulstraßen {in_district}", "Autofreie Zone vor den Schulen {in_district}"),
      "Morgens vor Schulbeginn herrscht vor den Grundschulen {in_district} Chaos durch Elterntaxis.",
      "Schulstraßen, die für eine halbe Stunde vor und nach dem Unterricht für Autos gesperrt werden, haben sich in Wien und Paris bewährt.",
      "Dazu gehören Hol- und Bringzonen in einiger Entfernung, damit die Kinder das letzte Stück zu Fuß gehen.")
_seed("MOB", ("Gehwegparken {at_street} konsequent ahnden", "Gehwege {at_street} freihalten"),
      "{at_street} parken Autos regelmäßig halb auf dem Gehweg, mit Kinderwagen oder Rollstuhl kommt man nicht mehr durch.",
      "Das Ordnungsamt sollte hier häufiger kontrollieren und konsequent Strafzettel verteilen.",
      "Wo Parken auf dem Gehweg bisher geduldet wird, sollte es klare Markierungen oder Poller geben.")
_seed("MOB", ("Längere Grünphasen für Fußgänger {at_place}", "Fußgängerampel {at_place} verbessern"),
      "Die Fußgängerampel {at_place} ist so kurz grün, dass ältere Menschen es kaum über die Straße schaffen.",
      "Außerdem wartet man als Fußgänger oft minutenlang, während die Autos Vorrang haben.",
      "Eine Ampelschaltung, die Fußgänger und Radfahrende gleichberechtigt behandelt, wäre ein einfacher erster Schritt.",
      place="platz haltestelle")
_seed("MOB", ("Radschnellweg im Saaletal", "Radschnellverbindung von Göschwitz bis Zwätzen"),
      "Das Saaletal ist wie gemacht für eine Radschnellverbindung von Süden nach Norden, von Göschwitz über das Zentrum bis nach Zwätzen.",
      "Mit vier Metern Breite, wenigen Kreuzungen und Vorrang an Einmündungen wäre man schneller als mit dem Auto im Stau auf der B88.",
      "Die Trasse könnte teilweise entlang der Bahn und der Saale verlaufen.")
_seed("MOB", ("Mitfahrbänke in den Ortsteilen", "Mitfahrbank {in_district}"),
      "{in_district} fährt der Bus nur selten, und nicht jeder hat ein Auto.",
      "Mitfahrbänke, auf die man sich setzt, wenn man mitgenommen werden möchte, funktionieren in vielen Dörfern gut.",
      "Die Stadt könnte ein paar Bänke aufstellen und das Projekt gemeinsam mit dem Ortsteilrat bekannt machen.",
      only="rural")
_seed("MOB", ("Rufbus für {district}", "Bessere Busanbindung für {district}"),
      "Die kleineren Ortsteile wie {district} sind mit dem Bus schlecht an die Stadt angebunden.",
      "Ein Rufbus, der auf Bestellung fährt, könnte die Lücken am Abend und am Wochenende schließen.",
      "Ohne gute Anbindung bleibt hier jeder aufs Auto angewiesen, auch für den Weg zur Straßenbahn.",
      only="rural")
_seed("MOB", ("E-Scooter-Chaos beenden", "Feste Abstellflächen für E-Scooter"),
      "E-Scooter liegen {in_district} kreuz und quer auf den Gehwegen herum.",
      "Feste Abstellflächen, auf denen die Ausleihe beendet werden muss, würden das Problem lösen.",
      "Solche Flächen könnten auf ehemaligen Autoparkplätzen markiert werden.",
      local=True)
_seed("MOB", ("Fahrradreparaturstation {at_place}", "Luftpumpe und Werkzeug {at_place}"),
      "Eine öffentliche Reparaturstation mit Luftpumpe und Werkzeug {at_place} wäre eine kleine, aber sehr praktische Sache.",
      "Wer einen Platten hat, kommt dann trotzdem nach Hause.",
      "Solche Säulen kosten nur wenige tausend Euro und werden in anderen Städten sehr gut genutzt.",
      place="platz bahnhof haltestelle park")
_seed("MOB", ("Nachtbus nach {district} am Wochenende", "Nachtverkehr am Wochenende"),
      "Nach Mitternacht kommt man am Wochenende kaum noch mit Bus und Bahn nach Hause, vor allem nicht nach {district}.",
      "Gerade für Studierende und junge Leute wäre ein Nachtbus, der stündlich die großen Stadtteile anfährt, wichtig.",
      "Das ist auch eine Frage der Sicherheit, nicht nur des Klimaschutzes.")
_seed("MOB", ("Barrierefreier Bahnsteigzugang {at_place}", "Aufzüge {at_place}"),
      "{at_place} kommt man mit Rollstuhl, Kinderwagen oder Fahrrad nur mit Mühe auf den Bahnsteig.",
      "Ein barrierefreier Zugang ist Voraussetzung dafür, dass alle den Zug nutzen können.",
      "Die Stadt sollte bei der Deutschen Bahn Druck machen und notfalls selbst in Vorleistung gehen.",
      place="bahnhof")
_seed("MOB", ("Mobilstation {at_place}", "Mobilstationen an wichtigen Haltestellen"),
      "{at_place} sollte eine Mobilstation entstehen, an der Straßenbahn, Bus, Carsharing, Leihräder und Lastenräder zusammenkommen.",
      "So kann man die letzte Strecke flexibel zurücklegen und braucht kein eigenes Auto.",
      "Eine gut sichtbare Beschilderung und eine gemeinsame App wären dabei wichtig.",
      place="haltestelle bahnhof")
_seed("MOB", ("Lieferverkehr in der Innenstadt bündeln", "Mikro-Depots für Paketdienste"),
      "Jeden Tag fahren mehrere Paketdienste mit großen Transportern durch dieselben engen Straßen der Innenstadt.",
      "Ein gemeinsames Mikro-Depot am Rand der Innenstadt, von dem aus mit Lastenrädern ausgeliefert wird, würde Verkehr und Abgase deutlich reduzieren.",
      "In Nürnberg und Hamburg funktioniert das schon.")
_seed("MOB", ("Parkplätze {at_street} in Fahrradbügel umwandeln", "Mehr Platz für Räder {at_street}"),
      "{at_street} werden Fahrräder überall an Zäunen und Bäumen angeschlossen, weil es kaum Bügel gibt.",
      "Ein einziger Autoparkplatz bietet Platz für acht bis zehn Fahrräder.",
      "Die Stadt sollte an jeder Kreuzung einen Parkplatz in Fahrradbügel umwandeln, das verbessert auch die Sicht für Fußgänger.")
_seed("MOB", ("Bessere Umstiege zwischen Zug und Bus {at_place}", "Anschlüsse {at_place} abstimmen"),
      "{at_place} verpasst man den Anschluss oft um eine Minute, weil die Fahrpläne nicht aufeinander abgestimmt sind.",
      "Wenn der Umstieg zuverlässig klappt, nutzen viel mehr Pendler den Zug statt des Autos.",
      "Außerdem fehlen gute Fahrgastinformationen in Echtzeit, die Bahn, Bus und Straßenbahn gemeinsam anzeigen.",
      place="bahnhof")

# ENE – Energieversorgung
_seed("ENE", ("BürgerEnergie Jena stärken", "Mehr Bürgerenergie-Projekte {in_district}"),
      "Die BürgerEnergie Jena zeigt seit Jahren, dass Bürgerinnen und Bürger selbst in Solaranlagen investieren wollen.",
      "Die Stadt sollte der Genossenschaft bevorzugt Dächer und Flächen anbieten und gemeinsame Projekte mit den Stadtwerken fördern.",
      "So bleibt die Wertschöpfung in Jena, und die Akzeptanz für die Energiewende steigt.")
_seed("ENE", ("Photovoltaik entlang der A4", "Solarstrom an Autobahn und Bahnlinien"),
      "Entlang der A4 bei Lobeda und an den Bahnstrecken gibt es Randflächen, die sich kaum anders nutzen lassen.",
      "Dort könnten Freiflächen-Solaranlagen entstehen, ohne wertvolle Ackerflächen zu verbrauchen.",
      "Die Stadt sollte diese Flächen schnell im Flächennutzungsplan ausweisen.")
_seed("ENE", ("Fernwärme schneller klimaneutral machen", "Fahrplan für den Gasausstieg im Heizkraftwerk"),
      "Ein großer Teil der Wärme in Jena kommt aus dem Gas-Heizkraftwerk in Winzerla.",
      "Die Stadtwerke sollten einen verbindlichen Fahrplan vorlegen, wie die Fernwärme bis 2035 auf erneuerbare Quellen umgestellt wird, etwa mit Großwärmepumpen, Solarthermie und Speichern.",
      "Die Kundinnen und Kunden haben ein Recht zu erfahren, wie sich die Preise dabei entwickeln.")
_seed("ENE", ("Großwärmepumpe an der Saale", "Flusswärme aus der Saale nutzen"),
      "Die Saale fließt mitten durch die Stadt und enthält eine Menge nutzbarer Wärme.",
      "Großwärmepumpen, wie sie etwa in Mannheim am Rhein stehen, könnten einen Teil der Fernwärme liefern.",
      "Ein Standort {in_district} nahe am Fernwärmenetz sollte geprüft werden.",
      only="saale")
_seed("ENE", ("Solardachkataster bekannter machen", "Eignet sich mein Dach für Solar?"),
      "Kaum jemand weiß, dass es ein Solarkataster gibt, mit dem man prüfen kann, ob sich das eigene Dach für Photovoltaik eignet.",
      "Die Stadt sollte es offensiv bewerben, zum Beispiel mit einem Brief an alle Hauseigentümer.",
      "Dazu ein Solar-Check am Telefon, und viele würden endlich loslegen.")
_seed("ENE", ("Windkraft auf den Höhen um Jena prüfen", "Windenergie gemeinsam mit dem Umland"),
      "Jena hat fast keine eigene Windkraft, obwohl es auf den Hochflächen um die Stadt durchaus Standorte geben könnte.",
      "Die Stadt sollte gemeinsam mit dem Saale-Holzland-Kreis und der Regionalen Planungsgemeinschaft geeignete Flächen suchen.",
      "Wenn die Anwohner über eine Bürgerbeteiligung finanziell profitieren, steigt auch die Akzeptanz.")
_seed("ENE", ("Quartierspeicher {in_district}", "Stromspeicher für das ganze Quartier"),
      "Mit immer mehr Solaranlagen {in_district} gibt es mittags zu viel Strom und abends zu wenig.",
      "Ein Quartierspeicher, den sich viele Haushalte teilen, ist günstiger als viele einzelne Batterien im Keller.",
      "Die Stadtwerke könnten einen solchen Speicher als Pilotprojekt errichten.")
_seed("ENE", ("Solarthermie für die Fernwärme", "Große Solarthermie-Anlage für Jena"),
      "Große Solarthermie-Anlagen können im Sommer fast den gesamten Warmwasserbedarf eines Fernwärmenetzes decken.",
      "In Dänemark ist das Standard, in Deutschland gibt es erste Beispiele wie in Ludwigsburg oder Greifswald.",
      "Jena sollte geeignete Flächen in der Nähe des Fernwärmenetzes suchen.")
_seed("ENE", ("Energy Sharing ermöglichen", "Solarstrom mit den Nachbarn teilen"),
      "Wer eine Solaranlage hat, kann den überschüssigen Strom bisher nicht einfach an die Nachbarn verkaufen.",
      "Die Stadtwerke sollten als Netzbetreiber ein Pilotprojekt für Energiegemeinschaften {in_district} starten, sobald die Regeln dafür stehen.",
      "So profitieren auch Mieter ohne eigenes Dach vom Solarstrom aus dem Viertel.",
      local=True)
_seed("ENE", ("Fernwärmeanschluss {in_district} ausbauen", "Fernwärme für die Häuser {in_district}"),
      "{in_district} heizen noch viele Häuser mit alten Gaskesseln, obwohl das Fernwärmenetz nicht weit entfernt ist.",
      "Die Stadtwerke sollten aktiv auf die Eigentümer zugehen und einen Anschluss zu fairen Konditionen anbieten.",
      "Wichtig ist eine verlässliche und transparente Preisgestaltung, damit niemand das Gefühl hat, sich auszuliefern.")
_seed("ENE", ("Agri-PV auf Feldern bei {district}", "Agri-Photovoltaik bei {district} testen"),
      "Auf den Feldern bei {district} könnten Agri-PV-Anlagen entstehen, unter denen weiterhin Landwirtschaft möglich ist.",
      "Die Module spenden Schatten und schützen vor Hagel, was bei den heißen Sommern der letzten Jahre sogar die Erträge stabilisieren kann.",
      "Wichtig ist, dass die Landwirte und der Ortsteilrat von Anfang an beteiligt werden.",
      only="rural")
_seed("ENE", ("Einfachere Anmeldung von Balkonkraftwerken", "Sammelbestellung für Balkonkraftwerke"),
      "Die Anmeldung eines Balkonkraftwerks ist zwar einfacher geworden, trotzdem sind viele unsicher.",
      "Die Stadtwerke könnten eine einfache Schritt-für-Schritt-Anleitung veröffentlichen und den Zählertausch zügig erledigen.",
      "Eine Sammelbestellung mit geprüften Geräten würde zusätzlich helfen.",
      local=True)
_seed("ENE", ("Solaranlagen über den Parkplätzen {at_place}", "Solar-Carports {at_place}"),
      "Die großen Parkplätze {at_place} sind im Sommer glühend heiße Asphaltflächen.",
      "Mit Solardächern darüber würde Strom erzeugt, und die Autos stünden im Schatten.",
      "Der Strom könnte direkt in Ladesäulen oder die angrenzenden Gebäude fließen.",
      place="zentrum gewerbe bahnhof")
_seed("ENE", ("Lärmschutzwände mit Photovoltaik", "Solarmodule an Lärmschutzwänden"),
      "Entlang der Stadtrodaer Straße und der Bahnstrecken gibt es lange Lärmschutzwände.",
      "Mit Solarmodulen bestückt könnten sie doppelt nützlich sein.",
      "Ein Pilotprojekt an einem Abschnitt würde zeigen, was möglich ist.")
_seed("ENE", ("Ökostrom als Standardtarif der Stadtwerke", "Echter Ökostrom für alle Kunden"),
      "Wer bei den Stadtwerken Jena einen Stromvertrag abschließt, sollte automatisch echten Ökostrom bekommen.",
      "Ein Herkunftsnachweis aus Norwegen reicht dafür nicht, der Strom sollte zu einem wachsenden Teil aus neuen Anlagen in der Region kommen.",
      "Wer unbedingt etwas anderes will, kann ja aktiv widersprechen.")
_seed("ENE", ("Wasserstoff nur dort, wo es keine Alternative gibt", "Keine Wasserstoff-Versprechen fürs Heizen"),
      "In der Diskussion wird Wasserstoff oft als Lösung für das Heizen genannt.",
      "Das ist unrealistisch: Grüner Wasserstoff wird auf absehbare Zeit knapp und teuer sein und sollte der Industrie vorbehalten bleiben.",
      "Die Stadt sollte in der Wärmeplanung ehrlich sagen, dass Haushalte nicht auf Wasserstoff warten sollten.")
_seed("ENE", ("Biogas aus Bioabfall", "Biotonne konsequent ausbauen"),
      "Bioabfälle landen in Jena zu oft im Restmüll.",
      "Mit einer besseren Biotonne und einer Vergärungsanlage ließe sich Biogas gewinnen, das Strom und Wärme liefert.",
      "Die Gärreste können als Dünger zurück auf die Felder.")
_seed("ENE", ("Klärgas und Abwasserwärme nutzen", "Wärme aus dem Abwasserkanal"),
      "In der Kläranlage und im Abwasserkanal steckt Energie, die kaum genutzt wird.",
      "Wärmetauscher in großen Abwasserkanälen können Gebäude in der Nähe heizen, das wird zum Beispiel in Berlin schon gemacht.",
      "Die Stadtwerke sollten die Potenziale in Jena systematisch untersuchen.")
_seed("ENE", ("Transparenz über Jenas Energiemix", "Woher kommt unsere Energie?"),
      "Woher kommen der Strom und die Wärme, die in Jena verbraucht werden?",
      "Eine einfache Grafik auf der Internetseite der Stadt, die jedes Jahr aktualisiert wird, würde vielen helfen, die Debatte zu verstehen.",
      "Dazu gehört auch, wie viel Strom in Jena selbst erneuerbar erzeugt wird.")
_seed("ENE", ("Mieterstrom für die Wohnblöcke {in_district}", "Solarstrom vom Dach für Mieter {in_district}"),
      "Die Wohnblöcke {in_district} haben riesige Dachflächen, auf denen Mieterstrom-Anlagen Platz hätten.",
      "Die Stadtwerke und jenawohnen sollten gemeinsam ein Modell entwickeln, bei dem die Mieter den Solarstrom günstiger als zum Grundversorgungstarif bekommen.",
      "Das wäre ein echter Beitrag zur sozialen Energiewende.",
      only="platte")
_seed("ENE", ("Solaranlagen von Schülern für Schulen", "Solar-Genossenschaft an der Schule"),
      "An einigen Schulen in Deutschland haben Schülerinnen und Schüler mit Unterstützung von Eltern eigene Solaranlagen aufs Dach gebracht.",
      "Das ist praktischer Unterricht in Physik, Wirtschaft und Politik zugleich.",
      "Die Stadt als Schulträgerin sollte solche Projekte {in_district} unkompliziert ermöglichen.")
_seed("ENE", ("Wärmenetz für Altbauviertel", "Nahwärme {in_district}"),
      "In dicht bebauten Altbauvierteln {in_district} ist für Wärmepumpen oft kein Platz, und die Häuser sind nur schwer zu dämmen.",
      "Ein Nahwärmenetz, gespeist aus Großwärmepumpen und Abwärme, wäre hier die bessere Lösung.",
      "Die kommunale Wärmeplanung sollte diese Gebiete früh festlegen, damit niemand noch schnell eine neue Gasheizung einbaut.",
      only="altbau")
_seed("ENE", ("Smart Meter und dynamische Stromtarife", "Strom nutzen, wenn die Sonne scheint"),
      "Wer sein E-Auto oder seine Wärmepumpe dann laufen lässt, wenn viel Solar- und Windstrom im Netz ist, entlastet das Netz und spart Geld.",
      "Dafür braucht es schneller intelligente Stromzähler und dynamische Tarife.",
      "Die Stadtwerke sollten das aktiv anbieten und gut erklären.")
_seed("ENE", ("Geothermie-Potenzial in Jena untersuchen", "Erdwärme für Jena?"),
      "Bisher wissen wir wenig darüber, ob Erdwärme aus tieferen Schichten unter Jena genutzt werden kann.",
      "Eine Machbarkeitsstudie, vielleicht gemeinsam mit der Universität, sollte das klären.",
      "Oberflächennahe Geothermie mit Erdsonden ist in vielen Stadtteilen schon heute möglich, wird aber kaum beworben.")
_seed("ENE", ("Stromnetz für Wärmepumpen und E-Autos vorbereiten", "Netzausbau {in_district} rechtzeitig planen"),
      "Wenn bald in jeder Straße Wärmepumpen und Wallboxen angeschlossen werden, muss das Stromnetz {in_district} mitwachsen.",
      "Der Netzbetreiber sollte einen öffentlichen Ausbauplan vorlegen, damit Anschlüsse nicht abgelehnt werden müssen.",
      "Bei jeder Straßenbaustelle sollten gleich stärkere Kabel verlegt werden.")
_seed("ENE", ("Photovoltaik auf dem Ernst-Abbe-Sportfeld", "Solardach fürs Stadion"),
      "Das Ernst-Abbe-Sportfeld bietet mit seinen Tribünendächern und Nebengebäuden viel Fläche für Solaranlagen.",
      "Das wäre ein sichtbares Zeichen, auch für die vielen Fans, die jedes zweite Wochenende ins Stadion kommen.",
      "Der Strom könnte einen Teil des Flutlichts und der Gebäude versorgen.")
_seed("ENE", ("Stromspar-Check für Haushalte mit wenig Geld", "Kostenlose Stromsparberatung ausbauen"),
      "Haushalte mit geringem Einkommen leiden besonders unter hohen Energiepreisen.",
      "Der Stromspar-Check, bei dem geschulte Beraterinnen kostenlos vorbeikommen und LED-Lampen oder Steckerleisten mitbringen, sollte in Jena ausgebaut werden.",
      "Das spart Geld und Emissionen und hilft genau denen, die es am meisten brauchen.",
      local=True)

# LAN – Land- und Ernährungswirtschaft
_seed("LAN", ("Regionale Lebensmittel in Schulkantinen", "Schulessen aus der Region"),
      "In Jenas Schulkantinen kommt das Essen oft von großen Caterern, die Zutaten stammen von irgendwoher.",
      "Dabei gibt es im Saale-Holzland-Kreis und im Weimarer Land genug Betriebe, die Gemüse, Kartoffeln und Milchprodukte liefern könnten.",
      "Die Stadt sollte bei der Ausschreibung einen Mindestanteil regionaler Produkte festlegen.")
_seed("LAN", ("Wochenmarkt {at_place}", "Regionaler Bauernmarkt {at_place}"),
      "Ein Wochenmarkt {at_place} mit Erzeugern aus der Region wäre eine echte Bereicherung.",
      "Dort könnte man frisch und ohne Verpackung einkaufen und mit den Bauern direkt ins Gespräch kommen.",
      "Wichtig wären Öffnungszeiten am späten Nachmittag, damit auch Berufstätige kommen können.",
      place="platz")
_seed("LAN", ("Solidarische Landwirtschaft fördern", "Abholstellen für SoLaWi-Gemüse {in_district}"),
      "Bei der Solidarischen Landwirtschaft teilen sich Mitglieder die Ernte und die Kosten eines Hofes.",
      "Rund um Jena gibt es schon einige Initiativen, aber sie brauchen Flächen und Abholstellen in der Stadt.",
      "Die Stadt könnte städtische Flächen langfristig verpachten und Räume für Abholstellen {in_district} vermitteln.")
_seed("LAN", ("Streuobstwiesen pflegen und nutzen", "Streuobstwiesen {in_district} erhalten"),
      "Die Streuobstwiesen an den Hängen rund um Jena sind ein Schatz, verbuschen aber zunehmend, weil sich niemand kümmert.",
      "Die Stadt könnte Pflegepatenschaften vergeben und eine Sammelstelle für Äpfel einrichten, aus denen regionaler Saft gepresst wird.",
      "Alte Sorten sind zudem oft besser an Trockenheit angepasst.")
_seed("LAN", ("Gemeinschaftsgarten {at_place}", "Urban Gardening {at_place}"),
      "{at_place} gibt es ungenutzte Rasenflächen, auf denen ein Gemeinschaftsgarten entstehen könnte.",
      "Mit Hochbeeten, einem Wasseranschluss und einem kleinen Schuppen wäre der Anfang gemacht.",
      "Solche Gärten bringen Menschen aus der Nachbarschaft zusammen und zeigen Kindern, wo Gemüse herkommt.",
      place="park")
_seed("LAN", ("Essbare Stadt: Obstbäume in öffentlichen Grünanlagen", "Obst und Beeren zum Pflücken {in_district}"),
      "Statt Zierpflanzen könnten in Parks und an Wegen {in_district} Obstbäume und Beerensträucher gepflanzt werden, an denen sich alle bedienen dürfen.",
      "Andernach am Rhein macht das seit Jahren vor und ist damit bekannt geworden.",
      "Das ist nicht nur gut fürs Klima, sondern macht die Stadt auch schöner.")
_seed("LAN", ("Fairteiler für gerettete Lebensmittel {in_district}", "Foodsharing-Regal {in_district}"),
      "Foodsharing rettet in Jena schon viele Lebensmittel, es fehlt aber an öffentlich zugänglichen Fairteilern.",
      "Ein gekühltes Regal {in_district}, zum Beispiel im Stadtteilzentrum, würde die Verteilung deutlich erleichtern.",
      "Die Stadt müsste nur einen Standort und den Strom für den Kühlschrank stellen.")
_seed("LAN", ("Klimakriterien bei der Verpachtung städtischer Äcker", "Humusaufbau auf städtischen Flächen belohnen"),
      "Die Stadt Jena verpachtet selbst landwirtschaftliche Flächen.",
      "Bei neuen Pachtverträgen sollten Humusaufbau, Zwischenfrüchte, Hecken und Blühstreifen vereinbart und honoriert werden.",
      "So wird der Boden zum CO₂-Speicher und bleibt auch bei Trockenheit fruchtbar.")
_seed("LAN", ("Hecken und Feldgehölze bei {district}", "Windschutzhecken auf den Feldern um {district}"),
      "Auf den Feldern bei {district} weht der Wind ungebremst über riesige Ackerflächen und trägt den Boden ab.",
      "Neue Hecken und Feldgehölze schützen vor Erosion, speichern CO₂ und bieten Lebensraum für Vögel und Insekten.",
      "Die Stadt und der Landschaftspflegeverband könnten die Landwirte bei der Pflanzung unterstützen.",
      only="rural")
_seed("LAN", ("Weniger Fleisch, mehr Vielfalt in öffentlichen Kantinen", "Pflanzliche Gerichte als Standard"),
      "Die Ernährung macht einen großen Teil unseres persönlichen CO₂-Fußabdrucks aus, vor allem durch Fleisch und Milchprodukte.",
      "In Mensen, Kantinen und Krankenhäusern sollten pflanzliche Gerichte das Standardangebot werden, Fleisch gibt es auf Wunsch.",
      "Die Mensen des Studierendenwerks zeigen schon, dass das gut angenommen wird.")
_seed("LAN", ("Bauernladen {in_district}", "Regionaler Hofladen in der Stadt"),
      "{in_district} gibt es keinen Laden, in dem man gezielt Produkte von Höfen aus der Umgebung kaufen kann.",
      "Ein gemeinsamer Bauernladen mehrerer Betriebe, vielleicht als Genossenschaft, würde das ändern.",
      "Die Stadt könnte bei der Suche nach einem Ladenlokal helfen.")
_seed("LAN", ("Gemeinschaftskompost {in_district}", "Kompostieren in der Nachbarschaft"),
      "Wer keinen Garten hat, kann seine Küchenabfälle nicht selbst kompostieren.",
      "Gemeinschaftliche Kompostanlagen {in_district}, betreut von Freiwilligen, würden Bioabfall vor Ort verwerten.",
      "Der fertige Kompost könnte in Gemeinschaftsgärten und auf Baumscheiben verwendet werden.")
_seed("LAN", ("Ein Schulgarten für jede Schule", "Schulgärten {in_district}"),
      "Kinder, die selbst Gemüse anbauen, essen es auch lieber und lernen viel über Natur und Klima.",
      "Jede Schule {in_district} sollte einen Schulgarten bekommen, mit fester Betreuung durch eine Fachkraft oder einen Verein.",
      "Gerade die Grundschulen mit großen Schulhöfen hätten genug Platz dafür.")
_seed("LAN", ("Schafe für die Pflege der Hänge", "Beweidung statt Mähmaschine"),
      "Die Muschelkalkhänge um Jena, zum Beispiel an den Kernbergen, sind wertvolle Trockenrasen, die ohne Beweidung verbuschen.",
      "Schafe und Ziegen pflegen die Flächen klimafreundlicher als Maschinen und liefern nebenbei regionales Fleisch und Wolle.",
      "Die Schäfereien in der Region brauchen dafür verlässliche Verträge und Unterstützung.")
_seed("LAN", ("Blühwiese statt Rasen {at_place}", "Insektenfreundliche Wiese {at_place}"),
      "{at_place} wird der Rasen im Sommer ständig gemäht, obwohl dort kaum jemand sitzt.",
      "Eine Blühwiese, die nur zweimal im Jahr gemäht wird, spart Arbeit und Treibstoff und hilft Bienen und Schmetterlingen.",
      "Ein kleines Schild erklärt, warum die Wiese absichtlich wild aussieht.",
      place="park")
_seed("LAN", ("Kleingärten erhalten und klimafreundlich machen", "Kleingartenanlagen {in_district} sichern"),
      "Die Kleingartenanlagen {in_district} sind grüne Oasen und wichtig für das Stadtklima.",
      "Sie sollten nicht für Bauland geopfert, sondern langfristig gesichert werden.",
      "Gleichzeitig könnte die Stadt mit dem Kleingartenverband Regenwassernutzung, Kompost und torffreie Erde fördern.")
_seed("LAN", ("Regionale Vermarktung im Saale-Holzland stärken", "Stadt und Land verbinden: regionale Lieferkiste"),
      "Viele Betriebe in der Region verkaufen ihre Produkte an den Großhandel, obwohl die Nachfrage in Jena da wäre.",
      "Eine gemeinsame Vermarktungsplattform mit Lieferdienst per Lastenrad würde Stadt und Land verbinden.",
      "Die Stadt könnte das gemeinsam mit dem Landkreis anschieben.")
_seed("LAN", ("Agroforst auf den Feldern um Jena", "Pilotprojekt Agroforst {in_district}"),
      "Baumreihen auf dem Acker, sogenannte Agroforstsysteme, speichern CO₂, schützen vor Wind und halten Wasser im Boden.",
      "Auf städtischen Flächen {in_district} könnte man ein Pilotprojekt starten.",
      "Die Universität könnte das wissenschaftlich begleiten.",
      only="rural")
_seed("LAN", ("Lebensmittelverschwendung in Kantinen messen", "Weniger Essen in den Müll"),
      "In Kantinen und Mensen landet viel Essen im Müll.",
      "Wer misst, wie viel übrig bleibt, kann die Mengen besser planen – das spart Geld und Emissionen.",
      "Die Stadt sollte in ihren eigenen Kantinen, Kitas und Schulen damit anfangen und die Ergebnisse veröffentlichen.")
_seed("LAN", ("Karte mit Hofläden und Direktvermarktern", "Wo gibt es was vom Hof?"),
      "Es gibt rund um Jena viele Hofläden, Milchtankstellen und Gemüsekisten-Anbieter, aber kaum jemand kennt sie alle.",
      "Eine gemeinsame Karte auf der Internetseite der Stadt, gern auch gedruckt, würde das ändern.",
      "Am besten mit Hinweisen, wie man die Höfe mit Rad oder Bus erreicht.")
_seed("LAN", ("Gemeinschaftsgärten in den Plattenbaugebieten", "Gärtnern zwischen den Wohnblöcken {in_district}"),
      "Zwischen den Wohnblöcken {in_district} gibt es große Rasenflächen, die kaum genutzt werden.",
      "Mieterinnen und Mieter könnten dort gemeinsam gärtnern, wenn jenawohnen und die Genossenschaften die Flächen freigeben.",
      "Das stärkt die Nachbarschaft und bringt Grün und Schatten in die Siedlung.",
      only="platte")
_seed("LAN", ("Torffreie Erde in allen städtischen Grünanlagen", "Schluss mit Torf in der Stadtgärtnerei"),
      "Für Torf werden Moore trockengelegt, die riesige Mengen CO₂ speichern.",
      "Die Stadt und der KommunalService sollten nur noch torffreie Erde verwenden und auch die Friedhofsgärtnereien dafür gewinnen.",
      "Die Baumärkte in Jena könnten mit einer freiwilligen Selbstverpflichtung mitziehen.")
_seed("LAN", ("Wildblumen auf Verkehrsinseln und Grünstreifen", "Grünstreifen {in_district} als Blühflächen"),
      "Die vielen Grünstreifen entlang der Straßen {in_district} werden regelmäßig gemäht, obwohl sie niemand betritt.",
      "Mit heimischen Wildblumen eingesät, brauchen sie weniger Pflege und werden zu Lebensräumen für Insekten.",
      "Einige Flächen in der Stadt zeigen schon, wie schön das aussehen kann.")
_seed("LAN", ("Ernährungsrat für Jena", "Eine Ernährungsstrategie für die Stadt"),
      "Ein Ernährungsrat bringt Landwirtschaft, Handel, Gastronomie, Verwaltung und Bürgerschaft an einen Tisch.",
      "Er kann eine Ernährungsstrategie für die Stadt erarbeiten und Projekte anstoßen.",
      "In Leipzig, Dresden und vielen anderen Städten gibt es so etwas schon.")
_seed("LAN", ("Regionales Getreide für Jenaer Bäckereien", "Brot aus Thüringer Korn"),
      "Das Getreide für unser Brot kommt oft von weit her, obwohl auf den Feldern um Jena Weizen, Dinkel und Roggen wachsen.",
      "Eine Kooperation zwischen Landwirten, einer Mühle in der Region und den Bäckereien würde kurze Wege schaffen.",
      "Die Stadt könnte ein solches Projekt mit einer Anschubfinanzierung und Öffentlichkeitsarbeit unterstützen.")
_seed("LAN", ("Leitungswasser statt Flaschenwasser", "Refill-Stationen in Jena"),
      "Das Jenaer Leitungswasser hat eine sehr gute Qualität, trotzdem kaufen viele Wasser in Flaschen.",
      "Eine Kampagne mit Refill-Stationen in Geschäften und Cafés würde Plastik und Transportwege sparen.",
      "Auch in allen städtischen Einrichtungen sollte Leitungswasser in Karaffen angeboten werden.")
_seed("LAN", ("Obstbaumpflanzaktion {in_district}", "Gemeinsam Obstbäume pflanzen"),
      "Im Herbst könnte die Stadt eine Pflanzaktion organisieren, bei der Bürgerinnen und Bürger gemeinsam Obstbäume pflanzen.",
      "Geeignete Flächen gibt es {in_district} genug, zum Beispiel an Feldrändern und auf Brachen.",
      "Jeder Baum könnte einen Paten bekommen, der sich in den ersten Jahren ums Gießen kümmert.")

# ANP – Klimaanpassung
_seed("ANP", ("Trinkbrunnen {at_place}", "Öffentlicher Trinkbrunnen {at_place}"),
      "Im Sommer ist es {at_place} oft brütend heiß, und es gibt nirgends kostenloses Trinkwasser.",
      "Ein Trinkbrunnen würde vor allem älteren Menschen, Kindern und allen helfen, die draußen arbeiten.",
      "Die Stadtwerke könnten den Brunnen betreiben, wie es in anderen Städten längst üblich ist.",
      place="platz park haltestelle")
_seed("ANP", ("Mehr Straßenbäume {at_street}", "Bäume pflanzen {at_street}"),
      "{at_street} gibt es kaum Bäume, im Sommer heizt sich der Asphalt extrem auf.",
      "Neue Straßenbäume mit großen, gut belüfteten Baumscheiben würden Schatten spenden und die Luft kühlen.",
      "Dafür könnten einzelne Parkplätze entfallen, das wäre es wert.")
_seed("ANP", ("Schatten {at_place}", "Überdachung {at_place}"),
      "{at_place} steht man im Sommer ohne jeden Schatten in der prallen Sonne.",
      "Eine Überdachung oder ein paar Bäume würden das Warten deutlich erträglicher machen.",
      "Mit einem begrünten Dach wäre das gleich noch ein Beitrag zur Artenvielfalt.",
      place="haltestelle")
_seed("ANP", ("Entsiegelung {at_place}", "Weniger Pflaster, mehr Grün {at_place}"),
      "{at_place} ist fast alles versiegelt, im Sommer wird es dort unerträglich heiß.",
      "Ein Teil der Fläche könnte entsiegelt und mit Bäumen, Stauden und schattigen Sitzgelegenheiten gestaltet werden.",
      "Regenwasser könnte dann vor Ort versickern, statt die Kanalisation zu belasten.",
      place="platz")
_seed("ANP", ("Hitzeaktionsplan für Jena", "Jena braucht einen Hitzeaktionsplan"),
      "Jena gehört zu den wärmsten Städten in Thüringen, und die Hitzesommer werden häufiger.",
      "Ein Hitzeaktionsplan regelt, wer bei Hitzewarnungen was tut: Pflegedienste, Kitas, Schulen, Krankenhäuser und die Verwaltung.",
      "Köln und einige andere Städte haben so einen Plan bereits.")
_seed("ANP", ("Kühle Räume für heiße Tage", "Öffentliche Kühlräume bei Hitze {in_district}"),
      "Viele ältere Menschen {in_district} wohnen in Wohnungen, die sich im Sommer stark aufheizen.",
      "Die Stadt könnte an heißen Tagen kühle Räume öffnen, etwa in Bibliotheken, Kirchen oder Stadtteilzentren.",
      "Wichtig ist, dass das bekannt gemacht wird, auch über die Nachbarschaftshilfe und die Pflegedienste.")
_seed("ANP", ("Schwammstadt {in_district}", "Regenwasser versickern statt ableiten"),
      "Bei Starkregen laufen die Keller {in_district} voll, weil die Kanalisation das Wasser nicht fassen kann.",
      "Mulden, Rigolen und entsiegelte Flächen könnten das Wasser zurückhalten und langsam versickern lassen.",
      "Bei jeder Straßensanierung sollte das nach dem Schwammstadt-Prinzip mitgeplant werden.")
_seed("ANP", ("Hochwasserschutz an der Saale verbessern", "Mehr Raum für die Saale {in_district}"),
      "Das Hochwasser 2013 hat gezeigt, wie verletzlich die Stadtteile an der Saale sind, auch {in_district}.",
      "Neben Deichen brauchen wir mehr Überflutungsflächen in der Aue, wo das Wasser sich ausbreiten darf.",
      "Die Stadt sollte außerdem die Hochwassergefahrenkarten besser bekannt machen.",
      only="saale")
_seed("ANP", ("Starkregen-Gefahrenkarte veröffentlichen", "Starkregen: Wo ist mein Haus gefährdet?"),
      "Nicht nur an der Saale, auch an den Hängen und in den Seitentälern kann Starkregen großen Schaden anrichten.",
      "Eine öffentliche Starkregen-Gefahrenkarte zeigt jedem Hausbesitzer, ob sein Grundstück gefährdet ist.",
      "Dazu sollte es Beratung geben, wie man sich mit Rückstauklappen oder Schwellen schützen kann.")
_seed("ANP", ("Gießpatenschaften für Stadtbäume", "Baumpaten {in_district} gesucht"),
      "Die jungen Straßenbäume {in_district} vertrocknen im Sommer, weil sie nicht genug gegossen werden.",
      "Mit einer Gießpaten-App, wie es sie in Berlin oder Leipzig gibt, könnten Anwohner sich für einzelne Bäume eintragen.",
      "Die Stadt könnte an Hydranten Wasserzapfstellen für die Paten freigeben.")
_seed("ANP", ("Frischluftschneisen freihalten", "Kaltluftbahnen im Saaletal schützen"),
      "Jena liegt im Saaletal, nachts fließt kühle Luft aus den Seitentälern in die Stadt.",
      "Diese Frischluftschneisen dürfen nicht zugebaut werden, sonst kühlt die Stadt im Sommer gar nicht mehr ab.",
      "Die Stadt sollte sie im Flächennutzungsplan verbindlich sichern.")
_seed("ANP", ("Begrüntes Haltestellendach {at_place}", "Bienenfreundliche Haltestelle {at_place}"),
      "Begrünte Dächer auf Bus- und Straßenbahnhaltestellen sehen schön aus und helfen Insekten.",
      "{at_place} wäre ein guter Ort, um damit anzufangen.",
      "In Utrecht gibt es Hunderte solcher Haltestellen, und das kostet nicht viel.",
      place="haltestelle")
_seed("ANP", ("Schulhöfe {in_district} entsiegeln", "Grüne Schulhöfe statt Asphalt"),
      "Die Schulhöfe {in_district} bestehen oft nur aus Asphalt und werden im Sommer zu Hitzeinseln.",
      "Mit Bäumen, Wiesen und Wasserspielen würden sie besser zum Spielen und Lernen taugen.",
      "Die Schülerinnen und Schüler könnten an der Planung beteiligt werden.")
_seed("ANP", ("Sonnensegel über Spielplätzen {in_district}", "Schatten für Spielplätze"),
      "Auf vielen Spielplätzen {in_district} gibt es keinen Schatten, im Sommer sind Rutschen und Sand zu heiß zum Spielen.",
      "Sonnensegel sind eine schnelle Lösung, bis gepflanzte Bäume groß genug sind.",
      "Am besten beides: Segel jetzt und Bäume für später.")
_seed("ANP", ("Hitzewarnung per SMS für Pflegebedürftige", "Hitzetelefon für ältere Menschen"),
      "Ältere und pflegebedürftige Menschen sind bei Hitze besonders gefährdet.",
      "Ein kostenloser Warndienst per SMS oder Telefonanruf, verbunden mit Tipps und der Nummer eines Hilfedienstes, könnte Leben retten.",
      "Angehörige und Nachbarn sollten sich ebenfalls eintragen können.")
_seed("ANP", ("Wasserspiele und Nebelduschen {at_place}", "Abkühlung {at_place}"),
      "An heißen Tagen ist es {at_place} kaum auszuhalten.",
      "Wasserspiele und Nebelduschen kühlen die Umgebung und sind besonders bei Kindern beliebt.",
      "Wichtig ist, dass das Wasser im Kreislauf geführt wird.",
      place="platz")
_seed("ANP", ("Stadtwald klimaresilient umbauen", "Mischwald statt Fichten im Jenaer Forst"),
      "Die Wälder um Jena leiden unter Trockenheit und Borkenkäfer, an manchen Hängen sind ganze Bestände abgestorben.",
      "Der Umbau zu Mischwald mit hitzeverträglichen Arten muss schneller gehen.",
      "Freiwillige könnten bei Pflanzaktionen mithelfen, das stärkt auch die Verbindung zum Wald.")
_seed("ANP", ("Zisternen und Regentonnen fördern", "Regenwasser sammeln statt Trinkwasser versprengen"),
      "Im Sommer wird Trinkwasser zum Rasensprengen verwendet, während im Frühjahr Regenwasser ungenutzt in den Kanal fließt.",
      "Ein Zuschuss für Zisternen und Regentonnen würde Hausbesitzer und Kleingärtner zum Sammeln anregen.",
      "Bei Neubauten sollte eine Zisterne Pflicht sein.",
      local=True)
_seed("ANP", ("Helle Dächer und Oberflächen gegen die Hitze", "Hellere Beläge auf Plätzen und Wegen"),
      "Dunkle Dächer und Straßenbeläge heizen sich in der Sonne stark auf.",
      "Helle Beläge auf Plätzen und Radwegen sowie helle Dachfarben bei Sanierungen könnten die Temperaturen in der Stadt senken.",
      "Das ist ein einfacher Baustein, der bei ohnehin anstehenden Arbeiten kaum Mehrkosten verursacht.")
_seed("ANP", ("Saaleaue renaturieren", "Mehr Natur an der Saale {in_district}"),
      "Die Saale ist an vielen Stellen in ein enges Bett gezwängt.",
      "Eine renaturierte Aue mit Altarmen und Auwald hält Hochwasser zurück, kühlt die Stadt und ist ein wunderbarer Erholungsraum.",
      "{in_district} gäbe es dafür geeignete Flächen.",
      only="saale")
_seed("ANP", ("Baumschutzsatzung konsequent anwenden", "Alte Bäume {in_district} schützen"),
      "Immer wieder werden {in_district} gesunde, alte Bäume für Bauprojekte gefällt.",
      "Ein großer alter Baum lässt sich durch einen jungen Baum für Jahrzehnte nicht ersetzen.",
      "Die Baumschutzsatzung muss konsequent angewendet werden, Ersatzpflanzungen müssen in der Nähe erfolgen und kontrolliert werden.")
_seed("ANP", ("Kaltluftentstehungsgebiete schützen", "Keine Bebauung auf den kühlenden Hochflächen"),
      "Die Wiesen und Felder auf den Höhen um Jena produzieren nachts die kühle Luft, die in die Stadt fließt.",
      "Wenn dort gebaut wird, wird es unten im Tal noch heißer.",
      "Diese Flächen gehören im Flächennutzungsplan unter Schutz.")
_seed("ANP", ("Hitzeschutz in Pflegeheimen und Kitas", "Hitze-Check für Kitas {in_district}"),
      "In Pflegeheimen und Kitas {in_district} wird es im Sommer teilweise über 30 Grad warm.",
      "Außenliegender Sonnenschutz, Nachtlüftung und Begrünung sollten dort zuerst umgesetzt werden.",
      "Die Stadt sollte einen Hitze-Check für alle Einrichtungen machen und Prioritäten setzen.")
_seed("ANP", ("Mehr Grün {at_place}", "Bäume und Beete {at_place}"),
      "{at_place} fehlt es an Grün, es gibt kaum Bäume und wenig Schatten.",
      "Ein paar große Bäume, Pflanzkübel und Bänke würden den Ort viel angenehmer machen.",
      "Gerade im Sommer würden sich dann mehr Menschen dort aufhalten.",
      place="platz zentrum")
_seed("ANP", ("Regenwasser zum Gießen {at_place}", "Zisterne für die Grünanlage {at_place}"),
      "{at_place} wird im Sommer mit Trinkwasser gegossen.",
      "Ein unterirdischer Speicher, der Regenwasser von umliegenden Dächern sammelt, könnte einen Großteil des Bedarfs decken.",
      "Das schont die Trinkwasserreserven, die in trockenen Sommern knapp werden.",
      place="park")
_seed("ANP", ("Fassadenbegrünung an städtischen Gebäuden", "Grüne Wände für Rathaus und Schulen"),
      "Schulen und Verwaltungsgebäude {in_district} könnten mit begrünten Fassaden zeigen, wie es geht.",
      "Grüne Wände kühlen im Sommer die Räume dahinter und die Straße davor.",
      "Die Stadt wäre so ein Vorbild für private Eigentümer.")
_seed("ANP", ("Schattige Fußwege {in_district}", "Schattenwege für heiße Tage"),
      "Im Sommer meide ich zu Fuß {in_district} viele Wege, weil es keinen Schatten gibt.",
      "Eine Karte mit schattigen Routen und gezielte Baumpflanzungen entlang wichtiger Fußwege würden helfen.",
      "Vor allem die Wege zu Schulen, Arztpraxen und Einkaufsmöglichkeiten sollten dabei Vorrang haben.")

SEEDS = tuple(SEEDS)
SEEDS_BY_SECTOR = {code: tuple(s for s in SEEDS if s.sector == code) for code in SECTOR_CODES}


# --- shared pools for idea bodies ------------------------------------------------------

# Openings: (text, sectors it suits or "" for any). Personal ones only where they fit.
OPENINGS = (
    ("Ich wohne seit über zwanzig Jahren {in_district} und habe folgenden Vorschlag.", ""),
    ("Hallo zusammen!", ""),
    ("Mir ist das schon lange ein Anliegen.", ""),
    ("Als Mutter von zwei Kindern erlebe ich das jeden Tag.", "MOB ANP"),
    ("Ich fahre täglich mit dem Rad zur Arbeit und sehe das Problem jeden Morgen.", "MOB"),
    ("Vielen Dank, dass wir hier mitreden dürfen!", ""),
    ("Ich bin kein Experte, aber mir fällt Folgendes auf.", ""),
    ("Wir haben das in unserer Hausgemeinschaft besprochen und möchten es hier einbringen.", "GEB ENE ANP LAN"),
    ("Beim Stadtteilspaziergang im letzten Monat kam diese Idee auf.", "GEB MOB ANP LAN"),
    ("Eine Idee, die ich aus meiner Zeit in Freiburg kenne.", ""),
    ("Ich bin Rentnerin und lebe {in_district}.", "GEB MOB ANP LAN VER"),
    ("Ich studiere an der Friedrich-Schiller-Universität und wohne {in_district}.", ""),
    ("Das Thema wird in der Stadt seit Jahren diskutiert, passiert ist wenig.", ""),
    ("Mein Vorschlag für den Klima-Aktionsplan:", ""),
    ("Ich arbeite im Handwerk und kenne das aus der Praxis.", "GEB WIR ENE"),
    ("Aus unserer Nachbarschaft {in_district} kommt folgender Vorschlag.", "GEB MOB ANP LAN ENE"),
    ("Ich habe lange überlegt, ob ich das hier schreibe.", ""),
    ("Gleich vorweg: Das kostet Geld, aber es lohnt sich.", ""),
    ("Seit wir Kinder haben, sehe ich die Stadt mit anderen Augen.", "MOB ANP LAN"),
    ("Ich pendle jeden Tag zur Arbeit nach Jena und habe dazu eine Idee.", "MOB WIR"),
    ("Als Vermieter eines kleinen Mehrfamilienhauses {in_district} sehe ich das so:", "GEB ENE"),
    ("Unser Verein hat sich dazu Gedanken gemacht.", ""),
    ("Kurz zu mir: Ich bin 68, wohne {in_district} und fahre seit Jahren kein Auto mehr.", "MOB ANP"),
    ("Ich führe einen kleinen Betrieb {in_district} und sehe das aus Unternehmersicht.", "WIR ENE VER"),
    ("Ich arbeite selbst in der Verwaltung und weiß, dass das machbar ist.", "VER"),
    ("Ich bin Landwirt im Nebenerwerb und kenne die Lage auf den Feldern.", "LAN"),
    ("Ich möchte eine Idee einbringen, die mir beim Lesen des Klima-Aktionsplans gekommen ist.", ""),
    ("Das klingt vielleicht erst einmal klein, hätte aber eine große Wirkung.", ""),
)

JUSTIFICATIONS = {
    "GEB": (
        "Das spart CO₂, weil Gebäude einen großen Teil der Emissionen in Jena verursachen und jede nicht verbrauchte Kilowattstunde Wärme direkt zählt.",
        "Gebäude stehen jahrzehntelang – was wir heute versäumen, holen wir bis 2035 nicht mehr auf.",
        "Wärme ist der größte Posten im Energieverbrauch eines Haushalts, hier liegt das größte Einsparpotenzial.",
        "Dabei sinken nicht nur die Emissionen, sondern auch die Nebenkosten, was gerade bei hohen Energiepreisen wichtig ist.",
        "Das spart CO₂, weil weniger Gas und Öl verbrannt werden müssen, und es macht die Haushalte unabhängiger von Preissprüngen.",
    ),
    "WIR": (
        "Das spart CO₂, weil die Wirtschaft einen erheblichen Teil der Emissionen in Jena verursacht und dort oft viel mit wenig Aufwand zu holen ist.",
        "Für die Betriebe rechnet sich das oft schon nach wenigen Jahren, und Klimaschutz wird zum Standortvorteil.",
        "Unternehmen, die früh umstellen, sind auf steigende CO₂-Preise besser vorbereitet.",
        "Das spart CO₂, weil Energie und Material, die gar nicht erst verbraucht werden, auch keine Emissionen verursachen.",
    ),
    "VER": (
        "Die Stadt kann nur glaubwürdig Klimaschutz von anderen verlangen, wenn sie selbst vorangeht.",
        "Das spart CO₂ und auf Dauer auch Steuergeld, weil die Energiekosten sinken.",
        "Hier hat die Verwaltung direkten Einfluss und muss nicht auf andere warten.",
        "Das spart CO₂, weil die Stadt mit ihren vielen Gebäuden und Fahrzeugen selbst ein großer Verbraucher ist.",
    ),
    "MOB": (
        "Das spart CO₂, weil die Emissionen im Verkehr seit Jahren kaum sinken und jede ersetzte Autofahrt zählt.",
        "Ein großer Teil der Autofahrten in der Stadt ist kürzer als fünf Kilometer – dafür gibt es gute Alternativen, wenn sie sicher und bequem sind.",
        "Weniger Autoverkehr bedeutet auch weniger Lärm, sauberere Luft und mehr Platz für Menschen.",
        "Wer gute Alternativen hat, lässt das Auto gern stehen – man muss es den Leuten nur leicht machen.",
        "Das spart CO₂, weil Bus, Bahn und Rad pro Person nur einen Bruchteil der Emissionen eines Autos verursachen.",
    ),
    "ENE": (
        "Das spart CO₂, weil jede Kilowattstunde Strom aus Sonne oder Wind Strom aus fossilen Kraftwerken ersetzt.",
        "Klimaneutral bis 2035 geht nur, wenn wir deutlich mehr erneuerbare Energie in und um Jena erzeugen.",
        "Die Wertschöpfung bleibt dabei in der Region, statt für Gas und Kohle abzufließen.",
        "Das spart CO₂, weil Wärme aus erneuerbaren Quellen das Erdgas im Heizkraftwerk und in den Kellern ersetzt.",
    ),
    "LAN": (
        "Das spart CO₂, weil kurze Wege, weniger Verpackung und weniger Verschwendung die Emissionen unserer Ernährung deutlich senken.",
        "Gesunde Böden speichern Kohlenstoff und Wasser – beides brauchen wir in Zukunft dringend.",
        "So bleibt mehr Geld bei den Betrieben in der Region.",
        "Das spart CO₂, weil weniger Lebensmittel weggeworfen und weniger Dünger und Verpackung gebraucht werden.",
    ),
    "ANP": (
        "Selbst wenn Jena 2035 klimaneutral ist, werden die Sommer heißer – wir müssen uns jetzt darauf einstellen.",
        "Hitze ist schon heute das größte Gesundheitsrisiko des Klimawandels, vor allem für Ältere und Kinder.",
        "Grün in der Stadt kühlt, speichert CO₂ und macht die Stadt lebenswerter.",
        "Jeder Euro für Vorsorge spart später ein Vielfaches an Schäden.",
    ),
}

GENERAL_JUSTIFICATIONS = (
    "Außerdem ist das eine Maßnahme, die man schnell umsetzen kann und die sofort sichtbar ist.",
    "Das wäre ein sichtbares Zeichen, dass es die Stadt mit dem Ziel 2035 ernst meint.",
    "Viele kleine Schritte wie dieser ergeben am Ende einen großen.",
    "Andere Städte zeigen, dass so etwas funktioniert, wenn man es wirklich will.",
)

CLOSINGS = (
    "Was meint ihr dazu?",
    "Ich freue mich über Unterstützung!",
    "Bitte unterstützt die Idee, wenn ihr das auch so seht.",
    "Ich würde mich auch selbst engagieren, wenn es losgeht.",
    "Danke fürs Lesen!",
    "Es wäre schön, wenn das im Aktionsplan berücksichtigt wird.",
    "Über eine Rückmeldung aus der Verwaltung würde ich mich freuen.",
    "Es muss ja nicht alles auf einmal passieren, aber anfangen sollte man jetzt.",
    "Ich bin gespannt auf eure Kommentare.",
    "Viele Grüße und danke für diese Beteiligungsmöglichkeit.",
    "Vielleicht findet sich ja eine Mehrheit dafür.",
)

BLUNT_CLOSINGS = (
    "Warum dauert das eigentlich so lange?",
    "Einfach machen!",
    "Höchste Zeit.",
    "Mehr muss man dazu nicht sagen.",
    "Das ist doch keine Raketenwissenschaft.",
    "Wir reden seit Jahren darüber, jetzt muss es endlich passieren.",
    "Bitte endlich umsetzen!!",
)

EMPHASIS_CLOSINGS = (
    "Das wäre *wirklich* ein Gewinn für alle.",
    "Es geht *nicht* um Verbote, sondern um bessere Angebote.",
    "Wichtig ist, dass es **verbindlich** wird und nicht wieder nur ein Prüfauftrag bleibt.",
    "Bitte nicht wieder *nur* eine Studie, sondern eine echte Umsetzung!",
)

LINK_LINES = (
    "Gute Informationen gibt es bei der Verbraucherzentrale: https://verbraucherzentrale-energieberatung.de",
    "Mehr zum Hintergrund beim Umweltbundesamt: https://www.umweltbundesamt.de",
    "Ein paar Beispiele aus anderen Kommunen findet man unter https://www.klimaschutz.de",
    "Wie andere Städte das machen, steht zum Beispiel beim [Deutschen Institut für Urbanistik](https://difu.de).",
)

LEAD_INS = ("**Mein Vorschlag:** ", "**Kurz gesagt:** ", "**Die Idee:** ")

LIST_INTROS = (
    "Was konkret passieren sollte:",
    "Aus meiner Sicht wichtig:",
    "Ein paar Punkte dazu:",
    "Dafür braucht es:",
)

POINTS = {
    "GEB": (
        "Beratung kostenlos und direkt vor Ort",
        "Fördermittel aus einer Hand, ohne Papierkrieg",
        "ein verbindlicher Zeitplan mit Jahreszahlen",
        "Mieterinnen und Mieter frühzeitig informieren",
        "Handwerksbetriebe aus der Region einbinden",
        "Ergebnisse jedes Jahr veröffentlichen",
        "keine Mieterhöhung über die eingesparten Heizkosten hinaus",
    ),
    "WIR": (
        "kostenlose Erstberatung für kleine Betriebe",
        "ein fester Ansprechpartner in der Wirtschaftsförderung",
        "gute Beispiele öffentlich machen",
        "einfache Förderanträge",
        "Zusammenarbeit mit IHK und Handwerkskammer",
        "klare Kriterien statt Einzelfallentscheidungen",
    ),
    "VER": (
        "ein klarer Beschluss des Stadtrats",
        "eine verantwortliche Stelle mit eigenem Budget",
        "jährlicher öffentlicher Bericht über den Stand",
        "Beteiligung der Beschäftigten",
        "Vorbild für die städtischen Unternehmen",
        "Fördermittel von Bund und Land konsequent nutzen",
    ),
    "MOB": (
        "sichere, durchgehende Wege statt Flickwerk",
        "ausreichend breite Radwege, auch für Lastenräder",
        "verlässlicher Takt auch am Abend",
        "Vorrang für Fuß-, Rad- und Nahverkehr an Ampeln",
        "gute Beleuchtung und Winterdienst",
        "Kontrollen gegen Falschparker",
        "Beteiligung der Anwohnerinnen und Anwohner bei der Planung",
    ),
    "ENE": (
        "Flächen schnell ausweisen und Genehmigungen beschleunigen",
        "Bürgerinnen und Bürger finanziell beteiligen",
        "transparente Preise",
        "die Stadtwerke als Motor der Umsetzung",
        "Speicher gleich mitplanen",
        "regelmäßig berichten, wie viel schon erzeugt wird",
    ),
    "LAN": (
        "regionale und saisonale Produkte bevorzugen",
        "langfristige Verträge für die Betriebe",
        "Flächen der Stadt gezielt einsetzen",
        "Schulen und Kitas einbinden",
        "ehrenamtliche Initiativen unterstützen",
        "Ergebnisse messen und veröffentlichen",
    ),
    "ANP": (
        "zuerst dort handeln, wo besonders viele Ältere und Kinder betroffen sind",
        "Bäume mit ausreichend Wurzelraum pflanzen",
        "Regenwasser vor Ort halten",
        "Pflege und Bewässerung von Anfang an mitfinanzieren",
        "Anwohnerinnen und Anwohner beteiligen",
        "schnelle, sichtbare Maßnahmen vor langen Studien",
    ),
}


# --- comments -----------------------------------------------------------------------

COMMENTS_SUPPORTIVE = (
    "Sehr gute Idee, unterstütze ich voll und ganz!",
    "Endlich sagt es mal jemand. Genau das fehlt bei uns.",
    "Das würde ich sofort nutzen.",
    "Super Vorschlag, hoffentlich wird das auch umgesetzt.",
    "Ich wohne in der Nähe und kann das nur bestätigen.",
    "Ja, bitte! Das wünschen wir uns schon lange.",
    "Gute Idee, und gar nicht so teuer, wie viele denken.",
    "Volle Zustimmung. In Leipzig habe ich gesehen, wie gut das funktioniert.",
    "Das ist genau die Art von Maßnahme, die schnell etwas bringt.",
    "Danke für den ausführlichen Vorschlag, dem ist wenig hinzuzufügen.",
    "Unterstützt! Ich hoffe, die Stadt nimmt das ernst.",
    "Wir haben das in unserer Familie diskutiert und finden es alle gut.",
    "Klingt vernünftig, und man kann sofort damit anfangen.",
    "Daumen hoch. Das wäre auch für die Kinder im Viertel toll.",
    "Ich bin skeptisch bei vielen Vorschlägen hier, aber dieser überzeugt mich.",
    "Finde ich richtig gut, vor allem weil es auch Geld spart.",
    "Ein sehr praktischer Vorschlag. Bitte mehr davon!",
    "Das wäre ein echter Gewinn für den ganzen Stadtteil.",
    "Gute Idee! Am besten gleich mit einem Pilotprojekt starten.",
    "Genau so! Man muss es den Leuten einfach machen, dann machen sie auch mit.",
    "Ich kann mich nur anschließen.",
    "Top. Und bitte nicht erst in zehn Jahren.",
    "Als Handwerker kann ich sagen: Das ist technisch gut machbar.",
    "Sehr gut durchdacht, danke!",
    "Unterstütze ich. Ich würde mich auch ehrenamtlich einbringen.",
)

COMMENTS_CRITICAL = (
    "Klingt gut, aber wer soll das bezahlen? Die Stadt hat doch kein Geld.",
    "Ich sehe das kritisch. Man kann nicht alles vorschreiben.",
    "Das verlagert das Problem nur in die Nachbarstraßen.",
    "Schöne Idee, aber für Ältere und Menschen mit Behinderung nicht praktikabel.",
    "Bitte auch an die Handwerker und Lieferdienste denken, die auf das Auto angewiesen sind.",
    "Das wurde schon vor Jahren versucht und ist gescheitert.",
    "Der Aufwand steht in keinem Verhältnis zum Nutzen.",
    "Ich bin dagegen. Es gibt wichtigere Baustellen in Jena.",
    "Grundsätzlich ja, aber nicht auf Kosten der Mieterinnen und Mieter.",
    "Und was ist mit den Parkplätzen? Die fehlen jetzt schon.",
    "Ich fürchte, das bleibt wieder nur ein Papier, das niemand umsetzt.",
    "Das ist Symbolpolitik. Der Effekt auf das Klima ist minimal.",
    "Schöne Vorstellung, aber die Zuständigkeit liegt doch beim Land.",
    "Mir fehlt hier die Perspektive der Ortsteile. Nicht alle wohnen in der Innenstadt.",
    "So pauschal halte ich das für falsch. Man sollte erst die Betroffenen fragen.",
    "Im Prinzip richtig, aber die Umsetzung muss sozial verträglich sein.",
    "Ich habe Zweifel, ob das technisch so einfach geht, wie es hier klingt.",
    "Das kostet am Ende wieder die Steuerzahler.",
    "Bitte erst die vorhandenen Anlagen in Ordnung bringen, bevor neue gebaut werden.",
    "Man sollte nicht Autofahrer gegen Radfahrer ausspielen.",
)

COMMENTS_QUESTIONS = (
    "Gibt es dazu schon Zahlen, wie viel CO₂ das sparen würde?",
    "Weiß jemand, ob die Stadt dafür überhaupt zuständig ist?",
    "Wie hoch wären die Kosten ungefähr?",
    "Gibt es dafür Fördermittel vom Bund oder vom Land?",
    "Wer wäre denn für die Pflege zuständig?",
    "Hat das schon mal jemand mit den Stadtwerken besprochen?",
    "Wie lange würde so etwas dauern, bis es umgesetzt ist?",
    "Gibt es ein Beispiel aus einer vergleichbaren Stadt?",
    "Ist der Platz dafür überhaupt vorhanden? Da stehen doch Leitungen im Boden.",
    "Wie soll das im Winter funktionieren?",
    "Und wer kontrolliert, dass das auch eingehalten wird?",
    "Was sagt denn der Ortsteilrat dazu?",
    "Gilt das dann auch für Bestandsgebäude oder nur für Neubauten?",
    "Kann man sich da als Bürger irgendwie beteiligen?",
    "Ist das mit dem Denkmalschutz vereinbar?",
    "Wie viele Menschen würden das realistisch nutzen?",
    "Gibt es Erfahrungen, wie das bei den Anwohnern angekommen ist?",
    "Müsste das nicht der Stadtrat beschließen?",
)

COMMENT_ADDONS = {
    "supportive": (
        "Ich hoffe, das wird bei der Auswertung berücksichtigt.",
        "Gerade im letzten Sommer hat man gesehen, wie wichtig das ist.",
        "Bei uns in der Straße reden alle darüber.",
        "Auf jeden Fall ein wichtiges Thema.",
        "Mit einem Pilotprojekt könnte man es erst einmal ausprobieren.",
    ),
    "critical": (
        "Man sollte das aber gut mit den Anwohnern absprechen.",
        "Vielleicht kann die Verwaltung dazu etwas sagen?",
        "Erst einmal sollten die Kosten auf den Tisch.",
        "Ich lasse mich aber gern vom Gegenteil überzeugen.",
    ),
    "reply": (
        "Vielleicht kann die Verwaltung dazu etwas sagen?",
        "Ich bin gespannt, was daraus wird.",
        "Auf jeden Fall ein wichtiges Thema.",
    ),
}

REPLIES = (
    "Da stimme ich zu.",
    "Sehe ich anders. Wenn man nie anfängt, wird es auch nie besser.",
    "Gute Frage, das würde mich auch interessieren.",
    "Soweit ich weiß, gibt es dafür schon ein Förderprogramm vom Bund.",
    "Das hat die Stadt vor ein paar Jahren schon einmal probiert, ist aber im Sande verlaufen.",
    "Die Kosten sind überschaubar, wenn man sie mit den Folgekosten vergleicht.",
    "Genau das meine ich auch. Es muss sozial gerecht sein.",
    "Ich glaube, da verwechselst du etwas. Das ist eine städtische Fläche.",
    "In Erfurt gibt es das schon, schau dir das mal an.",
    "Dem kann ich nur zustimmen, danke für den Hinweis.",
    "Das Argument höre ich oft, aber die Zahlen sagen etwas anderes.",
    "Man muss ja nicht alles auf einmal machen. Ein Anfang wäre schon gut.",
    "Der Ortsteilrat hat sich meines Wissens schon positiv dazu geäußert.",
    "Für Ältere wäre das sogar eine Verbesserung, meine Mutter würde sich freuen.",
    "Das sehe ich genauso kritisch.",
    "Ehrlich gesagt ist das Geld da, es wird nur anders ausgegeben.",
    "Wenn du magst, können wir uns mal zusammensetzen und das genauer ausarbeiten.",
    "Das stimmt, aber es gibt inzwischen gute technische Lösungen dafür.",
    "Ich habe beim Bürgerservice nachgefragt, die Zuständigkeit liegt tatsächlich bei der Stadt.",
    "Danke, guter Punkt. Das sollte man unbedingt mitdenken.",
)

AUTHOR_REPLIES = (
    "Danke für die Unterstützung!",
    "Gute Frage. Genaue Zahlen habe ich nicht, aber andere Städte berichten von deutlichen Einsparungen.",
    "Danke für den Einwand. Mir geht es nicht um Verbote, sondern um bessere Möglichkeiten für alle.",
    "Ich habe mich informiert: Es gibt dafür tatsächlich Fördermittel, die Stadt müsste sie nur beantragen.",
    "Stimmt, das sollte man mitdenken. Ich ergänze das gern.",
    "Kosten wären vermutlich überschaubar, zumal vieles gefördert wird.",
    "Danke! Wenn es losgeht, melde ich mich gern als Ansprechpartnerin.",
    "Das ist ein berechtigter Punkt. Vielleicht kann man mit einem kleinen Pilotprojekt anfangen.",
)

STAFF_REPLIES = (
    "Vielen Dank für den Vorschlag. Wir nehmen ihn in die Auswertung für den Klima-Aktionsplan auf. – Ihr Klimaschutzmanagement",
    "Danke für die Frage: Zuständig ist hier die Stadt Jena. Wir prüfen den Vorschlag gemeinsam mit dem zuständigen Fachdienst.",
    "Zur Information: Ein ähnlicher Vorschlag wird bereits im Rahmen der kommunalen Wärmeplanung geprüft. Wir halten Sie auf dem Laufenden.",
    "Vielen Dank für die rege Diskussion. Alle Hinweise fließen in die Bewertung der Maßnahmen ein.",
    "Für dieses Vorhaben gibt es Fördermittel des Bundes; wir prüfen derzeit, ob ein Antrag möglich ist.",
)


# --- moderation ----------------------------------------------------------------------

REJECTION_REASONS = {
    "MOB": (
        "Die Deutsche Bahn ist für die Bahnhöfe zuständig; wir haben den Hinweis an sie weitergegeben.",
        "Liegt in der Zuständigkeit des Bundes (Straßenverkehrsordnung); die Stadt kann das nicht allein entscheiden.",
    ),
    "ENE": (
        "Die Stadtwerke haben den Vorschlag geprüft: Er ist am genannten Standort technisch nicht umsetzbar.",
    ),
    "LAN": (
        "Die genannten Flächen gehören nicht der Stadt; eine Umsetzung ist daher nicht möglich.",
    ),
    "ANP": (
        "Die Fläche gehört nicht der Stadt; eine Umsetzung ist daher nicht möglich.",
    ),
}

GENERAL_REJECTION_REASONS = (
    "Liegt nicht in der Zuständigkeit der Stadt Jena, sondern des Landes Thüringen.",
    "Der Vorschlag ist bereits beschlossen und wird umgesetzt; eine erneute Aufnahme ist nicht nötig.",
    "Der Beitrag verstößt gegen die Diskussionsregeln (persönliche Angriffe gegen Dritte).",
    "Kein Bezug zum Klima-Aktionsplan; bitte wenden Sie sich an den Bürgerservice der Stadt Jena.",
    "Der Beitrag enthält Werbung für ein Unternehmen und wurde deshalb nicht veröffentlicht.",
)


# --- names ---------------------------------------------------------------------------

FIRST_NAMES = (
    "Anna", "Lena", "Marie", "Sophie", "Laura", "Julia", "Katharina", "Sabine", "Petra", "Claudia",
    "Susanne", "Andrea", "Birgit", "Monika", "Ute", "Heike", "Kerstin", "Anja", "Franziska", "Johanna",
    "Hannah", "Lea", "Mia", "Emma", "Charlotte", "Clara", "Greta", "Ines", "Jana", "Karin", "Renate",
    "Christine", "Doreen", "Mandy", "Nadine", "Stefanie", "Theresa", "Paula", "Luise", "Maria", "Elke",
    "Thomas", "Michael", "Andreas", "Stefan", "Frank", "Jens", "Uwe", "Torsten", "Matthias", "Martin",
    "Daniel", "Christian", "Sebastian", "Tobias", "Felix", "Lukas", "Paul", "Jonas", "Maximilian", "Ben",
    "Leon", "Tim", "Florian", "Philipp", "Robert", "Klaus", "Dieter", "Peter", "Wolfgang", "Jürgen",
    "Holger", "Steffen", "René", "Ronny", "Marcel", "Erik", "Hans", "Karl", "Moritz", "Niklas", "Anton",
    "Emil", "Oskar", "Mohammed", "Aylin", "Olena", "Dmytro", "Ngoc Anh", "Elif", "Hamid", "Katja", "Silke",
)
LAST_INITIALS = "ABBDEFGHHKKLLMMNPRSSSTWWZ"

NICKNAME_ROLES = (
    "Radlerin", "Radler", "Pendlerin", "Pendler", "Oma", "Opa", "Familie", "Nachbarin", "Nachbar",
    "Studentin", "Gärtnerin", "Mieterin", "Vater von drei Kindern",
)
NICKNAMES = (
    "Saalefan", "Klimaoma Jena", "Kernbergläufer", "Lastenradpapa", "Jenaer Urgestein", "Balkonsolar-Fan",
    "Jenzig-Wanderin", "Zugpendlerin", "Baumfreund", "Stadtbienchen", "Hausmeister i. R.", "Fahrradkurierin",
)


# --- process texts --------------------------------------------------------------------

MAIN_PROCESS_DESCRIPTION = """\
Jena soll bis **2035 klimaneutral** werden – so hat es der Stadtrat beschlossen. Der Klima-Aktionsplan legt fest, mit welchen Maßnahmen die Stadt dieses Ziel erreichen will: in sieben Handlungsfeldern, von den Wohngebäuden über Mobilität und Energieversorgung bis zur Anpassung an Hitze und Starkregen.

Bevor die Verwaltung die Maßnahmen ausarbeitet, möchten wir wissen: *Was ist Ihnen wichtig?* Wo sehen Sie in Ihrem Stadtteil Handlungsbedarf, und welche Ideen haben Sie für ein klimafreundliches Jena?

So funktioniert die Ideensammlung:

- Reichen Sie Ihre Idee ein und ordnen Sie sie einem Handlungsfeld und, wenn Sie möchten, einem Stadtteil zu.
- Das Moderationsteam prüft jede Idee vor der Veröffentlichung anhand der Diskussionsregeln.
- Unterstützen und kommentieren Sie die Ideen anderer.
- Nach dem Ende der Ideensammlung wertet das Klimaschutzmanagement alle Ideen aus; ein ausgeloster Bürgerrat berät anschließend über die Vorschläge.

Alle Ideen werden gelesen. Ob und wie eine Idee in den Aktionsplan übernommen wird, sehen Sie an ihrem Status.

*Hinweis: Dies ist ein Demonstrationsbeispiel. Alle Beiträge, Personen und Konten sind frei erfunden.*"""

SECOND_PROCESS_DESCRIPTION = """\
Die Stadt Stadtroda erarbeitet ihr erstes **Klimaschutzkonzept**. Es soll zeigen, wie die Stadt und ihre Ortsteile bis 2030 deutlich weniger Treibhausgase ausstoßen und sich auf heißere Sommer vorbereiten können.

Ab dem Start der Ideensammlung können Sie hier Vorschläge einreichen – für die Kernstadt ebenso wie für die Ortsteile.

*Hinweis: Dies ist ein Demonstrationsbeispiel. Alle Angaben sind frei erfunden.*"""

SECOND_PROCESS_DISTRICTS = ("Kernstadt", "Gernewitz und Podelsatz", "Hainbücht", "Quirla, Dorna und Bollberg")


# --- the generator ---------------------------------------------------------------------

@dataclass(frozen=True)
class IdeaDraft:
    seed_key: str
    sector: str  # sector code
    district: object  # district name, or None
    title: str
    body: str
    tone: str  # kurz, normal, ausführlich


def _cap(text):
    return text[:1].upper() + text[1:] if text else text


def _weighted(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def _fits(seed, area):
    if seed.only and seed.only not in area.tags:
        return False
    if seed.named and not area.bare:
        return False
    if seed.place_kinds and not any(p.kind in seed.place_kinds for p in area.places):
        return False
    return True


def _placeholders(rng, seed, area, with_district):
    places = [p for p in area.places if not seed.place_kinds or p.kind in seed.place_kinds]
    place = rng.choice(places)
    street = rng.choice(area.streets)
    others = [a for a in AREAS if a.bare and a is not area]
    return {
        "in_district": area.at if with_district else "in Jena",
        "district": area.name,
        "other_district": rng.choice(others).name,
        "place": place.name,
        "at_place": place.at,
        "street": street.name,
        "at_street": street.at,
    }


def _with_location(title, at):
    """Add "in Lobeda" where it reads well: before a final verb, else at the end."""
    if title.endswith(("?", "!")) or " statt " in title or "," in title:
        return title
    head, _, last = title.rpartition(" ")
    if head and last[:1].islower():
        return f"{head} {at} {last}"
    return f"{title} {at}"


def _title(rng, seed, fill, with_district, area):
    template = rng.choice(seed.titles)
    title = template.format_map(fill)
    location_in_title = "{" in template
    if seed.local and with_district and not location_in_title and rng.random() < 0.5:
        title = _with_location(title, area.at)
    roll = rng.random()
    if roll < 0.05:
        title = f"Vorschlag: {title}"
    elif roll < 0.08:
        title = f"Idee: {title}"
    elif roll < 0.10:
        title = f"Bitte: {title}"
    elif roll < 0.12:
        title = f"{title}!"
    return _cap(title)


def _opening(rng, sector, fill):
    text, _ = rng.choice([o for o in OPENINGS if not o[1] or sector in o[1].split()])
    return _cap(text.format_map(fill))


def _sentences(seed, fill):
    return [_cap(s.format_map(fill)) for s in seed.sentences]


def _body(rng, seed, fill, tone):
    sector = seed.sector
    sentences = _sentences(seed, fill)
    justification = rng.choice(JUSTIFICATIONS[sector])

    if tone == "kurz":
        core = sentences[:2]
        if rng.random() < 0.3:
            core = [sentences[1]] if len(sentences[1]) > 120 else sentences[:2]
        text = " ".join(core)
        if rng.random() < 0.6:
            text += " " + rng.choice(BLUNT_CLOSINGS)
        while len(text) < BODY_MIN:
            text += " " + justification
            justification = rng.choice(GENERAL_JUSTIFICATIONS)
        return text

    if tone == "normal":
        core = sentences[:] if rng.random() < 0.6 else sentences[:2]
        parts = []
        if rng.random() < 0.5:
            parts.append(_opening(rng, sector, fill))
        parts.extend(core)
        if rng.random() < 0.6:
            parts.append(justification)
        if rng.random() < 0.5:
            split = rng.randint(1, len(parts) - 1)
            text = " ".join(parts[:split]) + "\n\n" + " ".join(parts[split:])
        else:
            text = " ".join(parts)
        roll = rng.random()
        if roll < 0.08:
            text += "\n\n" + rng.choice(EMPHASIS_CLOSINGS)
        elif roll < 0.55:
            text += " " + rng.choice(CLOSINGS)
        return text

    # ausführlich: several paragraphs, often with a list, now and then bold, a link
    paragraphs = [_opening(rng, sector, fill)]
    first, rest = sentences[0], sentences[1:]
    if rng.random() < 0.35:
        paragraphs.append(rng.choice(LEAD_INS) + " ".join([first] + rest[:1]))
        rest = rest[1:]
    else:
        paragraphs.append(" ".join([first] + rest[:1]))
        rest = rest[1:]
    if rest:
        paragraphs.append(" ".join(rest))
    paragraphs.append(justification + " " + rng.choice(GENERAL_JUSTIFICATIONS))
    if rng.random() < 0.55:
        points = rng.sample(POINTS[sector], k=rng.randint(2, 4))
        paragraphs.append(rng.choice(LIST_INTROS) + "\n\n" + "\n".join(f"- {_cap(p)}" for p in points))
    if rng.random() < 0.12:
        paragraphs.append(rng.choice(LINK_LINES))
    closing = rng.choice(EMPHASIS_CLOSINGS) if rng.random() < 0.2 else rng.choice(CLOSINGS)
    paragraphs.append(closing)
    text = "\n\n".join(paragraphs)
    while len(text) > BODY_MAX and len(paragraphs) > 3:
        paragraphs.pop(-2)
        text = "\n\n".join(paragraphs)
    return text


def _clean_length(text):
    """Keep the body inside the limits; sentences are short, so this rarely does anything."""
    if len(text) > BODY_MAX:
        text = text[:BODY_MAX].rsplit(". ", 1)[0] + "."
    return text


def generate_ideas(rng, count, *, no_district_share=0.23):
    """`count` idea drafts with unique titles, deterministic for a given `rng`."""
    sectors = list(SECTOR_WEIGHTS)
    sector_weights = [SECTOR_WEIGHTS[c] for c in sectors]
    used_titles = set()
    drafts = []
    for _ in range(count):
        sector = _weighted(rng, sectors, sector_weights)
        for attempt in range(300):
            if attempt and attempt % 60 == 0:  # this sector is exhausted: take another
                sector = _weighted(rng, sectors, sector_weights)
            seed = rng.choice(SEEDS_BY_SECTOR[sector])
            candidates = [a for a in AREAS if _fits(seed, a)]
            area = _weighted(rng, candidates, [a.weight for a in candidates])
            with_district = seed.named or rng.random() >= no_district_share
            fill = _placeholders(rng, seed, area, with_district)
            title = _title(rng, seed, fill, with_district, area)
            if title in used_titles or not TITLE_MIN <= len(title) <= TITLE_MAX:
                continue
            tone = _weighted(rng, ("kurz", "normal", "ausführlich"), (22, 53, 25))
            body = _clean_length(_body(rng, seed, fill, tone))
            if len(body) < BODY_MIN:
                body = body + " " + rng.choice(JUSTIFICATIONS[sector])
            used_titles.add(title)
            drafts.append(IdeaDraft(
                seed_key=seed.key, sector=sector, district=area.name if with_district else None,
                title=title, body=body, tone=tone,
            ))
            break
        else:
            raise RuntimeError("the demo content cannot produce that many distinct titles")
    return drafts


def comment_text(rng, kind):
    """A German comment: kind is supportive, critical, question, reply, author_reply or staff_reply."""
    pool = {
        "supportive": COMMENTS_SUPPORTIVE,
        "critical": COMMENTS_CRITICAL,
        "question": COMMENTS_QUESTIONS,
        "reply": REPLIES,
        "author_reply": AUTHOR_REPLIES,
        "staff_reply": STAFF_REPLIES,
    }[kind]
    text = rng.choice(pool)
    if kind in COMMENT_ADDONS and rng.random() < 0.3:
        text += " " + rng.choice(COMMENT_ADDONS[kind])
    return text


def rejection_reason(rng, sector):
    pool = REJECTION_REASONS.get(sector, ()) + GENERAL_REJECTION_REASONS
    return rng.choice(pool)


def display_names(rng, count):
    """`count` distinct display names: mostly "Anna K.", some nicknames like "Radlerin aus Lobeda"."""
    names, seen = [], set()
    weights = [a.weight for a in AREAS]
    while len(names) < count:
        roll = rng.random()
        if roll < 0.08:
            name = f"{rng.choice(NICKNAME_ROLES)} {_weighted(rng, AREAS, weights).from_}"
        elif roll < 0.11:
            name = rng.choice(NICKNAMES)
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_INITIALS)}."
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
    return names
