"""Small rendering helpers used by several pages (source notes, KPI cards)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlencode

import streamlit as st

from analytics import fmt
from analytics.catalog import Catalog, Measure
from analytics.domain import indicators, provenance
from analytics.domain.indicators import Point
from analytics.errors import Problem
from analytics.figures import charts
from analytics.i18n import LANGUAGES, t, when
from analytics.text import markdown_literal, plain_figure
from pages._shared import figures, url_state

PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def plotly_config(lang: str, **extra: object) -> dict:
    """Every chart's config: plotly in the interface language, a short toolbar, the image download in the
    format chosen in the sidebar (image_format_switch)."""
    return charts.plotly_config(lang, image_format=image_format(), **extra)


IMAGE_FORMAT_KEY = "img_format"
_SAVED_IMAGE_FORMAT = "_img_format_saved"


def image_format() -> str:
    """The format the charts' camera button downloads: the sidebar's choice, PNG until one is made."""
    chosen = st.session_state.get(IMAGE_FORMAT_KEY) or st.session_state.get(_SAVED_IMAGE_FORMAT)
    return chosen if chosen in charts.IMAGE_FORMATS else "png"


def image_format_switch(lang: str) -> None:
    """"Chart download: PNG | SVG" in the sidebar, for every chart on every page (the camera button at
    each chart's top right downloads the chart with its title and source line in this format)."""
    if IMAGE_FORMAT_KEY not in st.session_state:
        st.session_state[IMAGE_FORMAT_KEY] = image_format()
    st.sidebar.radio(t("chart.image_format", lang), options=list(charts.IMAGE_FORMATS), format_func=str.upper,
                     key=IMAGE_FORMAT_KEY, horizontal=True, help=t("chart.image_format_help", lang))
    st.session_state[_SAVED_IMAGE_FORMAT] = st.session_state[IMAGE_FORMAT_KEY]
    chart_toolbar_words(lang)


def chart_toolbar_words(lang: str) -> None:
    """plotly's own toolbar tooltips speak Indonesian through the config's locale (charts.plotly_locale), but
    Streamlit 1.67 adds its full-screen button with a fixed English title ("Fullscreen" / "Close fullscreen")
    that no locale reaches. plotly draws every tooltip from the data-title attribute in CSS, so in the
    Indonesian interface those two are drawn with the string table's words instead."""
    if lang == "en":
        return
    rules = "".join(
        f'.js-plotly-plot .plotly .modebar-btn[data-title="{english}"]::after {{content: {_css_string(t(key, lang))}}}'
        for english, key in (("Fullscreen", "plotly.fullscreen"), ("Close fullscreen", "plotly.close_fullscreen")))
    st.html(f"<style>{rules}</style>")


SHARE_OPEN = "share_link_open"


def part(build: Callable[[], None]) -> None:
    """Draw `build` as a part of the page that reruns on its own when one of its own widgets changes
    (st.fragment, issue #18): the server runs only `build` and the browser redraws only what it draws, not
    the sidebar, the page's other charts and texts. A change that the rest of the page depends on (a region
    picked inside the part) must rerun the whole page (`st.rerun(scope="app")`), and `build` must read its
    own widgets' values itself, not take them from the page. It writes its choices into the URL itself.
    While the share link is shown (below the part, outside it) the part runs with the page, so that a
    change reruns everything and the link shown is the view's."""
    if st.session_state.get(SHARE_OPEN):
        build()
    else:
        st.fragment(build)()


def share_link(lang: str, path: str) -> None:
    """"Share this view": the page's link with every choice in it (the page keeps them in the URL), with
    Streamlit's copy button, as on Bandingkan. Call it after the page has written its query parameters."""
    st.subheader(t("compare.share.heading", lang))
    # The link and its copy button are built only once asked for (issue #18): st.code makes the browser
    # fetch and start a 1.5 MB syntax highlighter, which on a cold deep link competed with plotly.js for
    # the CPU and delayed the page's first chart (Overview desktop 1.5x -> 1.1x the bare app's).
    box = lazy_expander(t("compare.share.show", lang), key=SHARE_OPEN)
    if box.open:
        base = st.context.url or path
        box.code(f"{base}?{urlencode(st.query_params.to_dict())}", language=None, wrap_lines=True)
        box.caption(t("compare.share.help", lang))


def lazy_expander(label: str, key: str):  # type: ignore[no-untyped-def]
    """An expander whose content is built only while it is open (`.open`): opening or closing it reruns the
    page, so a closed one sends nothing and the browser draws nothing for it (no table grid to load on a
    first view). Its open state is kept under `key` across reruns even when the label changes (a count in
    it, or a switch of language: both make a new element)."""
    st.session_state[key] = bool(st.session_state.get(key, False))
    return st.expander(label, key=key, on_change="rerun")


TAB_WRAP = '[data-testid="stTabs"] [role="tablist"] {flex-wrap: wrap}'


def lazy_tabs(key: str, tabs: Mapping[str, str], lang: str, remembered: str | None = None):  # type: ignore[no-untyped-def]
    """Tabs (id → label string) whose content is built only while open (`.open`): a switch reruns the page,
    so a closed tab sends nothing and the browser draws nothing for it (issue #18). The open tab is kept in
    the URL by id (?tab=targets; the first tab, the default, is not written: labels are translated) and
    across a language switch (the state holds the label shown, in either language). `remembered`: the tab
    to open when neither the session nor the link says (a page's own copy across page changes). Returns
    the open tab's id and the tab containers."""
    def tab_of(label: object) -> str | None:
        return next((tab for tab, string in tabs.items() for language in LANGUAGES if t(string, language) == label),
                    None)

    first = next(iter(tabs))
    tab = tab_of(st.session_state.get(key))
    if tab is None:
        wanted = st.query_params.get("tab")
        tab = wanted if wanted in tabs else remembered if remembered in tabs else first
    st.session_state[key] = t(tabs[tab], lang)
    # Tab names that do not fit on one line (Bandingkan's four at 390 px) wrap onto a second, rather than
    # scroll out of sight behind a small arrow that a phone user does not see.
    st.html(f"<style>{TAB_WRAP}</style>")
    containers = st.tabs([t(string, lang) for string in tabs.values()], key=key, on_change="rerun")
    url_state.keep({"tab": None if tab == first else tab})
    return tab, containers


def build_open_tab(tabs, builds: Iterable[Callable[[], None]], parts: Iterable[Callable[[], None]] = ()) -> None:  # type: ignore[no-untyped-def]
    """Build the open one of `lazy_tabs`' containers with its builder (in the tabs' order); a builder in `parts`
    is drawn as a part that reruns on its own (`part`)."""
    alone = set(parts)
    for container, build in zip(tabs, builds, strict=True):
        if container.open:
            with container:
                if build in alone:
                    part(build)
                else:
                    build()


def source_label(source_id: str, catalog: Catalog, lang: str, year: int | None = None) -> str:
    """A source as a reader cites it (analytics.domain.provenance.citation)."""
    return provenance.citation(source_id, catalog, lang, year)


def source_notes(source_ids: Iterable[str], catalog: Catalog, lang: str, uploads: Iterable[str] = ()) -> None:
    """Under every chart and table: the sources of what it shows, cited with their date and a link
    to the publisher's page where known; staff uploads listed as such (never under a citation)."""
    ids = sorted({s for s in source_ids if s})
    upload_lines = list(dict.fromkeys(uploads))
    if not ids and not upload_lines:
        return
    lines = []
    for source_id in ids:
        source = catalog.sources.get(source_id)
        label = source_label(source_id, catalog, lang)
        if source is not None and source.date and provenance.is_statistics(source):
            label = f"{label} ({source.date})"
        if source is not None and source.url:
            lines.append(f"- [{escape_markdown(label)}]({source.url})")
        else:
            lines.append(f"- {escape_markdown(label)}")
    lines += [f"- ⬆ {escape_markdown(text)}" for text in upload_lines]
    st.caption(f"**{t('overview.source', lang)}**\n" + "\n".join(lines))


def rows_source_notes(rows, catalog: Catalog, stamps, lang: str) -> None:
    """source_notes for a frame of observations (uploaded rows listed as uploads)."""
    source_notes(provenance.cited_sources(rows, stamps), catalog, lang, provenance.upload_notes(rows, stamps, lang))


def escape_markdown(text: object) -> str:
    """The one escaping helper for Markdown sinks (st.markdown, captions, alerts, titles, labels):
    text from data, files, links or people shown exactly as written, never as a link, colour,
    icon, LaTeX, emphasis or HTML (analytics.text.markdown_literal)."""
    return markdown_literal(text)


def plotly_chart(figure, **options) -> None:  # type: ignore[no-untyped-def]
    """st.plotly_chart with every text from data shown as plain text (plotly draws <a href> in
    labels and hover text as a live link): analytics.text.plain_figure. A chart with a download button
    downloads in the format chosen in the sidebar, whichever config it was given."""
    config = options.get("config")
    if config and "toImageButtonOptions" in config:
        filename = config["toImageButtonOptions"].get("filename", "grafik")
        options["config"] = {**config, "toImageButtonOptions": charts.image_options(image_format(), filename)}
    # A shared figure's (and an overlay's) texts were made plain when it was built (figures.shared).
    st.plotly_chart(figure if isinstance(figure, figures.SharedFigure) else plain_figure(figure), **options)


def csv_note(lang: str) -> None:
    """Under a chart's CSV and Excel buttons: the CSV is a clean table (no header block that breaks a
    reader), every row carries its measure, unit and source, and the definitions and full source list
    are in the Excel file's sheets, named here as the file names them."""
    st.caption(t("export.csv_note", lang, measures=t("export.sheet.measures", lang),
                 sources=t("export.sheet.sources", lang)))


# Kinds of problem written out in full above the problem table (whose cells cut long text off).
SUMMARY_KINDS = 8
SUMMARY_LINES = 5


def problem_summary(problems: list[Problem], lang: str) -> None:
    """Each kind of problem once, its explanation in full, with the lines, column and value it
    concerns (file text is escaped: never rendered as Markdown or HTML)."""
    kinds: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        message = problem.message_en if lang == "en" else problem.message_id
        kinds.setdefault((problem.column, message), []).append(problem)
    bullets = []
    for (column, message), items in list(kinds.items())[:SUMMARY_KINDS]:
        where = []
        lines = [str(p.row) for p in items if p.row is not None]
        if lines:
            more = t("upload.more_lines", lang, count=len(lines) - SUMMARY_LINES) if len(lines) > SUMMARY_LINES else ""
            where.append(f"{t('upload.col.row', lang)} {', '.join(lines[:SUMMARY_LINES])}{more}")
        if column:
            where.append(f"{t('upload.col.column', lang).lower()} {escape_markdown(column)}")
        values = {p.value for p in items if p.value}
        if len(values) == 1:
            where.append(f"{t('upload.col.value', lang).lower()} “{escape_markdown(values.pop())}”")
        bullets.append(f"- **{' · '.join(where)}**: {escape_markdown(message)}" if where else f"- {escape_markdown(message)}")
    if len(kinds) > SUMMARY_KINDS:
        bullets.append(f"- {t('upload.more_kinds', lang, count=len(kinds) - SUMMARY_KINDS)}")
    st.markdown("\n".join(bullets))


def kpi(measure: Measure, point: Point | None, previous: Point | None, catalog: Catalog, lang: str,
        uploaded: str | None = None) -> None:
    """A KPI card: latest value, change from the previous available year, period and source."""
    if point is None:
        st.metric(measure.name.get(lang), fmt.NO_DATA[lang], help=measure.definition.get(lang) or None, border=True)
        return
    delta, description, arrow = None, None, "auto"
    if previous is not None and not indicators.comparable(measure, previous, point):
        description = t("overview.not_comparable", lang, year=previous.year)
    elif previous is not None:
        difference = point.value - previous.value
        # Streamlit reads the arrow direction from a leading ASCII minus.
        delta = fmt.change(difference, measure, lang).replace(fmt.MINUS, "-")
        description = t("overview.delta_since", lang, year=previous.year)
        arrow = "off" if abs(difference) < 1e-12 else "auto"
    delta_colour = "off" if measure.lower_is_better is None else ("inverse" if measure.lower_is_better else "normal")
    st.metric(
        measure.name.get(lang),
        fmt.value(point.value, measure, lang),
        delta=delta,
        delta_color=delta_colour,
        delta_arrow=arrow,
        delta_description=description,
        help=measure.definition.get(lang) or None,
        border=True,
    )
    if uploaded:  # a staff upload is marked as such, never under the replaced value's publisher
        st.caption(f"{when(point.period, point.year, lang)} · ⬆ {escape_markdown(uploaded)}")
        return
    source = catalog.sources.get(point.source)
    publisher = provenance.short_publisher(source.publisher) if source else point.source
    st.caption(f"{when(point.period, point.year, lang)} · {escape_markdown(publisher)}")


def _css_string(text: str) -> str:
    """A CSS string literal of `text` (quotes, backslashes and line ends escaped)."""
    return '"' + "".join(c if c.isalnum() or c in " .,;:()•-" else f"\\{ord(c):x} " for c in text) + '"'


def file_uploader_words(lang: str, *, mb: int, types: Iterable[str]) -> None:
    """Streamlit 1.67 writes its file uploader's button ("Upload") and limit ("50MB per file • CSV,
    …") in English, with no parameter to change them. In the Indonesian interface they are
    replaced by CSS (the only way the framework allows): the original words are hidden (shrunk
    and `visibility: hidden`, which also takes them out of what screen readers announce) and the
    translation drawn in their place (Chromium names the button from that drawn text)."""
    limit = _css_string(t("upload.dropzone_limit", lang, mb=mb, types=", ".join(types).upper()))
    # The limit is the page's own (pages/upload.py), under Streamlit's: drawn in English too. A file
    # the browser refuses (over Streamlit's limit) gets only a red mark; its words, kept for screen
    # readers and a hover tooltip (none on a phone), are shown under the file.
    limit_rules = ('[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0; visibility: hidden}'
                   '[data-testid="stFileUploaderDropzoneInstructions"] span::after '
                   f'{{content: {limit}; font-size: 0.875rem; visibility: visible}}'
                   '[data-testid="stFileChip"] {flex-wrap: wrap}'
                   '[data-testid="stFileChip"] [role="alert"] {position: static; width: 100%; height: auto; '
                   'clip: auto; clip-path: none; overflow: visible; white-space: normal; margin: 0.25rem 0 0; '
                   'font-size: 0.875rem; color: #b42318}')
    if lang == "en":
        st.html(f"<style>{limit_rules}</style>")
        return
    button = _css_string(t("upload.dropzone_button", lang))
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] '
        '[data-testid="stMarkdownContainer"] p {font-size: 0; visibility: hidden}'
        # On the button itself, not on the hidden words: Chromium leaves the generated text of a
        # hidden element out of the button's accessible name.
        f'[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"]::after {{content: {button}}}'
        f"{limit_rules}</style>")
