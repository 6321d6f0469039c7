"""Coordinators from the chat: announcements (guided, one line, scheduled across a restart),
cancelled sessions, and refusals outside their providers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.app import App, build_application, running
from bot.config import Settings
from fakegram import FakeBotApi, Resident
from store import announcements, follows, outbox
from store.tables import Announcement
from tests.conftest import NOW, Clock, delivery_of

ADMIN = 42
COORDINATOR = 777  # coordinates Hulme Makers Co-op, who run the pottery courses
POTTERY = "ART-POT-AN"
FIRST = datetime(2027, 1, 14, 18, 30, tzinfo=UTC)


def add_followers(
    app: App, fake_api: FakeBotApi, count: int, course_id: str = POTTERY
) -> list[Resident]:
    catalogue = app.bot_data.catalogue
    course = catalogue.index.get(course_id)
    assert course is not None
    residents = [fake_api.resident(500_000 + n, f"F{n}") for n in range(count)]
    store = app.bot_data.store

    def follow_all(session: Session) -> None:
        for resident in residents:
            follows.follow(
                session, chat_id=resident.user_id, course=course, lead_minutes=60, now=NOW,
                policy=store.policy,
            )  # fmt: skip

    store.transaction(follow_all)
    return residents


@pytest.fixture
async def coordinator(fake_api: FakeBotApi, app: App) -> Resident:
    admin = fake_api.resident(ADMIN, "Admin")
    await admin.send(f"/grant {COORDINATOR} Hulme Makers Co-op")
    return fake_api.resident(COORDINATOR, "Coco")


def _announcements(engine: Engine) -> list[Announcement]:
    with Session(engine) as session:
        return list(session.exec(select(Announcement)).all())


def announcements_received(resident: Resident) -> int:
    return sum(1 for e in resident.events if e.text.startswith("📣 Pottery wheel for beginners"))


async def test_residents_and_coordinators_outside_their_providers_are_refused(
    resident: Resident, coordinator: Resident, app: App
) -> None:
    refused = await resident.send("/announce ART-POT-AN hello")
    assert "for course coordinators and the Learning City team" in refused.text
    other = await coordinator.send("/announce LANG-SPA-CC Hola")
    assert "you coordinate courses for Hulme Makers Co-op only" in other.text
    assert "That course is run by Language Exchange North" in other.text
    cancel = await coordinator.send("/cancelsession LANG-SPA-CC 2027-01-12")
    assert "you coordinate courses for Hulme Makers Co-op only" in cancel.text
    trail = [(e.user_id, e.action, e.outcome) for e in await app.bot_data.store.audit_trail()]
    assert (1001, "announce", "refused") in trail
    assert (COORDINATOR, "announce", "refused") in trail
    assert (COORDINATOR, "cancel session", "refused") in trail


async def test_a_guided_announcement_reaches_every_follower_once(
    coordinator: Resident, app: App, fake_api: FakeBotApi, clock: Clock
) -> None:
    followers = add_followers(app, fake_api, 200)
    for blocked in followers[:2]:
        fake_api.blocked.add(blocked.user_id)
    pick = await coordinator.send("/announce")
    assert "Which course is the announcement for?" in pick.text
    assert "Pottery wheel for beginners" in pick.text
    assert "Spanish" not in pick.text  # only their own provider's courses
    prompt = await coordinator.press("Pottery wheel")
    assert "It will go to 200 followers" in prompt.text
    preview = await coordinator.send("Bring an apron <and> old clothes & a towel!")
    assert "this goes to 200 followers of Pottery wheel for beginners" in preview.text
    assert "Bring an apron <and> old clothes & a towel!" in preview.text
    sending = await coordinator.press("Send now")
    assert "Sending to 200 followers" in sending.text
    await delivery_of(app).deliver_now()
    report = await coordinator.next_reply(timeout=30)
    assert "198 delivered, 2 blocked the bot, 0 failed" in report.text
    assert [announcements_received(f) for f in followers[2:]] == [1] * 198
    assert all(announcements_received(f) == 0 for f in followers[:2])
    # A second tap on Send (from a stale copy of the preview) sends nothing more.
    engine = app.bot_data.store.engine
    course = app.bot_data.catalogue.index.get(POTTERY)
    assert course is not None
    (sent,) = [a for a in _announcements(engine) if a.course_id == POTTERY]
    assert sent.state == "done"
    assert sent.recipients == 200
    sent_id = sent.id
    assert sent_id is not None
    again = app.bot_data.store.transaction(
        lambda s: announcements.send(
            s, announcement_id=sent_id, course=course, at=clock.now, now=clock.now
        )
    )
    assert again == 0


async def test_a_one_line_announcement(
    coordinator: Resident, app: App, fake_api: FakeBotApi
) -> None:
    followers = add_followers(app, fake_api, 150)
    preview = await coordinator.send("/announce ART-POT-AN Tonight we meet in room 2.")
    assert "this goes to 150 followers" in preview.text
    await coordinator.press("Send now")
    await delivery_of(app).deliver_now()
    report = await coordinator.next_reply(timeout=30)
    assert "150 delivered, 0 blocked the bot, 0 failed" in report.text
    got = [e for e in followers[0].events if "room 2" in e.text]
    assert len(got) == 1
    assert got[0].text.endswith("— Hulme Makers Co-op, about a course you follow")
    assert all(announcements_received(f) == 1 for f in followers)


async def test_a_scheduled_announcement_survives_a_restart(
    settings: Settings, fake_api: FakeBotApi, clock: Clock
) -> None:
    async with running(build_application(settings, clock=clock), poll_timeout=1) as app:
        admin = fake_api.resident(ADMIN, "Admin")
        await admin.send(f"/grant {COORDINATOR} Hulme Makers Co-op")
        coordinator = fake_api.resident(COORDINATOR, "Coco")
        followers = add_followers(app, fake_api, 20)
        await coordinator.send("/announce ART-POT-AN See you next week!")
        later = await coordinator.press("Send later")
        scheduled = await coordinator.press("Tomorrow at 09:00", on=later)
        assert "Scheduled for Wed, 6 Jan 2027, 09:00, to 20 followers" in scheduled.text
    clock.now = datetime(2027, 1, 6, 9, 0, 30, tzinfo=UTC)
    async with running(build_application(settings, clock=clock), poll_timeout=1):
        report = await coordinator.next_reply(timeout=30)
        assert "20 delivered" in report.text
        assert all(announcements_received(f) == 1 for f in followers)


async def test_a_cancelled_session_is_told_once_and_its_reminder_dropped(
    coordinator: Resident, resident: Resident, app: App, clock: Clock
) -> None:
    await resident.send("/start c_ART-POT-AN")
    await resident.press("Remind me")
    await resident.press("1 hour")
    done = await coordinator.send("/cancelsession ART-POT-AN 2027-01-14 The tutor is ill")
    assert (
        "Cancelled Pottery wheel for beginners on Thu, 14 Jan 2027, 18:30. 1 follower" in done.text
    )
    await delivery_of(app).deliver_now()
    notice = await resident.next_reply()
    assert "The session on Thu, 14 Jan 2027, 18:30 is cancelled: The tutor is ill." in notice.text
    again = await coordinator.send("/cancelsession ART-POT-AN 2027-01-14")
    assert "has no upcoming session on 2027-01-14" in again.text
    pending = app.bot_data.store.transaction(
        lambda s: outbox.claim_due(s, now=FIRST + timedelta(days=30), limit=5)
    )
    assert [r.session_start for r in pending] == [FIRST + timedelta(weeks=1)]
    card = await resident.send("/start c_ART-POT-AN")
    assert "❌ cancelled: The tutor is ill" in card.text
    assert "Cancel a session" not in " ".join(b.text for b in card.flat_buttons)


async def test_the_card_button_cancels_a_session_for_its_coordinator(
    coordinator: Resident, app: App
) -> None:
    card = await coordinator.send("/start c_ART-POT-AN")
    pick = await coordinator.press("Cancel a session", on=card)
    assert "Which session of Pottery wheel for beginners is cancelled?" in pick.text
    confirm = await coordinator.press("Thu, 21 Jan")
    assert "0 followers will be told" in confirm.text
    updated = await coordinator.press("Yes, cancel it")
    assert "Thu, 21 Jan 2027, 18:30–21:00 ❌ cancelled" in updated.text


async def test_a_coordinators_message_is_a_search_unless_a_draft_awaits_it(
    coordinator: Resident, fake_api: FakeBotApi, app: App
) -> None:
    found = await coordinator.send("pottery")
    assert "Pottery wheel for beginners" in found.text
    await coordinator.send(f"/announce {POTTERY}")
    preview = await coordinator.send("Bring an apron on Thursday.")
    assert "Bring an apron on Thursday." in preview.text
    assert "courses for" not in preview.text  # the draft took it; it was not also searched
