"""The design card's packages install together with Rasa's own pins."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

from bot import PROJECT_ROOT

INSTALLED = {"rasa": "3.6.21", "rasa-sdk": "3.6.2", "python-telegram-bot": "22.8", "twilio": "8.2.2",
             "redis": "4.6.0", "langdetect": "1.0.9"}


def test_design_card_packages_are_installed_at_their_pins():
    assert {name: importlib.metadata.version(name) for name in INSTALLED} == INSTALLED
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout


def test_argostranslate_resolves_against_the_locked_set():
    """argostranslate is installed later (translation); its requirements must not clash with ours."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--report", "-",
         "--constraint", str(PROJECT_ROOT / "constraints.txt"), "argostranslate==1.11.0"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert '"name": "argostranslate"' in result.stdout and '"version": "1.11.0"' in result.stdout
