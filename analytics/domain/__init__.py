"""Pure pandas over the stored observations: indicators, programmes, targets and their words,
comparison, coverage, narrative and provenance. No plotly figures here: analytics/figures/ draws
what these modules compute (an import-linter contract in pyproject.toml keeps it so)."""
