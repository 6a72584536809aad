"""Every select box and multiselect speaks the interface language in its empty text: Streamlit's own
("Choose an option", "Choose options") was English in the Indonesian interface (issue #20 item 12)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.figures import charts
from analytics.i18n import t
from tests.app.conftest import as_editor, open_page
from tests.conftest import ROOT

STREAMLIT_DEFAULTS = {"", "Choose an option", "Choose options", "Choose or add an option", "Choose or add options",
                      "Add an option", "Add options"}


def placeholders(app: AppTest) -> dict[str, str]:
    """Each select box's and multiselect's label with its placeholder."""
    assert not app.exception, app.exception
    return {w.label: w.placeholder for w in [*app.selectbox, *app.multiselect]}


@pytest.mark.parametrize("page, params", [
    ("pages/overview.py", {"region": "3671"}),
    ("pages/poverty.py", {"region": "3671", "measures": "p0"}),
    ("pages/compare.py", {"region": "3671"}),
    ("pages/programs.py", {"region": "3671"}),
])
def test_public_pages_selects_have_the_interface_languages_placeholder(app, page, params):
    shown = {}
    for lang in ("id", "en"):
        fresh = AppTest.from_file(app._script_path, default_timeout=120)
        shown[lang] = placeholders(open_page(fresh, page, lang=lang, **params))
    assert shown["id"], "the page shows no select box"
    for label, text in shown["id"].items():
        assert text not in STREAMLIT_DEFAULTS, (page, label, text)
    # The same widgets in English carry English words, so the Indonesian ones came from the string table.
    assert t("ui.choose_one", "id") in shown["id"].values()
    assert t("ui.choose_one", "en") in shown["en"].values()
    assert set(shown["id"].values()).isdisjoint(shown["en"].values()), shown


def test_editor_pages_selects_have_indonesian_placeholders(writable_store, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    for page in ("pages/upload.py", "pages/history.py", "pages/admin.py"):
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.query_params["lang"] = "id"
        as_editor(app, page, name="admin_uji", role="admin")
        shown = placeholders(app)
        for label, text in shown.items():
            assert text not in STREAMLIT_DEFAULTS, (page, label, text)


def test_the_chart_toolbar_config_carries_indonesian_tooltips_in_id_and_none_in_en():
    config = charts.plotly_config("id")
    assert config["locale"] == "id"
    dictionary = config["locales"]["id"]["dictionary"]
    # plotly.js looks its tooltips up by their English text: the buttons our toolbar keeps (camera in PNG and
    # SVG, reset on charts, zoom and reset on maps) must each be a key with an Indonesian value.
    expected = {"Download plot as a png": "Unduh grafik sebagai PNG", "Download plot": "Unduh grafik",
                "Reset axes": "Kembalikan sumbu", "Zoom in": "Perbesar", "Zoom out": "Perkecil",
                "Reset": "Kembalikan", "Reset view": "Kembalikan tampilan", "Autoscale": "Skala otomatis",
                "Pan": "Geser"}
    assert {key: dictionary.get(key) for key in expected} == expected
    assert config["locales"]["id"]["format"]["decimal"] == ","
    english = charts.plotly_config("en")
    assert english["locale"] == "en" and "locales" not in english
