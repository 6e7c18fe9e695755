"""The partner web chat in a real browser: our one-tag embed on a partner's page, the unmodified
rasa-webchat widget, and a page on an origin the partner did not list."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

from bot import PROJECT_ROOT
from tests.conftest import PARTNER_ID, PARTNER_PAGES_PORT
from tests.responses import text

OTHER_SITE_PORT = PARTNER_PAGES_PORT + 1
WIDGET = PROJECT_ROOT / "var" / "npm" / "rasa-webchat" / "lib" / "index.js"


def embed_page(assistant_url: str, language: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Community news</title></head>
<body><h1>Community news</h1><p>Today's stories.</p>
<script src="{assistant_url}/webhooks/partner/embed.js" async data-partner="{PARTNER_ID}"
        data-language="{language}" data-color="#8a1538" data-position="left"></script></body></html>"""


def widget_page(assistant_url: str) -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Widget</title></head><body>
<div id="webchat"></div><script src="/rasa-webchat.js"></script>
<script>WebChat.default({{selector: "#webchat", socketUrl: "{assistant_url}?partner={PARTNER_ID}",
  socketPath: "/socket.io/", customData: {{language: "es"}}, params: {{storage: "session"}},
  title: "Community news"}}, null);</script></body></html>"""


@pytest.fixture(scope="module")
def sites(assistant, tmp_path_factory):
    """Two static sites: the partner's (allowed origin) and another one (not allowed)."""
    root: Path = tmp_path_factory.mktemp("sites")
    (root / "es.html").write_text(embed_page(assistant.url, "es"), encoding="utf-8")
    (root / "ar.html").write_text(embed_page(assistant.url, "ar"), encoding="utf-8")
    (root / "widget.html").write_text(widget_page(assistant.url), encoding="utf-8")
    (root / "rasa-webchat.js").write_bytes(WIDGET.read_bytes())
    handler = functools.partial(type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(root))
    servers = [ThreadingHTTPServer(("127.0.0.1", port), handler) for port in (PARTNER_PAGES_PORT, OTHER_SITE_PORT)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"partner": f"http://127.0.0.1:{PARTNER_PAGES_PORT}", "other": f"http://127.0.0.1:{OTHER_SITE_PORT}"}
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def chat(page: Page, message: str) -> None:
    page.get_by_label("Your message").or_(page.locator("#citybot-input")).fill(message)
    page.locator("#citybot-input").press("Enter")


def test_embedded_chat_in_spanish(page: Page, sites):
    page.goto(f"{sites['partner']}/es.html")
    launcher = page.locator(".launcher")
    expect(launcher).to_have_text("Chatee con NYC")
    launcher.focus()
    page.keyboard.press("Enter")                       # keyboard opens it
    expect(page.locator(".panel")).to_be_visible()
    expect(page.locator("#citybot-input")).to_be_focused()
    chat(page, "hola")
    expect(page.locator(".bot").last).to_have_text(text("utter_greet", "es"))
    chat(page, "idioma")
    menu = page.locator(".bot").last.get_by_role("button")
    expect(menu).to_have_count(11)
    menu.nth(4).click()                                # বাংলা
    expect(page.locator(".bot").last).to_have_text(text("utter_language_set", "bn"))
    assert page.locator("[data-citybot]").get_attribute("data-state") == "connected"


def test_embedded_chat_in_arabic_is_right_to_left(page: Page, sites):
    page.goto(f"{sites['partner']}/ar.html")
    page.locator(".launcher").click()
    assert page.locator(".panel").evaluate("e => getComputedStyle(e).direction") == "rtl"
    chat(page, "مرحبا")
    reply = page.locator(".bot").last
    expect(reply).to_have_text(text("utter_greet", "ar"))
    assert reply.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.get_by_role("dialog").get_attribute("aria-label") == "تحدث مع مدينة نيويورك"


def test_conversations_carry_the_partner_id(page: Page, sites, assistant):
    page.goto(f"{sites['partner']}/es.html")
    page.locator(".launcher").click()
    chat(page, "gracias")
    expect(page.locator(".bot").last).to_have_text(text("utter_you_are_welcome", "es"))
    session_id = page.evaluate(f"localStorage.getItem('citybot-session-{PARTNER_ID}')")
    tracker = requests.get(f"{assistant.url}/conversations/{session_id}/tracker",
                           params={"token": assistant.token}, timeout=10).json()
    user = [e for e in tracker["events"] if e["event"] == "user"]
    assert user[-1]["text"] == "gracias" and user[-1]["metadata"]["partner"] == PARTNER_ID
    assert tracker["latest_input_channel"] == "partner"


def test_page_on_an_origin_the_partner_did_not_list_gets_no_connection(page: Page, sites):
    page.goto(f"{sites['other']}/es.html")
    page.locator(".launcher").click()
    host = page.locator("[data-citybot]")
    expect(host).to_have_attribute("data-state", "refused")
    expect(page.locator(".notice")).to_have_text("No disponible en este momento.")
    chat(page, "hola")
    page.wait_for_timeout(1500)
    expect(page.locator(".bot")).to_have_count(0)


def test_unmodified_rasa_webchat_widget_gets_a_reply(page: Page, sites):
    page.goto(f"{sites['partner']}/widget.html")
    page.locator(".rw-launcher").click()
    page.locator(".rw-new-message").fill("hola")
    page.locator(".rw-new-message").press("Enter")
    expect(page.locator(".rw-response").last).to_contain_text("¡Hola!")


def test_embed_script_is_served_as_javascript(assistant):
    reply = requests.get(f"{assistant.url}/webhooks/partner/embed.js", timeout=10)
    assert reply.ok and reply.headers["Content-Type"].startswith("application/javascript")
    assert "data-partner" in reply.text
