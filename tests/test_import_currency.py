"""An import whose courses have finished: each is named, and one with nothing current at all
is refused (CLI, chat and the nightly reload alike) unless the admin allows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.__main__ import main
from bot.app import App, build_application, running
from bot.config import Settings
from catalogue import formats
from catalogue.importer import ImportResult
from fakegram import FakeBotApi, Resident
from tests.conftest import SAMPLE, Clock

LONDON = ZoneInfo("Europe/London")
TODAY = date(2027, 1, 5)
FIXTURES = Path(__file__).parent / "fixtures"
XCRI = FIXTURES / "xcri-cap" / "PG_Generic_XCRI-CAP-1.2.xml"  # presentations 2015 to 2017
HEADER = "id,title,provider,start_date,end_date,weekdays,start_time,end_time\n"
PAST = "OLD-1,Pottery,Hulme Makers,2015-01-05,2015-03-30,Mon,18:00,20:00\n"
CURRENT = "NOW-1,Knitting,Hulme Makers,2027-01-04,2027-03-29,Mon,18:00,20:00\n"
NO_DAY = "GAP-1,Drumming,Hulme Makers,2027-01-13,2027-01-14,Mon,18:00,20:00\n"


def read(name: str, data: bytes, *, allow_past: bool = False) -> ImportResult:
    return formats.read([(name, data)], tz=LONDON, today=TODAY, allow_past=allow_past)


def test_a_file_with_nothing_current_is_refused_naming_each_course() -> None:
    result = read(XCRI.name, XCRI.read_bytes())
    assert not result.ok
    assert not result.courses
    (refusal,) = [str(e) for e in result.errors]
    assert refusal.startswith("the catalogue: its one course has finished (it ended 2017-07-01)")
    assert "--allow-past" in refusal
    assert any(
        "course PG064: it ended 2017-07-01; residents won't see it" in str(w)
        for w in result.warnings
    )


def test_an_open_referral_service_valid_only_in_2005_is_refused() -> None:
    service = FIXTURES / "openreferral-uk" / "service_full.json"
    result = read(service.name, service.read_bytes())
    assert not result.ok
    assert "it ended 2005-01-01" in str(result.errors[0])


def test_allowed_it_loads_with_the_warning_first() -> None:
    result = read(XCRI.name, XCRI.read_bytes(), allow_past=True)
    assert result.ok
    assert [c.id for c in result.courses] == ["PG064"]
    assert str(result.warnings[0]).startswith("the catalogue: its one course has finished")
    assert "loaded anyway, as asked" in str(result.warnings[0])


def test_past_courses_among_current_ones_are_named_and_the_file_loads() -> None:
    result = read("c.csv", (HEADER + PAST + CURRENT).encode())
    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "line 2: course OLD-1: its last session ended 2015-03-30; residents won't see it"
    ]
    several = read("c.csv", (HEADER + PAST + PAST.replace("OLD-1", "OLD-2")).encode())
    assert "all 2 of its courses have finished (the latest ended 2015-03-30)" in str(
        several.errors[0]
    )


def test_a_schedule_that_gives_no_sessions_is_named() -> None:
    result = read("c.csv", (HEADER + NO_DAY + CURRENT).encode())
    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "line 2: course GAP-1: its dates give no sessions (no Mon from 2027-01-13 to "
        "2027-01-14); residents will see no dates for it"
    ]


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("BOT_TOKEN", raising=False)


@pytest.mark.usefixtures("cli_env")
def test_the_cli_refuses_unless_told_to_allow_past(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["import", str(SAMPLE)]) == 0
    capsys.readouterr()
    old = tmp_path / "old.xml"
    old.write_bytes(XCRI.read_bytes())
    assert main(["import", str(old)]) == 1
    _, err = capsys.readouterr()
    assert "course PG064: it ended 2017-07-01; residents won't see it" in err
    assert "old.xml was not imported; the catalogue is unchanged." in err
    assert "to load it anyway, use --allow-past" in err
    assert main(["search", "pottery", "--json", "--now", "2027-01-05T09:00"]) == 0
    assert '"ART-POT-AN"' in capsys.readouterr().out  # the sample is still live

    assert main(["import", str(old), "--allow-past"]) == 0
    out, err = capsys.readouterr()
    assert "loaded anyway, as asked" in err
    assert "Loaded 1 course" in out


ADMIN = 42


async def test_the_chat_refuses_too_and_allow_past_shows_it_before_confirm(
    fake_api: FakeBotApi, app: App
) -> None:
    admin: Resident = fake_api.resident(ADMIN, "Admin")
    content = (HEADER + PAST).encode()
    refused = await admin.send_document("old.csv", content, caption="/reload")
    assert "old.csv: 1 problem. Nothing has changed" in refused.text
    assert "its one course has finished (it ended 2015-03-30)" in refused.text
    assert "/reload allow-past" in refused.text
    preview = await admin.send_document("old.csv", content, caption="/reload allow-past")
    assert "old.csv is valid: 1 course" in preview.text
    assert "• the catalogue: its one course has finished" in preview.text
    assert "course OLD-1: its last session ended 2015-03-30" in preview.text
    await admin.press("Confirm", on=preview)
    assert app.bot_data.catalogue.index.get("OLD-1") is not None


async def test_the_nightly_reload_of_a_past_catalogue_is_refused(
    settings: Settings, fake_api: FakeBotApi, clock: Clock, tmp_path: Path
) -> None:
    source = tmp_path / "source.csv"
    source.write_text(HEADER + PAST)
    configured = settings.model_copy(update={"catalogue_source": str(source)})
    async with running(build_application(configured, clock=clock), poll_timeout=1) as app:
        admin = fake_api.resident(ADMIN, "Admin")
        assert app.job_queue is not None
        (job,) = [job for job in app.job_queue.jobs() if job.name == "scheduled reload"]
        await job.run(app)
        told = await admin.next_reply()
        assert "The nightly reload of source.csv: 1 problem" in told.text
        assert "its one course has finished" in told.text
        assert app.bot_data.catalogue.index.get("ART-POT-AN") is not None
