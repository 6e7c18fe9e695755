"""The local chat page in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.responses import text


@pytest.fixture
def page(browser, assistant) -> Page:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{assistant.url}/webhooks/web/")
    yield page
    context.close()


def send(page: Page, message: str) -> None:
    page.get_by_label("Your message").fill(message)
    page.keyboard.press("Enter")


def test_chat_in_spanish_then_arabic(page: Page):
    send(page, "hola buenos dias")
    expect(page.locator(".bot").last).to_have_text(text("utter_greet", "es"))
    send(page, "مرحبا")
    arabic = page.locator(".bot").last
    expect(arabic).to_have_text(text("utter_greet", "ar"))
    # dir="auto" lays Arabic out right to left
    assert arabic.evaluate("element => getComputedStyle(element).direction") == "rtl"


def test_language_menu_buttons_are_keyboard_accessible(page: Page):
    send(page, "language")
    menu = page.locator(".bot").last.get_by_role("button")
    expect(menu).to_have_count(11)
    menu.nth(1).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".bot").last).to_have_text(text("utter_language_set", "es"))


def test_resident_text_is_shown_as_text_not_html(page: Page):
    send(page, "<img src=x onerror=\"document.body.dataset.pwned=1\"> hello")
    expect(page.locator(".user").last).to_contain_text("<img src=x")
    expect(page.locator(".bot")).to_have_count(1)
    assert page.evaluate("document.body.dataset.pwned") is None
