"""Small pieces that several areas' forms share."""
from wtforms.fields.choices import SelectChoice


def options(pairs):
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice("" if value is None else str(value), label) for value, label in pairs]
