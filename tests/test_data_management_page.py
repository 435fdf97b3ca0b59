"""The Kelola Data page renders, lists the import history and offers every template."""

from conftest import open_page

from sinergi.data.importers.templates import SPECS


def test_page_renders_with_history_and_templates(app):
    at = open_page(app, "pages/data_management.py", wilayah="99.02")
    assert not at.exception
    assert at.title[0].value == "Kelola Data"
    assert at.selectbox(key="kelola_kind").options  # every import kind
    downloads = [b for b in at.get("download_button")]
    assert len(downloads) >= len(SPECS) + 1
    assert any(len(df.value) >= 1 for df in at.dataframe)  # the demo's own import_log row
