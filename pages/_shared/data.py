"""Cached access to the store: one connection per process, data cached per data-version.

Every read is keyed on `store.data_version()` (one cheap query per rerun), so an
upload through any app process is seen by all of them at their next rerun.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from analytics.catalog import Catalog, default_catalog
from analytics.domain import indicators, provenance
from analytics.regions import RegionRegistry
from analytics.store.store import SCHEMA_VERSION, Store, default_url

LOG = logging.getLogger("dasbor")


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    instance = Store(url)
    if instance.schema_version() < SCHEMA_VERSION or instance.is_empty():
        # Only a new store pays for the loading path (pandera and the parser).
        from analytics.ingest.loading import seed

        seed(instance)
    return instance


def store() -> Store:
    """The process-wide store for DATABASE_URL; created, migrated and seeded on first use."""
    return _store(default_url())


def data_version() -> int:
    return store().data_version()


# Every cached read is keyed on the store's URL and data version: a write by any process
# changes the version, so the next rerun anywhere reads fresh data.
# One frame per store and data-version, shared by every session and never changed (no page writes into
# it: tests/app/test_shared_caches.py runs every page and compares it with a fresh read), indexed
# by region and measure (analytics.domain.indicators.indexed), its texts held as Python strings
# (indicators.text_as_objects: faster to take rows from). As st.cache_data it was unpickled on every
# read, several times a rerun, and each selection compared strings on all its rows: under a class of 30
# that was most of the server's time.
@st.cache_resource(show_spinner=False, max_entries=4)
def _observations(url: str, version: int) -> pd.DataFrame:
    return indicators.indexed(indicators.text_as_objects(store().observations(down_to="kabkota")))


def observations(version: int) -> pd.DataFrame:
    """Current observations of the nation, provinces and kab/kota: what every page works on, shared (read
    it, never write into it). Kecamatan and desa rows (a store may hold millions) are read per region,
    when a page shows them (`finer_observations`)."""
    return _observations(store().url, version)


@st.cache_data(show_spinner=False, max_entries=16)
def _finer_observations(url: str, version: int, codes: tuple[str, ...]) -> pd.DataFrame:
    return store().observations(regions=codes)


def finer_observations(version: int, codes: list[str]) -> pd.DataFrame:
    """Current observations of the given kecamatan or desa codes."""
    return _finer_observations(store().url, version, tuple(sorted(codes)))


@st.cache_data(show_spinner=False, max_entries=4)
def _coverage(url: str, version: int) -> pd.DataFrame:
    return store().coverage()


def coverage(version: int) -> pd.DataFrame:
    """Per measure: how many values the store holds, at every level, and their years."""
    return _coverage(store().url, version)


@st.cache_data(show_spinner=False, max_entries=4)
def _coverage_matrix(url: str, version: int) -> pd.DataFrame:
    return store().coverage_matrix()


def coverage_matrix(version: int) -> pd.DataFrame:
    """Per measure, level and year: how many regions hold a value (counted by the database)."""
    return _coverage_matrix(store().url, version)


@st.cache_resource(show_spinner=False, max_entries=4)
def _targets(url: str, version: int) -> pd.DataFrame:
    return store().targets()


def targets(version: int) -> pd.DataFrame:
    """The stored targets, shared like the observations (read them, never write into them)."""
    return _targets(store().url, version)


@st.cache_data(show_spinner=False, max_entries=4)
def _regions_frame(url: str, version: int) -> pd.DataFrame:
    return store().regions()


def regions_frame(version: int) -> pd.DataFrame:
    return _regions_frame(store().url, version)


@st.cache_resource(show_spinner=False, max_entries=4)
def _registry(url: str, version: int) -> RegionRegistry:
    return RegionRegistry(_regions_frame(url, version))


def registry(version: int) -> RegionRegistry:
    return _registry(store().url, version)


@st.cache_data(show_spinner=False, max_entries=4)
def _revisions(url: str, version: int) -> pd.DataFrame:
    return store().revisions()


def revisions(version: int) -> pd.DataFrame:
    return _revisions(store().url, version)


# A revision's changes are read per rerun of the history page (every widget on it): cached like
# the other reads. A few entries only; a large upload's changes hold every row it wrote.
@st.cache_data(show_spinner=False, max_entries=4)
def _changes(url: str, version: int, revision: int) -> pd.DataFrame:
    return store().changes(revision)


def changes(version: int, revision: int) -> pd.DataFrame:
    return _changes(store().url, version, int(revision))


@st.cache_data(show_spinner=False, max_entries=16)
def _observation_count(url: str, version: int, revision: int) -> int:
    return store().observation_count(revision=revision)


def observation_count(version: int, revision: int) -> int:
    return _observation_count(store().url, version, int(revision))


@st.cache_data(show_spinner=False, max_entries=4)
def _revision_stamps(url: str, version: int) -> dict[int, provenance.RevisionStamp]:
    return provenance.revision_stamps(store().revisions())


def revision_stamps(version: int) -> dict[int, provenance.RevisionStamp]:
    """Revision id → number, kind and day: what marks a staff upload as such on every page."""
    return _revision_stamps(store().url, version)


def catalog() -> Catalog:
    return default_catalog()
