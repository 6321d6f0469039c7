"""Admins and coordinators from the chat: refusals, /grant and /revoke, /stats, /reload."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.app import App, build_application, running
from bot.config import Settings
from fakegram import FakeBotApi, Resident
from tests.conftest import SAMPLE, Clock

ADMIN = 42  # in ADMIN_IDS (see conftest)


@pytest.fixture
def admin(fake_api: FakeBotApi, app: App) -> Resident:
    return fake_api.resident(ADMIN, "Admin")


async def audit(app: App) -> list[tuple[int, str, str]]:
    trail = await app.bot_data.store.audit_trail()
    return [(entry.user_id, entry.action, entry.outcome) for entry in reversed(trail)]


async def test_residents_are_refused_politely_and_the_attempt_is_audited(
    resident: Resident, app: App
) -> None:
    for command in ("/grant 5 Hulme Makers Co-op", "/revoke 5", "/stats", "/reload"):
        reply = await resident.send(command)
        assert "for course coordinators and the Learning City team" in reply.text
    assert await audit(app) == [
        (1001, "grant", "refused"),
        (1001, "revoke", "refused"),
        (1001, "stats", "refused"),
        (1001, "reload", "refused"),
    ]


async def test_admins_get_their_own_command_menu(fake_api: FakeBotApi, app: App) -> None:
    assert "stats" not in {c["command"] for c in fake_api.commands}
    assert {"stats", "reload", "grant", "revoke", "announce"} <= {
        c["command"] for c in fake_api.chat_commands[ADMIN]
    }


async def test_grant_and_revoke(admin: Resident, app: App) -> None:
    done = await admin.send("/grant 777 hulme makers co-op")
    assert "777 now coordinates Hulme Makers Co-op" in done.text
    assert app.bot_data.providers_of(777) == {"Hulme Makers Co-op"}
    again = await admin.send("/grant 777 Hulme Makers Co-op")
    assert "already coordinates" in again.text
    typo = await admin.send("/grant 777 Hulme Makers")
    assert "I don't know a provider called “Hulme Makers”" in typo.text
    assert "Did you mean: Hulme Makers Co-op?" in typo.text
    usage = await admin.send("/grant Bob")
    assert "Usage: /grant <user id> <provider name>" in usage.text
    await admin.send("/grant 777 Manchester Libraries")
    one = await admin.send("/revoke 777 Manchester Libraries")
    assert "777 no longer coordinates Manchester Libraries" in one.text
    rest = await admin.send("/revoke 777")
    assert "no longer coordinates all 1 of their providers" in rest.text
    assert app.bot_data.providers_of(777) == frozenset()
    assert [(a, o) for _, a, o in await audit(app)] == [
        ("grant", "done"),
        ("grant", "already"),
        ("grant", "unknown provider"),
        ("grant", "usage"),
        ("grant", "done"),
        ("revoke", "1 taken back"),
        ("revoke", "1 taken back"),
    ]


async def test_stats_text_chart_and_csv(admin: Resident, resident: Resident, app: App) -> None:
    await resident.send("pottery")
    await resident.send("pottery")
    await resident.send("beekeeping")
    await resident.send("how do I report fly tipping on my street")  # an errand, no demand
    report = await admin.send("/stats")
    assert "Searches in the last 30 days: 3 (1 found nothing)" in report.text
    assert "1. pottery (2)" in report.text
    assert "1. beekeeping (1)" in report.text
    chart = await admin.next_reply()
    assert chart.method == "sendPhoto"
    assert chart.extra["content"].startswith(b"\x89PNG")
    as_csv = await admin.send("/stats csv")
    assert as_csv.method == "sendDocument"
    text = as_csv.extra["content"].decode()
    assert "searches,found nothing" in text.replace("day,", "")
    assert "pottery,2" in text
    assert "beekeeping,1" in text


async def test_a_bad_reload_file_is_refused_with_line_numbers(admin: Resident, app: App) -> None:
    bad = b"id,title,provider,cost\nA,Sewing,P,12\nB,Knitting,P,lots\nC,,P,1\n"
    reply = await admin.send_document("courses.csv", bad, caption="/reload")
    assert "courses.csv: 2 problems. Nothing has changed" in reply.text
    assert "line 3, column cost" in reply.text
    assert "line 4, column title: required, but empty" in reply.text
    assert app.bot_data.catalogue.index.get("ART-POT-AN") is not None
    odd = await admin.send_document("courses.pages", b"PK", caption="/reload")
    assert "send a .csv, .json, .xml or .ics catalogue file" in odd.text
    excel = await admin.send_document("courses.xlsx", b"PK", caption="/reload")
    assert "courses.xlsx is a spreadsheet: in Excel choose Save As > 'CSV UTF-8" in excel.text
    image = await admin.send_document("courses.csv", b"%PDF-1.7\n", caption="/reload")
    assert "• courses.csv: this is a PDF document, not a CSV file" in image.text


async def test_a_good_reload_file_shows_the_changes_then_swaps_on_confirm(
    admin: Resident, resident: Resident, app: App
) -> None:
    # The resident follows pottery, which the new file moves to Fridays.
    await resident.send("/start c_ART-POT-AN")
    await resident.press("Remind me")
    await resident.press("1 hour")
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("ART-POT-AN,Pottery wheel for beginners", "ART-POT-AN,Pottery wheel")
    lines = text.splitlines()
    pottery = next(i for i, line in enumerate(lines) if line.startswith("ART-POT-AN,"))
    lines[pottery] = lines[pottery].replace(",Thu,", ",Fri,")
    lines = [line for line in lines if not line.startswith("WELL-SMOKE-OP,")]
    columns = lines[0].count(",") + 1
    lines.append("NEW-1,Beekeeping for beginners,Greenspace Growers,Bees" + "," * (columns - 4))
    content = ("\n".join(lines) + "\n").encode()
    preview = await admin.send_document("new.csv", content, caption="/reload")
    assert "new.csv is valid: 94 courses." in preview.text
    assert "Added: 1  Changed: 1  Removed: 1" in preview.text
    assert "Residents following changed or removed courses: 1" in preview.text
    still = await resident.send("beekeeping")
    assert "couldn't find a course" in still.text  # nothing changes before Confirm
    done = await admin.press("Confirm", on=preview)
    assert "The catalogue is now new.csv: 94 courses. 1 resident will be told" in done.text
    notice = await resident.next_reply(timeout=10)  # the delivery job wakes for the notice
    assert "Changes to Pottery wheel" in notice.text
    assert (
        "The session on Thu, 14 Jan 2027, 18:30 has moved to Fri, 15 Jan 2027, 18:30"
        in notice.text
    )
    assert "and 6 more changes" in notice.text
    found = await resident.send("beekeeping")
    assert "Beekeeping for beginners" in found.text


async def test_reload_from_the_configured_source_and_cancel(
    settings: Settings, fake_api: FakeBotApi, clock: Clock, tmp_path: Path
) -> None:
    source = tmp_path / "source.csv"
    source.write_bytes(SAMPLE.read_bytes())
    configured = settings.model_copy(update={"catalogue_source": str(source)})
    async with running(build_application(configured, clock=clock), poll_timeout=1):
        admin = fake_api.resident(ADMIN, "Admin")
        preview = await admin.send("/reload")
        assert "source.csv is valid: 94 courses." in preview.text
        assert "Added: 0  Changed: 0  Removed: 0" in preview.text
        cancelled = await admin.press("Cancel")
        assert "the catalogue is unchanged" in cancelled.text


async def test_the_scheduled_reload_tells_admins_of_problems(
    settings: Settings, fake_api: FakeBotApi, clock: Clock, tmp_path: Path
) -> None:
    source = tmp_path / "source.csv"
    source.write_text("id,title,provider\nA,,P\n")
    configured = settings.model_copy(update={"catalogue_source": str(source)})
    async with running(build_application(configured, clock=clock), poll_timeout=1) as app:
        admin = fake_api.resident(ADMIN, "Admin")
        assert app.job_queue is not None
        jobs = [job for job in app.job_queue.jobs() if job.name == "scheduled reload"]
        assert len(jobs) == 1  # nightly at 03:00
        await jobs[0].run(app)
        told = await admin.next_reply()
        assert "The nightly reload of source.csv: 1 problem" in told.text
        assert "line 2, column title" in told.text
        assert app.bot_data.catalogue.index.get("ART-POT-AN") is not None
        source.write_bytes(SAMPLE.read_bytes().replace(b"Gentle yoga", b"Gentle yoga and stretch"))
        await jobs[0].run(app)
        await asyncio.sleep(0)
        course = app.bot_data.catalogue.index.get("WELL-YOGA-WI")
        assert course is not None
        assert course.title == "Gentle yoga and stretch"
        assert await app.bot_data.store.outbox_counts() == {}


async def test_an_xcri_file_can_be_reloaded_from_the_chat(admin: Resident, app: App) -> None:
    xcri = (Path(__file__).parent / "fixtures" / "handmade" / "xcri_no_venue.xml").read_bytes()
    preview = await admin.send_document("northside.xml", xcri, caption="/reload")
    assert "northside.xml is valid: 2 courses." in preview.text
    done = await admin.press("Confirm", on=preview)
    assert "The catalogue is now northside.xml: 2 courses." in done.text
    assert app.bot_data.catalogue.index.get("esol-e2-2") is not None


async def test_a_calendar_without_a_name_is_reloaded_with_a_provider_given(
    admin: Resident, app: App
) -> None:
    ics = Path(__file__).parent / "fixtures" / "handmade" / "ical" / "outlook-no-name.ics"
    content = ics.read_bytes()
    refused = await admin.send_document("outlook.ics", content, caption="/reload")
    assert "--provider" in refused.text
    preview = await admin.send_document(
        "outlook.ics", content, caption="/reload provider=Northside College"
    )
    assert "outlook.ics is valid: 3 courses." in preview.text
    assert "⚠️ 3 warnings:" in preview.text
    assert "is not a web address" in preview.text
    await admin.press("Confirm", on=preview)
    course = app.bot_data.catalogue.index.get("outlook-esol-1")
    assert course is not None
    assert course.provider == "Northside College"


async def test_a_long_message_is_answered_and_counted_by_the_words_it_was_read_by(
    admin: Resident, resident: Resident
) -> None:
    story = (
        "Hello, I came to Manchester from Syria two years ago with my husband and three "
        "children. The children are at school now and they speak English very well, but I "
        "still cannot talk to the teachers or the doctor without my eldest son helping me. "
        "I live in Cheetham Hill and I am free in the mornings. Is there a free English class "
        "for women near me?"
    )
    assert 300 < len(story) < 1000
    answer = await resident.send(story)
    assert "Beginners English for women" in answer.text
    report = await admin.send("/stats")
    assert "Searches in the last 30 days: 1 (0 found nothing)" in report.text
    (top,) = [line for line in report.text.splitlines() if line.startswith("1. ")]
    assert "english" in top
    assert "syria" not in top  # a resident's story is not kept word for word
