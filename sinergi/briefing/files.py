"""The briefing PDF and PPTX of a region and round straight from the database (benchmarks, tests, scripts)."""

from __future__ import annotations

from datetime import date

from sinergi.access.policy import Viewer, fetch_as, make_viewer
from sinergi.briefing.content import gather
from sinergi.briefing.doc import prepare
from sinergi.briefing.pdf import briefing_pdf
from sinergi.briefing.pptx import briefing_pptx
from sinergi.common.i18n import translate

# Scripts and benchmarks build the files as admin would see them; pass a viewer for any other role.
SCRIPT_VIEWER = make_viewer("script", "admin", None)


def briefing_files(
    region: str,
    round_id: int,
    lang: str = "id",
    today: date | None = None,
    viewer: Viewer = SCRIPT_VIEWER,
) -> tuple[bytes, bytes]:
    """Return (PDF bytes, PPTX bytes) of the briefing of region at round_id, labelled in lang, with viewer's
    access rules applied to every figure."""
    fetch = fetch_as(viewer)
    place = fetch("region_by_code", region=region).iloc[0]
    rounds = fetch("monitoring_rounds").set_index("round_id")
    info = dict(fetch("dataset_info").itertuples(index=False, name=None))
    today = today or date.today()
    b = gather(fetch, region, round_id, int(rounds.index.min()), today)
    doc = prepare(
        b,
        lang,
        translate(f"region.level.{place['level']}", lang, name=place["name"]),
        rounds.loc[round_id, f"name_{lang}"],
        date.fromisoformat(info["as_of"]),
        info.get("is_synthetic") == "true",
        today,
    )
    return briefing_pdf(doc), briefing_pptx(doc)
