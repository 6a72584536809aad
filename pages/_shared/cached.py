"""Page results that are the same for every session with the same inputs, computed once.

Keyed on the data-version like every cached read (pages/_shared/data.py), so a write by any
process is seen at the next rerun; and on everything else the result depends on (region,
language, choices), so no session is shown another's.
"""

from __future__ import annotations

import streamlit as st

from analytics import narrative
from analytics.targets import GlidePath
from pages._shared import data


@st.cache_resource(show_spinner=False, max_entries=256)
def _narrative(url: str, version: int, region_code: str, measure_ids: tuple[str, ...], lang: str, as_of: int,
               _glides: dict[str, GlidePath]) -> narrative.Narrative:
    return narrative.summary(data.observations(version), data.registry(version), data.catalog(), region_code,
                             list(measure_ids), lang, _glides)


def narrative_summary(version: int, region_code: str, measure_ids: list[str], lang: str, as_of: int,
                      glides: dict[str, GlidePath]) -> narrative.Narrative:
    """narrative.summary, once per data-version, region, measures, language and year (the glide paths
    are the region's targets as of that year at that data-version, so they add nothing to the key).
    The Narrative is frozen, so every session may share it. It took about 0.45 s of each Kemiskinan
    rerun (peer ranks over every kab/kota)."""
    return _narrative(data.store().url, version, region_code, tuple(measure_ids), lang, as_of, glides)
