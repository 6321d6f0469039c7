"""Residents whose phones speak Urdu, Arabic or Polish go from /start to a followed course and
its reminder without meeting a word of the bot's English, only the course as published; a
resident can pick a language, and /forget forgets it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from babel.messages.pofile import read_po

from bot.app import App
from fakegram import BotMessage, FakeBotApi, Resident
from tests.conftest import Clock, delivery_of
from views.i18n import DOMAIN, catalogue_dir, lang
from views.text import lead

# Pottery wheel for beginners (ART-POT-AN): Thursdays 18:30-21:00 from 14 January 2027.
FIRST = datetime(2027, 1, 14, 18, 30, tzinfo=UTC)
# Course content as published, and the bot's name, which stays in English everywhere.
COURSE_WORDS = (
    "Pottery wheel for beginners",
    "Hulme Makers Co-op",
    "Ancoats",
    "Learning City Bot",
)


@cache
def english_phrases() -> frozenset[str]:
    """Every run of three or more words the bot says in English, from the message template:
    none may reach a resident who reads another language."""
    with (catalogue_dir() / f"{DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    phrases = set()
    for message in template:
        for text in message.id if isinstance(message.id, tuple | list) else (message.id,):
            for piece in re.split(r"\{\w+\}|</?\w+>|/\w+", str(text)):
                piece = piece.strip(" .,:;!?()–-—“”'\"…•\n🔔📅📍💷")
                if len(re.findall(r"[A-Za-z]+", piece)) >= 3:
                    phrases.add(piece)
    return frozenset(phrases)


@cache
def english_labels() -> frozenset[str]:
    """Every message of the template as a whole (a button says one message)."""
    with (catalogue_dir() / f"{DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    return frozenset(
        str(text) for m in template if m.id
        for text in (m.id if isinstance(m.id, tuple | list) else (m.id,))
    )  # fmt: skip


def assert_not_english(message: BotMessage) -> None:
    shown = message.text
    for course_word in COURSE_WORDS:
        shown = shown.replace(course_word, "")
    leaked = [phrase for phrase in english_phrases() if phrase in shown]
    assert leaked == [], (leaked, message.text)
    for button in message.flat_buttons:
        label = re.sub(r"^[^\w]+|[^\w]+$", "", button.text)
        assert label not in english_labels(), button.text


@pytest.mark.parametrize("code", ["ur", "ar", "pl"])
async def test_from_start_to_a_reminder_in_the_residents_language(
    code: str, fake_api: FakeBotApi, app: App, clock: Clock
) -> None:
    speaking = lang(code)
    resident = fake_api.resident(4000, "Zainab", language_code=code)
    welcome = await resident.send("/start")
    assert_not_english(welcome)
    assert (
        speaking._("I'm the <b>Learning City Bot</b>.").replace("<b>", "").replace("</b>", "")
        in welcome.text
    )
    results = await resident.press(speaking._("pottery"))
    assert_not_english(results)
    card = await resident.press("Pottery wheel for beginners")
    assert_not_english(card)
    assert speaking._("Who it's for") in card.text
    choice = await resident.press(speaking._("Remind me"))
    assert_not_english(choice)
    followed = await resident.press(speaking._("{lead} before", lead=lead(60, speaking)))
    assert_not_english(followed)

    clock.now = FIRST - timedelta(hours=1, seconds=-5)
    assert await delivery_of(app).deliver_now() == 1
    reminder = await resident.next_reply()
    assert_not_english(reminder)
    assert "Pottery wheel for beginners" in reminder.text  # course content as published
    assert speaking.when(FIRST, app.bot_data.tz) in reminder.text
    if speaking.rtl:  # the English title keeps its direction inside the line
        assert "\u2068Pottery wheel for beginners\u2069" in reminder.text
    stop = reminder.button(speaking._("Stop reminders for this course"))
    assert stop.callback_data


async def test_a_resident_picks_a_language_and_forget_forgets_it(
    resident: Resident, app: App
) -> None:
    menu = await resident.send("/language")
    labels = [button.text for button in menu.flat_buttons]
    assert "اردو" in labels
    assert "Polski" in labels
    assert "✓ English" in labels
    polish = lang("pl")
    done = await resident.press("Polski")
    assert polish.name in done.text
    helped = await resident.send("/help")
    assert (
        polish._("<b>How to find a course</b>").replace("<b>", "").replace("</b>", "")
        in helped.text
    )
    assert await app.bot_data.store.chosen_language(resident.user_id) == "pl"

    await resident.send("/forget")
    gone = await resident.press(polish._("Yes, delete everything"))
    assert "🗑" not in gone.text
    assert await app.bot_data.store.chosen_language(resident.user_id) is None
    again = await resident.send("/help")
    assert "How to find a course" in again.text  # English again: the choice is gone


async def test_a_search_in_another_language_offers_once_to_switch(
    resident: Resident, app: App
) -> None:
    urdu = lang("ur")
    results = await resident.send("مجھے انگریزی کی کلاس چاہیے")
    assert "course" in results.text  # answered in English, the app's language
    offer = await resident.next_reply()
    assert urdu._("Would you like me to speak {language}?", language=urdu.name) in offer.text
    await resident.send("انگریزی کلاس لانگسائٹ")
    switched = await resident.press(urdu._("Yes, speak {language}", language=urdu.name), on=offer)
    assert urdu.name in switched.text
    assert await app.bot_data.store.chosen_language(resident.user_id) == "ur"
    # The latest answer again, now in Urdu: no need to ask again.
    again = await resident.next_reply()
    assert "انگریزی کلاس لانگسائٹ" in again.text
    assert "ESOL Entry 2 evenings" in again.text
    assert_not_english(again)


async def test_the_command_menu_is_set_in_every_language(fake_api: FakeBotApi, app: App) -> None:
    assert set(fake_api.language_commands) == {"ur", "ar", "pl", "pa", "es", "bn", "pt", "ro",
                                               "fa", "zh"}  # fmt: skip
    polish = {c["command"]: c["description"] for c in fake_api.language_commands["pl"]}
    assert polish["language"] == lang("pl")._("the language I speak to you in")


@pytest.mark.parametrize("code", ["ur", "ar", "pl", "pa", "es", "bn", "pt", "ro", "fa", "zh-hans"])
async def test_subjects_are_named_in_the_residents_language(
    fake_api: FakeBotApi, app: App, code: str
) -> None:
    resident = fake_api.resident(4100, "Amal", language_code=code)
    menu = await resident.send("/browse")
    names = [re.sub(r"\s*\([\d٠-٩۰-۹]+\)$", "", b.text) for b in menu.flat_buttons]
    assert len(names) == 12
    untranslated = [name for name in names if name in english_labels()]
    assert untranslated == []
    page = await resident.press(menu.flat_buttons[0].text, on=menu)
    assert names[0] in page.text
