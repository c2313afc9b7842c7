"""Deployment settings (issue 15): `make run` listens on this machine only unless told otherwise; the server's
upload limit is the page's; the README shows the limits and a reverse proxy that adds security headers."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from lib.store.upload_worker import UploadLimits

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def make_run(*args: str) -> str:
    out = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    # The streamlit command line (make may print its own "Entering/Leaving directory" lines when run by make).
    return next(line for line in reversed(out.stdout.strip().splitlines()) if "streamlit run" in line)


class TestMakeRun:
    def test_binds_loopback_by_default(self):
        line = make_run()
        assert "--server.address 127.0.0.1" in line and "PARTY_LINES_ALLOW_WRITES=1" in line

    def test_serving_on_a_network_is_a_documented_setting(self):
        line = make_run("HOST=0.0.0.0", "WRITES=0")
        assert "--server.address 0.0.0.0" in line and "PARTY_LINES_ALLOW_WRITES=0" in line
        assert "make run HOST=0.0.0.0 WRITES=0" in README


def test_server_upload_limit_is_the_pages():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == UploadLimits().file_mb
    assert config["client"]["showErrorDetails"] == "none"


def test_readme_states_the_upload_limits():
    limits = UploadLimits()
    section = README[README.index("### Limits of an upload"):]
    for fact in (f"{limits.file_mb} MB", f"{limits.session_files} documents", f"{limits.session_bytes // 2**20} MB",
                 f"{limits.memory_mb:,} MB", f"{limits.seconds // 60} minutes", *UploadLimits.ENV.values()):
        assert fact in section, fact


@pytest.mark.parametrize("header", ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                                    "Referrer-Policy"])
def test_readme_reverse_proxy_adds_security_headers(header):
    config = re.search(r"```nginx\n(.*?)```", README, re.S)
    assert config, "the README's deploy section shows an nginx configuration"
    assert re.search(rf"add_header\s+{header}\s", config.group(1)), header
