"""Rule 7 (docs/privacy.md): a Rupiah amount summed over the households of a breakdown cell.

An amount given per household at a fixed rate (BLT Dana Desa, PKH, BPNT, PBI-JKN, KUR) divided by the rate is the
number of households or interventions behind it, whatever the count beside it reads. The intruder reads the desa
profile (Peta: the table the page draws, as the browser receives it, and its export) of every desa of the kabupaten as
pimpinan and monev. Knowing no rate, it takes each program's rate as the greatest common divisor of the amounts shown
for that program, and divides; behind a rounded count it also tries the mean (an amount scaled to the count shown
names the true count when it must be a whole number of Rp 100.000). No hidden count of 1-4 may come back, nor the
true count behind a rounded one. On main before rule 7 (d234bff): 35 of 678 hidden and 347 of 400 rounded came back.
"""

import math

import pandas as pd
import pytest
from conftest import DEMO_AS_OF
from rendered import shown_table

from sinergi.access.policy import fetch_as, make_viewer
from sinergi.common.display import HIDDEN_SORT, WITHHELD_SORT, styled
from sinergi.common.i18n import translate
from sinergi.common.suppressed import true_value
from sinergi.planning.desa_profile import profile_formats, profile_headers, profile_table

QUERY = "interventions_by_program"
KABUPATEN = "99.02"
KEY = ["source", "program", "sector_code", "partner_name"]


def _header(column: str) -> str:
    return translate(f"peta.col.{column}", "id")


def _amount(cell: object) -> int | None:
    """The amount the intruder reads in a cell: a whole number of Rupiah, or None (withheld, blank)."""
    # under a withheld amount the browser holds WITHHELD_SORT, the same for every such cell: it reads as no amount
    if isinstance(cell, str) or cell is None or cell != cell or cell == WITHHELD_SORT:
        return None
    return round(float(cell))


def drawn(frame: pd.DataFrame) -> list[pd.DataFrame]:
    """Return what reaches the viewer: the values under the drawn table (sent to the browser) and the export."""
    data = styled(frame, "id", profile_headers(QUERY, "id"), profile_formats(QUERY, "id")).data
    # under a "<5" the browser holds HIDDEN_SORT, the same for every such cell: the intruder reads it as the "<5"
    data = data.map(lambda v: "<5" if isinstance(v, float) and v == HIDDEN_SORT else v)
    export = profile_table(QUERY, frame, "id")
    return [data.assign(**{c: frame[c].to_numpy() for c in KEY}) for data in (data, export)]


# the demo's amounts are whole multiples of Rp 100.000: an intruder sees it in any column of them
GRID = 100_000


def _possible(shown: object) -> range:
    # the method tells which counts may lie behind what is shown: 1-4 behind "<5", r-2 .. r+2 behind r
    return range(1, 5) if shown == "<5" else range(max(int(shown) - 2, 5), int(shown) + 3)  # type: ignore[call-overload]


def intruder(cells: list[tuple[str, object, int | None]]) -> dict[int, int]:
    """Return {cell index: count read back} from (program, count shown, amount shown) cells.

    By rate: each program's rate is the GCD of its amounts, trusted when every amount of the program is a whole
    number of rates that the count shown beside it allows; amount ÷ rate is then the count. By mean: behind a count
    shown rounded to r the true count n is within 2 of r; if the amount is the true one scaled to r, amount x n / r is
    the true amount, a whole number of GRID for one n only."""
    by_program: dict[str, list[int]] = {}
    for i, (program, _, amount) in enumerate(cells):
        if amount:
            by_program.setdefault(program, []).append(i)
    out = {}
    for indexes in by_program.values():
        rate = math.gcd(*(cells[i][2] for i in indexes))  # type: ignore[misc]  # amounts present here
        if all(cells[i][2] // rate in _possible(cells[i][1]) for i in indexes):  # type: ignore[operator]
            out.update({i: cells[i][2] // rate for i in indexes})  # type: ignore[operator]
    for i, (_, shown, amount) in enumerate(cells):
        if amount and shown != "<5" and i not in out:
            r = int(shown)  # type: ignore[call-overload]
            # an amount rounded to whole Rupiah after scaling is off by at most n / r Rupiah
            fits = [
                n
                for n in _possible(shown)
                if abs(amount * n / r - GRID * round(amount * n / r / GRID)) <= n / r
            ]
            if len(fits) == 1:
                out[i] = fits[0]
    return out


def attack(role: str, desa_codes: list[str]) -> tuple[int, int, list[str]]:
    """Return (hidden cells, rounded cells, the ones whose true count came back)."""
    mine = fetch_as(make_viewer("x", role, KABUPATEN if role == "pimpinan" else None))
    admin = fetch_as(make_viewer("a", "admin", None))
    cells, truths = [], []
    for desa in desa_codes:
        frame = mine(QUERY, region=desa, as_of=DEMO_AS_OF)
        truth = admin(QUERY, region=desa, as_of=DEMO_AS_OF).set_index(KEY)["interventions_count"]
        for table in drawn(frame):
            for _, row in table.iterrows():
                key = tuple(row[c] for c in KEY)
                count, amount = row[_header("interventions_count")], _amount(row[_header("amount_rp")])
                cells.append((str(row["program"]), count, amount))
                truths.append((desa, key, int(true_value(truth.loc[key]))))
    read = intruder(cells)
    hidden, rounded, found = set(), set(), set()
    for i, ((_, shown, _), (desa, key, true)) in enumerate(zip(cells, truths, strict=True)):
        if str(shown) == "<5":
            hidden.add((desa, key))
        elif int(shown) != true:
            rounded.add((desa, key))
        else:
            continue  # shown as it is: nothing to recover
        if read.get(i) == true:
            found.add(f"{desa} {key[1]} ({key[0]}): {true} behind {shown}")
    return len(hidden), len(rounded), sorted(found)


@pytest.fixture
def desa_codes(con) -> list[str]:
    sql = "select region_code from region where level = 'desa' and kabupaten_code = ? order by 1"
    return [code for (code,) in con.execute(sql, [KABUPATEN]).fetchall()]


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_no_count_comes_back_from_the_amounts_of_the_desa_profile(role, desa_codes):
    hidden, rounded, found = attack(role, desa_codes)
    assert hidden and rounded, "no hidden or rounded count beside an amount: nothing to attack"
    back = sum(f.endswith("behind <5") for f in found)
    assert found == [], (
        f"{back} of {hidden} hidden counts and {len(found) - back} of {rounded} rounded ones recovered: {found[:10]}"
    )


def test_the_intruder_reads_counts_from_exact_amounts():
    """The attack itself: exact amounts of a fixed rate give every count back, "<5" or rounded."""
    cells = [("PKH", "<5", 9_000_000), ("PKH", 5, 21_000_000), ("PKH", 10, 36_000_000), ("KUR", "<5", None)]
    assert intruder(cells) == {0: 3, 1: 7, 2: 12}
    # amounts for the count as shown give back only the count as shown
    assert intruder([("PKH", 5, 15_000_000), ("PKH", 10, 30_000_000)]) == {}
    # the exact mean of random amounts on the grid names the count: 7 x 5.314.285,71 is a whole Rp 37.200.000
    assert intruder([("Kolaborasi", 5, 26_571_429), ("Kolaborasi", 5, 30_000_000)])[0] == 7


# -- The Amount cell: true for arithmetic, shown for the count as shown.


def test_an_amount_is_shown_for_its_count_as_shown():
    from sinergi.common.amounts import Amount, shown_amount
    from sinergi.common.fmt import fmt_rupiah
    from sinergi.common.suppressed import Count

    seven, three = Amount(21_000_000, Count(7)), Amount(9_000_000, Count(3))
    assert shown_amount(seven) == 15_000_000 and shown_amount(three) is None  # 3 million x 5; "<5" withheld
    assert fmt_rupiah(three, "id") == translate("privacy.withheld", "id") and str(three) == "–"
    assert shown_amount(Amount(21_000_000, Count(7, exact=True))) == 21_000_000  # by-name roles: as it is
    # a mean on a Rupiah grid would name its denominator: two significant digits
    assert shown_amount(Amount(37_200_000, Count(7))) == 27_000_000
    total = sum([seven, three, Amount(1_000_000, Count(2))])
    assert total == 31_000_000 and shown_amount(total) == 26_000_000  # the true sum, for its 12 shown as 10
    with pytest.raises(TypeError):
        float(seven)


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_coverage_amounts_are_tied_to_their_counts_and_sum_to_admins(role):
    """Intervensi: the amount per source, sector and strategy comes out of load() as Amount cells; the total of a
    dimension is admin's to the Rupiah (rule 1: arithmetic on true values)."""
    from conftest import DEMO_ROUND

    from sinergi.common.amounts import is_amount, shown_amount
    from sinergi.common.suppressed import is_small_count

    params = {"region": "99.02.03", "round_id": DEMO_ROUND, "as_of": DEMO_AS_OF}
    mine = fetch_as(make_viewer("x", role, KABUPATEN if role == "pimpinan" else None))(
        "intervention_coverage", **params
    )
    admin = fetch_as(make_viewer("a", "admin", None))("intervention_coverage", **params)
    assert mine["amount_rp"].map(is_amount).all()
    for dim in ("source", "sector", "strategy"):
        assert (
            mine.loc[mine["dimension"] == dim, "amount_rp"].sum()
            == admin.loc[admin["dimension"] == dim, "amount_rp"].sum()
        )
    small = mine["households_reached_count"].map(is_small_count)
    assert all(shown_amount(a) is None for a in mine.loc[small, "amount_rp"])
    assert all(shown_amount(a) == a for a in admin["amount_rp"])


@pytest.mark.parametrize("role", ["pimpinan", "monev", "tamu"])
def test_the_map_page_draws_the_desa_profile_with_amounts_withheld(app, role):
    """Peta: the profile of a desa with small programs draws, for every role, the amount as the role may see it."""
    from conftest import open_page

    desa = "99.02.10.2013"
    at = open_page(app, "pages/map_explorer.py", role, wilayah=KABUPATEN)
    at.selectbox(key="peta_desa").select(desa).run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(shown_table(d) for d in at.dataframe if _header("interventions_count") in d.value.columns)
    amounts = table[_header("amount_rp")]
    withheld = translate("privacy.withheld", "id")
    small = table[_header("interventions_count")] == "<5"
    assert small.any(), "the demo desa has programs of 1-4 interventions: nothing to check"
    assert (amounts[small] == withheld).all(), list(amounts[small])


@pytest.mark.parametrize("role", ["admin", "perencana"])
def test_by_name_roles_see_every_amount_exactly(app, con, role):
    """Peta: admin and perencana see the amounts of the desa profile to the Rupiah, small programs included."""
    from conftest import open_page

    desa = "99.02.10.2013"
    at = open_page(app, "pages/map_explorer.py", role, wilayah=KABUPATEN)
    at.selectbox(key="peta_desa").select(desa).run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if _header("interventions_count") in d.value.columns)
    # an intervention counts from the day it is given, or from its MoA's signing; never under a draft
    sql = """
        select i.program, sum(i.amount_rp) from intervention as i left join moa as m using (moa_id)
        where i.desa_code = ? and case when i.moa_id is null then i.given_on
            when m.status <> 'draft' then greatest(i.given_on, m.signed_on) end <= ?
        group by 1
    """
    given = dict(con.execute(sql, [desa, DEMO_AS_OF]).fetchall())
    drawn_sums = table.groupby(_header("program"))[_header("amount_rp")].sum()
    assert (table[_header("interventions_count")].astype(int) < 5).any(), "no small program to check"
    assert drawn_sums.to_dict() == pytest.approx({p: given[p] for p in drawn_sums.index})
