"""The chart image download (issue #14): PNG or SVG, chosen once in the sidebar, for every chart of a
page, through plotly's one export path (the camera button draws the file from the figure, so what the
figure carries, the file carries: title, subtitle, legend and the source line)."""

from __future__ import annotations

import json

import pytest

from analytics.figures import charts
from tests.app.conftest import open_page


def drawn(app) -> list[tuple[dict, dict]]:
    """(config, figure) of every chart the page drew."""
    return [(json.loads(c.proto.config), json.loads(c.proto.spec)) for c in app.get("plotly_chart")]


def source_line(figure: dict) -> str:
    return next((a["text"].replace("<br>", " ") for a in figure["layout"].get("annotations", []) if a.get("name") == charts.SOURCE_NAME),
                "")


@pytest.mark.parametrize(("page", "params"), [
    ("pages/poverty.py", {"lang": "id", "region": "3671", "measures": "p0,poor_count"}),
    ("pages/compare.py", {"lang": "en", "region": "3671"}),
])
def test_svg_chosen_in_the_sidebar_is_what_every_chart_downloads_with_title_and_source(app, page, params):
    open_page(app, page, **params)
    before = drawn(app)
    assert before and all(config["toImageButtonOptions"] == {"format": "png", "scale": 2,
                                                             "filename": config["toImageButtonOptions"]["filename"]}
                          for config, _ in before)
    app.sidebar.radio(key="img_format").set_value("svg").run()
    after = drawn(app)
    assert len(after) == len(before)
    for config, figure in after:
        assert config["toImageButtonOptions"]["format"] == "svg" and "scale" not in config["toImageButtonOptions"]
        # The file is drawn from this figure: it has its title and a source line naming the publisher.
        assert figure["layout"]["title"]["text"]
        source = source_line(figure)
        assert source.startswith(("Sumber: ", "Source: ")) and "Dasbor Kemiskinan" in source, source
    # The choice holds on the next page too.
    app.switch_page("pages/overview.py").run()
    assert all(config["toImageButtonOptions"]["format"] == "svg" for config, _ in drawn(app))


def test_image_options_are_png_at_twice_the_resolution_or_svg_and_nothing_else():
    assert charts.image_options("png", "peta") == {"format": "png", "scale": 2, "filename": "peta"}
    assert charts.image_options("svg", "peta") == {"format": "svg", "filename": "peta"}
    assert charts.plotly_config("id", image_format="svg")["toImageButtonOptions"]["format"] == "svg"
    with pytest.raises(ValueError, match="jpeg"):
        charts.image_options("jpeg")


@pytest.mark.parametrize(("page", "params", "buttons"), [
    ("pages/poverty.py", {"lang": "id", "region": "3671", "measures": "p0,poor_count"}, 2),
    ("pages/programs.py", {"lang": "en", "region": "3671"}, 1),
])
def test_every_csv_button_has_the_note_saying_where_definitions_and_sources_are(app, page, params, buttons):
    from analytics.i18n import t

    open_page(app, page, **params)
    lang = params["lang"]
    csv_buttons = [b for b in app.get("download_button") if b.proto.label == t("poverty.download_csv", lang)]
    assert len(csv_buttons) == buttons
    note = t("export.csv_note", lang, measures=t("export.sheet.measures", lang),
             sources=t("export.sheet.sources", lang))
    assert sum(c.value == note for c in app.caption) == buttons
