"""Cached access to the store: one connection per process, data cached per data-version.

Every read is keyed on `store.data_version()` (one cheap query per rerun), so an
upload through any app process is seen by all of them at their next rerun.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from analytics.catalog import Catalog, default_catalog
from analytics.loading import seed
from analytics.regions import RegionRegistry
from analytics.store import Store

LOG = logging.getLogger("dasbor")


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The process-wide store; created, migrated and seeded on first use."""
    instance = Store()
    seed(instance)
    return instance


def data_version() -> int:
    return store().data_version()


@st.cache_data(show_spinner=False, max_entries=4)
def observations(version: int) -> pd.DataFrame:
    return store().observations()


@st.cache_data(show_spinner=False, max_entries=4)
def targets(version: int) -> pd.DataFrame:
    return store().targets()


@st.cache_data(show_spinner=False, max_entries=4)
def regions_frame(version: int) -> pd.DataFrame:
    return store().regions()


@st.cache_resource(show_spinner=False, max_entries=4)
def registry(version: int) -> RegionRegistry:
    return RegionRegistry(regions_frame(version))


@st.cache_data(show_spinner=False, max_entries=4)
def revisions(version: int) -> pd.DataFrame:
    return store().revisions()


def catalog() -> Catalog:
    return default_catalog()
