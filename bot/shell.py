"""`learnbot shell`: chat with the real bot in a terminal, through the loopback fake Bot API.

The same Application and handlers as `learnbot run`; only the API address differs. Buttons
print as numbers: type the number to press one. Piped input is read line by line and the
shell exits at the end of it, so `printf '/start\\npottery\\n' | learnbot shell` works.
"""

from __future__ import annotations

import asyncio
import re
import sys
from typing import TextIO

from pydantic import SecretStr

from bot.app import build_application, running
from bot.config import Settings
from fakegram import BotMessage, Button, FakeBotApi, Resident, html_to_text

QUIET = 0.4  # seconds without a new message before the bot counts as done replying
FIRST_REPLY_TIMEOUT = 15.0
HELP = (
    "Type to the bot as you would on Telegram. Type a button's number to press it.\n"
    "  :location LAT LON   share a location, e.g. :location 53.4808 -2.2426\n"
    "  :sticker            send a sticker\n"
    "  :quit               leave (or Ctrl-D)"
)


async def chat(
    settings: Settings, *, stdin: TextIO, stdout: TextIO, language: str | None = None
) -> None:
    """`language` is the resident's Telegram app language ('ur', 'pl'...)."""
    interactive = stdin.isatty()
    async with FakeBotApi() as api:
        local = settings.model_copy(
            update={"bot_token": SecretStr(api.token), "telegram_api_url": api.url}
        )
        application = build_application(local)
        resident = api.resident(user_id=1001, first_name="Resident", language_code=language)
        async with running(application, poll_timeout=1):
            shell = _Shell(resident, stdout, color=stdout.isatty())
            if interactive:
                shell.say(f"Learning City Bot shell (no Telegram needed).\n{HELP}\n")
            while True:
                line = await asyncio.to_thread(_read_line, stdin, interactive)
                if line is None or line.strip() == ":quit":
                    break
                if line.strip():
                    await shell.handle(line.strip())


def _read_line(stdin: TextIO, interactive: bool) -> str | None:
    if interactive:
        try:
            return input("you › ")
        except EOFError:
            return None
    line = stdin.readline()
    return line.rstrip("\n") if line else None


class _Shell:
    def __init__(self, resident: Resident, out: TextIO, *, color: bool) -> None:
        self.resident = resident
        self.out = out
        self.color = color
        # The buttons of the latest message that has any, numbered from 1 as printed.
        self.pressable: list[tuple[BotMessage, Button]] = []

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def handle(self, line: str) -> None:
        if not self.color:
            self.say(f"you › {line}")
        try:
            if line.isdigit() and 1 <= int(line) <= len(self.pressable):
                message, button = self.pressable[int(line) - 1]
                first = await self.resident.tap(message, button, timeout=FIRST_REPLY_TIMEOUT)
            elif line.startswith(":location"):
                lat, lon = (float(v) for v in line.split()[1:3])
                first = await self.resident.share_location(lat, lon, timeout=FIRST_REPLY_TIMEOUT)
            elif line == ":sticker":
                first = await self.resident.send_sticker(timeout=FIRST_REPLY_TIMEOUT)
            elif line.startswith(":"):
                self.say(HELP)
                return
            else:
                first = await self.resident.send(line, timeout=FIRST_REPLY_TIMEOUT)
        except (ValueError, IndexError):
            self.say("usage: :location 53.4808 -2.2426")
            return
        except TimeoutError:
            self.say("(the bot did not answer)")
            return
        self.show(first)
        while True:
            try:
                self.show(await self.resident.next_reply(timeout=QUIET))
            except TimeoutError:
                break

    def show(self, event: BotMessage) -> None:
        head = "bot (edited) ›" if event.edited else "bot ›"
        body = self._text(event)
        self.say(f"{head} {body}")
        if event.buttons:
            self.pressable = []
        elif event.edited:
            # As in Telegram, a message edited without buttons has none left to press.
            self.pressable = [
                (message, button)
                for message, button in self.pressable
                if message.message_id != event.message_id
            ]
        for row in event.buttons:
            for button in row:
                if button.url:
                    self.say(f"   [↗] {button.text}: {button.url}")
                else:
                    self.pressable.append((event, button))
                    self.say(f"   [{len(self.pressable)}] {button.text}")
        self.say("")

    def _text(self, event: BotMessage) -> str:
        if event.method == "sendLocation":
            return f"(a map pin at {event.extra['latitude']}, {event.extra['longitude']})"
        if event.method == "sendVenue":
            return f"(a map pin: {event.extra['title']}, {event.extra['address']})"
        html = event.html
        if self.color:
            html = re.sub(r"<b>(.*?)</b>", "\x1b[1m\\1\x1b[0m", html, flags=re.S)
        return html_to_text(html)


def main(settings: Settings, language: str | None = None) -> None:
    asyncio.run(chat(settings, stdin=sys.stdin, stdout=sys.stdout, language=language))
