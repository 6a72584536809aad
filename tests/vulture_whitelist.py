"""Names vulture (the dead-code finder run by `make lint`) reports as unused that are used, each with why.

vulture reads this file as source, never runs it: each line "uses" one name. Add a name here only with
the reason it is not dead; delete dead code instead of listing it.
"""
# ruff: noqa: B018, F821

# pandera reads a DataFrameModel's inner Config class and its options by name (analytics/ingest/schemas.py).
Config
_.coerce
_.strict

# SQLAlchemy calls the listeners registered with @event.listens_for (analytics/store/engine.py); the connect
# listener sets the DBAPI connection's own isolation_level attribute.
_sqlite_connect
_sqlite_begin
_.isolation_level

# Fields of the target answer records, asserted by hand-computed tests (tests/analytics/domain/test_targets.py,
# test_target_answers.py): the need as it stood at the previous value, and the region whose target is
# the headline. No page prints them yet.
_.baseline_needed_per_year
_.scope_region

# pages/_shared/figures.py: to_dict() keeps the figure's dict on the instance; `shared()` turns a built
# go.Figure into a SharedFigure by assigning __class__ (no copy).
_._shared_dict
_.__class__

# yaml.SafeDumper calls ignore_aliases (scripts/build_data.py's _Dumper overrides it).
_.ignore_aliases

# Set by attribute name on Streamlit's AppTest and on protobuf messages (benchmarks/brief.py, class_load.py).
_.uses_pages_directory
_.bool_value
_.int_value
_.double_value
_.timezone
