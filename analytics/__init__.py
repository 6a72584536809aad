"""Dasbor Kemiskinan data layer: pure pandas, never imports Streamlit.

Packages, in the order data flows through them (docs/architecture.md has the picture):
ingest (parser -> matching -> validate -> loading) -> store (the versioned SQL store) ->
domain (indicators, programmes, targets, comparison, narrative, provenance) -> figures (plotly) and
outputs (downloads, the PDF brief); accounts (sign-in, audit log) guards every write.
At the top, the foundation every layer uses: contract (tidy columns, keys, code lengths, periods),
catalog and regions (what the dashboard knows), fmt and i18n (the one number formatter and the one
string lookup), text, errors, paths, and cli (`python -m analytics`).
"""
