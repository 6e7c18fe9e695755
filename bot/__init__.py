"""Domain logic of the NYC engagement assistant.

Everything under ``bot`` is importable and testable without Rasa: language identification,
content, and (as they arrive) benefits rules, feedback, cases and campaigns. Rasa-facing code
(``components/``, ``actions/``, ``channels/``) stays a thin layer over this package.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
