"""The briefing PDF and PPTX of a region and round straight from the database (benchmarks, tests, scripts)."""

from __future__ import annotations

from datetime import date

from sinergi.briefing.content import gather
from sinergi.briefing.doc import prepare
from sinergi.briefing.pdf import briefing_pdf
from sinergi.briefing.pptx import briefing_pptx
from sinergi.common.i18n import translate
from sinergi.data import db


def briefing_files(
    region: str, round_id: int, lang: str = "id", today: date | None = None
) -> tuple[bytes, bytes]:
    """Return (PDF bytes, PPTX bytes) of the briefing of region at round_id as of the dataset's date, labelled in
    lang; today is only the "generated on" date of the footer."""
    place = db.run_query("region_by_code", region=region).iloc[0]
    rounds = db.run_query("monitoring_rounds").set_index("round_id")
    info = dict(db.run_query("dataset_info").itertuples(index=False, name=None))
    as_of = date.fromisoformat(info["as_of"])
    b = gather(db.run_query, region, round_id, int(rounds.index.min()), as_of)
    doc = prepare(
        b,
        lang,
        translate(f"region.level.{place['level']}", lang, name=place["name"]),
        rounds.loc[round_id, f"name_{lang}"],
        as_of,
        info.get("is_synthetic") == "true",
        today or date.today(),
    )
    return briefing_pdf(doc), briefing_pptx(doc)
