from datetime import date

import pytest

from sinergi.common.fmt import fmt_change, fmt_date, fmt_number, fmt_pct, fmt_rupiah


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(1234567, "id", "1.234.567"), (1234567, "en", "1,234,567"), (0, "id", "0"), (None, "id", "–")],
)
def test_fmt_number(value, lang, expected):
    assert fmt_number(value, lang) == expected


def test_fmt_pct_uses_comma_and_space_in_indonesian():
    assert fmt_pct(12.5) == "12,5 %"
    assert fmt_pct(12.5, "en") == "12.5%"
    assert fmt_pct(float("nan")) == "–"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1_200_000_000, "id", "Rp 1,2 miliar"),
        (350_000_000, "id", "Rp 350 juta"),
        (2_000_000_000_000, "id", "Rp 2 triliun"),
        (12_500, "id", "Rp 12.500"),
        (1_200_000_000, "en", "IDR 1.2 billion"),
        (-5_000_000, "id", "−Rp 5 juta"),
    ],
)
def test_fmt_rupiah(value, lang, expected):
    assert fmt_rupiah(value, lang) == expected


def test_fmt_rupiah_full():
    assert fmt_rupiah(1_234_567, short=False) == "Rp 1.234.567"


def test_fmt_date():
    assert fmt_date(date(2023, 1, 2)) == "2 Januari 2023"
    assert fmt_date("2023-01-02", "en") == "2 January 2023"


def test_fmt_change():
    assert fmt_change(-12.5, decimals=1, pct=True) == "−12,5 %"
    assert fmt_change(1234) == "+1.234"


def test_datetime_to_the_minute():
    from sinergi.common.fmt import fmt_datetime

    assert fmt_datetime("2026-12-01T13:05:09.123456Z", "id") == "1 Desember 2026, 13.05"
    assert fmt_datetime("2026-12-01T13:05:09.123456Z", "en") == "1 December 2026, 13:05"
    assert fmt_datetime(None) == "–"


def test_one_minus_sign_everywhere():
    # Tester: "-4,9 %" in Rapor and "-31" on a tile beside "−1,8 %" in a sentence.
    assert fmt_number(-1234, "id") == "−1.234"
    assert fmt_pct(-4.9, "id") == "−4,9 %" and fmt_pct(-4.9, "en") == "−4.9%"
    assert fmt_change(-4.9, "id", 1, pct=True) == "−4,9 %"
    assert "-" not in fmt_rupiah(-1_500_000, "id")


def test_a_value_shown_as_zero_has_no_sign():
    # A -0.04 % change printed "−0,0 %", a loss where nothing shows; a zero reads ± as a change, bare elsewhere.
    assert fmt_number(-0.04, "id", 1) == "0,0" and fmt_number(-0.4, "id") == "0"
    assert fmt_number(-0.06, "id", 1) == "−0,1"
    assert fmt_pct(-0.004, "en", 1) == "0.0%"
    assert fmt_change(-0.04, "id", 1, pct=True) == "±0,0 %" and fmt_change(0.3, "id") == "±0"
    assert fmt_change(0.6, "id") == "+1" and fmt_change(-0.6, "id") == "−1"
    assert fmt_rupiah(-0.4, "id") == "Rp 0" and fmt_rupiah(-0.6, "id", short=False) == "−Rp 1"


def test_fmt_number_writes_what_babel_writes():
    """fmt_number formats with Python's Decimal and babel's symbols; the text must equal babel's format_decimal,
    except that a value shown as zero carries no minus."""
    import random
    from decimal import Decimal

    import numpy as np
    from babel.numbers import format_decimal

    from sinergi.common.fmt import LOCALES

    rng = random.Random(14)
    values = [
        0,
        0.0,
        -0.0,
        -0.04,
        0.05,
        0.25,
        2.5,
        2.675,
        999.95,
        -1234.5,
        1e15,
        10**20,
        1e-7,
        Decimal("1.005"),
    ]
    values += [np.int64(1234567), np.float64(12.345), np.float32(0.1)]
    values += [rng.uniform(-1e7, 1e7) for _ in range(2000)] + [
        rng.randint(-(10**9), 10**9) for _ in range(1000)
    ]
    values += [round(rng.uniform(0, 100), rng.randint(0, 4)) for _ in range(2000)]
    for value in values:
        for lang, locale in LOCALES.items():
            for decimals in (0, 1, 2):
                pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
                want = format_decimal(value, format=pattern, locale=locale).replace("-", "−")
                want = want.lstrip("−") if not want.strip("−0,.") else want  # no "−0" (test above)
                assert fmt_number(value, lang, decimals) == want, (value, lang, decimals)
