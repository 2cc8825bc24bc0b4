"""Tools of the stored-hostile-input test (tests/test_hostile_stored.py): the hostile values, a
browser-like form filler, the checks of parsed documents (HTML, CSV, JSON, PDF, SVG) and a crawler.

Every value carries a marker `hx<n>x` right before `{{7*7}}`: a template engine that evaluated the
value would leave `hx<n>x49`, and the marker tells which field a finding came from."""
import csv
import importlib
import inspect
import io
import json
import re
from email.message import Message
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import sqlalchemy as sa
from wtforms import FileField, Form, HiddenField, PasswordField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

FORM_MODULES = ("auth", "catalogue", "conference", "ideas", "legal", "lottery", "moderation", "processes")
LONG = 6000
LEADS = "=+-@"  # every value starts with a character a spreadsheet reads as a formula
PIECES = (
    "<script>alert('hx')</script>",
    "<img src=x onerror=alert(1)>",
    "[Klick](javascript:alert(1))",
    "\u202egnp.exe",
    '"><svg onload=alert(1)><circle r="9"/></svg>',
    "{% if 1 %}hx-jinja{% endif %} {{ 6007*3 }}",
    "<a href=\"javascript:alert(1)\">a</a> javascript:alert(1)",
    "<iframe src=\"javascript:alert(1)\"></iframe><object data=\"x.swf\"></object>",
    "</textarea></title><b onmouseover=alert(1)>b</b>",
    "[Bild](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <style>body{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
)
EVALUATED = re.compile(r"hx\d+x49|18021|hx-jinja(?!\{)")  # what a template engine would have made of them
MARKER = re.compile(r"hx(\d+)x")
BIDI_OVERRIDES = re.compile("[\u202a-\u202e]")  # embeddings and overrides: they turn shown text around
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset",
                  "ping", "cite", "longdesc", "manifest", "codebase", "lowsrc", "dynsrc"}
FOREIGN = {"iframe", "object", "embed", "applet", "base", "frame", "frameset", "math", "circle", "mglyph", "style",
           "img", "marquee", "template", "portal", "link", "meta"}  # never from our templates in the body
OUR_SCRIPT_TYPES = {"application/json"}


def hostile(n, limit=None):
    """A hostile value with the marker of field `n`, as long as `limit` allows (whole pieces only)."""
    value = f"{LEADS[n % len(LEADS)]}hx{n}x{{{{7*7}}}}"
    for piece in PIECES:
        if limit is not None and len(value) + 1 + len(piece) > limit:
            continue
        value += " " + piece
    return value


def long_value(n):
    """6,000 characters: every piece, words, and one unbroken word of 2,000 letters (for the layout)."""
    value = hostile(n) + " " + "W" * 2000 + " "
    words = "Radweg Wärmepumpe Stadtgrün "
    end = f" ENDE-{n}"  # the end is unique: a value cut short is noticed
    value += words * ((LONG - len(value)) // len(words) + 1)
    return value[:LONG - len(end)] + end


def form_text_fields():
    """{"area.Form.field"} of every text and file field a person fills in participation/*/forms.py."""
    found = set()
    for area in FORM_MODULES:
        module = importlib.import_module(f"participation.{area}.forms")
        classes = [obj for obj in vars(module).values()
                   if inspect.isclass(obj) and issubclass(obj, Form) and obj.__module__ == module.__name__]
        if hasattr(module, "response_form"):  # built per process from its features
            classes.append(_response_form_class(module))
        for cls in classes:
            for name in dir(cls):
                unbound = getattr(cls, name, None)
                if not isinstance(unbound, UnboundField):
                    continue
                kind = unbound.field_class
                if issubclass(kind, PasswordField | HiddenField):
                    continue  # secrets are never shown; hidden fields carry our own version numbers
                if issubclass(kind, StringField | FileField):
                    found.add(f"{area}.{cls.__name__}.{name}")
    return found


def _response_form_class(module):
    from flask import current_app

    with current_app.test_request_context():
        return type(module.response_form([], staff=False, meta={"csrf": False}))


def max_length(form_cls, name):
    unbound = getattr(form_cls, name, None)
    if unbound is None:  # a field outside WTForms
        return None
    for validator in unbound.kwargs.get("validators") or ():
        if isinstance(validator, Length) and validator.max not in (None, -1):
            return validator.max
    return None


# --- a browser's form submission ------------------------------------------------------------

def parse(text):
    return html5lib.parse(text, namespaceHTMLElements=False)


def forms_of(text):
    return [f for f in parse(text).iter("form")]


def browser_data(form, submit=None):
    """What a browser sends for `form` untouched: values, checked boxes, selected or first options."""
    data = []
    for element in form.iter():
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    data.append((name, element.get("value", "on")))
            elif kind in ("submit", "button", "image", "reset"):
                if submit is not None and (name, element.get("value")) == submit:
                    data.append((name, element.get("value")))
            elif kind != "file":
                data.append((name, element.get("value", "")))
        elif element.tag == "textarea":
            data.append((name, element.text or ""))
        elif element.tag == "select":
            options = list(element.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None]
            if element.get("multiple") is None and not chosen and options:
                chosen = [options[0]]
            for option in chosen:
                data.append((name, option.get("value", option.text or "")))
        elif element.tag == "button" and submit is not None and (name, element.get("value")) == submit:
            data.append((name, element.get("value")))
    return data


def find_form(text, field, action=None):
    """The first POST form on a page with a field named `field` (and an action ending in `action`)."""
    for form in forms_of(text):
        if (form.get("method") or "get").lower() != "post":
            continue
        if action and not (form.get("action") or "").endswith(action):
            continue
        if any(e.get("name") == field for e in form.iter()):
            return form
    raise AssertionError(f"no form with a field {field!r}")


def errors_shown(text):
    """The error messages a page shows: field errors and error flashes."""
    if not re.search(r'class="(errors|flash flash-error|error-summary)', text):
        return []
    document = parse(text)
    found = []
    for element in document.iter():
        classes = (element.get("class") or "").split()
        if ("errors" in classes and element.tag == "ul") or "flash-error" in classes or "error-summary" in classes:
            found.append(" ".join("".join(element.itertext()).split()))
    return [message for message in found if message]


# --- checks of parsed documents -----------------------------------------------------------------

class Findings(list):
    def add(self, url, what):
        self.append(f"{url}: {what}")


def _scheme(value):
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", unquote(value or "")).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned.split("/", 1)[0] else ""


def check_text(url, text, findings):
    for match in EVALUATED.finditer(text):
        findings.add(url, f"template syntax was evaluated: …{text[max(0, match.start() - 40):match.end() + 20]!r}")


def check_html(url, text, findings, *, fragment=False, document=None):
    if document is None:
        document = html5lib.parseFragment(text, namespaceHTMLElements=False) if fragment else parse(text)
    body = document if fragment else document.find("body")
    head = None if fragment else document.find("head")
    head_elements = set(head.iter()) if head is not None else set()
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.split("}")[-1].lower()
        for name, value in element.attrib.items():
            attribute = name.split("}")[-1].lower() if isinstance(name, str) else str(name)
            if attribute.startswith("on"):
                findings.add(url, f"event handler <{tag} {attribute}={value!r}>")
            if (attribute in URL_ATTRIBUTES or attribute.endswith("href")) and _scheme(value) in (
                    "javascript", "vbscript", "data", "livescript"):
                findings.add(url, f"script URL <{tag} {attribute}={value!r}>")
            if attribute == "style" and re.search(r"expression|url\s*\(|javascript", value, re.I):
                findings.add(url, f"style attribute <{tag} style={value!r}>")
        if tag == "script":
            src = element.get("src")
            if src is not None:
                if not urlsplit(src).path.startswith("/static/") or urlsplit(src).netloc:
                    findings.add(url, f"foreign script src={src!r}")
            elif (element.get("type") or "").lower() not in OUR_SCRIPT_TYPES:
                findings.add(url, f"inline script {''.join(element.itertext())[:80]!r}")
            else:
                try:
                    json.loads("".join(element.itertext()))
                except ValueError:
                    findings.add(url, "a JSON data block that is no longer JSON (broken out of?)")
        elif tag in FOREIGN and element not in head_elements:
            findings.add(url, f"injected <{tag}> element")
        elif tag == "svg" and element.get("role") != "img":
            findings.add(url, "an <svg> that is not one of our QR codes")
    shown = " ".join(body.itertext()) if body is not None else ""
    if BIDI_OVERRIDES.search(shown):
        findings.add(url, f"a bidi override is shown: …{shown[max(0, BIDI_OVERRIDES.search(shown).start() - 30):][:60]!r}")
    attributes = " ".join(v for e in document.iter() if isinstance(e.tag, str) for v in e.attrib.values())
    check_text(url, shown + " " + attributes, findings)
    return shown + " " + attributes


def check_csv(url, data, findings):
    text = data.decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[-+]?\d[\d.,]*", cell):
                findings.add(url, f"CSV cell read as a formula: {cell[:60]!r}")
    check_text(url, text, findings)
    return text


def check_xlsx(url, data, findings):
    """An XLSX export read with openpyxl: no formula cell anywhere; its text checked like a page's."""
    import openpyxl

    strings = []
    for sheet in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    findings.add(url, f"XLSX cell {cell.coordinate} is a formula: {str(cell.value)[:60]!r}")
                if isinstance(cell.value, str):
                    strings.append(cell.value)
    text = "\n".join(strings)
    check_text(url, text, findings)
    return text


def check_json(url, data, findings):
    document = json.loads(data)
    strings = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            strings.append(value)
            if key.endswith("_html"):
                check_html(f"{url} [{key}]", value, findings, fragment=True)

    walk(document)
    text = "\n".join(strings)
    check_text(url, text, findings)
    return text


def check_pdf(url, data, findings):
    import pypdfium2
    from pypdf import PdfReader

    document = pypdfium2.PdfDocument(data)  # the text, fast (PDFium); pypdf below reads links and actions
    texts = [page.get_textpage().get_text_range() for page in document]
    document.close()
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is None:
                continue
            action = action.get_object()
            if action.get("/S") in ("/JavaScript", "/Launch") or action.get("/JS") is not None:
                findings.add(url, f"PDF action {action.get('/S')}")
            uri = str(action.get("/URI") or "")
            if _scheme(uri) in ("javascript", "data", "file", "vbscript"):
                findings.add(url, f"PDF link to {uri!r}")
    root = reader.trailer["/Root"]
    if "/OpenAction" in root or "/AA" in root or "/JavaScript" in (root.get("/Names") or {}):
        findings.add(url, "PDF with a document action")
    text = "\n".join(texts)
    check_text(url, text, findings)
    return text


def check_svg(url, data, findings):
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(data)
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag in ("script", "foreignObject", "iframe", "image", "use", "a"):
            findings.add(url, f"<{tag}> in an SVG")
        for name in element.attrib:
            if name.split("}")[-1].lower().startswith("on"):
                findings.add(url, f"event handler {name} in an SVG")
    text = " ".join(" ".join(root.itertext()).split() + list(v for e in root.iter() for v in e.attrib.values()))
    check_text(url, text, findings)
    return text


def check_download(url, response, findings, extension):
    """A download names itself with its own extension; no control or bidi character can hide it."""
    header = response.headers.get("Content-Disposition", "")
    if not header:
        findings.add(url, "a download without Content-Disposition")
        return
    message = Message()
    message["Content-Disposition"] = header
    filename = message.get_filename() or ""
    if BIDI_CONTROLS.search(filename) or re.search(r"[\x00-\x1f\x7f\"\\/]", filename):
        findings.add(url, f"file name with control, bidi or path characters: {filename!r}")
    if not filename.lower().endswith("." + extension):
        findings.add(url, f"file name {filename!r} does not end with .{extension}")
    if re.search(r"[^\x20-\x7e]", header):
        findings.add(url, f"Content-Disposition with raw non-ASCII characters: {header!r}")


# --- the crawl --------------------------------------------------------------------------------

KINDS = {"text/html": "html", "text/csv": "csv", "application/json": "json", "application/pdf": "pdf",
         "image/svg+xml": "svg", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}


def _shape(target):
    """Links that differ only in numbers or query values count as one kind of page."""
    keys = tuple(sorted(k.split("=")[0] for k in target.query.split("&") if k))
    return re.sub(r"/\d+(?=/|$|\.)", "/N", re.sub(r"/k/[^/]+", "/k/T", target.path)), keys


def crawl(client, seeds, findings, *, limit=400, skip=(), follow=True, per_shape=3):
    """Open every page reachable by links from `seeds`; check each document; {url: shown text}.

    Of links that differ only in numbers or query values, `per_shape` are followed (the seeds always)."""
    seen, shown, queue, shapes = set(), {}, list(seeds), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or any(re.search(pattern, url) for pattern in skip):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            findings.add(url, f"answered {response.status_code}")
            continue
        if response.status_code in (301, 302, 303):
            location = response.headers["Location"]
            queue.append(urlsplit(urljoin("http://localhost" + url, location))._replace(scheme="", netloc="").geturl())
            continue
        if response.status_code != 200:
            continue
        kind = KINDS.get(response.mimetype)
        data = response.get_data()
        if kind == "html":
            document = parse(data.decode("utf-8"))
            text = check_html(url, None, findings, document=document)
            for anchor in (document.iter("a") if follow else ()):
                href = anchor.get("href")
                if not href or href.startswith(("#", "mailto:", "tel:")):
                    continue
                target = urlsplit(urljoin("http://localhost" + url, href))
                if target.netloc != "localhost" or target.path.startswith("/static/"):
                    continue
                link = target._replace(scheme="", netloc="", fragment="").geturl()
                if link in seen or link in queue:
                    continue
                shape = _shape(target)
                shapes[shape] = shapes.get(shape, 0) + 1
                if shapes[shape] <= per_shape:
                    queue.append(link)
        elif kind == "csv":
            check_download(url, response, findings, "csv")
            text = check_csv(url, data, findings)
        elif kind == "xlsx":
            check_download(url, response, findings, "xlsx")
            text = check_xlsx(url, data, findings)
        elif kind == "json":
            if "attachment" in response.headers.get("Content-Disposition", ""):
                check_download(url, response, findings, "json")
            text = check_json(url, data, findings)
        elif kind == "pdf":
            check_download(url, response, findings, "pdf")
            text = check_pdf(url, data, findings)
        elif kind == "svg":
            text = check_svg(url, data, findings)
        else:
            findings.add(url, f"unexpected content type {response.mimetype}")
            continue
        shown[url] = text
    return shown


# --- the database -------------------------------------------------------------------------------

def text_columns(db):
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text | sa.JSON)]
        if columns:
            yield table, columns


def stored(db, needle):
    """Whether any text column of any table holds `needle`."""
    db.session.expire_all()
    pattern = f"%{needle}%"
    for table, columns in text_columns(db):
        condition = sa.or_(*[sa.cast(c, sa.Text).like(pattern) for c in columns])
        if db.session.execute(sa.select(sa.func.count()).select_from(table).where(condition)).scalar():
            return True
    return False


def stored_text(db):
    """The text of every text column of every table, as one string."""
    db.session.expire_all()
    parts = []
    for _table, columns in text_columns(db):
        for row in db.session.execute(sa.select(*[sa.cast(c, sa.Text) for c in columns])).all():
            parts.extend(str(value) for value in row if value is not None)
    return "\n".join(parts)


def fingerprint(db, ignore=("lottery_access_log", "audit_entries", "users")):
    """Every row of every table (but logs), to show that a refused form changed nothing."""
    db.session.expire_all()
    result = {}
    for table in db.metadata.sorted_tables:
        if table.name in ignore:
            continue
        rows = db.session.execute(sa.select(table)).all()
        result[table.name] = sorted(repr(tuple(row)) for row in rows)
    if "users" in ignore:
        rows = db.session.execute(sa.text("SELECT id, display_name, email FROM users")).all()
        result["users"] = sorted(repr(tuple(row)) for row in rows)
    return result
