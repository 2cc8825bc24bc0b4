"""Audit the installed virtual environment with pip-audit; fail only on what can be fixed.

pip-audit exits non-zero on any known vulnerability, and has no flag to tell a vulnerability
with a fixed release from one that has none. This script runs it with JSON output against the
environment of the Python that runs this script (the project's .venv in CI), prints every finding,
and exits 1 only when at least one vulnerability names a fixed version: that one can and must be
bumped. A vulnerability without a fix is reported and left to the maintainers' judgement.

When the vulnerability service answers for no package at all (a mirror that serves only the
simple index, no network), nothing was audited: that is said loudly, and it fails only with
--strict (or AUDIT_STRICT=1), since no data is not a vulnerability.

    .venv/bin/python .ci/audit.py [--strict]   # 0: nothing fixable; 1: bump something; 2: audit failed
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def findings(report):
    """(name, version, id, fix_versions, aliases) for every vulnerability in a pip-audit JSON report."""
    for dependency in report.get("dependencies", []):
        for vuln in dependency.get("vulns", []):
            yield (dependency["name"], dependency.get("version", "?"), vuln["id"],
                   list(vuln.get("fix_versions") or []), list(vuln.get("aliases") or []))


def verdict(report, strict=False):
    """The lines to print and the exit code for a parsed pip-audit JSON report."""
    lines, fixable = [], 0
    for name, version, vuln_id, fixes, aliases in findings(report):
        alias = f" ({', '.join(aliases)})" if aliases else ""
        if fixes:
            fixable += 1
            lines.append(f"FIXABLE  {name} {version}: {vuln_id}{alias}; fixed in {', '.join(fixes)}")
        else:
            lines.append(f"NO FIX   {name} {version}: {vuln_id}{alias}; no fixed version yet (reported, not failing)")
    skipped = [d["name"] for d in report.get("dependencies", []) if d.get("skip_reason")]
    if skipped:
        lines.append(f"not audited: {', '.join(sorted(skipped))}")
    audited = sum(1 for d in report.get("dependencies", []) if not d.get("skip_reason"))
    lines.append(f"pip-audit: {audited} packages audited, {fixable} fixable vulnerabilit"
                 f"{'y' if fixable == 1 else 'ies'}")
    if fixable:
        return lines, 1
    if skipped and not audited:
        lines.append("WARNING: the vulnerability service answered for no package, so nothing was audited "
                     "(is it reachable from this machine?)")
        return lines, (2 if strict else 0)
    return lines, 0


def main():
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "audit.json"
        # --skip-editable: the project itself is installed editable and is not on PyPI.
        done = subprocess.run(
            [sys.executable, "-m", "pip_audit", "--format", "json", "--skip-editable",
             "--progress-spinner", "off", "--output", str(out)],
            stderr=subprocess.PIPE, text=True, check=False,
        )
        if not out.exists() or not out.read_text().strip():
            sys.stderr.write(done.stderr)
            print("pip-audit did not produce a report", file=sys.stderr)
            return 2
        report = json.loads(out.read_text())
    strict = "--strict" in sys.argv[1:] or os.environ.get("AUDIT_STRICT", "") in ("1", "true", "yes")
    lines, code = verdict(report, strict=strict)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
