"""The one bounded parser (participation/values.py), and that every number field of every form uses it."""
from decimal import Decimal

import pytest

from participation.values import MAX_ID, as_decimal, as_id, as_int, as_page

REFUSED = ["", " ", None, True, False, "abc", "1e9", "1.0", 1.0, float("inf"), float("nan"), "+5", "--1", "0x10",
           "1_000", "١", "٣", "३", "３", "²", "1\x00", "\x00", "9" * 41, "9" * 3000, [], {}, b"5"]


@pytest.mark.parametrize("value", REFUSED)
def test_what_is_not_a_plain_ascii_whole_number_gives_the_default(value):
    assert as_int(value) is None
    assert as_int(value, default=7) == 7
    assert as_id(value) is None
    assert as_page(value) == 1


@pytest.mark.parametrize("value, number", [("0", 0), ("42", 42), (" 42\n", 42), ("-3", -3), ("007", 7), (5, 5),
                                           (str(MAX_ID), MAX_ID), (-(2**63), -(2**63))])
def test_whole_numbers_are_read(value, number):
    assert as_int(value) == number


def test_bounds_refuse_or_clamp():
    assert as_int("2", minimum=1, maximum=5) == 2
    assert as_int("6", minimum=1, maximum=5) is None and as_int("0", minimum=1, maximum=5, default=3) == 3
    assert as_int("6", minimum=1, maximum=5, clamp=True) == 5 and as_int("-9", minimum=1, clamp=True) == 1
    # Even without bounds nothing leaves that a 64-bit column cannot hold.
    assert as_int(str(2**63)) is None and as_int(2**63) is None and as_int(-(2**63) - 1) is None
    assert as_int(str(2**63), clamp=True) == MAX_ID


def test_ids_are_positive_and_fit_the_database():
    assert as_id("1") == 1 and as_id(MAX_ID) == MAX_ID
    assert as_id("0") is None and as_id("-1") is None and as_id(2**63) is None and as_id(str(2**63)) is None


def test_pages_start_at_one_and_stop_at_the_last():
    assert as_page("3") == 3 and as_page("0") == 1 and as_page("-1") == 1
    assert as_page(str(2**63)) == 10_000 and as_page("99", last=20) == 20


@pytest.mark.parametrize("text, number", [("1234.5", "1234.5"), ("1234,5", "1234.5"), ("1.234,5", "1234.5"),
                                          ("1.234.567", "1234567"), ("1.234", "1.234"), ("-0,25", "-0.25"),
                                          ("0,0000001", "0.0000001"), (2.5, "2.5"), (3, "3"), (Decimal("4.5"), "4.5")])
def test_decimals_in_german_or_english_notation(text, number):
    assert as_decimal(text, minimum=-(10**9), maximum=10**9) == Decimal(number)


@pytest.mark.parametrize("value", ["", "1e309", "inf", "nan", float("inf"), float("nan"), Decimal("NaN"), "1,2,3",
                                   "1.23,4", "٣,٥", "３", True, "12 000", "9" * 41, "\x00"])
def test_decimals_refuse_the_rest(value):
    assert as_decimal(value, minimum=-(10**9), maximum=10**9) is None


def test_decimals_are_bounded_and_rounded():
    assert as_decimal("101", minimum=0, maximum=100) is None
    assert as_decimal("100", minimum=0, maximum=100) == 100
    assert as_decimal("2,345", minimum=0, maximum=100, places=2) == Decimal("2.34")


def _form_classes():
    import flask_wtf
    import wtforms

    import participation.models  # noqa: F401  (every area's forms module imported with it below)
    from participation.auth import forms as _a  # noqa: F401
    from participation.catalogue import forms as _c  # noqa: F401
    from participation.conference import forms as _f  # noqa: F401
    from participation.ideas import forms as _i  # noqa: F401
    from participation.lottery import forms as _l  # noqa: F401
    from participation.moderation import forms as _m  # noqa: F401
    from participation.processes import forms as _p  # noqa: F401

    seen, todo = set(), [flask_wtf.FlaskForm, wtforms.Form]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen and sub.__module__.startswith("participation."):
                seen.add(sub)
            todo.append(sub)
    return seen


def test_every_number_field_of_every_form_reads_through_the_parser_and_is_bounded(app):
    import wtforms
    from wtforms.validators import NumberRange

    from participation.formtools import IntegerField
    from participation.values import INT4_MAX

    checked = 0
    for form_class in _form_classes():
        for name in dir(form_class):
            unbound = getattr(form_class, name)
            field_class = getattr(unbound, "field_class", None)
            if field_class is None or not issubclass(field_class, (wtforms.IntegerField, wtforms.DecimalField,
                                                                    wtforms.FloatField)):
                continue
            where = f"{form_class.__module__}.{form_class.__name__}.{name}"
            assert issubclass(field_class, IntegerField), f"{where}: use participation.formtools.IntegerField"
            ranges = [v for v in unbound.kwargs.get("validators") or [] if isinstance(v, NumberRange)]
            assert ranges and ranges[0].min is not None and ranges[0].max is not None, f"{where}: needs NumberRange"
            assert -INT4_MAX <= ranges[0].min <= ranges[0].max <= INT4_MAX, f"{where}: beyond an INTEGER column"
            checked += 1
    assert checked >= 8


def test_the_integer_field_refuses_other_scripts_and_names_the_range(app):
    from werkzeug.datastructures import MultiDict

    from participation.conference.forms import RoundForm

    # German, the default locale: "not a valid whole number", "must lie between 1 and 100".
    for text, error in (("٣", "ganze zahl"), (str(2**63), "zwischen 1 und 100"), ("1e309", "ganze zahl"),
                        ("-1", "zwischen 1 und 100"), ("9" * 3000, "ganze zahl")):
        with app.test_request_context(method="POST"):
            form = RoundForm(MultiDict({"title": "Frage", "method": "dots", "dots": text}), meta={"csrf": False})
            form.table_id.choices = []
            assert not form.validate()
            assert error in " ".join(map(str, form.dots.errors)).lower(), (text, form.dots.errors)
            assert form.dots.data in (None, 2**63 - 1, -1)


def test_filter_text_loses_control_characters_and_is_bounded():
    from participation.values import as_text

    assert as_text(" Rad\x00weg\x1b ", max_length=40) == "Radweg"
    assert as_text("a\tb", max_length=40) == "a\tb" and as_text("x" * 3000, max_length=80) == "x" * 80
    assert as_text(None, max_length=5) == "" and as_text(["a"], max_length=5) == ""
