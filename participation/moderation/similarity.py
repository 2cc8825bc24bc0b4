"""Duplicate suggestions: beside each queued idea, the five most similar ideas of its process.

How two ideas are compared
--------------------------
Text is folded the German way: lower case, ä/ae → a, ö/oe → o, ü/ue → u, ß → ss, other accents
dropped, hyphens inside words removed ("Car-Sharing" = "Carsharing"); so "Bäume", "Baeume" and
"Baume" are one word. Function words (participation.ideas.search.STOPWORDS, folded) are dropped.
The title counts twice, the body once. Each idea becomes one sparse vector of two blocks:

- character n-grams (3 to 5 characters, inside word boundaries, hashed into 2**20 columns):
  robust to typos, inflection and compounds ("Fahrradparkhaus" shares most n-grams with
  "Parkhaus für Fahrräder");
- concepts: a small hand-written thesaurus of the climate-action vocabulary (CONCEPTS below)
  maps words to ~100 concept columns, so that different words for the same thing meet
  ("Innenstadt"/"Zentrum"/"City", "kostenlos"/"gratis", "Photovoltaik"/"Solarmodule"/"PV").

Each block is TF-IDF weighted (sublinear tf, smoothed idf) and L2-normalised on its own; the
score of two ideas is 0.7 * cosine(char block) + 0.3 * cosine(concept block), between 0 and 1.
Word uni- and bigrams, a stemmer (CISTEM), other n-gram ranges, title weights and LSA were
measured and did not do better (see bench/duplicates.py and the report in the test module).

Incremental updates
-------------------
The vectors are hashed, so no vocabulary is fitted. Document frequencies are kept per process
and updated on every add and remove. The weights of the stored vectors use an IDF snapshot that
is renewed (all rows re-weighted, no re-tokenising; ~0.25 s for 10,000 ideas) once the ideas
added or removed since the snapshot exceed REFRESH_RATIO (10 %) of the snapshot's size: between
snapshots a new idea costs one tokenisation and an append. With refresh_ratio=0 every change
is reflected at once and the index equals a rebuild exactly.

The database side
-----------------
An in-memory index per process (built lazily from the ideas moderators could merge with:
every status but merged and rejected, not hidden). Before each use a cheap aggregate
(count, highest id, sum of versions, sum of text lengths) is compared with the index, so a web
worker notices what the task consumer or another worker changed, and picks the differences up. Stored suggestions are
IdeaSimilarity rows (rank 1..5). Service functions only flush; callers own the transaction.
"""
import importlib
import re
import threading
import unicodedata
import zlib
from collections import namedtuple
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app

from ..database import unit_of_work, utcnow
from ..extensions import db
from ..ideas.models import Idea, IdeaStatus
from ..ideas.search import STOPWORDS
from ..tasks import app_task
from .models import IdeaSimilarity


class _ImportedOnFirstUse:
    """numpy and scipy (about 40 MB per process) are imported when the index is first used, not when
    the app starts: a live-conference worker never needs them. The first attribute access imports
    the module and puts it in this module's globals in place of the stand-in."""

    def __init__(self, name, module_name):
        self._name, self._module_name = name, module_name

    def __getattr__(self, attribute):
        module = importlib.import_module(self._module_name)
        globals()[self._name] = module
        return getattr(module, attribute)


np = _ImportedOnFirstUse("np", "numpy")
sp = _ImportedOnFirstUse("sp", "scipy.sparse")

SUGGESTIONS = 5
# Ideas that cannot be merged with any more: never suggested, never indexed.
EXCLUDED_STATUSES = (IdeaStatus.MERGED, IdeaStatus.REJECTED)

CHAR_NGRAMS = (3, 5)
CHAR_BUCKETS = 2 ** 20
TITLE_REPEAT = 2
CHAR_WEIGHT, CONCEPT_WEIGHT = 0.7, 0.3
REFRESH_RATIO = 0.10


# --- text ----------------------------------------------------------------------------------

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_DIGRAPHS = re.compile(r"ae|oe|ue")
_WORD = re.compile(r"\w+(?:-\w+)*")


def fold(text):
    """Lower case, umlauts and their spellings ("ae") as the plain vowel, ß as ss, no accents."""
    text = (text or "").lower().translate(_UMLAUTS)
    text = _DIGRAPHS.sub(lambda m: m.group(0)[0], text)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text


_STOPWORDS = frozenset(fold(w) for w in STOPWORDS)


def tokens(text):
    """The folded words of `text` without function words; hyphenated compounds joined."""
    found = []
    for word in _WORD.findall(fold(text)):
        word = word.replace("-", "").replace("_", "")
        if word and word not in _STOPWORDS:
            found.append(word)
    return found


# --- the thesaurus -------------------------------------------------------------------------

# concept: entries. "x" the whole word, "x*" words starting with x, "*x" words ending with x
# (a compound's head, at least three more letters in front), "*x*" anywhere in a word.
# Entries are written in normal German and folded like the text.
CONCEPTS = """
zentrum: innenstadt* zentrum stadtzentrum* city stadtkern* stadtmitte altstadt* innenstädte
auto: auto autos *auto *autos autoverkehr* pkw* kfz* elterntaxi* autofahr* autofrei*
rad: rad räder fahrrad* *fahrrad *fahrräder radweg* *radweg* radverkehr* radfahr* radler* radeln radstell* radschnell* radständer* radstreifen* radroute* radfurt* radtempo *radler radelnde
pedelec: ebike* *ebike* pedelec* elektrofahrrad* elektrorad*
lastenrad: lastenrad* lastenfahrrad* lastenräder* cargobike*
nahverkehr: öpnv nahverkehr* bus busse *bus *busse buslinie* busspur* bussspur* busverkehr* stadtbus* ebus* straßenbahn* tram trams stadtbahn* bahn bahnen
zug: zug züge regionalzug* regionalzüge* bahnverbindung* fernzug* sbahn*
bahnhof: bahnhof* *bahnhof *bahnhöfe hauptbahnhof* bahnsteig* haltepunkt*
haltestelle: haltestelle* *haltestelle* wartehäuschen* *wartehäuschen wartehalle* endhaltestelle*
ticket: ticket* *ticket *tickets fahrkarte* fahrschein* monatskarte* abo deutschlandticket* sozialticket* jobticket*
kostenlos: kostenlos* kostenfrei* gratis umsonst nulltarif* freifahrt*
kinder: kind kinder* *kinder jugendlich* jugend* schüler* schülerin* grundschulkind* junge
schule: schule schulen *schule *schulen schulhof* schulhöfe* schulgebäude* schulweg* schulstraße* schulkantine* schulmensa* schulmensen schulessen* schulgarten* schulklasse* kita kitas kindergarten* kindergärten* grundschule*
tempo: tempo* geschwindigkeit* höchstgeschwindigkeit* tempolimit* km kmh raser* rasende
parken: parkplatz* *parkplatz* *parkplätze parken parkt parkende parkgebühr* stellplatz* *stellplatz* *stellplätze stellfläche* parkraum* anwohnerpark* falschpark* parkhaus* *parkhaus*
fuss: fußgänger* *fußgänger* fuß zufuß* fußweg* gehweg* *gehweg* passant* zufußgehen
ampel: ampel* *ampel* lichtsignal* signalanlage* grünphase* ampelphase* ampelschaltung*
kreuzung: kreuzung* *kreuzung* einmündung* abbiege* überweg* zebrastreifen* querung* *querung* mittelinsel*
sharing: carsharing* *sharing sharing* teilauto* mitfahr* fahrgemeinschaft*
eauto: eauto* elektroauto* elektrofahrzeug* emobil* elektromobil*
laden: ladesäule* *ladesäule* ladestation* *ladestation* ladepunkt* *ladepunkt* ladeinfrastruktur* lademöglichkeit* laternenlad* laden geladen
fossil: diesel* *diesel benzin* verbrenner* sprit gas erdgas* gasheizung* *gasheizung* öl ölheizung* *ölheizung* fossil* kohle*
liefer: liefer* *lieferung* paket* *paket* zustell* lieferverkehr*
pv: photovoltaik* *photovoltaik* fotovoltaik* pv pvmodul* pvanlage* solar* *solar* sonnenstrom* solarzelle* solarmodul* solarpaneel* module modul
balkon: balkonkraftwerk* *balkonkraftwerk* steckersolar* balkonsolar*
solarthermie: solartherm* sonnenkollektor* kollektor* sonnenwärme*
wind: wind windrad* windräder* windkraft* *windkraft* windenergie* windpark* kleinwind* windanlage* *windrad* *windräder*
strom: strom *strom stromverbrauch* stromkosten* elektrizität stromfresser*
heizung: heizung* *heizung* heizen heizt heizenergie* heizwärme* wärme *wärme wärmeversorgung* heizkosten* *heizkosten*
fernwärme: fernwärme* *fernwärme* wärmenetz* *wärmenetz* nahwärme* *nahwärme* heizkraftwerk* heizzentrale*
wärmepumpe: wärmepumpe* *wärmepumpe* *wärmepumpen wärmepumpen*
dämmung: dämmung* *dämmung* dämmen gedämmt* isolier* saniert* sanier* *sanierung* energetisch* fenster
dach: dach dächer *dach *dächer dachfläche* *dachfläche* dachboden* flachdach* flachdächer* dächern
gebäude: gebäude* *gebäude* haus häuser *haus *häuser liegenschaft* immobilie* wohnblock* *wohnblock* *wohnblöcke plattenbau* altbau* hochhaus* hochhäuser*
neubau: neubau* *neubau* neubaugebiet* baugebiet* bauland* bebauungsplan* bauleitplan* bauprojekt* bebauung*
mieter: mieter* mieterin* *mieter *mieterinnen miete mietwohnung* mietshaus* mietshäuser* vermiet* wohnungsgesellschaft* *wohnungsgesellschaft
eigentümer: eigentümer* hausbesitzer* *besitzer hauseigentümer* eigenheim* hausbesitzerin*
beratung: beratung* *beratung* berater* beraterin* berat* sprechstunde* anlaufstelle* infoabend* informationsabend* lotse* lotsin* lotsen *lotsen kümmerer* ansprechperson* ansprechpartner* information*
förderung: förder* *förderung* *förderprogramm* zuschuss* *zuschuss* zuschüsse prämie* *prämie bonus subvention* bezuschuss* finanziell*
baum: baum bäume *baum *bäume baumpflanz* baumart* baumpat* baumscheibe* laubbaum* laubbäume* straßenbaum* straßenbäume* jungbaum* jungbäume* obstbaum* obstbäume* allee* *allee alleen ahorn* linde* eiche* birke* fichte*
schatten: schatten* schattig* verschatt* *schatten sonnensegel* beschatt* schattenspend*
hitze: hitze* *hitze heiß* heiss* hitzetag* hitzewelle* sommerhitze* hitzeinsel* glühend* sommer hochsommer
kühl: kühl* *kühl* abkühl* kühlen kalt* kaltluft* frischluft* klimatisiert*
grün: begrün* *begrünung* grünfläche* *grünfläche* grün grüne grünes pflanz* *pflanzen beet beete *beet *beete grünanlage* vegetation gründach* *gründach*
fassade: fassade* *fassade* hauswand* hauswände* kletterpflanz* efeu rankgitter*
wiese: blühwiese* wildblume* *wiese *wiesen wiese wiesen blüh* insekt* *insekten* biene* *biene* artenvielfalt* biodiversität* mähen gemäht* mahd mähmaschine*
regenwasser: regenwasser* *regenwasser* regen zisterne* versicker* *versickerung* rigole* schwammstadt* mulde* mulden
starkregen: starkregen* überflut* *überflutung* hochwasser* *hochwasser* unwetter* überschwemm* deich*
versiegelung: entsiegel* *entsiegelung* versiegel* asphalt* *asphalt* pflaster* gepflastert*
trinken: trinkbrunnen* trinkwasser* *trinkwasser* leitungswasser* trinken brunnen* wasserspender*
spielplatz: spielplatz* *spielplatz* spielplätze* *spielplätze spielgerät* planschen spielen
park: park parks parkanlage* stadtpark* minipark* pocketpark* grünanlage* *grünanlage*
wald: wald wälder *wald *wälder forst* aufforst* borkenkäfer* mischwald*
garten: garten gärten *garten *gärten gärtner* kleingarten* kleingärten* schrebergarten* schrebergärten* gardening hochbeet* gärtnern
obst: obst* *obst* ernte* ernten frucht* früchte apfel* essbar* gemüse* *gemüse* kräuter* tomate*
senioren: senior* *senior* ältere älteren rentner* rentnerin* altenheim* seniorenheim* pflegeheim* hochbetagt*
armut: einkommensschwach* geringverdien* bürgergeld* sozialleistung* wohngeld* sozialticket* armut* bedürftig*
müll: müll *müll abfall* *abfall* abfälle* restmüll* entsorg* mülleimer* *mülleimer* mülltonne* tonne *tonne container* *container
mehrweg: mehrweg* *mehrweg* pfand* *pfand* wiederverwend* waschbar* zurückbringen zurückgeben
einweg: einweg* *einweg wegwerf* plastik* *plastik* verpackung* *verpackung* kunststoff* alu
essen: essen mahlzeit* gericht gerichte speise* kantine* *kantine* mensa *mensa *mensen schulessen* verpflegung* essensversorgung* lebensmittel* *lebensmittel* nahrungsmittel*
vegetarisch: vegetar* vegan* fleischlos* pflanzlich* fleisch*
regional: regional* region *region saisonal* umland* erzeuger* landwirt* bauern* bauer landwirtschaft*
reparatur: reparatur* *reparatur* reparier* repair* flicken schrauber* werkstatt* *werkstatt*
leihen: leih* ausleih* verleih* *verleih* tausch* *tausch* verschenk* *verschenk* gebraucht* *gebraucht* secondhand*
verwaltung: verwaltung* *verwaltung* rathaus* behörde* *behörde* amt ämter ordnungsamt* grünflächenamt* umweltamt* bauamt* stadtverwaltung*
mitarbeiter: beschäftigt* mitarbeit* angestellt* personal belegschaft* arbeitgeber*
stadtrat: stadtrat* *stadtrat* beschluss* *beschluss* beschlussvorlage* vorlage* gemeinderat* stadträte
beteiligung: bürgerrat* *bürgerrat* klimarat* *klimarat* ausgelost* los losbasiert* bürgerversammlung* beteiligung* *beteiligung* partizipation* jugendrat*
co2: co2 co2* treibhausgas* *treibhausgas* emission* *emission* klimabilanz* bilanz* *bilanz budget* *budget klimawirkung* klimaneutral*
sparen: energiespar* stromspar* *stromspar* einspar* *einsparung* sparen spart sparsam* verbrauch* *verbrauch verschwend* *verschwendung*
licht: led beleuchtung* *beleuchtung* lampe* *lampe *lampen laterne* *laterne *laternen leuchte* *leuchte *leuchten licht flutlicht* leuchtreklame*
ökostrom: ökostrom* grünstrom* naturstrom* erneuerbar* *erneuerbar* regenerativ*
nacht: nacht* nachts *nacht mitternacht* abend* abends spät
wochenende: wochenend* samstag* sonntag* feiertag*
takt: takt* *takt *takte fahrplan* häufig* öfter selten halbstundentakt* stundentakt*
günstig: billig* günstig* *günstig* preiswert* ermäßig* rabatt* vergünstig*
gebühr: gebühr* *gebühr* *gebühren teuer teurer bußgeld* *bußgeld*
verbot: verbot* *verbot* verbiet* untersag* verbannen verbannt* aussperr*
sperren: sperrung* *sperrung sperren gesperrt* absperr* autofrei* verkehrsberuhig* fußgängerzone* begegnungszone* poller* modalfilter* durchgangsverkehr* schleichverkehr*
pflicht: pflicht* *pflicht* verpflicht* vorschreib* vorgeschrieb* vorschrift* verbindlich* satzung* *satzung* festleg* festschreib*
unternehmen: gewerbe* *gewerbe* unternehm* betrieb betriebe *betrieb *betriebe firma firmen handwerk* *handwerk* einzelhandel* geschäft* gastronomie* *gastronomie* restaurant* imbiss* café cafés
uni: universität* *universität* uni campus hochschul* studier* student* studenten
kirche: kirche* *kirche* kirchen* gemeindehaus* gemeindehäuser* gemeindezentr* kirchengemeind* landeskirche
verein: verein vereine vereins* *verein *vereine vereinsheim* ehrenamt* *ehrenamt*
kleidung: kleid* *kleid* *kleider textil* *textil* kleidung
windel: windel* *windel* *windeln
moor: moor* *moor* *moore wiedervernäss* torf*
fluss: saale* *saale* fluss flüsse flusswasser* flusswärme* ufer* *ufer
holz: holz* *holz* holzbau*
beton: beton* zement* stahl*
leerstand: leerstand* *leerstand* leerstehend* leer leere brach* *brache baulücke* *baulücke* ungenutzt*
quartier: quartier* *quartier* stadtteil* *stadtteil* viertel *viertel wohngebiet* *wohngebiet* nachbarschaft* *nachbarschaft* wohnviertel* nachbar* siedlung*
dorf: dorf dörfer *dorf ortsteil* *ortsteil* ortschaft* ländlich*
supermarkt: supermarkt* *supermarkt* supermärkte* *supermärkte discounter* handelskette* lebensmittelmarkt* märkte
online: online* internet* app apps plattform* digital* website* webseite* interaktiv*
karte: karte karten kataster* *kataster* gefahrenkarte* starkregenkarte* kartierung*
genossenschaft: genossenschaft* *genossenschaft* bürgerenergie* solawi* gemeinschaftsgetragen*
schwimmbad: freibad* schwimmbad* hallenbad* schwimmbecken* becken badestelle*
pendeln: pendl* pendel* *pendler* *pendlerinnen arbeitsweg* berufsverkehr* stau
homeoffice: homeoffice* coworking* mobilesarbeiten
wohnung: wohnung* *wohnung* wohnraum* *wohnraum* wohnen
"""


def _parse_concepts(text):
    names, exact, prefix, suffix, anywhere = [], {}, {}, {}, {}
    for line in text.strip().splitlines():
        name, _, entries = line.partition(":")
        number = len(names)
        names.append(name.strip())
        for entry in entries.split():
            starts, ends = entry.startswith("*"), entry.endswith("*")
            word = fold(entry.strip("*")).replace("-", "")
            table = anywhere if starts and ends else suffix if starts else prefix if ends else exact
            table.setdefault(word, set()).add(number)
    freeze = lambda table: {k: frozenset(v) for k, v in table.items()}  # noqa: E731
    return tuple(names), freeze(exact), freeze(prefix), freeze(suffix), freeze(anywhere)


CONCEPT_NAMES, _EXACT, _PREFIX, _SUFFIX, _ANYWHERE = _parse_concepts(CONCEPTS)
_ANYWHERE_LENGTHS = sorted({len(w) for w in _ANYWHERE})
FEATURES = CHAR_BUCKETS + len(CONCEPT_NAMES)


def concepts_of(word):
    """The thesaurus concepts (numbers) a folded word belongs to."""
    found = set(_EXACT.get(word, ()))
    n = len(word)
    for length in range(3, n + 1):
        found.update(_PREFIX.get(word[:length], ()))
        if length == n or n - length >= 3:
            found.update(_SUFFIX.get(word[n - length:], ()))
    for length in _ANYWHERE_LENGTHS:
        for start in range(0, n - length + 1):
            hit = _ANYWHERE.get(word[start:start + length])
            if hit:
                found.update(hit)
    return found


@lru_cache(maxsize=1 << 18)
def _word_columns(word):
    """The columns one folded word contributes: its hashed character n-grams and its concepts."""
    padded = f" {word} "
    grams = [padded[i:i + n] for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1)
             for i in range(max(1, len(padded) - n + 1))]
    columns = [zlib.crc32(g.encode()) & (CHAR_BUCKETS - 1) for g in grams]
    columns.extend(CHAR_BUCKETS + c for c in sorted(concepts_of(word)))
    return np.asarray(columns, dtype=np.int32)


def term_counts(title, body):
    """Sorted column numbers and sublinear term frequencies (1 + ln tf) of one idea."""
    words = tokens(title) * TITLE_REPEAT + tokens(body)
    if not words:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    columns, counts = np.unique(np.concatenate([_word_columns(w) for w in words]), return_counts=True)
    return columns.astype(np.int32), (1.0 + np.log(counts)).astype(np.float32)


# --- the index -------------------------------------------------------------------------------

def _stamp(version, title, body):
    return int(version or 0), len(title or "") + len(body or "")


class _Rows:
    """Rows of sparse vectors in CSR layout: raw tf and weights share the column indices."""

    __slots__ = ("indptr", "indices", "tf", "weights", "matrix")

    def __init__(self, indptr, indices, tf, weights):
        self.indptr, self.indices, self.tf, self.weights = indptr, indices, tf, weights
        self.matrix = sp.csr_matrix((weights, indices, indptr), shape=(len(indptr) - 1, FEATURES), copy=False)
        self.matrix.has_sorted_indices = True

    @classmethod
    def empty(cls):
        return cls(np.zeros(1, np.int64), np.empty(0, np.int32), np.empty(0, np.float32),
                   np.empty(0, np.float32))

    def __len__(self):
        return len(self.indptr) - 1

    def row(self, n):
        start, end = self.indptr[n], self.indptr[n + 1]
        return self.indices[start:end], self.tf[start:end], self.weights[start:end]

    def append(self, columns, tf, weights):
        return _Rows(np.append(self.indptr, self.indptr[-1] + len(columns)),
                     np.concatenate([self.indices, columns]), np.concatenate([self.tf, tf]),
                     np.concatenate([self.weights, weights]))


class SimilarityIndex:
    """The ideas of one process as TF-IDF vectors; most_similar() by cosine. Thread-safe (a lock).

    add/update/remove change the document frequencies at once; the weights follow a snapshot
    of the IDF renewed when more than `refresh_ratio` of the ideas changed since (0: after
    every change, so that the index always equals a rebuild).

    Rows live in a main block (weighted at the last snapshot) and a recent block (ideas added
    since, at most about refresh_ratio of the main block, so an add copies little); removed
    rows are masked until the next snapshot compacts them away.
    """

    def __init__(self, rows=(), *, refresh_ratio=REFRESH_RATIO):
        self.lock = threading.RLock()
        self.refresh_ratio = refresh_ratio
        self.build(rows)

    # - changes -
    def build(self, rows):
        """Replace the contents by `rows` of (idea_id, title, body) or (idea_id, title, body, stamp)."""
        ids, stamps, counts = [], {}, []
        for row in rows:
            idea_id = int(row[0])
            ids.append(idea_id)
            stamps[idea_id] = _stamp(row[3] if len(row) > 3 else None, row[1], row[2])
            counts.append(term_counts(row[1], row[2]))
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate idea ids")
        with self.lock:
            self._stamps = stamps
            self._stamp_sum = tuple(map(sum, zip((0, 0), *stamps.values())))
            lengths = np.fromiter((len(c) for c, _ in counts), np.int64, count=len(counts))
            indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
            indices = np.concatenate([c for c, _ in counts]) if counts else np.empty(0, np.int32)
            tf = np.concatenate([t for _, t in counts]) if counts else np.empty(0, np.float32)
            self._df = np.bincount(indices, minlength=FEATURES).astype(np.int32)
            self._install(np.asarray(ids, np.int64), indptr, indices, tf)

    def add(self, idea_id, title, body, stamp=None):
        """Index an idea (replacing it, if it is indexed already)."""
        idea_id = int(idea_id)
        columns, tf = term_counts(title, body)
        with self.lock:
            if idea_id in self._slot:
                self._drop(idea_id)
            self._maybe_refresh()
            self._df[columns] += 1
            self._set_stamp(idea_id, _stamp(stamp, title, body))
            self._recent = self._recent.append(columns, tf, self._weigh(columns, tf))
            self._slot[idea_id] = len(self._ids)
            self._ids = np.append(self._ids, idea_id)
            self._alive = np.append(self._alive, True)
            self._changes += 1

    update = add

    def remove(self, idea_id):
        """Forget an idea; False when it was not indexed."""
        with self.lock:
            if int(idea_id) not in self._slot:
                return False
            self._drop(int(idea_id))
            return True

    def refresh(self):
        """Renew the IDF snapshot now: every weight reflects the current document frequencies."""
        with self.lock:
            self._reweight()

    # - questions -
    def __len__(self):
        return len(self._slot)

    def __contains__(self, idea_id):
        return int(idea_id) in self._slot

    def ids(self):
        with self.lock:
            return list(self._slot)

    def stamp(self, idea_id):
        """(the stamp given with the idea, or 0; the length of its title and body)."""
        return self._stamps.get(int(idea_id))

    def signature(self):
        """(count, highest id, sum of stamps, sum of text lengths): compared with the database."""
        with self.lock:
            return (len(self._slot), max(self._slot, default=0)) + self._stamp_sum

    def most_similar(self, title, body, k=SUGGESTIONS, exclude=()):
        """The k most similar indexed ideas to a text: [(idea_id, score)], best first, score > 0."""
        with self.lock:
            self._maybe_refresh()
            columns, tf = term_counts(title, body)
            return self._top(self._scores(columns, self._weigh(columns, tf)), k, exclude)

    def similar_to(self, idea_id, k=SUGGESTIONS, exclude=()):
        """The k ideas most similar to an indexed idea (never itself)."""
        return self.neighbours(idea_id, k, exclude)[0]

    def neighbours(self, idea_id, k=SUGGESTIONS, exclude=()):
        """(the k ideas most similar to an indexed idea, {every other idea: score > 0})."""
        with self.lock:
            self._maybe_refresh()
            columns, _, weights = self._row(idea_id)
            scores = self._scores(columns, weights)
            scores[self._slot[int(idea_id)]] = -np.inf
            live = scores > 0
            others = dict(zip(self._ids[live].tolist(), scores[live].tolist()))
            return self._top(scores, k, exclude), others

    def scores_to(self, idea_id):
        """{other idea id: score} of every other indexed idea with a score above 0."""
        return self.neighbours(idea_id, 0)[1]

    def score(self, a, b):
        """The similarity of two indexed ideas."""
        with self.lock:
            self._maybe_refresh()
            (ca, _, wa), (cb, _, wb) = self._row(a), self._row(b)
            _, ia, ib = np.intersect1d(ca, cb, assume_unique=True, return_indices=True)
            return float(np.dot(wa[ia], wb[ib]))

    # - inside -
    def _set_stamp(self, idea_id, stamp):
        old = self._stamps.get(idea_id, (0, 0))
        self._stamp_sum = (self._stamp_sum[0] + stamp[0] - old[0], self._stamp_sum[1] + stamp[1] - old[1])
        self._stamps[idea_id] = stamp

    def _row(self, idea_id):
        slot = self._slot[int(idea_id)]
        main = len(self._main)
        return self._main.row(slot) if slot < main else self._recent.row(slot - main)

    def _drop(self, idea_id):
        columns, _, _ = self._row(idea_id)
        self._df[columns] -= 1
        old = self._stamps.pop(idea_id, (0, 0))
        self._stamp_sum = (self._stamp_sum[0] - old[0], self._stamp_sum[1] - old[1])
        slot = self._slot.pop(idea_id)
        self._alive[slot] = False
        self._changes += 1

    def _weigh(self, columns, tf):
        """Weights under the current snapshot: TF-IDF, each block L2-normalised, blocks weighted."""
        weights = tf * self._idf[columns]
        split = np.searchsorted(columns, CHAR_BUCKETS)
        for part, block_weight in ((slice(0, split), CHAR_WEIGHT), (slice(split, None), CONCEPT_WEIGHT)):
            norm = float(np.sqrt(np.dot(weights[part], weights[part])))
            if norm > 0:
                weights[part] *= np.float32(np.sqrt(block_weight) / norm)
        return weights

    def _maybe_refresh(self):
        if self._changes and self._changes > self.refresh_ratio * self._snapshot_size:
            self._reweight()

    def _reweight(self):
        """A new snapshot: all live rows re-weighted with the current IDF, removed rows dropped."""
        keep = self._alive
        if keep.all():  # nothing removed: the blocks one after the other
            main, recent = self._main, self._recent
            if not len(recent):
                self._install(self._ids, main.indptr, main.indices, main.tf)
                return
            indptr = np.concatenate([main.indptr, recent.indptr[1:] + main.indptr[-1]])
            self._install(self._ids, indptr, np.concatenate([main.indices, recent.indices]),
                          np.concatenate([main.tf, recent.tf]))
            return
        parts = []
        for block, slots in ((self._main, keep[:len(self._main)]), (self._recent, keep[len(self._main):])):
            lengths = np.diff(block.indptr)
            mask = np.repeat(slots, lengths)
            parts.append((lengths[slots], block.indices[mask], block.tf[mask]))
        lengths = np.concatenate([p[0] for p in parts])
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        self._install(self._ids[keep], indptr, np.concatenate([p[1] for p in parts]),
                      np.concatenate([p[2] for p in parts]))

    def _install(self, ids, indptr, indices, tf):
        """Make (ids, CSR rows of raw tf) the main block, weighted with the IDF of `self._df`."""
        size = len(ids)
        self._idf = (np.log((1.0 + size) / (1.0 + self._df)) + 1.0).astype(np.float32)
        weights = tf.astype(np.float32) * self._idf[indices]
        # Columns are sorted in a row, so its character block comes first, its concepts last:
        # both block norms from prefix sums, then one factor per (row, block) spread over the row.
        starts, ends = indptr[:-1], indptr[1:]
        concepts = np.concatenate([[0], np.cumsum(indices >= CHAR_BUCKETS)])
        splits = ends - (concepts[ends] - concepts[starts])
        sums = np.concatenate([[0.0], np.cumsum(weights * weights, dtype=np.float64)])
        norms = np.sqrt(np.stack([sums[splits] - sums[starts], sums[ends] - sums[splits]], axis=1))
        block_weight = np.sqrt([CHAR_WEIGHT, CONCEPT_WEIGHT])
        factor = np.divide(block_weight, norms, out=np.zeros_like(norms), where=norms > 1e-12)
        lengths = np.stack([splits - starts, ends - splits], axis=1)
        weights *= np.repeat(factor.ravel().astype(np.float32), lengths.ravel())
        self._main = _Rows(indptr, indices.astype(np.int32, copy=False), tf.astype(np.float32, copy=False),
                           weights)
        self._recent = _Rows.empty()
        self._ids = np.asarray(ids, np.int64)
        self._alive = np.ones(size, bool)
        self._slot = {int(i): n for n, i in enumerate(self._ids.tolist())}
        self._snapshot_size, self._changes = size, 0

    def _scores(self, columns, weights):
        """The score of every slot against one weighted vector (removed slots: -inf)."""
        query = np.zeros(FEATURES, np.float32)
        query[columns] = weights
        parts = [block.matrix @ query for block in (self._main, self._recent) if len(block)]
        scores = np.concatenate(parts) if parts else np.empty(0, np.float32)
        scores[~self._alive] = -np.inf
        return scores

    def _top(self, scores, k, exclude):
        scores = scores.copy()
        for idea_id in exclude or ():
            slot = self._slot.get(int(idea_id))
            if slot is not None:
                scores[slot] = -np.inf
        k = min(k, len(scores))
        if k <= 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        # Best first; equal scores by the lower id (the older idea), so that results are stable.
        order = sorted(best.tolist(), key=lambda s: (-float(scores[s]), int(self._ids[s])))
        return [(int(self._ids[s]), float(scores[s])) for s in order if scores[s] > 0]


# --- the per-process cache ------------------------------------------------------------------

_indexes = {}
_indexes_lock = threading.Lock()


def _eligible(idea):
    return idea.status not in EXCLUDED_STATUSES and idea.hidden_at is None


def _eligible_conditions(process_id):
    return (Idea.process_id == process_id, Idea.status.not_in(EXCLUDED_STATUSES), Idea.hidden_at.is_(None))


def index_for(process_id):
    """The process's index, built on first use and brought up to date with the database."""
    with _indexes_lock:
        index = _indexes.get(process_id)
        if index is None:
            index = _indexes[process_id] = SimilarityIndex()
    with index.lock:
        _sync(index, process_id)
    return index


def invalidate(process_id=None):
    """Drop the cached index of one process (of all, without an argument); rebuilt on next use."""
    with _indexes_lock:
        if process_id is None:
            _indexes.clear()
        else:
            _indexes.pop(process_id, None)


def _sync(index, process_id):
    """Bring the index in line with the database: cheap when nothing changed (one aggregate)."""
    conditions = _eligible_conditions(process_id)
    length = sa.func.length(Idea.title) + sa.func.length(Idea.body)
    signature = db.session.execute(
        sa.select(sa.func.count(Idea.id), sa.func.coalesce(sa.func.max(Idea.id), 0),
                  sa.func.coalesce(sa.func.sum(Idea.version), 0), sa.func.coalesce(sa.func.sum(length), 0))
        .where(*conditions)
    ).one()
    if index.signature() == tuple(signature):
        return
    current = {i: (v, n) for i, v, n in db.session.execute(
        sa.select(Idea.id, Idea.version, length).where(*conditions))}
    if not len(index):
        rows = db.session.execute(sa.select(Idea.id, Idea.title, Idea.body, Idea.version).where(*conditions)).all()
        index.build(rows)
        return
    for idea_id in index.ids():
        if idea_id not in current:
            index.remove(idea_id)
    changed = [i for i, stamp in current.items() if index.stamp(i) != stamp]
    for start in range(0, len(changed), 500):
        chunk = changed[start:start + 500]
        for idea_id, title, body, version in db.session.execute(
                sa.select(Idea.id, Idea.title, Idea.body, Idea.version).where(Idea.id.in_(chunk))):
            index.add(idea_id, title, body, stamp=version)


# --- services --------------------------------------------------------------------------------

Suggestion = namedtuple("Suggestion", "idea score")


def refresh_suggestions(idea, now=None):
    """Compute the idea's five most similar ideas of its process and store them (rank 1..5).

    Then, incrementally, the lists of other ideas: where the idea now beats an idea's 5th
    suggestion it is put in; ideas that listed it before are recomputed (its text may have
    changed). An idea that cannot be merged (merged, rejected, hidden) is forgotten instead.
    Flushes only. Returns the idea's suggestions as [(idea_id, score)].
    """
    now = now or utcnow()
    if not _eligible(idea):
        forget(idea)
        return []
    index = index_for(idea.process_id)
    with index.lock:
        index.update(idea.id, idea.title, idea.body, stamp=idea.version)
        top, scores = index.neighbours(idea.id)
    _replace_rows({idea.id: top}, now)

    listed_before = set(db.session.scalars(
        sa.select(IdeaSimilarity.idea_id).where(IdeaSimilarity.similar_id == idea.id,
                                                IdeaSimilarity.idea_id != idea.id)))
    # Ideas of the process with stored suggestions: how many, and the weakest.
    stats = db.session.execute(
        sa.select(IdeaSimilarity.idea_id, sa.func.count(), sa.func.min(IdeaSimilarity.score))
        .join(Idea, Idea.id == IdeaSimilarity.idea_id)
        .where(Idea.process_id == idea.process_id, IdeaSimilarity.idea_id != idea.id)
        .group_by(IdeaSimilarity.idea_id)
    ).all()
    gaining = {}
    for other_id, count, weakest in stats:
        score = scores.get(other_id)
        if other_id in listed_before or score is None:
            continue
        if count < SUGGESTIONS or score > weakest:
            gaining[other_id] = score
    if gaining:
        lists = _stored_lists(gaining)
        for other_id, score in gaining.items():
            merged = [(s, sc) for s, sc in lists.get(other_id, []) if s != idea.id] + [(idea.id, score)]
            lists[other_id] = sorted(merged, key=lambda pair: (-pair[1], pair[0]))[:SUGGESTIONS]
        _replace_rows({i: lists[i] for i in gaining}, now)
    _recompute(index, [i for i in listed_before if i in index], now)
    return top


def forget(idea, now=None):
    """The idea cannot be merged any more (merged, rejected): out of the index, out of every list.

    The ideas that listed it get their lists filled up again. Its own stored suggestions stay.
    Flushes only.
    """
    now = now or utcnow()
    with _indexes_lock:
        cached = _indexes.get(idea.process_id)
    if cached is not None:
        cached.remove(idea.id)
    listed_by = list(db.session.scalars(
        sa.select(IdeaSimilarity.idea_id).where(IdeaSimilarity.similar_id == idea.id)))
    db.session.execute(sa.delete(IdeaSimilarity).where(IdeaSimilarity.similar_id == idea.id)
                       .execution_options(synchronize_session=False))
    listed_by = [i for i in listed_by if i != idea.id]
    if listed_by:
        index = index_for(idea.process_id)
        index.remove(idea.id)  # the sync may have seen it before the caller's flush
        _recompute(index, [i for i in listed_by if i in index], now)


def suggestions_for(idea, limit=SUGGESTIONS):
    """The idea's duplicate suggestions as [Suggestion(idea, score)], best first.

    Read from the stored rows, leaving out ideas merged, rejected or hidden since; computed on
    the spot (and not stored: this is a read) when none are stored yet.
    """
    rows = db.session.execute(
        sa.select(IdeaSimilarity.score, Idea).join(Idea, Idea.id == IdeaSimilarity.similar_id)
        .where(IdeaSimilarity.idea_id == idea.id).order_by(IdeaSimilarity.rank)
    ).all()
    if rows:
        return [Suggestion(other, score) for score, other in rows
                if other.id != idea.id and other.process_id == idea.process_id and _eligible(other)][:limit]
    found = index_for(idea.process_id).most_similar(idea.title, idea.body, k=limit, exclude={idea.id})
    if not found:
        return []
    ideas = {i.id: i for i in db.session.scalars(sa.select(Idea).where(Idea.id.in_([i for i, _ in found])))}
    return [Suggestion(ideas[i], score) for i, score in found if i in ideas and _eligible(ideas[i])]


def refresh_process(process_id, now=None):
    """Recompute and store the suggestions of every idea of a process (a backfill). Flushes only."""
    now = now or utcnow()
    invalidate(process_id)
    index = index_for(process_id)
    ids = index.ids()
    for start in range(0, len(ids), 200):
        _recompute(index, ids[start:start + 200], now)
    return len(ids)


def _recompute(index, idea_ids, now):
    if idea_ids:
        _replace_rows({i: index.similar_to(i) for i in idea_ids}, now)


def _stored_lists(idea_ids):
    lists = {}
    for idea_id, similar_id, score in db.session.execute(
            sa.select(IdeaSimilarity.idea_id, IdeaSimilarity.similar_id, IdeaSimilarity.score)
            .where(IdeaSimilarity.idea_id.in_(list(idea_ids)))):
        lists.setdefault(idea_id, []).append((similar_id, score))
    return lists


def _replace_rows(lists, now):
    """Replace the stored suggestions of each idea in `lists` ({idea_id: [(similar_id, score)]})."""
    if not lists:
        return
    db.session.execute(sa.delete(IdeaSimilarity).where(IdeaSimilarity.idea_id.in_(list(lists)))
                       .execution_options(synchronize_session=False))
    values = [{"idea_id": idea_id, "similar_id": similar_id, "score": float(score), "rank": rank,
               "computed_at": now}
              for idea_id, pairs in lists.items() for rank, (similar_id, score) in enumerate(pairs, 1)]
    if values:
        db.session.execute(sa.insert(IdeaSimilarity), values)
    db.session.flush()


@app_task(retries=2, retry_delay=30)
def refresh_suggestions_task(idea_id):
    """Background: recompute an idea's suggestions (queued with after_commit by the services).

    It works in an application context, and so a database session, of its own: in immediate
    mode (development, tests) after_commit runs it inside the committing session's after_commit
    hook, where that session can emit no more SQL.
    """
    with current_app.app_context(), unit_of_work():
        idea = db.session.get(Idea, idea_id)
        if idea is not None:
            refresh_suggestions(idea)
