"""Rasa's own checks on the project: data validation and conversation tests."""

from __future__ import annotations

import os
import subprocess

from bot import PROJECT_ROOT, runtime


def rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([*runtime.rasa_command(), *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env={**os.environ, **runtime.QUIET_ENV}, timeout=timeout)


def test_rasa_data_validate_is_clean():
    runtime.prepare_training_data()
    result = rasa("data", "validate", "--fail-on-warnings", "--domain", "domain", "--config", "config.yml",
                  "--data", *runtime.TRAINING_DATA)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_conversation_stories_pass(model, tmp_path):
    result = rasa("test", "core", "--model", str(model), "--stories", "tests/test_stories.yml",
                  "--fail-on-prediction-errors", "--out", str(tmp_path))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
