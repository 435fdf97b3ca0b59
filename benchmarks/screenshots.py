"""Screenshots of every page, as admin in Indonesian and English and as pimpinan, into docs/img/; and the time each
page took to settle after its sidebar link was clicked (the machine's load shows in these numbers).

python benchmarks/screenshots.py [--out docs/img] [--region 99.02] [--size 1440x900] [--tall] [--only peta moa]

Serves the app on a free port, signs in with the demo accounts (README), picks the region and round through the
URL, then clicks each page's link in the sidebar. --tall also saves the whole page (for review, not for docs).
Needs Debian's chromium and the test extras (playwright).
"""

from __future__ import annotations

import argparse
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers the tests use (served app, sign-in, timing)

from browser import browser_page, open_from_sidebar, served_app, settle  # noqa: E402
from PIL import Image  # noqa: E402

from sinergi.common.i18n import translate  # noqa: E402
from sinergi.ui.pages import pages_for  # noqa: E402

# (folder, demo account, language)
VIEWS = (("id", "admin", "id"), ("en", "admin", "en"), ("pimpinan", "pimpinan", "id"))


def _save(png: bytes, path: Path) -> None:
    # 256 colours keep a dashboard screenshot sharp at a third of the size
    Image.open(BytesIO(png)).convert("RGB").quantize(256).save(path, optimize=True)


def _whole_page(page) -> bytes:
    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || document.body.scrollHeight"
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(1200)
    png = page.screenshot()
    page.set_viewport_size(size)
    return png


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--region", default="99.02")
    parser.add_argument("--size", default="1440x900")
    parser.add_argument("--tall", action="store_true")
    parser.add_argument("--only", nargs="*", help="page keys (beranda, peta, ...); default every page")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    times: list[tuple[str, str, float, float]] = []
    started = time.time()
    with served_app() as url:
        for folder, account, lang in VIEWS:
            out = args.out / folder
            out.mkdir(parents=True, exist_ok=True)
            with browser_page(width, height) as (page, outside):
                page.goto(f"{url}/?wilayah={args.region}&putaran=2&bahasa={lang}")
                settle(page, 120, login=account)
                specs = [s for s in pages_for(account) if not args.only or s.key in args.only]
                # the default page last, so that every page is reached by a click from another
                for spec in [*specs[1:], specs[0]] if len(specs) > 1 else specs:
                    painted, settled = open_from_sidebar(page, translate(f"{spec.key}.title", lang), 120)
                    page.wait_for_timeout(1500)  # maps and charts draw after the script ends
                    _save(page.screenshot(), out / f"{spec.key}.png")
                    if args.tall:
                        _save(_whole_page(page), out / f"{spec.key}_full.png")
                    errors = page.locator('[data-testid="stException"]').count()
                    times.append((folder, spec.key, painted, settled))
                    print(f"{folder:9s} {spec.key:15s} paint {painted:4.1f} s  settled {settled:4.1f} s"
                          + (f"  EXCEPTIONS {errors}" if errors else ""), flush=True)  # fmt: skip
                if outside:
                    print("requests that left localhost:", sorted(set(outside))[:5])
    print(f"{len(times)} screenshots in {args.out} ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
