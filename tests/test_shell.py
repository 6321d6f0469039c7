"""`learnbot shell` with piped input: the same bot, through the fake, printed as text."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from pydantic import SecretStr

from bot.config import Settings
from bot.shell import chat
from views.i18n import lang


async def conversation(database_url: str, typed: str) -> str:
    """What `learnbot shell` prints for these lines, run in this process."""
    settings = Settings(_env_file=None, database_url=database_url, bot_token=SecretStr(""))
    stdout = io.StringIO()
    await chat(settings, stdin=io.StringIO(typed), stdout=stdout)
    return stdout.getvalue()


def console(
    tmp_path: Path, database_url: str, typed: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """The `learnbot shell` command given these lines, run as its own process."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "shell", *args],
        input=typed,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=True,
    )


async def test_piped_input_prints_the_conversation(database_url: str) -> None:
    out = await conversation(database_url, "/start\npottery\n1\n:sticker\n")
    assert "you › /start" in out
    assert "I'm the Learning City Bot" in out
    assert "[1] English classes" in out  # the example buttons, numbered
    assert "1. Pottery wheel for beginners" in out
    assert "bot (edited) › Pottery wheel for beginners" in out  # pressed button 1
    assert "[↗] 📝 Book or find out more: https://hulmemakers.example.org" in out
    assert "I can only read text" in out


async def test_buttons_an_edit_took_away_cannot_be_pressed(database_url: str) -> None:
    out = await conversation(database_url, "/forget\n2\n1\n")  # "No, keep it", then "Yes"
    assert "OK, nothing was deleted." in out
    assert "deleted everything I held about you" not in out
    assert "you › 1\nbot › " in out  # typed as a message, not a press


def test_the_console_command_works_from_a_pipe(tmp_path: Path, database_url: str) -> None:
    done = console(tmp_path, database_url, "help with my phone\n")
    assert "Get started with your smartphone" in done.stdout
    assert done.stderr == ""


def test_the_shell_plays_a_resident_whose_phone_speaks_urdu(
    tmp_path: Path, database_url: str
) -> None:
    done = console(tmp_path, database_url, "/start\n", "--lang", "ur")
    urdu = lang("ur")
    assert urdu._("English classes") in done.stdout  # the first example button
    assert "I'm the Learning City Bot" not in done.stdout
