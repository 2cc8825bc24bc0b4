"""Small pieces that several areas' forms share."""
import wtforms
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from .values import as_id, as_int


def options(pairs):
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice("" if value is None else str(value), label) for value, label in pairs]


def optional_id(value):
    """`coerce` for a select of ids: None when nothing is chosen, -1 (found nowhere) for anything unreadable."""
    if value in (None, "", "None"):
        return None
    return as_id(value) or -1  # the service names the problem


class IntegerField(wtforms.IntegerField):
    """WTForms' IntegerField, reading its text through the one bounded parser (values.as_int).

    ASCII digits only (int() would take "٣" and "²"-free Unicode digits); a readable number beyond
    what a database holds is clamped to that limit, so the field's NumberRange, which every use must
    carry, names the allowed range in its form error.
    """

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = as_int(valuelist[0], clamp=True)
        if self.data is None:
            raise ValueError(_("Please enter a whole number (digits 0–9)."))
