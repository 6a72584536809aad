"""AppTest runs every script run as a brand-new process would: with a pages/ folder beside
app.py, Streamlit's legacy file-based navigation takes the first run (see
pages/_shared/frame.py: the page then hands over to app.py with a rerun, which would drop
the widget interaction a test just made). A served app leaves that mode for good after its
first run, so these tests start from there; the legacy first run itself is tested in real
Chromium (tests/browser/test_overview.py)."""

from __future__ import annotations

import time

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from tests.conftest import ROOT


class _ServedPagesManager(PagesManager):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def served_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test, "PagesManager", _ServedPagesManager)


@pytest.fixture
def app(seeded_store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The whole app (frame and navigation) on the seeded embedded data."""
    monkeypatch.setenv("DATABASE_URL", seeded_store.url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def open_page(app: AppTest, page: str, **params: str) -> AppTest:
    """Open `page` as a shared link does: the link's parameters, the app's first run, then the
    page (Overview is the default page); the page's own parameters are set again after the
    switch because Streamlit clears them on navigation."""
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "pages/overview.py":
        app.switch_page(page)
        for key, value in params.items():
            app.query_params[key] = value
        app.run()
    return app


# Password of the accounts these tests create (test-only).
TEST_PASSWORD = "kata-sandi-uji-panjang-1"


def signed_in(app: AppTest, name: str, role: str) -> AppTest:
    """The session the sign-in form leaves for account `name` of the app's store (created with
    `role` if it does not exist yet): pages read the account again from the store on every run."""
    import os

    import sqlalchemy as sa

    from analytics.accounts import auth
    from analytics.store.schema import users_table
    from analytics.store.store import Store

    store = Store(os.environ["DATABASE_URL"])
    try:
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).first()
        if row is None:
            auth.add_user(store, name, role, TEST_PASSWORD, by="test")
            with store.engine.connect() as conn:
                row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).first()
    finally:
        store.dispose()
    app.session_state["user"] = {"name": name, "role": row.role, "last_seen": time.time(),
                                 "stamp": auth.credential_stamp(row.password_hash), "sso": False}
    return app


def as_editor(app: AppTest, page: str, name: str = "siti", role: str = "editor") -> AppTest:
    """Signed in as an editor (the session the sign-in form leaves), then on `page`."""
    signed_in(app, name, role)
    app.run()
    app.switch_page(page)
    app.run()
    return app


def visible(markdown: str) -> str:
    """What a reader sees of Markdown written through ui.escape_markdown: the escaping
    backslashes and word joiners (analytics.text.markdown_literal) are not shown."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")
