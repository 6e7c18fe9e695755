"""How the assistant is trained and run: one place used by ``scripts/start``, the tests and ``bench/``.

* Training is cached by content: the model file is named after a hash of everything Rasa trains
  on, so an unchanged project starts at once and a changed one retrains.
* Two profiles, chosen by ``CITYBOT_PROFILE``: ``embedded`` (default; SQLite tracker store and
  project database, in-memory lock store, nothing else to install) and ``production`` (Redis tracker and lock
  stores, from ``CITYBOT_REDIS_URL``; the project database and the conversation archive in
  PostgreSQL, from ``CITYBOT_DATABASE_URL``). Migrations run before the servers start.
* ``Assistant`` starts the action server and the Rasa server as child processes and stops both.

Importable without Rasa: it drives the ``rasa`` command of the same virtualenv.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional
from urllib.parse import urlparse

from bot import PROJECT_ROOT, db

GENERATED_DATA = "var/training"  # NLU data generated from data/kb, rebuilt before every training
TRAINING_DATA = ("data/nlu", "data/rules", "data/stories", GENERATED_DATA)
MODEL_INPUTS = ("config.yml", "domain", "data/nlu", "data/rules", "data/stories", "data/kb", "data/languages.yml",
                "data/language_words.yml", "components")
MODELS_DIR = PROJECT_ROOT / "models"
VAR_DIR = PROJECT_ROOT / "var"
PROFILES = {"embedded": "endpoints.yml", "production": "endpoints.production.yml"}
CHANNEL_VARIABLES = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_SMS_NUMBER", "TWILIO_WHATSAPP_NUMBER",
                     "TWILIO_API_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_SECRET_TOKEN", "TELEGRAM_API_URL",
                     "CITYBOT_PUBLIC_URL")

QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONWARNINGS": "ignore",
}


def rasa_command() -> List[str]:
    """The ``rasa`` CLI of the interpreter running this code (the project's .venv)."""
    return [sys.executable, "-m", "rasa"]


def fingerprint() -> str:
    """A hash of every file the trained model depends on, plus the Rasa version pin."""
    digest = hashlib.sha256()
    for name in MODEL_INPUTS:
        path = PROJECT_ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix != ".md") if path.is_dir() else [path]  # notes for people don't train
        for file in files:
            digest.update(str(file.relative_to(PROJECT_ROOT)).encode())
            digest.update(file.read_bytes())
    digest.update((PROJECT_ROOT / "constraints.txt").read_bytes())
    return digest.hexdigest()[:16]


def prepare_training_data() -> None:
    """Write the NLU data generated from the knowledge base where ``TRAINING_DATA`` expects it."""
    from bot import kb

    kb.write_training_data(PROJECT_ROOT / GENERATED_DATA / "kb.yml")


def ensure_model(log=print) -> Path:
    """Return the model for the current project files, training it only if it does not exist."""
    prepare_training_data()
    name = f"citybot-{fingerprint()}"
    model = MODELS_DIR / f"{name}.tar.gz"
    if model.exists():
        log(f"Model is up to date: {model.relative_to(PROJECT_ROOT)}")
        return model
    log("Training data changed (or no model yet): training, this takes about a minute…")
    subprocess.run(
        [*rasa_command(), "train", "--config", "config.yml", "--domain", "domain",
         "--data", *TRAINING_DATA, "--out", str(MODELS_DIR), "--fixed-model-name", name],
        cwd=PROJECT_ROOT, env={**os.environ, **QUIET_ENV}, check=True,
    )
    for stale in MODELS_DIR.glob("citybot-*.tar.gz"):
        if stale != model:
            stale.unlink()  # models are rebuilt from the repository; old ones only take space
    return model


def api_token() -> str:
    """The HTTP API token: ``CITYBOT_API_TOKEN``, or one generated once and kept in var/."""
    token = os.environ.get("CITYBOT_API_TOKEN")
    if token:
        return token
    path = VAR_DIR / "api-token"
    if not path.exists():
        VAR_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(24))
        path.chmod(0o600)
    return path.read_text().strip()


def profile_env(profile: str, action_port: int, var_dir: Path, environ: Dict[str, str]) -> Dict[str, str]:
    """The variables the chosen profile's endpoints file reads, derived from ``environ``."""
    if profile not in PROFILES:
        raise SystemExit(f"CITYBOT_PROFILE must be one of {sorted(PROFILES)}, not {profile!r}")
    env = {"CITYBOT_ACTION_URL": f"http://127.0.0.1:{action_port}/webhook",
           "CITYBOT_TRACKER_DB": str(var_dir / "tracker.db"),
           "CITYBOT_DATABASE_URL": environ.get("CITYBOT_DATABASE_URL") or f"sqlite:///{var_dir / 'citybot.db'}",
           # channels left unconfigured answer 503 instead of failing to start
           **{name: environ.get(name, "") for name in CHANNEL_VARIABLES}}
    if profile == "production":
        # The channel layer's shared state (webhook de-duplication, offered buttons) uses the same Redis.
        env["CITYBOT_REDIS_URL"] = environ.get("CITYBOT_REDIS_URL") or "redis://127.0.0.1:6379/0"
        url = urlparse(env["CITYBOT_REDIS_URL"])
        env.update(
            CITYBOT_REDIS_HOST=url.hostname or "127.0.0.1",
            CITYBOT_REDIS_PORT=str(url.port or 6379),
            CITYBOT_REDIS_DB=(url.path or "/0").lstrip("/") or "0",
            CITYBOT_REDIS_KEY_PREFIX=environ.get("CITYBOT_REDIS_PREFIX", "citybot"),
        )
        env["CITYBOT_DATABASE_URL"] = environ.get("CITYBOT_DATABASE_URL") or "postgresql://127.0.0.1:5432/citybot"
        database = urlparse(env["CITYBOT_DATABASE_URL"])
        env.update(
            CITYBOT_DB_HOST=database.hostname or "127.0.0.1",
            CITYBOT_DB_PORT=str(database.port or 5432),
            CITYBOT_DB_NAME=database.path.lstrip("/") or "citybot",
            CITYBOT_DB_USER=database.username or getpass.getuser(),
            CITYBOT_DB_PASSWORD=database.password or "",
        )
    return env


def _wait_for(url: str, process: subprocess.Popen, timeout: float, log: Optional[Path]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            where = f"; its output is in {log}" if log else ""
            raise RuntimeError(f"{' '.join(process.args[1:5])}… exited with {process.returncode}{where}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Assistant:
    """The Rasa server and the action server of one profile, as child processes."""

    model: Path
    profile: str = "embedded"
    port: int = 5005
    action_port: int = 5055
    var_dir: Path = VAR_DIR
    token: str = field(default_factory=api_token)
    extra_env: Dict[str, str] = field(default_factory=dict)
    credentials: str = "credentials.yml"
    start_actions: bool = True
    log_dir: Optional[Path] = None
    processes: List[subprocess.Popen] = field(default_factory=list)
    logs: Dict[str, Path] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, args: List[str], env: Dict[str, str], name: str) -> subprocess.Popen:
        output = None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            self.logs[name] = self.log_dir / f"{name}.log"
            output = open(self.logs[name], "ab")
        process = subprocess.Popen(args, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT if output else None,
                                   start_new_session=True)
        if output:
            output.close()  # the child has its own copy
        self.processes.append(process)
        return process

    def start(self, timeout: float = 180) -> "Assistant":
        self.var_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, **QUIET_ENV, **self.extra_env}
        env.update(profile_env(self.profile, self.action_port, self.var_dir, env))
        db.upgrade(env["CITYBOT_DATABASE_URL"])
        actions = None
        actions_name, server_name = f"actions-{self.action_port}", f"rasa-{self.port}"
        if self.start_actions:
            actions = self._spawn(
                [*rasa_command(), "run", "actions", "--actions", "actions", "--port", str(self.action_port)],
                {**env, "SANIC_HOST": "127.0.0.1"}, actions_name)
        server = self._spawn(
            [*rasa_command(), "run", "--model", str(self.model), "--enable-api", "--auth-token", self.token,
             "--endpoints", PROFILES[self.profile], "--credentials", self.credentials,
             "--interface", "127.0.0.1", "--port", str(self.port)],
            env, server_name)
        try:
            if actions:
                _wait_for(f"http://127.0.0.1:{self.action_port}/health", actions, timeout, self.logs.get(actions_name))
            _wait_for(f"{self.url}/", server, timeout, self.logs.get(server_name))
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop both servers: SIGTERM, then SIGKILL after ten seconds."""
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def run() -> int:
    """Train if needed, start both servers on the configured profile, stop them on Ctrl-C."""
    profile = os.environ.get("CITYBOT_PROFILE", "embedded")
    port = int(os.environ.get("CITYBOT_PORT", "5005"))
    assistant = Assistant(ensure_model(), profile=profile, port=port,
                          action_port=int(os.environ.get("CITYBOT_ACTION_PORT", "5055")))
    print(f"Starting the assistant ({profile} profile)…", flush=True)
    stopping = False

    def _stop(signum, frame):  # noqa: ARG001 - signal handler signature
        nonlocal stopping
        if not stopping:
            stopping = True
            print("\nStopping…", flush=True)
            assistant.stop()
            sys.exit(0)

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    assistant.start()
    print(f"\n  Chat with the assistant:  {assistant.url}/webhooks/web/"
          f"\n  HTTP API:                 {assistant.url}  (token in var/api-token or CITYBOT_API_TOKEN)"
          f"\n  Stop with Ctrl-C.\n", flush=True)
    while all(process.poll() is None for process in assistant.processes):
        time.sleep(1)
    assistant.stop()
    print("A server exited unexpectedly; see the output above.", file=sys.stderr)
    return 1


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.runtime", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("run", "train"))
    args = parser.parse_args(argv)
    if args.command == "train":
        ensure_model()
        return 0
    return run()


if __name__ == "__main__":
    sys.exit(main())
