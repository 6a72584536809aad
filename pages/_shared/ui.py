"""Small rendering helpers used by several pages (source notes, KPI cards)."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from analytics import fmt, indicators
from analytics.catalog import Catalog, Measure
from analytics.i18n import t, when
from analytics.indicators import Point

PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def source_label(source_id: str, catalog: Catalog) -> str:
    source = catalog.sources.get(source_id)
    if source is None:
        return source_id
    label = f"{source.publisher}: {source.title}" if source.title else source.publisher
    return label


def source_notes(source_ids: Iterable[str], catalog: Catalog, lang: str) -> None:
    """Under every chart and table: the sources of what it shows, as plain text and links."""
    ids = sorted({s for s in source_ids if s})
    if not ids:
        return
    lines = []
    for source_id in ids:
        source = catalog.sources.get(source_id)
        label = source_label(source_id, catalog)
        if source is not None and source.url:
            lines.append(f"- [{_escape(label)}]({source.url})")
        else:
            lines.append(f"- {_escape(label)}")
    st.caption(f"**{t('overview.source', lang)}**\n" + "\n".join(lines))


def _escape(text: str) -> str:
    """Markdown-escape file- or catalog-supplied text (never rendered as HTML)."""
    for char in "\\`*_{}[]()#+!|<>":
        text = text.replace(char, "\\" + char)
    return text


def kpi(measure: Measure, point: Point | None, previous: Point | None, catalog: Catalog, lang: str) -> None:
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
    source = catalog.sources.get(point.source)
    st.caption(f"{when(point.period, point.year, lang)} · {source.publisher if source else point.source}")
