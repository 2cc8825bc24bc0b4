"""Benchmark: quality and speed of the duplicate suggestions (participation.moderation.similarity).

Quality: the labelled pairs of tests/moderation/duplicate_pairs.py. The originals are mixed into
the demo generator's ideas (880, the demo's own seed) and every duplicate is queried: where does
its original rank? Reported strictly, and "adjusted": with the demo ideas of seeds labelled as
the very same proposal (SAME_PROPOSAL_SEEDS) left out of that pair's ranking, since finding
those first is right, not a miss. The hard negatives (same topic, different proposal) check
precision: how they score against the true pairs (AUC) and how often B is in A's top five.

Speed: a process of 10,000 ideas (the demo generator with varied seeds): building its index, and
for each of ~200 new ideas what refresh_suggestions does in memory (add the idea, its top five,
its scores against all others), plus the add alone. Finally, why the IDF snapshot is renewed only
after 10 % of changes: top-five agreement of a 10 % stale snapshot with an exact one.

Pure Python with numpy/scipy, no database, no server. Prints ONE JSON line on stdout; progress
on stderr. Takes about 20-30 s on 2 cores.

    .venv/bin/python bench/duplicates.py
    .venv/bin/python bench/duplicates.py --ideas 10000 --queries 200
"""
import argparse
import importlib.util
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit_json, log, ms, percentile  # noqa: E402

from participation.demo import content  # noqa: E402
from participation.moderation import similarity  # noqa: E402
from participation.moderation.similarity import SimilarityIndex  # noqa: E402

DEMO_SEED = 2035  # the demo's own (participation/demo/seed.py)
DEMO_COUNT = 880
ORIGINAL_BASE, DEMO_BASE, NEGATIVE_BASE = 1, 100_000, 200_000


def load_pairs():
    path = ROOT / "tests" / "moderation" / "duplicate_pairs.py"
    spec = importlib.util.spec_from_file_location("duplicate_pairs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_ideas(seed=DEMO_SEED, count=DEMO_COUNT):
    return content.generate_ideas(random.Random(seed), count)


def rank_of(found, wanted, skip=frozenset()):
    """1-based rank of `wanted` in [(id, score)] best first, ignoring ids in `skip`; None if absent."""
    rank = 0
    for idea_id, _ in found:
        if idea_id in skip:
            continue
        rank += 1
        if idea_id == wanted:
            return rank
    return None


def auc(positives, negatives):
    """Probability that a random true pair scores above a random hard negative (ties half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def all_pairs(data):
    return list(data.PAIRS) + list(getattr(data, "HELD_OUT_PAIRS", []))


def evaluate(data, drafts):
    """Ranks of the originals; the index of originals + demo ideas; scores of true pairs."""
    pairs = all_pairs(data)
    rows = [(ORIGINAL_BASE + i, p[0], p[1]) for i, p in enumerate(pairs)]
    rows += [(DEMO_BASE + i, d.title, d.body) for i, d in enumerate(drafts)]
    started = time.perf_counter()
    index = SimilarityIndex(rows)
    build = time.perf_counter() - started
    seed_of = {DEMO_BASE + i: d.seed_key for i, d in enumerate(drafts)}
    strict, adjusted, scores = [], [], []
    for i, (title, _, dup_title, dup_body, _kind) in enumerate(pairs):
        found = index.most_similar(dup_title, dup_body, k=len(index))
        same = set(data.SAME_PROPOSAL_SEEDS.get(title, ()))
        skip = {idea_id for idea_id, _ in found if seed_of.get(idea_id) in same}
        strict.append(rank_of(found, ORIGINAL_BASE + i))
        adjusted.append(rank_of(found, ORIGINAL_BASE + i, skip))
        scores.append(dict(found).get(ORIGINAL_BASE + i, 0.0))
    return index, build, strict, adjusted, scores


def summary(ranks, kinds=None, only=None):
    chosen = [r for r, k in zip(ranks, kinds or [None] * len(ranks)) if only is None or k == only]
    if not chosen:
        return {}
    top = lambda n: sum(1 for r in chosen if r is not None and r <= n) / len(chosen)  # noqa: E731
    return {"recall_at_5": round(top(5), 3), "recall_at_1": round(top(1), 3),
            "mrr": round(sum(1 / r for r in chosen if r) / len(chosen), 3)}


def hard_negatives(data, drafts, positive_scores):
    """Score of B for query A in an index of originals + demo ideas + every B."""
    rows = [(ORIGINAL_BASE + i, p[0], p[1]) for i, p in enumerate(all_pairs(data))]
    rows += [(DEMO_BASE + i, d.title, d.body) for i, d in enumerate(drafts)]
    rows += [(NEGATIVE_BASE + i, n[2], n[3]) for i, n in enumerate(data.HARD_NEGATIVES)]
    index = SimilarityIndex(rows)
    scores, in_top5 = [], 0
    for i, (title_a, body_a, *_rest) in enumerate(data.HARD_NEGATIVES):
        found = index.most_similar(title_a, body_a, k=len(index))
        scores.append(dict(found).get(NEGATIVE_BASE + i, 0.0))
        rank = rank_of(found, NEGATIVE_BASE + i)
        in_top5 += rank is not None and rank <= 5
    return {
        "negatives": len(scores),
        "negative_in_top5": round(in_top5 / len(scores), 3),
        "negative_score_mean": round(sum(scores) / len(scores), 3),
        "positive_score_mean": round(sum(positive_scores) / len(positive_scores), 3),
        "positive_vs_negative_auc": round(auc(positive_scores, scores), 3),
    }


def large_process(count):
    """`count` ideas from the demo generator with varied seeds (titles repeat across seeds)."""
    ideas, seed = [], 1
    while len(ideas) < count:
        ideas.extend(demo_ideas(seed, min(DEMO_COUNT, count - len(ideas))))
        seed += 1
    return ideas


def speed(count, queries):
    drafts = large_process(count)
    rows = [(n + 1, d.title, d.body) for n, d in enumerate(drafts)]
    started = time.perf_counter()
    index = SimilarityIndex(rows)
    build = time.perf_counter() - started
    log(f"[speed] index of {len(index)} ideas in {build:.2f} s")
    new = demo_ideas(seed=9999, count=queries)
    for d in new[:5]:  # warm-up: caches, allocator
        index.most_similar(d.title, d.body)
    suggest, add_only = [], []
    for n, d in enumerate(new):
        idea_id = 10_000_000 + n
        started = time.perf_counter()
        index.add(idea_id, d.title, d.body)
        added = time.perf_counter()
        index.neighbours(idea_id)  # its top five and its scores against every other idea
        done = time.perf_counter()
        add_only.append(added - started)
        suggest.append(done - started)
    query_only = []
    for d in new[:queries // 2]:
        started = time.perf_counter()
        index.most_similar(d.title, d.body)
        query_only.append(time.perf_counter() - started)
    started = time.perf_counter()
    index.refresh()
    reweight = time.perf_counter() - started
    return drafts, {
        "process_ideas": count,
        "build_10k_ms": ms(build, 1),
        "suggest_p50_ms": ms(percentile(suggest, 50)),
        "suggest_p95_ms": ms(percentile(suggest, 95)),
        "suggest_max_ms": ms(max(suggest)),
        "query_p50_ms": ms(percentile(query_only, 50)),
        "incremental_add_ms": ms(percentile(add_only, 50)),
        "incremental_add_p95_ms": ms(percentile(add_only, 95)),
        "reweight_ms": ms(reweight, 1),
    }


def stale_idf(drafts, queries):
    """Top-5 agreement between an index grown by 10 % without a new snapshot and an exact one."""
    base = int(len(drafts) / 1.1) + 1
    rows = [(n + 1, d.title, d.body) for n, d in enumerate(drafts)]
    stale = SimilarityIndex(rows[:base], refresh_ratio=0.1)
    for row in rows[base:]:
        stale.add(*row)
    exact = SimilarityIndex(rows)
    assert stale._changes == len(rows) - base, "the stale index refreshed on its own"
    probes = demo_ideas(seed=4242, count=queries)
    same = overlap = 0
    for d in probes:
        a = [i for i, _ in stale.most_similar(d.title, d.body)]
        b = [i for i, _ in exact.most_similar(d.title, d.body)]
        same += a == b
        overlap += len(set(a) & set(b)) / max(1, len(b))
    return {"stale_idf_growth": round((len(rows) - base) / base, 3),
            "stale_idf_top5_identical": round(same / len(probes), 3),
            "stale_idf_top5_overlap": round(overlap / len(probes), 3)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ideas", type=int, default=10_000, help="ideas in the large process (speed)")
    parser.add_argument("--queries", type=int, default=200, help="new ideas timed against it")
    args = parser.parse_args()
    begun = time.perf_counter()

    data = load_pairs()
    drafts = demo_ideas()
    pairs = all_pairs(data)
    kinds = [p[4] for p in pairs]
    sets = ["development"] * len(data.PAIRS) + ["held_out"] * (len(pairs) - len(data.PAIRS))
    index, build, strict, adjusted, positive_scores = evaluate(data, drafts)
    log(f"[quality] {len(pairs)} pairs in a corpus of {len(index)}; index built in {build * 1000:.0f} ms")
    for kind in data.KINDS:
        log(f"  {kind:10s} strict {summary(strict, kinds, kind)}  adjusted {summary(adjusted, kinds, kind)}")
    for name in ("development", "held_out"):
        log(f"  {name:11s} strict {summary(strict, sets, name)}  adjusted {summary(adjusted, sets, name)}")
    misses = [(r, p[4], p[0], p[2], n) for r, p, n in zip(adjusted, pairs, sets) if r is None or r > 5]
    for rank, kind, original, duplicate, name in misses:
        log(f"  miss (rank {rank}, {kind}, {name}): {duplicate!r} -> {original!r}")
    negatives = hard_negatives(data, drafts, positive_scores)
    log(f"[precision] {negatives}")

    large, timing = speed(args.ideas, args.queries)
    log(f"[speed] {timing}")
    stale = stale_idf(large, min(args.queries, 100))
    log(f"[stale idf] {stale}")

    result = {
        "pairs": len(pairs),
        "corpus": len(index),
        **summary(adjusted),
        "strict": summary(strict),
        "development": {"pairs": sets.count("development"), **summary(adjusted, sets, "development"),
                        "strict_recall_at_5": summary(strict, sets, "development")["recall_at_5"]},
        "held_out": {"pairs": sets.count("held_out"), **summary(adjusted, sets, "held_out"),
                     "strict_recall_at_5": summary(strict, sets, "held_out")["recall_at_5"]},
        "by_kind": {k: summary(adjusted, kinds, k)["recall_at_5"] for k in data.KINDS},
        "build_ms": ms(build, 1),
        **timing,
        **negatives,
        **stale,
        "settings": {"char_ngrams": list(similarity.CHAR_NGRAMS), "buckets": similarity.CHAR_BUCKETS,
                     "concepts": len(similarity.CONCEPT_NAMES), "weights": [similarity.CHAR_WEIGHT,
                                                                           similarity.CONCEPT_WEIGHT],
                     "title_repeat": similarity.TITLE_REPEAT, "refresh_ratio": similarity.REFRESH_RATIO},
        "seconds": round(time.perf_counter() - begun, 1),
    }
    emit_json(result)


if __name__ == "__main__":
    main()
