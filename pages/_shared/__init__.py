"""Streamlit-only helpers shared by the pages (never registered as a page)."""
