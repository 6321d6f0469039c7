"""The `learnbot` command: import, search, and a clear word when the token is missing."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from tests.conftest import SAMPLE

NOW = "2027-01-05T09:00:00+00:00"


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no developer's .env is read
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("BOT_TOKEN", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_a_good_file_then_a_bad_one_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "import", str(SAMPLE))
    assert code == 0
    assert out.startswith("Loaded 94 courses from 13 providers with ")

    bad = tmp_path / "bad.csv"
    bad.write_text("id,title,provider,cost\nA,Only,P,free\nB,Broken,P,lots\nC,,P,1\n")
    code, out, err = run(capsys, "import", str(bad))
    assert code == 1
    assert "bad.csv was not imported; the catalogue is unchanged." in err
    assert "line 3, column cost: expected a price" in err
    assert "line 4, column title: required, but empty" in err

    code, out, _ = run(capsys, "search", "pottery", "--json", "--now", NOW)
    assert code == 0
    assert json.loads(out)["results"][0]["id"] == "ART-POT-AN"  # still the sample


def test_search_prints_json_with_timing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "spansh", "--json", "--limit", "2", "--now", NOW)
    assert code == 0
    result = json.loads(out)
    assert result["query"] == "spansh"
    assert result["results"][0]["id"] == "LANG-SPA-CC"
    assert {"id", "title", "score"} <= set(result["results"][0])
    assert result["results"][0]["next_session"] == "2027-01-12T18:30:00+00:00"
    assert len(result["results"]) <= 2
    assert result["took_ms"] >= 0


def test_search_reads_queries_from_stdin_as_json_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("pottery\nfootball results\nyoga\n"))
    code, out, _ = run(capsys, "search", "--json", "--now", NOW)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["pottery", "football results", "yoga"]
    assert lines[1]["results"] == []
    assert lines[2]["results"][0]["id"] == "WELL-YOGA-WI"


def test_run_without_a_token_says_so_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "run")
    assert code == 2
    assert err.count("\n") == 1
    assert "BOT_TOKEN is not set" in err
    assert "learnbot shell" in err


def test_webhook_mode_needs_its_address_and_secret(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:ABC")
    code, _out, err = run(capsys, "run", "--webhook")
    assert code == 2
    assert "WEBHOOK_URL" in err
    monkeypatch.setenv("WEBHOOK_URL", "https://learnbot.example.org/telegram")
    code, _out, err = run(capsys, "run")
    assert code == 2
    assert "WEBHOOK_SECRET is not set" in err


def test_a_bad_setting_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMEZONE", "Mars/Olympus")
    code, _, err = run(capsys, "search", "x")
    assert code == 2
    assert "TIMEZONE" in err
    assert "unknown time zone" in err


def test_import_of_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "nope.csv")
    assert code == 2
    assert "no such file" in err


def test_import_a_course_directory_file_with_its_venues(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handmade = Path(__file__).parent / "fixtures" / "handmade"
    code, out, err = run(
        capsys,
        "import",
        str(handmade / "ncs_courses.csv"),
        str(handmade / "ncs_venues.csv"),
        "--provider",
        "Northside College",
    )
    assert code == 0, err
    assert "Loaded 2 courses from 1 provider with" in out
    code, out, _ = run(capsys, "search", "bookkeeping", "--json", "--now", NOW)
    assert json.loads(out)["results"][0]["id"] == "NCS-ACC-01"


def test_import_refuses_an_entity_bomb(capsys: pytest.CaptureFixture[str]) -> None:
    bomb = Path(__file__).parent / "fixtures" / "handmade" / "entity_bomb.xml"
    code, _, err = run(capsys, "import", str(bomb))
    assert code == 1
    assert "refused for safety" in err


def test_migrate_brings_the_database_to_the_newest_schema(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["migrate"]) == 0
    assert "schema revision 0003" in capsys.readouterr().out


def test_import_words_a_single_course_and_several_files_as_english_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one = tmp_path / "one.csv"
    one.write_text("id,title,provider,sessions\nA,Pottery,P,2027-02-06T10:00/2027-02-06T12:00\n")
    code, out, _ = run(capsys, "import", str(one))
    assert code == 0
    assert out.startswith("Loaded 1 course from 1 provider with 1 session from one.csv.")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,title,provider\nA,,P\n")
    code, _, err = run(capsys, "import", str(one), str(bad))
    assert code == 1
    assert "one.csv, bad.csv were not imported; the catalogue is unchanged." in err
    code, _, err = run(capsys, "import", str(tmp_path))
    assert code == 2
    assert f"error: {tmp_path} is a directory: name the catalogue file(s) in it" in err


def test_search_into_a_pipe_closed_early_ends_without_a_traceback(database_url: str) -> None:
    queries = "pottery\n" * 2000
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("BOT_TOKEN", None)
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "search"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdin.write(queries.encode())
        process.stdin.close()
        assert process.stdout.readline().startswith(b"'pottery'")
        process.stdout.close()  # as `| head -1` does
        err = process.stderr.read().decode()
        process.wait(timeout=120)
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def test_import_tells_followers_whose_sessions_moved(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database_url: str
) -> None:
    """The command line stores the catalogue without building a search index, and still
    replans followers' reminders and queues their notices."""
    from bot.config import Settings
    from catalogue import importer
    from store.planning import ReminderPolicy
    from store.store import Store

    assert run(capsys, "import", str(SAMPLE))[0] == 0
    settings = Settings()
    courses = importer.parse_file(SAMPLE, tz=settings.tz).courses
    pottery = next(c for c in courses if c.id == "ART-POT-AN")
    store = Store.open(database_url, policy=ReminderPolicy(tz=settings.tz, quiet=settings.quiet))
    try:
        asyncio.run(store.follow(7, pottery, lead_minutes=60))
    finally:
        store.close()

    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    moved = next(row for row in rows if row["id"] == "ART-POT-AN")
    moved["start_time"], moved["end_time"] = "19:30", "21:30"
    changed = tmp_path / "changed.csv"
    with changed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    code, out, _ = run(capsys, "import", str(changed))
    assert code == 0
    assert "1 resident will be told about changes to courses they follow." in out
    code, out, _ = run(capsys, "import", str(changed))
    assert "will be told" not in out  # nothing moved the second time
