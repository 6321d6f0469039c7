"""What the fake Bot API reads and writes on the wire: a request's parameters, however the
client encoded them; a message the bot sent, as the Message object Telegram returns; and the
files residents upload, as getFile describes them and /file/ serves them."""

from __future__ import annotations

import contextlib
import json
import time

from aiohttp import web

from fakegram.checks import JSON, ApiError
from fakegram.residents import BotMessage

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Learning City Bot",
    "username": "LearningCityBot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


def message_json(chat: JSON, message: BotMessage) -> JSON:
    """A message the bot sent, as the Message object Telegram returns for it."""
    body: JSON = {
        "message_id": message.message_id,
        "date": int(time.time()),
        "chat": chat,
        "from": BOT_USER,
    }
    if message.method == "sendLocation":
        body["location"] = dict(message.extra)
    elif message.method == "sendVenue":
        extra = message.extra
        body["venue"] = {
            "location": {
                "latitude": float(extra["latitude"]),
                "longitude": float(extra["longitude"]),
            },
            "title": extra["title"],
            "address": extra["address"],
        }
    elif message.method == "sendPhoto":
        body["photo"] = [{"file_id": "PHOTO", "file_unique_id": "P", "width": 800, "height": 320}]
        if message.text:
            body["caption"] = message.text
    elif message.method == "sendDocument":
        body["document"] = {
            "file_id": "DOC",
            "file_unique_id": "D",
            "file_name": message.extra["filename"],
        }
        if message.text:
            body["caption"] = message.text
    else:
        body["text"] = message.text
    if message.buttons:
        body["reply_markup"] = {
            "inline_keyboard": [
                [
                    {
                        k: v
                        for k, v in (
                            ("text", b.text),
                            ("callback_data", b.callback_data),
                            ("url", b.url),
                        )
                        if v is not None
                    }
                    for b in row
                ]
                for row in message.buttons
            ]
        }
    return body


async def request_params(request: web.Request) -> JSON:
    """Bot API parameters from a query string, a form, multipart or a JSON body."""
    params: JSON = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = value
                elif isinstance(value, web.FileField):  # an uploaded file
                    params[key] = {"filename": value.filename, "content": value.file.read()}
    for key, value in list(params.items()):
        if isinstance(value, str) and value[:1] in ("{", "["):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


MAX_DOWNLOAD = 20 * 1024 * 1024  # Telegram's limit on a file a bot downloads


class Files:
    """Files residents uploaded, by file_id."""

    def __init__(self) -> None:
        self._content: dict[str, bytes] = {}

    def store(self, file_id: str, content: bytes) -> str:
        self._content[file_id] = content
        return file_id

    def get(self, file_id: str) -> bytes | None:
        return self._content.get(file_id)

    def describe(self, file_id: str) -> JSON:
        """The File object getFile returns, or Telegram's refusal."""
        content = self._content.get(file_id)
        if content is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if len(content) > MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": file_id[-8:],
            "file_size": len(content),
            "file_path": f"documents/{file_id}",
        }
