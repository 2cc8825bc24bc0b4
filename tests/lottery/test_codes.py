"""Personal response codes: alphabet, entropy, uniqueness, printing and reading back."""
import math
from collections import Counter

import pytest

from participation.lottery import codes
from participation.lottery.codes import (
    ALPHABET,
    CODE_BITS,
    CODE_LENGTH,
    format_code,
    new_code,
    new_unique_codes,
    normalize_code,
)


def test_alphabet_has_no_look_alikes_and_each_symbol_once():
    assert len(set(ALPHABET)) == len(ALPHABET) == 28
    assert set(ALPHABET) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for look_alike in "OILZSBUQ":  # 0, 1, 1, 2, 5, 8, V, O
        assert look_alike not in ALPHABET
    # of every confusable pair at most one side is in the alphabet, and the other is read as it
    for typed, meant in codes.CONFUSIONS.items():
        assert typed not in ALPHABET and meant in ALPHABET


def test_a_code_has_at_least_40_bits_of_randomness():
    assert CODE_BITS == pytest.approx(CODE_LENGTH * math.log2(len(ALPHABET)))
    assert CODE_BITS >= 40
    assert round(CODE_BITS, 2) == 48.07


def test_100000_codes_are_unique_and_use_only_the_alphabet():
    batch = new_unique_codes(100_000)
    assert len(batch) == len(set(batch)) == 100_000
    assert all(len(code) == CODE_LENGTH for code in batch)
    symbols = Counter("".join(batch))
    assert set(symbols) == set(ALPHABET)  # every symbol is used ...
    expected = 100_000 * CODE_LENGTH / len(ALPHABET)
    assert all(abs(n - expected) < expected * 0.05 for n in symbols.values())  # ... about equally often


def test_new_unique_codes_skips_taken_codes(monkeypatch):
    # The random source is the standard library's: replay a fixed sequence in which the first code
    # drawn is already taken and the second repeats the third.
    sequence = iter("0" * 10 + "3" * 10 + "3" * 10 + "4" * 10)
    monkeypatch.setattr(codes.secrets, "choice", lambda alphabet: next(sequence))
    assert new_unique_codes(2, taken={"0" * 10}) == ["3" * 10, "4" * 10]
    assert new_unique_codes(0) == []
    with pytest.raises(ValueError):
        new_unique_codes(-1)


def test_codes_are_random_not_a_sequence():
    first, second = new_code(), new_code()
    assert first != second and len(first) == CODE_LENGTH


def test_format_code_groups_of_four():
    assert format_code("K7MXP3QRT9") == "K7MX-P3QR-T9"
    assert format_code("ACDE") == "ACDE"


def test_normalize_code_round_trips_and_forgives_case_spaces_and_look_alikes():
    for code in new_unique_codes(500):
        assert normalize_code(format_code(code)) == code
        assert normalize_code(code.lower()) == code
        assert normalize_code(" " + " ".join(format_code(code).lower()) + " ") == code
    assert normalize_code("k7mx-p3xr-t9") == "K7MXP3XRT9"
    assert normalize_code("K7MX – P3XR – T9") == "K7MXP3XRT9"  # an en dash copied from a PDF
    assert normalize_code("K7MX.P3XR.T9") == "K7MXP3XRT9"
    # misread letters: O for 0, I and l for 1, Z for 2, S for 5, B for 8, U for V
    assert normalize_code("OIlZ-SBUA-CD") == "01125" + "8VACD"


@pytest.mark.parametrize("text", [
    "", "   ", "K7MX-P3XR-T", "K7MX-P3XR-T9A", "K7MX-P3XR-TQ", "K7MX-P3XR-T!", "K7MX-P3XR-TÄ", None, 1234567890,
    "K7MX\nP3XR\tT9X",
])
def test_normalize_code_refuses_what_cannot_be_a_code(text):
    assert normalize_code(text) is None
