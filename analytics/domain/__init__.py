"""Pure pandas over the stored observations: indicators, programmes, targets and their words,
comparison, coverage, narrative and provenance. No plotly figures here (see figures/),
except the quadrant of compare and the heatmap of coverage, drawn on figures.charts."""
