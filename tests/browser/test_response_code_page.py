"""The page where an invited resident types the code from their letter, in real Chromium at 360 and 1280 px.

Only the code input is monospace and upper-case; its label, hint and error read as normal text. The
page does not scroll sideways on a phone."""
import pytest

from tests.browser.test_moderation_journey import new_page, screenshot

CODE = "Ihr Antwortcode"  # Your response code
CONTINUE = "Weiter"  # Continue
UNKNOWN = "Diesen Code kennen wir nicht"  # We do not know this code. ...

STYLE = """(selector) => { const s = getComputedStyle(document.querySelector(selector));
    return [s.fontFamily, s.textTransform]; }"""


@pytest.mark.parametrize("width", [360, 1280])
def test_only_the_code_input_is_monospace_and_upper_case(browser, live_server, make_process, width):
    base_url, _ = live_server
    process = make_process()
    context, page = new_page(browser)
    try:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{base_url}/processes/{process.slug}/respond")
        page.get_by_label(CODE).fill("k7mx-p3qr-t9")
        page.get_by_role("button", name=CONTINUE).click()
        page.wait_for_load_state()
        assert UNKNOWN in page.locator(".field .errors").inner_text()
        body_font = page.evaluate(STYLE, "body")[0]
        for selector in ("label[for=code]", "#code-hint", "#code-errors li"):
            family, transform = page.evaluate(STYLE, selector)
            assert family == body_font and "monospace" not in family, (selector, family)
            assert transform == "none", (selector, transform)
        family, transform = page.evaluate(STYLE, "input#code")
        assert "monospace" in family and transform == "uppercase"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"lottery-respond-error-{width}")
    finally:
        context.close()
