"""The Overview's "one-page brief (PDF)" button: the PDF is made only when it is clicked.

Streamlit runs the callable given as `data` when the button is pressed, on its own thread,
and shows a spinner on the button meanwhile; a rerun of the page never builds a PDF.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import streamlit as st

from analytics.i18n import t
from analytics.outputs import brief
from pages._shared import data
from pages._shared.frame import Context

LOG = logging.getLogger("dasbor")


def dashboard_address() -> str:
    """This dashboard's address as the browser reached it (for the brief's link and QR code)."""
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:  # no browser context (AppTest, a bare script run): the configured address
        return brief.DEFAULT_BASE_URL
    if not parts.scheme or not parts.netloc:
        return brief.DEFAULT_BASE_URL
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def offer(ctx: Context) -> None:
    inputs = brief.BriefInputs(observations=ctx.observations, registry=ctx.registry, catalog=ctx.catalog,
                               targets=ctx.targets, revision=ctx.version, base_url=dashboard_address(),
                               stamps=data.revision_stamps(ctx.version))
    region, lang = ctx.region, ctx.lang

    def make() -> bytes:
        try:
            return brief.make_brief(inputs, region, lang).pdf
        except Exception as error:  # logged in full; the person sees a plain sentence
            LOG.exception("region brief %s/%s failed", region, lang)
            raise RuntimeError(t("brief.failed", lang)) from error

    st.download_button(t("brief.download", lang), make, file_name=brief.file_name(ctx.registry.get(region), lang),
                       mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                       help=t("brief.make_help", lang), key="overview_brief")
