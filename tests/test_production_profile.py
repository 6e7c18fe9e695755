"""The production profile: two Rasa processes sharing Redis for conversations and locks, and
archiving every event in PostgreSQL.

Both servers use the real Redis on 127.0.0.1 (database 15, key prefix ``citybottest``), a
database ``citybot_test`` of their own on the real PostgreSQL, and the same action server as the
embedded assistant.
"""

from __future__ import annotations

import getpass
import json
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
import redis
import requests

from bot import runtime
from tests.conftest import Chat
from tests.responses import text, which

REDIS_URL = "redis://127.0.0.1:6379/15"
PREFIX = "citybottest"
DATABASE = "citybot_test"
DATABASE_URL = f"postgresql://{getpass.getuser()}@127.0.0.1:5432/{DATABASE}"


@pytest.fixture(scope="module")
def postgres():
    """A fresh database of our own on the local PostgreSQL server."""
    admin = psycopg2.connect(host="127.0.0.1", dbname="postgres", user=getpass.getuser())
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection = psycopg2.connect(DATABASE_URL)
    connection.autocommit = True
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def redis_client():
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()
    for key in client.scan_iter(f"{PREFIX}:*"):
        client.delete(key)
    yield client
    for key in client.scan_iter(f"{PREFIX}:*"):
        client.delete(key)


@pytest.fixture(scope="module")
def two_servers(model, assistant, redis_client, postgres, tmp_path_factory):
    env = {"CITYBOT_REDIS_URL": REDIS_URL, "CITYBOT_REDIS_PREFIX": PREFIX, "CITYBOT_DATABASE_URL": DATABASE_URL}
    servers = [
        runtime.Assistant(model, profile="production", port=port, action_port=assistant.action_port,
                          start_actions=False, token="test-token", extra_env=env,
                          var_dir=tmp_path_factory.mktemp(f"production-{port}"),
                          log_dir=tmp_path_factory.mktemp(f"logs-{port}"))
        for port in (5205, 5305)
    ]
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda server: server.start(), servers))
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_conversation_continues_on_another_process(two_servers, redis_client):
    first, second = two_servers
    resident = Chat(first.url)
    assert resident.say("español") == text("utter_language_set", "es")
    # the same resident's next message lands on the other process, which reads Redis
    assert Chat(second.url, resident.sender).say("👍") == text("utter_ask_rephrase", "es")
    stored = json.loads(redis_client.get(f"{PREFIX}:tracker:{resident.sender}"))
    assert [e["text"] for e in stored["events"] if e["event"] == "user"] == ["español", "👍"]
    assert [e["value"] for e in stored["events"] if e["event"] == "slot" and e["name"] == "language"][-1] == "es"


def test_lock_store_serialises_one_conversation_across_processes(two_servers, redis_client):
    sender = Chat(two_servers[0].url).sender
    messages = ["hola", "gracias", "adios", "hola otra vez", "muchas gracias", "hasta luego"]
    chats = [Chat(two_servers[i % 2].url, sender) for i in range(len(messages))]
    with ThreadPoolExecutor(len(messages)) as pool:
        replies = list(pool.map(lambda pair: pair[0].send(pair[1]), zip(chats, messages)))
    assert all(replies)
    stored = json.loads(redis_client.get(f"{PREFIX}:tracker:{sender}"))
    user_texts = [e["text"] for e in stored["events"] if e["event"] == "user"]
    assert sorted(user_texts) == sorted(messages), "a message was lost: conversations were not locked"
    bot_turns = [e for e in stored["events"] if e["event"] == "bot"]
    assert len(bot_turns) == len(messages)


def test_production_servers_require_the_api_token(two_servers):
    for server in two_servers:
        assert requests.get(f"{server.url}/status", timeout=10).status_code == 401
        assert requests.get(f"{server.url}/status", params={"token": server.token}, timeout=10).ok


def test_every_event_is_archived_in_postgresql(two_servers, postgres):
    resident = Chat(two_servers[0].url)
    resident.say("bonjour")
    resident.say("merci")
    with postgres.cursor() as cursor:
        cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (resident.sender,))
        events = [json.loads(row[0]) for row in cursor.fetchall()]
    assert [e["text"] for e in events if e["event"] == "user"] == ["bonjour", "merci"]
    assert [e["text"] for e in events if e["event"] == "bot"] == [text("utter_greet", "fr"),
                                                                 text("utter_you_are_welcome", "fr")]


def test_channel_state_is_shared_through_redis(two_servers, redis_client):
    """The language menu is offered by one process and the resident's "2" lands on the other."""
    first, second = two_servers
    resident = Chat(first.url)
    assert len(resident.send("language")[0]["buttons"]) == 11
    assert redis_client.exists(f"{PREFIX}:buttons:{resident.sender}")
    assert Chat(second.url, resident.sender).say("2") == text("utter_language_set", "es")
