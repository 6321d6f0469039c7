"""End to end: the real Application long-polls the fake Bot API, and a resident chats."""

from __future__ import annotations

import pytest

from bot.app import App
from fakegram import FakeBotApi, Resident
from tests.conftest import NOW


async def test_start_welcomes_and_sets_the_command_menu(
    fake_api: FakeBotApi, resident: Resident
) -> None:
    reply = await resident.send("/start")
    assert "Hello Amina" in reply.text
    assert "what you'd like to learn" in reply.text
    assert reply.button("free maths").callback_data
    assert {c["command"] for c in fake_api.commands} == {
        "start",
        "help",
        "browse",
        "mycourses",
        "language",
        "forget",
    }
    help_reply = await resident.send("/help")
    assert "How to find a course" in help_reply.text


async def test_an_example_button_runs_that_search(resident: Resident) -> None:
    await resident.send("/start")
    results = await resident.press("pottery")
    assert not results.edited  # the welcome stays; results come as a new message
    assert "Pottery wheel for beginners" in results.text


async def test_a_search_with_a_typo_then_open_a_course_and_go_back(
    fake_api: FakeBotApi, resident: Resident
) -> None:
    results = await resident.send("potery")
    assert "for “potery”" in results.text
    assert "1. Pottery wheel for beginners" in results.text
    card = await resident.press("Pottery wheel")
    assert card.edited
    assert card.message_id == results.message_id
    assert "by Hulme Makers Co-op" in card.text
    assert "Thu, 14 Jan 2027, 18:30–21:00" in card.text  # the first session, local time
    assert "Ancoats Dispensary Studio, Old Mill Street, Ancoats, M4 6EE" in card.text
    assert "£145" in card.text
    assert "Level: Beginner" in card.text
    assert "Who it's for: Adults 18+" in card.text
    assert "Access: Step-free access; lift" in card.text
    assert card.button("Book").url == "https://hulmemakers.example.org/workshops/art-pot-an"
    back = await resident.press("Back to results")
    assert back.text == results.text
    assert not fake_api.unanswered_callbacks


async def test_paging_through_results(resident: Resident) -> None:
    first = await resident.send("english")
    assert "(1–5)" in first.text
    second = await resident.press("More")
    assert "(6–10)" in second.text
    assert second.message_id == first.message_id
    assert "6. " in second.text
    assert "\n1. " not in second.text
    again = await resident.press("Back")
    assert again.text == first.text


async def test_a_deep_link_opens_the_course(resident: Resident) -> None:
    card = await resident.send("/start c_LANG-BSL-GO")
    assert "British Sign Language Level 1" in card.text
    assert "Back" not in " ".join(b.text for b in card.flat_buttons)
    missing = await resident.send("/start c_NOPE")
    assert "no longer in the catalogue" in missing.text


async def test_a_shared_location_lists_the_nearest_courses(resident: Resident) -> None:
    # Outside Manchester Central Library.
    reply = await resident.share_location(53.4781, -2.2445)
    assert "Courses nearest to you" in reply.text
    assert "right here" in reply.text
    card = await resident.press("1.")
    assert "St Peter's Square" in card.text
    back = await resident.press("Back to results")
    assert back.text == reply.text


async def test_nothing_found_is_kind_and_offers_subjects(resident: Resident) -> None:
    reply = await resident.send("football results")
    assert "couldn't find a course" in reply.text
    subject = await resident.press("Maths")
    assert "Maths" in subject.text
    assert "GCSE Maths evening class" in subject.text
    card = await resident.press("GCSE Maths")
    assert "GCSE Maths evening class" in card.text
    back = await resident.press("Back to subjects")
    assert back.text == subject.text
    menu = await resident.press("Subjects")
    assert "Pick a subject" in menu.text


async def test_browse_lists_subjects(resident: Resident) -> None:
    menu = await resident.send("/browse")
    assert "Pick a subject" in menu.text
    assert any("English & ESOL" in b.text for b in menu.flat_buttons)


async def test_stickers_photos_and_voice_get_a_polite_answer(resident: Resident) -> None:
    for send in (resident.send_sticker, resident.send_photo, resident.send_voice):
        reply = await send()
        assert "I can only read text" in reply.text


async def test_odd_text_gets_a_kind_reply(resident: Resident) -> None:
    long = await resident.send("please " * 600)  # about 4,000 characters
    assert "long message" in long.text
    emoji = await resident.send("🎨🎨🎨")
    assert "didn't catch any words" in emoji.text
    arabic = await resident.send("أريد تعلم الإنجليزية")  # "I want to learn English"
    assert "ESOL Entry 1: everyday English" in arabic.text
    greek = await resident.send("καλημέρα κόσμε")
    assert "couldn't find a course" in greek.text
    markup = await resident.send("<b>pottery</b> & <i>")
    assert "Pottery wheel for beginners" in markup.text
    assert "“<b>pottery</b> & <i>”" in markup.text  # shown as typed, escaped
    unknown = await resident.send("/frobnicate")
    assert "How to find a course" in unknown.text


async def test_an_old_results_list_expires_gracefully(resident: Resident) -> None:
    first = await resident.send("yoga")
    for n in range(25):  # push the first search out of the chat's memory
        await resident.send(f"maths {n}")
    card = await resident.press("Gentle yoga", on=first)
    assert "Gentle yoga" in card.text
    expired = await resident.press("Back to results")
    assert "expired" in expired.text


async def test_course_text_with_html_is_escaped_on_the_wire(
    fake_api: FakeBotApi, resident: Resident, app: App
) -> None:
    from catalogue.models import Course

    catalogue = app.bot_data.catalogue
    catalogue.replace(
        [Course(id="H1", title="Fish & <Chips> cooking", provider="Café <b>", description="1 < 2")]
    )
    results = await resident.send("chips")
    assert "Fish & <Chips> cooking" in results.text
    card = await resident.press("Fish")
    assert "Café <b>" in card.text
    assert "1 < 2" in card.text


async def test_near_me_asks_for_a_location_with_a_button(resident: Resident) -> None:
    results = await resident.send("pottery near me")
    assert "Pottery wheel for beginners" in results.text
    ask = await resident.next_reply()
    assert "Share my location" in ask.text
    keyboard = ask.extra["reply_markup"]["keyboard"]
    assert keyboard[0][0]["request_location"] is True
    only = await resident.send("classes near me")
    assert "Share my location" in only.text  # nothing to search for: just the question


async def test_a_location_shared_after_near_me_answers_that_search_nearest_first(
    resident: Resident,
) -> None:
    await resident.send("english classes near me")
    ask = await resident.next_reply()
    assert "Share my location" in ask.text
    answer = await resident.share_location(53.4590, -2.2000)  # Longsight
    assert "courses for “english classes near me”" in answer.text
    assert "ESOL Entry 2 evenings – right here" in answer.text
    assert "Pottery" not in answer.text
    assert "Phonics" not in answer.text
    # Asked again with the location known: answered, and not asked for it again.
    again = await resident.send("maths near me")
    assert "miles" in again.text or "right here" in again.text
    with pytest.raises(TimeoutError):  # no second "Share my location"
        await resident.next_reply(timeout=0.5)


async def test_a_misspelling_is_shown_as_understood(resident: Resident) -> None:
    reply = await resident.send("potery")
    assert "Did you mean pottery?" in reply.text


async def test_facets_filter_and_fall_back_kindly(resident: Resident) -> None:
    saturday = await resident.send("saturday pottery")
    assert "1 course for" in saturday.text
    assert "Saturday hand-building pottery" in saturday.text
    sunday = await resident.send("sunday pottery")
    assert "No pottery found for Sunday: these run on other days." in sunday.text
    place = await resident.send("english evenings in cheetham hill")
    assert "No english found for evening: these run at other times of day." in place.text
    assert "ESOL Entry 1: everyday English – 0.1 miles" in place.text


async def test_searches_that_find_nothing_are_counted_without_who_asked(
    resident: Resident, app: App, fake_api: FakeBotApi
) -> None:
    await resident.send("Driving lessons")
    await resident.send("driving   lessons")
    other = fake_api.resident(3003, "Chen")
    await other.send("beekeeping")
    await resident.send("pottery")  # found: not counted
    store = app.bot_data.store
    assert await store.top_searches(misses_only=True) == [
        ("driving lessons", 2),
        ("beekeeping", 1),
    ]
    assert (await store.top_searches())[0] == ("driving lessons", 2)
    ((_, searches, misses),) = await store.searches_by_day(NOW.date())
    assert (searches, misses) == (4, 3)


async def test_after_sharing_a_location_results_show_how_far(resident: Resident) -> None:
    await resident.share_location(53.4590, -2.2000)  # Longsight
    reply = await resident.send("english")
    assert "ESOL Entry 1: everyday English – 3.3 miles" in reply.text
    assert "GCSE English Language evening class – 1.3 miles" in reply.text
    assert "ESOL Entry 2 evenings – right here" in reply.text


async def test_add_to_calendar_sends_the_sessions_as_an_ics_file(resident: Resident) -> None:
    card = await resident.send("/start c_ART-POT-AN")
    document = await resident.press("Add to calendar", on=card)
    assert document.method == "sendDocument"
    assert document.extra["filename"] == "Pottery-wheel-for-beginners.ics"
    content = document.extra["content"].decode()
    assert content.startswith("BEGIN:VCALENDAR\r\n")
    assert content.count("BEGIN:VEVENT") == 11
    assert "DTSTART:20270114T183000Z" in content
    assert "add the sessions to your calendar" in document.text


async def test_small_talk_gets_what_the_bot_is_for_not_an_apology(resident: Resident) -> None:
    for said in ("hello", "ok, bye!", "what can you do"):
        reply = await resident.send(said)
        assert "couldn't find" not in reply.text
        assert "Just tell me what you'd like to learn" in reply.text
    for said in (
        "thank you",
        "thanks!",
        "cheers mate",
        "thank you so much, the lady at the welcome cafe helped me with my letter and today "
        "my housing was approved!!",
    ):
        reply = await resident.send(said)
        assert "You're welcome!" in reply.text
        assert "couldn't find" not in reply.text


async def test_a_location_far_from_the_city_is_told_so(resident: Resident) -> None:
    reply = await resident.share_location(51.5074, -0.1278)  # London
    assert "You seem to be some way from Manchester" in reply.text
    near = await resident.share_location(53.4781, -2.2445)  # the city centre
    assert "some way from Manchester" not in near.text
