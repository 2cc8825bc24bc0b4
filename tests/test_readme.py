"""README is a user's and an operator's guide: it starts with `make run` and `make test`, says what
exists (conferences are built, Redis carries the Socket.IO message queue), and leaves the benchmark
lab notes to bench/README.md, which it points to."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_starts_with_run_and_test_and_points_to_the_benchmarks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, flags=re.S)
    assert first_block.start() < 100
    assert re.search(r"^make run\b", first_block.group(1), flags=re.M)
    assert re.search(r"^make test\b", first_block.group(1), flags=re.M)
    assert "Live digital conferences** (built)" in readme
    assert "(planned)" not in readme and "later, the Socket.IO" not in readme
    assert "Socket.IO message queue of live conferences" in readme
    assert "](bench/README.md)" in readme
    # No lab notes: no tables of measured latencies, no load averages.
    assert " p95 " not in readme and "| figure |" not in readme and "load average" not in readme


def test_bench_readme_holds_the_figures_of_every_script():
    notes = (ROOT / "bench/README.md").read_text(encoding="utf-8")
    for script in sorted(p.name for p in (ROOT / "bench").glob("*.py") if p.name != "common.py"):
        assert re.search(rf"^## .*`bench/{re.escape(script)}`", notes, flags=re.M), script
    assert notes.count("| figure |") >= 5 and "](../README.md)" in notes
