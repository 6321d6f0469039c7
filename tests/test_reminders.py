"""Reminders end to end: follow, receive, restart, crash, blocked residents, 429s, changes,
/mycourses and /forget, through the real Application and the fake Bot API."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from bot.app import App, build_application, running
from bot.config import Settings
from fakegram import ApiError, FakeBotApi, Resident
from store import outbox as stored_outbox
from store.tables import AuditEntry, Follow, Outbox, ResidentRow
from tests.conftest import Clock, delivery_of

# Pottery wheel for beginners (ART-POT-AN): Thursdays 18:30-21:00 from 14 January 2027.
FIRST = datetime(2027, 1, 14, 18, 30, tzinfo=UTC)


def outbox(app: App) -> list[Outbox]:
    with Session(app.bot_data.store.engine) as session:
        return list(session.exec(select(Outbox).order_by(col(Outbox.id))).all())


def pending(app: App) -> list[Outbox]:
    return [row for row in outbox(app) if row.state == "pending"]


async def settled(app: App, timeout: float = 10) -> list[str]:
    """The outbox states once the bot's own delivery job has marked what it sent."""
    deadline = asyncio.get_running_loop().time() + timeout
    while any(row.state == "claimed" for row in outbox(app)):
        assert asyncio.get_running_loop().time() < deadline, "delivery never finished"
        await asyncio.sleep(0.05)
    return [row.state for row in outbox(app)]


async def follow_pottery(resident: Resident, lead: str = "1 hour") -> None:
    await resident.send("/start c_ART-POT-AN")
    choice = await resident.press("Remind me")
    assert "When should I remind you" in choice.text
    card = await resident.press(lead)
    assert f"You'll get a reminder {lead} before each session" in card.text


async def test_follow_and_receive_a_reminder(
    resident: Resident, app: App, clock: Clock, fake_api: FakeBotApi
) -> None:
    await follow_pottery(resident)
    (row,) = pending(app)
    assert row.session_start == FIRST
    assert row.due_at == FIRST - timedelta(hours=1)

    clock.now = FIRST - timedelta(hours=1, seconds=-5)
    assert await delivery_of(app).deliver_now() == 1
    reminder = await resident.next_reply()
    assert "Reminder: Pottery wheel for beginners" in reminder.text
    assert "Thu, 14 Jan 2027, 18:30–21:00 (in 59 minutes)" in reminder.text
    assert "Ancoats Dispensary Studio, Old Mill Street, Ancoats, M4 6EE" in reminder.text
    assert "£145" in reminder.text
    assert "studio@hulmemakers.example.org" in reminder.text
    pin = await resident.next_reply()
    assert pin.method == "sendVenue"
    assert pin.extra["title"] == "Ancoats Dispensary Studio"

    (after,) = pending(app)  # rolled on to next week's session
    assert after.session_start == FIRST + timedelta(weeks=1)
    stopped = await resident.press("Stop reminders for this course", on=reminder)
    assert "Reminders for Pottery wheel for beginners are off" in stopped.text
    assert pending(app) == []


async def test_a_single_lead_time_needs_no_choice(
    settings: Settings, clock: Clock, fake_api: FakeBotApi
) -> None:
    one = settings.model_copy(update={"reminder_leads": "2h"})
    async with running(build_application(one, clock=clock), poll_timeout=1) as app:
        resident = fake_api.resident(4004, "Dee")
        await resident.send("/start c_ART-POT-AN")
        card = await resident.press("Remind me")
        assert "You'll get a reminder 2 hours before each session" in card.text
        assert pending(app)[0].due_at == FIRST - timedelta(hours=2)


async def test_reminders_due_during_a_restart_are_sent_by_the_scheduler(
    settings: Settings, fake_api: FakeBotApi
) -> None:
    real = Clock(datetime.now(UTC))
    async with running(build_application(settings, clock=real), poll_timeout=1) as app:
        resident = fake_api.resident(5005, "Eve")
        await follow_pottery(resident)
        (row,) = pending(app)
        # Make it due two seconds from now, as if the session were near.
        with Session(app.bot_data.store.engine) as session:
            stored = session.get(Outbox, row.id)
            assert stored is not None
            stored.due_at = real.now + timedelta(seconds=2)
            session.add(stored)
            session.commit()
    # The bot is down when it falls due; it comes back a little later.
    real.now = datetime.now(UTC) + timedelta(seconds=3)
    async with running(build_application(settings, clock=real), poll_timeout=1):
        reminder = await resident.next_reply(timeout=10)  # woken by the JobQueue, not by us
        assert "Reminder: Pottery wheel for beginners" in reminder.text


async def test_a_crash_between_claim_and_send_loses_nothing(
    settings: Settings, fake_api: FakeBotApi, clock: Clock
) -> None:
    residents = [fake_api.resident(6000 + n, f"R{n}") for n in range(3)]
    async with running(build_application(settings, clock=clock), poll_timeout=1) as app:
        for resident in residents:
            await follow_pottery(resident)
        clock.now = FIRST - timedelta(minutes=30)
        # A process claims the due rows and dies before sending any of them.
        claimed = app.bot_data.store.transaction(
            lambda s: stored_outbox.claim_due(s, now=clock.now, limit=10)
        )
        assert len(claimed) == 3
    async with running(build_application(settings, clock=clock), poll_timeout=1) as app:
        for resident in residents:
            reminder = await resident.next_reply(timeout=10)
            assert "Reminder: Pottery wheel" in reminder.text
        states = await settled(app)
        assert states.count("sent") == 3
        assert states.count("pending") == 3  # each rolled on to next week


async def test_a_reminder_for_a_session_that_has_started_is_missed_not_sent(
    resident: Resident, app: App, clock: Clock
) -> None:
    await follow_pottery(resident)
    clock.now = FIRST + timedelta(minutes=10)  # the bot was down through the due time
    await delivery_of(app).deliver_now()
    states = [row.state for row in outbox(app)]
    assert states == ["missed", "pending"]
    assert len(resident.events) == 3  # the card, the lead choice, the card again; nothing new


async def test_a_resident_who_blocked_the_bot_stops_getting_reminders(
    resident: Resident, app: App, clock: Clock, fake_api: FakeBotApi
) -> None:
    await follow_pottery(resident)
    fake_api.blocked.add(resident.user_id)
    clock.now = FIRST - timedelta(minutes=30)
    await delivery_of(app).deliver_now()
    assert [row.state for row in outbox(app)] == ["cancelled"]
    with Session(app.bot_data.store.engine) as session:
        row = session.get(ResidentRow, resident.user_id)
        assert row is not None
        assert row.active is False


async def test_a_burst_of_429s_is_waited_out(
    resident: Resident, app: App, clock: Clock, fake_api: FakeBotApi
) -> None:
    await follow_pottery(resident)
    for _ in range(5):  # more than PTB's limiter retries on its own
        fake_api.inject_error("sendMessage", ApiError(429, "Too Many Requests: retry after 1", 1))
    clock.now = FIRST - timedelta(minutes=30)
    await delivery_of(app).deliver_now()
    reminder = await resident.next_reply()
    assert "Reminder: Pottery wheel" in reminder.text
    assert delivery_of(app).sender.stats.waited_429 >= 1
    assert [row.state for row in outbox(app)] == ["sent", "pending"]


async def test_network_trouble_puts_reminders_back_for_later(
    resident: Resident, app: App, clock: Clock, fake_api: FakeBotApi
) -> None:
    await follow_pottery(resident)
    delivery_of(app).sender.backoff = 0.01
    for _ in range(5):
        fake_api.inject_error("sendMessage", ApiError(502, "Bad Gateway"))
    clock.now = FIRST - timedelta(minutes=30)
    await delivery_of(app).deliver_now()
    (row,) = outbox(app)
    assert row.state == "pending"
    assert row.due_at == clock.now + timedelta(minutes=5)
    clock.advance(minutes=5)
    await delivery_of(app).deliver_now()
    reminder = await resident.next_reply()
    assert "Reminder: Pottery wheel" in reminder.text


async def test_a_moved_session_is_told_once_and_replanned(
    resident: Resident, app: App, clock: Clock
) -> None:
    await follow_pottery(resident)
    catalogue = app.bot_data.catalogue
    course = catalogue.index.get("ART-POT-AN")
    assert course is not None
    from dataclasses import replace as copy

    from catalogue.models import CourseSession

    moved = CourseSession(
        FIRST + timedelta(days=1), FIRST + timedelta(days=1, hours=2, minutes=30)
    )
    changed = copy(course, sessions=(moved, *course.sessions[1:]))
    others = [c for c in catalogue.index.courses if c.id != course.id]
    assert catalogue.replace([*others, changed]) == 1
    assert catalogue.replace([*others, changed]) == 0  # told once
    await delivery_of(app).deliver_now()
    notice = await resident.next_reply()
    assert "Changes to Pottery wheel for beginners" in notice.text
    assert (
        "The session on Thu, 14 Jan 2027, 18:30 has moved to Fri, 15 Jan 2027, 18:30."
        in notice.text
    )
    (row,) = pending(app)
    assert row.session_start == moved.start


async def test_a_removed_course_is_told_and_unfollowed(
    resident: Resident, app: App, clock: Clock
) -> None:
    await follow_pottery(resident)
    catalogue = app.bot_data.catalogue
    others = [c for c in catalogue.index.courses if c.id != "ART-POT-AN"]
    catalogue.replace(others)
    await delivery_of(app).deliver_now()
    notice = await resident.next_reply()
    assert "is no longer listed, so I've stopped its reminders" in notice.text
    assert await app.bot_data.store.followed(resident.user_id) == []


async def test_my_courses_lists_changes_and_stops(resident: Resident, app: App) -> None:
    empty = await resident.send("/mycourses")
    assert "not following any courses" in empty.text
    await follow_pottery(resident)
    listing = await resident.send("/mycourses")
    assert "1. Pottery wheel for beginners" in listing.text
    assert "next Thu, 14 Jan 2027, 18:30 · reminder 1 hour before" in listing.text
    choice = await resident.press("Change")
    assert [b.text for b in choice.flat_buttons][:2] == ["1 day before", "✓ 1 hour before"]
    changed = await resident.press("1 day before", on=choice)
    assert "reminder 1 day before" in changed.text
    assert pending(app)[0].due_at == FIRST - timedelta(days=1)
    stopped = await resident.press("Stop", on=changed)
    assert "not following any courses" in stopped.text
    assert pending(app) == []


async def test_forget_really_deletes(resident: Resident, app: App) -> None:
    await resident.send("/stats")  # refused, and audited under their id
    await follow_pottery(resident)
    await resident.send("/start c_WELL-YOGA-WI")
    await resident.press("Remind me")
    await resident.press("1 day")
    ask = await resident.send("/forget")
    assert "the 2 courses you follow" in ask.text
    kept = await resident.press("No, keep it")
    assert "nothing was deleted" in kept.text
    ask = await resident.send("/forget")
    done = await resident.press("Yes, delete everything")
    assert "deleted everything" in done.text
    engine = app.bot_data.store.engine
    with Session(engine) as session:
        assert session.exec(select(Follow)).all() == []
        assert session.exec(select(Outbox)).all() == []
        assert session.get(ResidentRow, resident.user_id) is None
        assert session.exec(select(AuditEntry)).all() == []


async def test_a_new_lead_time_does_not_remind_again_of_a_session_already_reminded(
    resident: Resident, app: App, clock: Clock
) -> None:
    await follow_pottery(resident)  # 1 hour before
    clock.now = FIRST - timedelta(hours=1, seconds=-5)
    assert await delivery_of(app).deliver_now() == 1
    reminder = await resident.next_reply()
    assert "Reminder: Pottery wheel for beginners" in reminder.text
    await resident.next_reply()  # the venue pin

    choice = await resident.press("Change", on=await resident.send("/mycourses"))
    await resident.press("1 day before", on=choice)
    # The class 55 minutes away was reminded of already: the next one is next week's.
    (row,) = pending(app)
    assert row.session_start == FIRST + timedelta(weeks=1)
    assert row.due_at == FIRST + timedelta(weeks=1) - timedelta(days=1)
    assert await delivery_of(app).deliver_now() == 0
