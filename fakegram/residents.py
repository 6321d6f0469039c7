"""Residents played from Python: what they send becomes updates, what the bot sends back to
them is collected as `BotMessage`s to read and press."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fakegram.checks import JSON, utf16_len

if TYPE_CHECKING:
    from fakegram.server import FakeBotApi


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class BotMessage:
    """One thing the bot did in a chat: a new message, or an edit of an earlier one."""

    message_id: int
    method: str
    html: str
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def edited(self) -> bool:
        return self.method.startswith("edit")

    @property
    def flat_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]

    def button(self, label: str) -> Button:
        """The first button whose text contains `label` (case-insensitive)."""
        for button in self.flat_buttons:
            if label.casefold() in button.text.casefold():
                return button
        shown = [b.text for b in self.flat_buttons]
        raise LookupError(f"no button {label!r} in {shown}")


def buttons_of(markup: JSON | None) -> tuple[tuple[Button, ...], ...]:
    if not markup or "inline_keyboard" not in markup:
        return ()
    return tuple(
        tuple(
            Button(b["text"], callback_data=b.get("callback_data"), url=b.get("url")) for b in row
        )
        for row in markup["inline_keyboard"]
    )


class Resident:
    """A person chatting with the bot through the fake: what they send and what they get."""

    def __init__(
        self, api: FakeBotApi, user_id: int, first_name: str, language_code: str | None = None
    ) -> None:
        self.api = api
        self.user_id = user_id
        self.first_name = first_name
        self.language_code = language_code  # their Telegram app's language, as Telegram sends it
        self.events: list[BotMessage] = []
        self.messages: dict[int, BotMessage] = {}  # message_id -> its latest state
        self._cursor = 0
        self._changed = asyncio.Condition()

    @property
    def user(self) -> JSON:
        user: JSON = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    @property
    def chat(self) -> JSON:
        return {"id": self.user_id, "type": "private", "first_name": self.first_name}

    async def send(self, text: str, *, timeout: float = 10) -> BotMessage:
        """Type a message (commands get their entity, as Telegram adds it) and await a reply."""
        message: JSON = {"text": text}
        command = re.match(r"/[A-Za-z0-9_]+(@\w+)?", text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command[0])}
            ]
        return await self._post_message(message, timeout=timeout)

    async def share_location(self, lat: float, lon: float, *, timeout: float = 10) -> BotMessage:
        return await self._post_message(
            {"location": {"latitude": lat, "longitude": lon}}, timeout=timeout
        )

    async def send_sticker(self, *, timeout: float = 10) -> BotMessage:
        sticker = {
            "file_id": "CAACAgIAAxkBAAEFAKE",
            "file_unique_id": "AgADFAKE",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return await self._post_message({"sticker": sticker}, timeout=timeout)

    async def send_photo(self, *, timeout: float = 10) -> BotMessage:
        photo = [{"file_id": "PHOTOFAKE", "file_unique_id": "PF", "width": 90, "height": 90}]
        return await self._post_message({"photo": photo}, timeout=timeout)

    async def send_document(
        self, name: str, content: bytes, *, caption: str = "", timeout: float = 10
    ) -> BotMessage:
        """Send a file, as from the paperclip, optionally with a caption."""
        file_id = self.api.store_file(content)
        document = {
            "file_id": file_id,
            "file_unique_id": file_id[-8:],
            "file_name": name,
            "mime_type": "text/csv" if name.endswith(".csv") else "application/octet-stream",
            "file_size": len(content),
        }
        message: JSON = {"document": document}
        if caption:
            message["caption"] = caption
            command = re.match(r"/[A-Za-z0-9_]+", caption)
            if command:
                message["caption_entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command[0])}
                ]
        return await self._post_message(message, timeout=timeout)

    async def send_voice(self, *, timeout: float = 10) -> BotMessage:
        voice = {"file_id": "VOICEFAKE", "file_unique_id": "VF", "duration": 3}
        return await self._post_message({"voice": voice}, timeout=timeout)

    async def press(
        self, label: str, *, on: BotMessage | None = None, timeout: float = 10
    ) -> BotMessage:
        """Tap the inline button whose text contains `label` on `on` (default: the last
        message that has buttons) and await what the bot does next."""
        message = on or self.last_with_buttons()
        message = self.messages.get(message.message_id, message)
        return await self.tap(message, message.button(label), timeout=timeout)

    async def tap(self, message: BotMessage, button: Button, *, timeout: float = 10) -> BotMessage:
        if button.callback_data is None:
            raise LookupError(f"button {button.text!r} opens {button.url}; it cannot be pressed")
        self._cursor = len(self.events)
        self.api.push_callback(self, message, button.callback_data)
        return await self.next_reply(timeout=timeout)

    def last_with_buttons(self) -> BotMessage:
        for event in reversed(self.events):
            latest = self.messages[event.message_id]
            if latest.buttons:
                return latest
        raise LookupError("the bot has sent no buttons")

    async def next_reply(self, *, timeout: float = 10) -> BotMessage:
        """The next thing the bot does in this chat."""
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: len(self.events) > self._cursor), timeout
            )
            event = self.events[self._cursor]
            self._cursor += 1
            return event

    async def _post_message(self, content: JSON, *, timeout: float) -> BotMessage:
        self._cursor = len(self.events)
        self.api.push_message(self, content)
        return await self.next_reply(timeout=timeout)

    async def _record(self, event: BotMessage) -> None:
        async with self._changed:
            self.events.append(event)
            self.messages[event.message_id] = event
            self._changed.notify_all()
