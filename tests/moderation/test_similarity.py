"""Duplicate suggestions: German text similarity, the incremental index, the stored suggestions.

Quality is measured on the labelled pairs of duplicate_pairs.py, with the originals mixed into
the demo generator's 880 ideas (the distractors). Scores as of writing (bench/duplicates.py):
recall@5 0.92 on all 199 pairs (0.94 on the 159 development pairs, 0.825 on the 40 pairs
written after the method was fixed), strict 0.85 (counting demo ideas of the very same proposal
as misses); typos 1.0. Fixed thresholds below sit a little under those numbers.
"""
import importlib.util
import random
import threading
from pathlib import Path

import numpy as np
import pytest

from participation.demo import content
from participation.moderation import similarity
from participation.moderation.similarity import SimilarityIndex, fold, tokens


def _load_pairs():
    spec = importlib.util.spec_from_file_location("duplicate_pairs", Path(__file__).with_name("duplicate_pairs.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DATA = _load_pairs()
ALL_PAIRS = DATA.PAIRS + DATA.HELD_OUT_PAIRS
ORIGINAL, DEMO, NEGATIVE = 1, 100_000, 200_000


@pytest.fixture(scope="module")
def demo_drafts():
    return content.generate_ideas(random.Random(2035), 880)


@pytest.fixture(scope="module")
def labelled_ranks(demo_drafts):
    """For every labelled pair: (strict rank, adjusted rank, score) of its original."""
    rows = [(ORIGINAL + i, p[0], p[1]) for i, p in enumerate(ALL_PAIRS)]
    rows += [(DEMO + i, d.title, d.body) for i, d in enumerate(demo_drafts)]
    index = SimilarityIndex(rows)
    seed_of = {DEMO + i: d.seed_key for i, d in enumerate(demo_drafts)}
    results = []
    for i, (title, _, dup_title, dup_body, _) in enumerate(ALL_PAIRS):
        found = index.most_similar(dup_title, dup_body, k=len(index))
        ids = [idea_id for idea_id, _ in found]
        same = set(DATA.SAME_PROPOSAL_SEEDS.get(title, ()))
        adjusted = [idea_id for idea_id in ids if seed_of.get(idea_id) not in same]
        wanted = ORIGINAL + i
        results.append((_rank(ids, wanted), _rank(adjusted, wanted), dict(found).get(wanted, 0.0)))
    return results


def _rank(ids, wanted):
    return ids.index(wanted) + 1 if wanted in ids else None


def _recall(ranks, n=5):
    return sum(1 for r in ranks if r is not None and r <= n) / len(ranks)


# --- the labelled data set itself ------------------------------------------------------------

def test_the_labelled_set_is_large_varied_and_well_formed():
    assert len(DATA.PAIRS) >= 150 and len(DATA.HARD_NEGATIVES) >= 30
    counts = {kind: sum(1 for p in ALL_PAIRS if p[4] == kind) for kind in DATA.KINDS}
    assert all(n >= 30 for n in counts.values()), counts
    titles = [p[0] for p in ALL_PAIRS]
    assert len(set(titles)) == len(titles)
    for pair in ALL_PAIRS:
        assert len(pair) == 5 and pair[4] in DATA.KINDS and all(isinstance(t, str) and t.strip() for t in pair[:4])
        assert (pair[0], pair[1]) != (pair[2], pair[3])
    keys = {seed.key for seed in content.SEEDS}
    assert set(DATA.SAME_PROPOSAL_SEEDS) <= set(titles)
    assert all(key in keys for seeds in DATA.SAME_PROPOSAL_SEEDS.values() for key in seeds)


# --- text ----------------------------------------------------------------------------------

def test_umlauts_their_spellings_sharp_s_case_and_hyphens_fold_together():
    assert fold("Bäume") == fold("Baeume") == fold("Baume") == fold("BÄUME")
    assert fold("Straße") == fold("Strasse") == fold("STRASSE")
    assert fold("Café") == fold("Cafe")
    assert tokens("Car-Sharing für die Innenstadt") == tokens("Carsharing fuer die Innenstadt") == \
        ["carsharing", "innenstadt"]


def test_function_words_are_dropped():
    assert tokens("Ich finde, man sollte mehr Bäume in der Stadt pflanzen") == \
        ["finde", "baume", "stadt", "pflanzen"]


def test_the_thesaurus_joins_different_words_for_one_thing_and_avoids_false_friends():
    concept = lambda word: {similarity.CONCEPT_NAMES[c] for c in similarity.concepts_of(fold(word))}  # noqa: E731
    assert "zentrum" in concept("Innenstadt") & concept("Zentrum") & concept("City")
    assert "kostenlos" in concept("kostenlos") & concept("gratis")
    assert "pv" in concept("Photovoltaikanlage") & concept("Solarmodule") & concept("PV")
    assert "rad" in concept("Lastenfahrrad") and "lastenrad" in concept("Lastenfahrrad")
    for word in ("insgesamt", "vereinbaren", "Einfluss", "betrieben", "Steinweg"):
        assert concept(word) == set(), word


def test_a_typo_ridden_copy_is_found_first():
    index = SimilarityIndex([(1, "Mehr Bäume in der Straße pflanzen", "Schattige Straßen kühlen im Sommer."),
                             (2, "Radweg an der Saale", "Der Radweg ist zu schmal."),
                             (3, "Solaranlagen auf Schulen", "Die Dächer der Schulen sind frei.")])
    found = index.most_similar("mehr baeume in der strasse planzen", "schatige strassen kuehlen im sommer")
    assert found[0][0] == 1 and found[0][1] > 0.5


# --- quality on the labelled set --------------------------------------------------------------

def test_recall_at_5_on_the_labelled_pairs_mixed_into_880_demo_ideas(labelled_ranks):
    adjusted = [a for _, a, _ in labelled_ranks]
    strict = [s for s, _, _ in labelled_ranks]
    assert _recall(adjusted) >= 0.9, f"recall@5 {_recall(adjusted):.3f}"
    assert _recall(strict) >= 0.8, f"strict recall@5 {_recall(strict):.3f}"
    development = adjusted[:len(DATA.PAIRS)]
    held_out = adjusted[len(DATA.PAIRS):]
    assert _recall(development) >= 0.9
    # The honest estimate: pairs written after the method was fixed (40 pairs, so +-0.12).
    assert _recall(held_out) >= 0.75, f"held-out recall@5 {_recall(held_out):.3f}"
    assert _recall(adjusted, 1) >= 0.7


@pytest.mark.parametrize("kind, floor", [("typos", 1.0), ("wording", 0.9), ("paraphrase", 0.85), ("partial", 0.7)])
def test_recall_at_5_by_kind(labelled_ranks, kind, floor):
    ranks = [a for (_, a, _), pair in zip(labelled_ranks, ALL_PAIRS) if pair[4] == kind]
    assert _recall(ranks) >= floor, f"{kind}: {_recall(ranks):.3f}"


def test_hard_negatives_score_well_below_true_pairs(demo_drafts, labelled_ranks):
    rows = [(ORIGINAL + i, p[0], p[1]) for i, p in enumerate(ALL_PAIRS)]
    rows += [(DEMO + i, d.title, d.body) for i, d in enumerate(demo_drafts)]
    rows += [(NEGATIVE + i, n[2], n[3]) for i, n in enumerate(DATA.HARD_NEGATIVES)]
    index = SimilarityIndex(rows)
    negative_scores, in_top5 = [], 0
    for i, (title_a, body_a, *_) in enumerate(DATA.HARD_NEGATIVES):
        found = index.most_similar(title_a, body_a, k=len(index))
        negative_scores.append(dict(found).get(NEGATIVE + i, 0.0))
        in_top5 += NEGATIVE + i in [idea_id for idea_id, _ in found[:5]]
    positive_scores = [score for _, _, score in labelled_ranks]
    wins = sum((p > n) + 0.5 * (p == n) for p in positive_scores for n in negative_scores)
    auc = wins / (len(positive_scores) * len(negative_scores))
    assert auc >= 0.9, f"AUC {auc:.3f}"
    assert np.median(positive_scores) > 2 * np.median(negative_scores)
    assert in_top5 / len(negative_scores) <= 0.15


# --- the index ---------------------------------------------------------------------------------

def _assert_same(found, expected):
    assert [i for i, _ in found] == [i for i, _ in expected]
    assert [s for _, s in found] == pytest.approx([s for _, s in expected], abs=1e-6)


def _rows(count, seed=7):
    return [(n + 1, d.title, d.body) for n, d in enumerate(content.generate_ideas(random.Random(seed), count))]


def test_scores_equal_a_plain_dense_tfidf_computation():
    rows = _rows(60)
    index = SimilarityIndex(rows)
    counts = [similarity.term_counts(title, body) for _, title, body in rows]
    dense = np.zeros((len(rows), similarity.FEATURES))
    for n, (columns, tf) in enumerate(counts):
        dense[n, columns] = tf
    idf = np.log((1 + len(rows)) / (1 + (dense > 0).sum(0))) + 1

    def weighted(matrix):
        out = matrix * idf
        for part, weight in ((slice(0, similarity.CHAR_BUCKETS), similarity.CHAR_WEIGHT),
                             (slice(similarity.CHAR_BUCKETS, None), similarity.CONCEPT_WEIGHT)):
            norm = np.linalg.norm(out[..., part], axis=-1, keepdims=True)
            out[..., part] = np.divide(out[..., part], norm, out=np.zeros_like(out[..., part]),
                                       where=norm > 0) * np.sqrt(weight)
        return out

    expected = weighted(dense) @ weighted(dense[0:1]).T
    got = index.scores_to(1)
    for n, (idea_id, _, _) in enumerate(rows[1:], 1):
        assert got.get(idea_id, 0.0) == pytest.approx(expected[n, 0], abs=1e-5)
    assert index.score(1, 1) == pytest.approx(1.0, abs=1e-5)


def test_incremental_add_remove_update_equal_a_rebuild():
    rows = _rows(240)
    index = SimilarityIndex(rows[:150], refresh_ratio=0)
    for row in rows[150:200]:
        index.add(*row)
    removed = set(range(1, 60, 4))
    for idea_id in removed:
        assert index.remove(idea_id)
    assert not index.remove(10_000)
    index.update(80, "Tempo 30 vor allen Schulen", "Vor Schulen und Kitas sollte überall Tempo 30 gelten.")
    final = {r[0]: r for r in rows[:200] if r[0] not in removed}
    final[80] = (80, "Tempo 30 vor allen Schulen", "Vor Schulen und Kitas sollte überall Tempo 30 gelten.")
    rebuilt = SimilarityIndex(sorted(final.values()))
    assert sorted(index.ids()) == sorted(rebuilt.ids()) and len(index) == len(rebuilt) == len(final)
    for _, title, body in rows[200:]:
        found = index.most_similar(title, body, k=8)
        _assert_same(found, rebuilt.most_similar(title, body, k=8))
        assert not removed & {i for i, _ in found}
    assert index.similar_to(80)[0] == rebuilt.similar_to(80)[0]


def test_with_the_default_refresh_ratio_rankings_stay_close_and_refresh_makes_them_exact():
    rows = _rows(330, seed=11)
    index = SimilarityIndex(rows[:300])  # REFRESH_RATIO: 30 additions do not renew the snapshot
    for row in rows[300:]:
        index.add(*row)
    assert index._changes == 30
    rebuilt = SimilarityIndex(rows)
    probes = content.generate_ideas(random.Random(99), 40)
    overlap = np.mean([len({i for i, _ in index.most_similar(d.title, d.body)} &
                           {i for i, _ in rebuilt.most_similar(d.title, d.body)}) / 5 for d in probes])
    assert overlap >= 0.95
    index.refresh()
    for d in probes:
        _assert_same(index.most_similar(d.title, d.body), rebuilt.most_similar(d.title, d.body))
    index.add(999, "Noch eine Idee", "Ein weiterer Vorschlag für mehr Grün in der Stadt.")
    index.add(1000, "Und noch eine", "Mehr Bänke im Park.")
    for n in range(40):  # more than 10 % of changes: the snapshot renews itself
        index.update(n + 1, rows[n][1], rows[n][2])
    index.most_similar("Radweg", "Ein Radweg an der Saale.")
    assert index._snapshot_size > 330 and len(index) == 332  # renewed on the way (it was 330)
    assert index._changes <= 0.1 * index._snapshot_size


def test_most_similar_excludes_and_never_returns_removed_or_zero_scores():
    index = SimilarityIndex(_rows(50))
    _, title, body = _rows(50)[0]
    first = index.most_similar(title, body, k=5)
    assert first[0][0] == 1 and first[0][1] == pytest.approx(1.0, abs=1e-5)
    assert 1 not in [i for i, _ in index.most_similar(title, body, k=5, exclude={1})]
    assert 1 not in [i for i, _ in index.similar_to(1, k=49)]
    index.remove(1)
    assert 1 not in [i for i, _ in index.most_similar(title, body, k=49)]
    assert all(0 < s <= 1.0001 for _, s in index.most_similar(title, body, k=49))
    assert index.most_similar("", "") == []
    assert index.most_similar("Und der", "die das mit von") == []  # nothing but function words
    assert SimilarityIndex().most_similar("Radweg", "Saale") == []


def test_concurrent_adds_and_queries_leave_a_consistent_index():
    rows = _rows(400, seed=3)
    index = SimilarityIndex(rows[:100])
    errors = []

    def writer(chunk):
        try:
            for row in chunk:
                index.add(*row)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    def reader():
        try:
            for _, title, body in rows[:60]:
                assert len(index.most_similar(title, body)) <= 5
        except Exception as error:  # pragma: no cover
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(rows[100 + 100 * n:200 + 100 * n],)) for n in range(3)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(index) == 400
    index.refresh()
    assert index.most_similar(rows[350][1], rows[350][2])[0][0] == 351


# --- the stored suggestions ------------------------------------------------------------------

@pytest.fixture
def fresh_cache(app):
    similarity.invalidate()
    yield
    similarity.invalidate()


def _stored(db, idea):
    from participation.moderation.models import IdeaSimilarity

    rows = db.session.execute(
        db.select(IdeaSimilarity.similar_id, IdeaSimilarity.rank, IdeaSimilarity.score)
        .where(IdeaSimilarity.idea_id == idea.id).order_by(IdeaSimilarity.rank)).all()
    return [(similar_id, rank, score) for similar_id, rank, score in rows]


def _demo_ideas(make_idea, process, count, seed=5):
    return [make_idea(process, title=d.title, body=d.body)
            for d in content.generate_ideas(random.Random(seed), count)]


def test_refresh_suggestions_stores_five_ranked_rows(db, make_process, make_idea, fresh_cache):
    from participation.moderation.similarity import refresh_suggestions

    process = make_process()
    _demo_ideas(make_idea, process, 12)
    original, _, dup_title, dup_body, _ = DATA.PAIRS[0]  # Tempo 30 in der Innenstadt
    first = make_idea(process, title=original, body=DATA.PAIRS[0][1])
    idea = make_idea(process, title=dup_title, body=dup_body)
    top = refresh_suggestions(idea)
    db.session.commit()
    stored = _stored(db, idea)
    assert [rank for _, rank, _ in stored] == [1, 2, 3, 4, 5]
    _assert_same([(i, s) for i, _, s in stored], top)
    assert stored[0][0] == first.id
    scores = [score for _, _, score in stored]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    assert idea.id not in [i for i, _, _ in stored]
    refresh_suggestions(idea)  # again: replaced, not added
    db.session.commit()
    assert len(_stored(db, idea)) == 5


def test_an_older_ideas_list_takes_in_a_closer_idea_when_it_arrives(db, make_process, make_idea, fresh_cache):
    from participation.moderation.similarity import refresh_suggestions

    process = make_process()
    others = _demo_ideas(make_idea, process, 10, seed=8)
    title, body, dup_title, dup_body, _ = next(p for p in DATA.PAIRS if p[0] == "Trinkbrunnen in der Stadt aufstellen")
    older = make_idea(process, title=title, body=body)
    for idea in others + [older]:
        refresh_suggestions(idea)
    db.session.commit()
    before = _stored(db, older)
    assert len(before) == 5
    newcomer = make_idea(process, title=dup_title, body=dup_body)
    refresh_suggestions(newcomer)
    db.session.commit()
    after = _stored(db, older)
    assert after[0][0] == newcomer.id, after
    assert [rank for _, rank, _ in after] == [1, 2, 3, 4, 5]
    assert [i for i, _, _ in after[1:]] == [i for i, _, _ in before[:4]]  # the old 5th dropped out
    assert _stored(db, newcomer)[0][0] == older.id
    # Ideas whose 5th suggestion beats the newcomer keep their lists untouched.
    untouched = [o for o in others if newcomer.id not in [i for i, _, _ in _stored(db, o)]]
    assert untouched


def test_suggestions_leave_out_the_idea_itself_other_processes_and_merged_rejected_hidden(
        db, make_process, make_idea, fresh_cache):
    from participation.database import utcnow
    from participation.ideas.models import IdeaStatus
    from participation.moderation.similarity import refresh_suggestions, suggestions_for

    process, elsewhere = make_process(), make_process()
    _demo_ideas(make_idea, process, 8)
    title, body = "Mehr Trinkbrunnen in der Innenstadt", "Öffentliche Trinkbrunnen auf allen Plätzen, für heiße Tage."
    idea = make_idea(process, title=title, body=body)
    twin_elsewhere = make_idea(elsewhere, title=title, body=body)
    merged = make_idea(process, title=title + "!", body=body, status=IdeaStatus.MERGED)
    rejected = make_idea(process, title=title + "?", body=body, status=IdeaStatus.REJECTED)
    hidden = make_idea(process, title=title + " bitte", body=body)
    hidden.hidden_at = utcnow()
    submitted = make_idea(process, title="Trinkbrunnen in der Innenstadt", body=body, status=IdeaStatus.SUBMITTED)
    db.session.commit()
    unwanted = {idea.id, twin_elsewhere.id, merged.id, rejected.id, hidden.id}

    computed = suggestions_for(idea)  # nothing stored yet: computed on the spot, not stored
    assert _stored(db, idea) == []
    assert computed and computed[0].idea.id == submitted.id
    assert not unwanted & {s.idea.id for s in computed}
    refresh_suggestions(idea)
    db.session.commit()
    stored = suggestions_for(idea)
    assert [s.idea.id for s in stored] == [i for i, _, _ in _stored(db, idea)]
    assert not unwanted & {s.idea.id for s in stored} and len(stored) == 5
    # Rows that went stale (merged since, without forget) are skipped when read.
    submitted.status = IdeaStatus.MERGED
    db.session.commit()
    assert submitted.id not in [s.idea.id for s in suggestions_for(idea)]
    for other, score in suggestions_for(idea):  # the routes unpack (idea, score)
        assert other.process_id == process.id and 0 < score <= 1


def test_forget_removes_the_idea_from_every_list_and_fills_them_up(db, make_process, make_idea, fresh_cache):
    from participation.ideas.models import IdeaStatus
    from participation.moderation.models import IdeaSimilarity
    from participation.moderation.similarity import forget, index_for, refresh_suggestions

    process = make_process()
    ideas = _demo_ideas(make_idea, process, 12, seed=21)
    for idea in ideas:
        refresh_suggestions(idea)
    db.session.commit()
    gone = ideas[0]
    listed_by = [i.id for i in ideas if gone.id in [s for s, _, _ in _stored(db, i)]]
    assert listed_by
    gone.status = IdeaStatus.REJECTED
    forget(gone)
    db.session.commit()
    assert gone.id not in index_for(process.id)
    assert db.session.scalar(db.select(db.func.count()).select_from(IdeaSimilarity)
                             .where(IdeaSimilarity.similar_id == gone.id)) == 0
    for idea in ideas[1:]:
        assert len(_stored(db, idea)) == 5, idea.id
    # refresh_suggestions of an idea that cannot be merged any more forgets it too.
    ideas[1].status = IdeaStatus.MERGED
    assert refresh_suggestions(ideas[1]) == []
    db.session.commit()
    assert ideas[1].id not in index_for(process.id)


def test_the_cached_index_notices_changes_made_elsewhere(db, make_process, make_idea, fresh_cache):
    from participation.database import utcnow
    from participation.ideas.models import Idea
    from participation.moderation.similarity import index_for

    process = make_process()
    ideas = _demo_ideas(make_idea, process, 6, seed=2)
    index = index_for(process.id)
    assert sorted(index.ids()) == sorted(i.id for i in ideas)
    # Another worker hides one idea and edits another (without raising its version).
    db.session.execute(db.update(Idea).where(Idea.id == ideas[0].id).values(hidden_at=utcnow()))
    db.session.execute(db.update(Idea).where(Idea.id == ideas[1].id)
                       .values(title="Wasserstoffbusse für die Linie 15"))
    db.session.commit()
    index = index_for(process.id)
    assert ideas[0].id not in index
    assert index.most_similar("Wasserstoffbusse Linie 15", "")[0][0] == ideas[1].id
    similarity.invalidate(process.id)
    assert similarity._indexes.get(process.id) is None


def test_the_task_runs_after_commit_and_stores_the_suggestions(db, make_process, make_idea, fresh_cache):
    from participation.moderation.similarity import refresh_suggestions_task
    from participation.tasks import after_commit

    process = make_process()
    _demo_ideas(make_idea, process, 7, seed=4)
    idea = make_idea(process, title="Sonnensegel über dem Sandkasten", body="Auf dem Spielplatz fehlt Schatten.")
    after_commit(refresh_suggestions_task, idea.id)
    db.session.commit()  # immediate mode in tests: the task runs now
    assert len(_stored(db, idea)) == 5
    refresh_suggestions_task(10**9)  # an idea that is gone: nothing happens
