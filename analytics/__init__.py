"""Dasbor Kemiskinan data layer: pure pandas, never imports Streamlit.

Modules, in the order data flows through them:
ingest (parse) → validate (check) → store (versioned SQL) → domain modules
(indicators, ...) → charts (plotly figures). `fmt` and `i18n` are the single
number formatter and the single string lookup.
"""
