"""The Content-Security-Policy (style-src 'self') blocks inline styles: no template may carry one."""
import re
from pathlib import Path

from participation.security import CONTENT_SECURITY_POLICY

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# A style attribute (also one passed to a macro as style=...) or a <style> element.
INLINE_STYLE = re.compile(r"""(?<![\w-])style\s*=|<style[\s>]""", re.I)


def inline_styles():
    found = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".svg", ".xml", ".j2", ".jinja"):
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if INLINE_STYLE.search(text):
                    found.append(f"{path.relative_to(TEMPLATES)}:{number}: {text.strip()[:120]}")
    return found


def test_the_policy_blocks_inline_styles():
    styles = next(part for part in CONTENT_SECURITY_POLICY.split("; ") if part.startswith("style-src"))
    assert "'unsafe-inline'" not in styles and "nonce-" not in styles


def test_no_template_has_an_inline_style():
    assert list(TEMPLATES.rglob("*.html")), "no templates found"
    found = inline_styles()
    assert found == [], "inline styles are blocked by the CSP; use a class in static/css/app.css:\n" + "\n".join(found)


def test_the_pattern_finds_what_it_must():
    for text in ('<div style="overflow-x: auto">', "<p STYLE = 'x'>", "{{ field(f, style='x') }}", "<style>",
                 '<style media="print">'):
        assert INLINE_STYLE.search(text), text
    for text in ('<div class="table-scroll">', "data-style=x", "<link rel=stylesheet>", "lifestyle = 3"):
        assert not INLINE_STYLE.search(text), text
