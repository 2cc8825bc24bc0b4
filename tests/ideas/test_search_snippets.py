"""Search shows why an idea matched: the words highlighted in the title and a passage of the body,
from the database's own highlighter (FTS5 highlight()/snippet(), PostgreSQL ts_headline), escaped."""
import re

from participation.database import unit_of_work
from participation.ideas import services
from participation.ideas.search import marked

LONG_BODY = ("Auf den Dächern der Grundschulen in Lobeda und Winzerla ist viel Platz. Die Schulen stehen seit "
             "den siebziger Jahren, viele Dächer wurden in den letzten Jahren saniert und tragen heute mehr Last. "
             "Der Stadtrat hat im Frühjahr beschlossen, öffentliche Gebäude klimaneutral zu machen. "
             "Dort sollten Solaranlagen gebaut werden, die Strom für den Schulbetrieb liefern. "
             "Überschüsse gehen ins Netz der Stadtwerke, die den Strom an die Haushalte im Viertel verkaufen. "
             "Die Schülerinnen und Schüler könnten im Unterricht verfolgen, wie viel Strom ihr Dach erzeugt, "
             "und ein Förderverein könnte Bürgerinnen und Bürger an den Anlagen beteiligen.")
HOSTILE_BODY = ('<script>alert("x")</script> <b onmouseover="steal()">Photovoltaik</b> für alle Dächer, '
                '<mark>gefälscht</mark> und &amp; so weiter.')


def _main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _cards(html):
    return re.findall(r'<article class="idea-card".*?</article>', _main(html), re.S)


def test_the_list_marks_the_words_in_title_and_passage(client, make_process, make_idea):
    process = make_process()
    make_idea(process, title="Solaranlagen auf Schuldächern", body=LONG_BODY)
    make_idea(process, title="Radwege in Lobeda", body="Sichere Wege für Kinder auf dem Weg zur Schule.")
    html = client.get(f"/processes/{process.slug}/ideas?q=solaranlage").get_data(as_text=True)
    [card] = _cards(html)
    assert "<mark>Solaranlagen</mark> auf Schuldächern" in card
    snippet = re.search(r'<p class="search-snippet">(.*?)</p>', card, re.S).group(1)
    assert "<mark>Solaranlagen</mark> gebaut" in snippet
    assert len(snippet) < len(LONG_BODY) / 2 and "…" in snippet  # a passage, not the whole text


def test_a_list_without_search_shows_no_snippets(client, make_process, make_idea):
    process = make_process()
    make_idea(process, title="Solaranlagen auf Schuldächern", body=LONG_BODY)
    html = client.get(f"/processes/{process.slug}/ideas").get_data(as_text=True)
    assert "<mark>" not in _main(html) and "search-snippet" not in _main(html)


def test_hostile_markup_in_a_matched_idea_is_shown_as_text(client, db, make_process, make_user):
    process = make_process()
    author = make_user()
    with unit_of_work():
        idea = services.submit_idea(author, process, "Photovoltaik <script>alert(1)</script> überall",
                                    HOSTILE_BODY, process.sectors[4].id)
    assert "<script>" in idea.body  # stored as typed; only the page escapes it
    html = client.get(f"/processes/{process.slug}/ideas?q=photovoltaik").get_data(as_text=True)
    [card] = _cards(html)
    assert "<script" not in card and "<b " not in card and "onmouseover=\"" not in card
    assert "<mark>Photovoltaik</mark> &lt;script&gt;alert(1)&lt;/script&gt; überall" in card
    snippet = re.search(r'<p class="search-snippet">(.*?)</p>', card, re.S).group(1)
    assert "<mark>Photovoltaik</mark>" in snippet and "für alle Dächer" in snippet
    assert "&amp;amp; so weiter" in snippet  # the typed entity shown as typed
    if db.engine.dialect.name == "sqlite":  # FTS5 keeps the text as typed, escaped on the page
        assert "&lt;b onmouseover=&#34;steal()&#34;&gt;<mark>Photovoltaik</mark>&lt;/b&gt;" in snippet
        assert "&lt;mark&gt;gefälscht&lt;/mark&gt;" in snippet  # a stored <mark> stays text
    else:  # ts_headline's parser drops what looks like a tag; what is left is escaped text
        assert "gefälscht" in snippet and "steal" not in snippet
    assert card.count("<mark>") == card.count("</mark>") == 2


def test_typed_highlight_markers_forge_nothing(client, db, make_process, make_user):
    process = make_process()
    with unit_of_work():
        services.submit_idea(make_user(), process, "Windkraft \x02am\x03 Jenzig prüfen",
                             "Ein Windrad \x02auf dem\x03 Berg liefert Strom für viele Haushalte.", process.sectors[4].id)
    html = client.get(f"/processes/{process.slug}/ideas?q=windkraft").get_data(as_text=True)
    [card] = _cards(html)
    assert "<mark>" not in card and "\x02" not in card and "Windkraft am Jenzig prüfen" in card.replace("\x03", "")


def test_marked_escapes_first_and_balances_the_marks():
    assert marked('a\x02<b>\x03 & \x02"x"') == 'a<mark>&lt;b&gt;</mark> &amp; <mark>&#34;x&#34;</mark>'
    assert marked("\x03stray\x02\x02open") == "stray<mark>open</mark>"


def test_the_api_says_why_an_idea_matched(client, make_process, make_idea):
    process = make_process()
    make_idea(process, title="Solaranlagen auf <b>Schuldächern</b>", body=LONG_BODY)
    data = client.api("GET", f"/api/v1/processes/{process.slug}/ideas?q=solaranlage", csrf=False).get_json()
    [idea] = data["ideas"]
    assert idea["match"]["title_html"] == "<mark>Solaranlagen</mark> auf &lt;b&gt;Schuldächern&lt;/b&gt;"
    assert "<mark>Solaranlagen</mark> gebaut" in idea["match"]["passage_html"]
    plain = client.api("GET", f"/api/v1/processes/{process.slug}/ideas", csrf=False).get_json()
    assert "match" not in plain["ideas"][0]
