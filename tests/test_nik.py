"""The one NIK mask (sinergi.common.nik): the rule, the vectorised form agreeing with the scalar, and both callers
(query results for aggregate roles, import reports) using it."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinergi.common.nik import mask_nik, mask_niks

NIKS = st.text(alphabet="0123456789", min_size=16, max_size=16)
SEPARATED = st.builds(
    lambda nik, sep: sep.join(nik[i : i + 4] for i in range(0, 16, 4)),
    NIKS,
    st.sampled_from([" ", ".", "-", ""]),
)
ANY_VALUE = st.one_of(
    st.none(),
    st.just(math.nan),
    st.text(max_size=24),
    st.text(alphabet="0123456789 .-'", max_size=24),
    SEPARATED,
    st.integers(min_value=0, max_value=10**17),
)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("3329012345670001", "332901**********"),
        ("3329 0123 4567 0001", "332901**********"),
        ("'3329012345670001", "332901**********"),  # Excel's text marker
        (3329012345670001, "332901**********"),  # read as a number: still a NIK
        ("332901234567000", "*" * 15),  # one digit short: hidden whole, the length shows it
        ("Yohanes Lamak", "*" * 13),  # a name in the NIK column gives nothing away
        ("12ab", "****"),
        ("", ""),
        (None, None),
    ],
)
def test_rule(value, masked):
    assert mask_nik(value) == masked


@given(NIKS)
def test_well_formed_nik_keeps_only_its_region(nik):
    masked = mask_nik(nik)
    assert masked == nik[:6] + "*" * 10
    assert nik[6:] not in masked  # birth date and serial never shown


@given(ANY_VALUE)
def test_no_more_than_six_characters_are_shown(value):
    masked = mask_nik(value)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        assert masked is value
        return
    assert len(masked.replace("*", "")) <= 6
    assert (
        masked.replace("*", "")
        == str(value)
        .replace(" ", "")
        .replace(".", "")
        .replace("-", "")
        .replace("'", "")[: len(masked.replace("*", ""))]
    )


@given(st.lists(ANY_VALUE, max_size=12))
def test_vectorised_equals_scalar(values):
    series = pd.Series(values, dtype=object)
    got = mask_niks(series).tolist()
    want = [mask_nik(v) for v in values]
    for g, w in zip(got, want, strict=True):
        assert (
            g == w or (g is None and w is None) or (isinstance(g, float) and math.isnan(g) and math.isnan(w))
        )


def test_vectorised_keeps_missing_in_a_string_column():
    series = pd.Series(["3329012345670001", None, ""], dtype="string")
    assert mask_niks(series).tolist()[0] == "332901**********"
    assert pd.isna(mask_niks(series).tolist()[1])
    assert mask_niks(series).tolist()[2] == ""


def test_both_callers_use_the_one_mask():
    from sinergi.access import policy
    from sinergi.data.importers import p3ke_fields, p3ke_individu

    assert policy.mask_niks is mask_niks
    assert p3ke_fields.mask_niks is mask_niks
    assert p3ke_individu.mask_niks is mask_niks
