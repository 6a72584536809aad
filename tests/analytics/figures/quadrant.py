"""The quadrant chart built whole, the plain way: what the page draws as a shared base with each
participant's marks over it (pages/_shared/figures.overlay). Test helper, not a test."""

from __future__ import annotations

import plotly.graph_objects as go

from analytics.figures import compare_charts


def quadrant_figure(table, x_ref, y_ref, labels, lang, *, highlight, peers, names, x_measure, y_measure,  # type: ignore[no-untyped-def]
                    y_is_change, source="") -> go.Figure:
    fig = compare_charts.quadrant_base(table, x_ref, y_ref, labels, lang, names=names, x_measure=x_measure,
                                       y_measure=y_measure, y_is_change=y_is_change, source=source)
    traces, annotations = compare_charts.quadrant_marks(table, labels, lang, highlight=highlight, peers=peers,
                                                        names=names, x_measure=x_measure, y_measure=y_measure,
                                                        y_is_change=y_is_change)
    fig.add_traces(traces)
    for annotation in annotations:
        fig.add_annotation(annotation)
    return fig
