"""Debian's chromium for the page tests: where it is, and the flags it runs headless with
on a machine whose only network is loopback."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium")
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
