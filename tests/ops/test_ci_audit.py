"""The CI audit step (.ci/audit.py): a vulnerability with a fixed version fails, one without is
reported and passes, and an audit that reached no package says so."""
import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"


@pytest.fixture(scope="module")
def audit():
    spec = importlib.util.spec_from_file_location("ci_audit", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _report(*deps):
    return {"dependencies": list(deps), "fixes": []}


def test_a_vulnerability_with_a_fixed_version_fails(audit):
    lines, code = audit.verdict(_report(
        {"name": "jinja2", "version": "3.1.2", "vulns": [
            {"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"], "aliases": ["CVE-2024-22195"]}]},
        {"name": "flask", "version": "3.1.0", "vulns": []},
    ))
    assert code == 1
    assert any(line.startswith("FIXABLE  jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (CVE-2024-22195); fixed in 3.1.3")
               for line in lines)
    assert lines[-1] == "pip-audit: 2 packages audited, 1 fixable vulnerability"


def test_a_vulnerability_without_a_fix_is_reported_but_passes(audit):
    lines, code = audit.verdict(_report(
        {"name": "ecdsa", "version": "0.19.1", "vulns": [{"id": "GHSA-wj6h-64fc-37mp", "fix_versions": []}]},
    ))
    assert code == 0
    assert any("NO FIX   ecdsa 0.19.1: GHSA-wj6h-64fc-37mp" in line for line in lines)


def test_one_fixable_among_unfixable_still_fails(audit):
    _, code = audit.verdict(_report(
        {"name": "a", "version": "1", "vulns": [{"id": "X-1", "fix_versions": []}]},
        {"name": "b", "version": "2", "vulns": [{"id": "X-2", "fix_versions": ["2.0.1"]}]},
    ))
    assert code == 1


def test_an_audit_that_reached_no_package_warns_and_fails_only_when_strict(audit):
    report = _report({"name": "flask", "skip_reason": "Dependency not found on PyPI and could not be audited"})
    lines, code = audit.verdict(report)
    assert code == 0 and lines[-1].startswith("WARNING: the vulnerability service answered for no package")
    assert audit.verdict(report, strict=True)[1] == 2


def test_a_clean_report_passes(audit):
    lines, code = audit.verdict(_report({"name": "flask", "version": "3.1.0", "vulns": []}))
    assert code == 0 and lines == ["pip-audit: 1 packages audited, 0 fixable vulnerabilities"]
