"""The demo's measure catalogue: fourteen measures in the style of a municipal Klima-Aktionsplan,
with the measure-sheet fields, numbers with method and source, milestones and scores, which take
up the demo's adopted ideas of their sector."""
from datetime import date

import sqlalchemy as sa

from ..catalogue import services
from ..extensions import db
from ..ideas.models import Idea, IdeaStatus

SOURCE = "Klimaschutzkonzept der Stadt (Demo), Anhang B: Potenzialanalyse nach BISKO"

# (sector code, title, type, horizon, status, progress, priority, ghg t/a, MWh/a, investment €, running €/a, text bits)
MEASURES = (
    ("MOB", "Lückenloses Radhauptnetz entlang der Saale", "technical", "medium", "in_implementation", 35, "high",
     1850, 6900, 8_400_000, 120_000,
     "Ein durchgehendes, sicheres Radhauptnetz zwischen Lobeda, Zentrum und Zwätzen macht das Rad zur ersten Wahl.",
     "Der Saale-Radweg ist an sechs Stellen unterbrochen; an Knoten fehlen sichere Querungen."),
    ("MOB", "Takt-Offensive im Busverkehr am Abend und am Wochenende", "organisational", "short", "adopted", 10, "high",
     920, 3400, 600_000, 1_450_000,
     "Mehr Fahrten in den Randzeiten, damit der Umstieg vom Auto auch abends gelingt.",
     "Nach 20 Uhr fahren viele Linien nur stündlich; Befragungen nennen das als Haupthindernis."),
    ("ENE", "Solaroffensive auf kommunalen Dächern", "technical", "short", "in_implementation", 55, "high",
     2300, 5200, 6_200_000, 90_000,
     "Alle geeigneten Dächer von Schulen, Sporthallen und Verwaltungsgebäuden tragen bis 2028 Photovoltaik.",
     "Von 140 kommunalen Dächern tragen heute 19 eine Anlage; das Solarkataster weist 96 als gut geeignet aus."),
    ("ENE", "Wärmeplanung und Fernwärme-Ausbau in Winzerla und Lobeda", "technical", "long", "prioritised", 5, "high",
     11400, 41000, 48_000_000, 300_000,
     "Die kommunale Wärmeplanung zeigt, wo Fernwärme, wo Wärmepumpen die Zukunft sind.",
     "Das Heizkraftwerk läuft mit Erdgas; die Netze erreichen 45 % der Haushalte."),
    ("GEB", "Quartiersberatung zur energetischen Sanierung", "information", "short", "in_implementation", 60, "medium",
     640, 2900, 250_000, 180_000,
     "Eigentümerinnen und Eigentümer bekommen kostenlose Erstberatung im Quartier, mit Fördermittel-Lotsen.",
     "Die Sanierungsquote liegt bei 0,8 % im Jahr; nötig wären 2 %."),
    ("GEB", "Klimastandard für städtische Neubauten", "regulatory", "medium", "adopted", 20, "medium",
     310, 1200, 0, 0,
     "Neubauten der Stadt und ihrer Gesellschaften entstehen im Effizienzhaus-40-Standard mit Holzbauanteil.",
     "Bisher gilt nur der gesetzliche Mindeststandard."),
    ("WIR", "Klimapakt mit Jenaer Unternehmen", "organisational", "medium", "prioritised", 15, "medium",
     3100, 9800, 150_000, 60_000,
     "Unternehmen verpflichten sich auf Ziele, tauschen sich in einem Netzwerk aus und berichten jährlich.",
     "Gewerbe und Industrie verursachen 38 % der Emissionen der Stadt."),
    ("WIR", "Förderprogramm Betriebliches Mobilitätsmanagement", "funding", "short", "proposed", 0, "low",
     420, 1500, 400_000, 0,
     "Zuschüsse für Jobtickets, Dienstfahrräder und Ladepunkte auf Betriebsgeländen.",
     "Zwei Drittel der Beschäftigten pendeln mit dem Auto."),
    ("VER", "Klimaneutraler Fuhrpark der Stadtverwaltung", "technical", "medium", "in_implementation", 40, "medium",
     260, 980, 1_900_000, -40_000,
     "Bis 2030 fahren alle Dienstfahrzeuge elektrisch; Dienstwege werden zuerst mit dem Rad geplant.",
     "Der Fuhrpark umfasst 212 Fahrzeuge, davon 31 elektrisch."),
    ("VER", "Klimacheck für Ratsvorlagen", "organisational", "short", "completed", 100, "medium",
     0, 0, 0, 35_000,
     "Jede Beschlussvorlage zeigt ihre Wirkung aufs Klima; der Rat entscheidet in Kenntnis der Folgen.",
     "Klimafolgen wurden bisher nicht systematisch betrachtet."),
    ("LAN", "Regionale und saisonale Verpflegung in Schulen und Kitas", "organisational", "medium", "prioritised", 10,
     "medium", 380, 0, 120_000, 90_000,
     "Bis 2030 kommen mindestens 50 % der Lebensmittel aus der Region, mehr pflanzliche Gerichte.",
     "Die Essensversorgung ist ausgeschrieben; Kriterien für Regionalität fehlen."),
    ("LAN", "Streuobstwiesen und Humusaufbau auf städtischen Flächen", "technical", "long", "proposed", 0, "low",
     150, 0, 300_000, 25_000,
     "Städtische Äcker und Wiesen werden humusaufbauend bewirtschaftet, Streuobstwiesen gepflegt.",
     "Viele Pachtverträge laufen bis 2027 aus und können neu gestaltet werden."),
    ("ANP", "Hitzeaktionsplan mit kühlen Orten", "organisational", "short", "adopted", 25, "high",
     0, 0, 350_000, 80_000,
     "Ein Plan für Hitzeperioden: Warnkette, kühle Orte, Trinkbrunnen und Hilfe für Ältere.",
     "Die Zahl der heißen Tage hat sich seit 1990 verdoppelt."),
    ("ANP", "Schwammstadt: Entsiegelung und Regenwasser im Quartier", "technical", "long", "prioritised", 5, "medium",
     90, 0, 5_500_000, 70_000,
     "Plätze und Schulhöfe werden entsiegelt; Regenwasser versickert und kühlt vor Ort.",
     "Starkregen 2021 überlastete die Kanalisation in mehreren Stadtteilen."),
)


def build_catalogue(process, staff, now, rng):
    """Create the demo's measures as `staff` and link the adopted demo ideas of each sector."""
    sectors = {s.code: s for s in process.sectors}
    adopted = {}
    for idea_id, sector_id in db.session.execute(
            sa.select(Idea.id, Idea.sector_id).where(Idea.process_id == process.id,
                                                     Idea.status == IdeaStatus.ADOPTED).order_by(Idea.id)):
        adopted.setdefault(sector_id, []).append(idea_id)
    # The planned ideas are marked adopted already; linking makes them so again, with the link.
    db.session.execute(sa.update(Idea).where(Idea.process_id == process.id, Idea.status == IdeaStatus.ADOPTED)
                       .values(status=IdeaStatus.PUBLISHED))
    criteria = services.ensure_default_criteria(staff, process)
    measures = []
    for n, (code, title, type_, horizon, status, progress, priority, ghg, mwh, invest, running, goal, start) in \
            enumerate(MEASURES):
        sector = sectors[code]
        year = 2025 + n % 3
        data = services.MeasureData(
            title=title, sector_id=sector.id, type=type_, time_horizon=horizon, status=status, priority=priority,
            progress_percent=progress, origin="citizen_ideas" if adopted.get(sector.id) else "administration",
            planned_start=date(year, 1 + n % 12, 1), planned_end=date(year + {"short": 2, "medium": 5, "long": 9}[horizon], 12, 31),
            actual_start=date(year, 3, 1) if progress else None,
            council_decision_on=date(2025, 6, 26) if status in ("adopted", "in_implementation", "completed") else None,
            texts={
                "goal": goal, "starting_situation": start,
                "description": f"{goal} Die Maßnahme greift Vorschläge aus der Ideensammlung auf und wird mit den "
                               "Stadtteilen abgestimmt.",
                "initiator": "Stadtrat und Bürgerschaft", "lead_actor": "Fachdienst Umweltschutz, Klimaschutzmanagement",
                "partners": "Stadtwerke, Ortsteilräte, Verbände, Hochschule", "target_group": "Bürgerinnen und Bürger, Unternehmen",
                "steps": "1. Bestandsaufnahme\n2. Planung mit Beteiligung\n3. Umsetzung in Abschnitten\n4. Wirkungskontrolle",
                "success_indicators": "Jährlicher Bericht im Umweltausschuss; Kennzahlen im Klimaschutz-Monitoring.",
                "council_reference": f"DS 25/{4100 + n}" if status in ("adopted", "in_implementation", "completed") else "",
                "origin_note": "Aus der Online-Ideensammlung und dem Fachworkshop im Frühjahr.",
            },
            quantities={kind: services.QuantityData(float(value), min(value * 0.7, value * 1.3),
                                                     max(value * 0.7, value * 1.3),
                                                     "Hochrechnung aus Potenzialanalyse und Vergleichsstädten", SOURCE)
                        for kind, value in (("ghg_savings", ghg), ("energy_savings", mwh), ("investment", invest),
                                            ("running_costs", running)) if value},
            milestones=[services.MilestoneData("Beschluss und Planung", date(year, 6, 30),
                                               date(year, 6, 20) if progress >= 10 else None),
                        services.MilestoneData("Erster Abschnitt umgesetzt", date(year + 1, 10, 31),
                                               date(year + 1, 9, 1) if progress >= 50 else None)],
        )
        measure = services.create_measure(staff, process, data, now=now)
        ideas = adopted.get(sector.id, [])
        share = ideas[n % 2::2]  # the sector's two measures split its adopted ideas
        if share:
            services.link_ideas(staff, measure, share, "adopted",
                                "Die Idee ist in diese Maßnahme eingeflossen.", now=now, notify=False)
        services.score_measure(staff, measure, {c.id: (rng.randint(2, 5), "Einschätzung des Klimaschutzmanagements")
                                                for c in criteria}, now=now)
        if status != "proposed":
            services.set_public(staff, measure, True, now=now)
        measures.append(measure)
    return measures
