"""Hardening settings that must not drift (a change here needs a reason in the review)."""

import subprocess
import tomllib

from tests.conftest import ROOT


def config() -> dict:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_server_binds_to_loopback_with_xsrf_protection_and_an_upload_limit():
    server = config()["server"]
    assert server["address"] == "127.0.0.1"
    assert server["enableXsrfProtection"] is True
    # A little above the upload page's own limit (50 MB), which refuses in the reader's language.
    assert server["maxUploadSize"] == 55


def test_users_never_see_error_details():
    assert config()["client"]["showErrorDetails"] == "none"


def test_real_secrets_are_git_ignored_and_an_example_is_committed():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT)
    assert ignored.returncode == 0
    assert (ROOT / ".streamlit" / "secrets.toml.example").is_file()


def test_no_committed_file_names_a_package_registry_host():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    hosts = ("pypi" + ".org", "files.python" + "hosted.org", "registry.npm" + "js.org", "deb.deb" + "ian.org")
    offenders = [f for f in files if not f.startswith("data/") and (ROOT / f).is_file()
                 and any(h in (ROOT / f).read_text(encoding="utf-8", errors="ignore") for h in hosts)]
    assert offenders == []
