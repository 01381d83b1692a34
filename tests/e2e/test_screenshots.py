"""scripts/screenshots.py saves a full-page PNG of each page asked for, in English and Dutch, at
laptop and phone width, from a demo database of its own."""

import struct
import subprocess
import sys
from pathlib import Path

from .conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]


def png_size(path):
    """Width and height from a PNG's header; fails on anything that is not a PNG."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_the_command_saves_each_page_in_both_languages_at_both_widths(tmp_path):
    command = [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(tmp_path)]
    command += ["--page", "home", "--page", "call_page", "--role", "anonymous"]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "CHROMIUM_PATH": CHROMIUM}
    )
    assert done.returncode == 0, done.stderr
    assert "8 screenshots" in done.stdout

    for language in ("en", "nl"):
        for width, shortest in ((1280, 800), (390, 844)):
            for page in ("home", "call_page"):
                width_found, height = png_size(tmp_path / f"{language}-{width}-anonymous-{page}.png")
                assert width_found == width
                assert height >= shortest  # the whole page, at least a screen of it
    # The call page is longer than a screen: taken whole, not just its first screen.
    assert png_size(tmp_path / "en-390-anonymous-call_page.png")[1] > 844 * 2
