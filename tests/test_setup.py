"""scripts/setup finds Python 3.10 itself, or says what to install."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bot import PROJECT_ROOT


def test_setup_names_what_to_install_when_no_python_310_exists(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(PROJECT_ROOT / "scripts" / "setup", tmp_path / "scripts" / "setup")
    result = subprocess.run(["bash", str(tmp_path / "scripts" / "setup")], capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1
    assert "Python 3.10 is required" in result.stderr and "pyenv install 3.10" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_setup_finds_pyenvs_python_310(tmp_path):
    """With no python3.10 on PATH, pyenv's versions directory is searched."""
    fake = tmp_path / "pyenv" / "versions" / "3.10.99" / "bin"
    fake.mkdir(parents=True)
    (fake / "python3.10").symlink_to(Path(sys.base_prefix) / "bin" / "python3.10")
    (tmp_path / "scripts").mkdir()
    shutil.copy(PROJECT_ROOT / "scripts" / "setup", tmp_path / "scripts" / "setup")
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "constraints.txt").write_text("")
    result = subprocess.run(["bash", str(tmp_path / "scripts" / "setup")], capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"),
                                 "PYENV_ROOT": str(tmp_path / "pyenv")})
    assert f"Creating .venv with {fake / 'python3.10'}" in result.stdout
