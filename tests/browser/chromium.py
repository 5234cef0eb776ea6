"""Launch Debian's Chromium through Playwright (never a downloaded browser); say so when it is missing."""

import os
import shutil
import subprocess
from pathlib import Path

EXECUTABLE = Path(os.environ.get("DUIKOU_CHROMIUM", "/usr/bin/chromium"))
PACKAGES = "chromium fonts-wqy-microhei"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
]
HOW_TO_INSTALL = (
    f"install Debian's packages: `make setup-test` does it when run as root (CI), "
    f"otherwise `sudo apt-get install {PACKAGES}`; nothing here downloads a browser "
    "(never `playwright install`)"
)


def missing() -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can."""
    if not (EXECUTABLE.is_file() and os.access(EXECUTABLE, os.X_OK)):
        return f"Chromium is missing at {EXECUTABLE}: {HOW_TO_INSTALL}"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"{error.name} is missing: install the test extra, `pip install -e '.[test]'`"
    return None


def chinese_fonts() -> list[str]:
    """Font families fontconfig knows for Chinese (an empty list draws 瑞金 as empty boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    listing = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    return sorted({line.strip() for line in listing.stdout.splitlines() if line.strip()})


def launch(playwright):
    """One headless Chromium from EXECUTABLE with the fixed flags (no sandbox: CI runs as root)."""
    return playwright.chromium.launch(
        executable_path=str(EXECUTABLE), args=ARGS, headless=True, timeout=60_000
    )
