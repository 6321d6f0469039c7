"""A loopback fake of the Telegram Bot API, for the tests and `learnbot shell`.

It serves `/bot{token}/{method}` and `/file/bot{token}/{path}` on 127.0.0.1 the way Telegram
does, including its refusals: malformed HTML, text over 4096 characters, callback data over 64
bytes, bad button URLs, unknown messages. Residents are played from Python through `Resident`,
which turns what they do into updates and collects what the bot sends back to them.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Learning City Bot",
    "username": "LearningCityBot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
FAKE_TOKEN = "7000000001:fake-token-for-loopback-use-only"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_DOWNLOAD = 20 * 1024 * 1024

JSON = dict[str, Any]


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


# --- Telegram's HTML parse mode -----------------------------------------------------------

_TAGS = {
    "b": (),
    "strong": (),
    "i": (),
    "em": (),
    "u": (),
    "ins": (),
    "s": (),
    "strike": (),
    "del": (),
    "span": ("class",),
    "tg-spoiler": (),
    "a": ("href",),
    "code": ("class",),
    "pre": (),
    "blockquote": ("expandable",),
    "tg-emoji": ("emoji-id",),
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*\"[^\"]*\")?)*)\s*>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def html_to_text(html: str) -> str:
    """The text Telegram would show for `html` in HTML parse mode, or ApiError(400)."""
    out: list[str] = []
    open_tags: list[str] = []
    i = 0
    while i < len(html):
        ch = html[i]
        if ch == "<":
            match = _TAG.match(html, i)
            if not match:
                raise _entities_error(f"Unsupported start tag at byte offset {_offset(html, i)}")
            closing, name = match[1], match[2].lower()
            if name not in _TAGS:
                raise _entities_error(
                    f'Unsupported start tag "{name}" at byte offset {_offset(html, i)}'
                )
            if closing:
                if not open_tags or open_tags[-1] != name:
                    raise _entities_error(
                        f"Unmatched end tag at byte offset {_offset(html, i)}, "
                        f'expected "</{open_tags[-1] if open_tags else ""}>", found "</{name}>"'
                    )
                open_tags.pop()
            else:
                if name == "a" and "href=" not in match[3]:
                    raise _entities_error("Can't find href in the a tag")
                open_tags.append(name)
            i = match.end()
        elif ch == "&":
            match = _ENTITY.match(html, i)
            if not match:
                raise _entities_error(f"Unsupported HTML entity at byte offset {_offset(html, i)}")
            ref = match[1]
            if ref in _NAMED:
                out.append(_NAMED[ref])
            else:
                out.append(chr(int(ref[2:], 16) if ref[1] == "x" else int(ref[1:])))
            i = match.end()
        elif ch == ">":
            raise _entities_error(f"Unexpected > at byte offset {_offset(html, i)}")
        else:
            out.append(ch)
            i += 1
    if open_tags:
        raise _entities_error(f'Can\'t find end tag corresponding to start tag "{open_tags[-1]}"')
    return "".join(out)


def _offset(text: str, i: int) -> int:
    return len(text[:i].encode())


def _entities_error(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# --- what residents see -------------------------------------------------------------------


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


def _buttons(markup: JSON | None) -> tuple[tuple[Button, ...], ...]:
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

    def __init__(self, api: FakeBotApi, user_id: int, first_name: str) -> None:
        self.api = api
        self.user_id = user_id
        self.first_name = first_name
        self.events: list[BotMessage] = []
        self.messages: dict[int, BotMessage] = {}  # message_id -> its latest state
        self._cursor = 0
        self._changed = asyncio.Condition()

    @property
    def user(self) -> JSON:
        return {"id": self.user_id, "is_bot": False, "first_name": self.first_name}

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


# --- the server ---------------------------------------------------------------------------

Handler = Callable[[JSON], Any]


class FakeBotApi:
    """The fake server. `async with FakeBotApi() as api:` starts it on a free loopback port."""

    def __init__(self, token: str = FAKE_TOKEN, *, rate_limit: int | None = None) -> None:
        """`rate_limit`: messages a second across all chats, beyond which Telegram answers
        429 with retry_after (it allows about 30)."""
        self.token = token
        self.rate_limit = rate_limit
        self.too_many = 0  # 429s answered
        self.delivered: collections.Counter[int] = collections.Counter()  # messages per chat
        self._recent: collections.deque[float] = collections.deque()
        self.url = ""
        self.residents: dict[int, Resident] = {}
        self.calls: list[tuple[str, JSON]] = []  # every method the bot called, in order
        self.commands: list[JSON] = []  # the default command menu
        self.chat_commands: dict[int, list[JSON]] = {}  # menus set for one chat
        self.blocked: set[int] = set()  # residents who blocked the bot: sending gets a 403
        self.unanswered_callbacks: set[str] = set()
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._sent: dict[tuple[int, int], BotMessage] = {}
        self._files: dict[str, bytes] = {}
        self._injected: dict[str, list[ApiError]] = {}
        self._new_update: asyncio.Condition | None = None
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, Handler] = {
            "getMe": lambda p: BOT_USER,
            "deleteWebhook": lambda p: True,
            "close": lambda p: True,
            "logOut": lambda p: True,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": lambda p: self.commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": lambda p: True,
            "sendLocation": self._send_location,
            "sendVenue": self._send_venue,
            "deleteMessage": self._delete_message,
            "getFile": self._get_file,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
        }

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        self._new_update = asyncio.Condition()
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    async def stop(self) -> None:
        # Release long polls still waiting, so the server can close at once.
        self._closing = True
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def store_file(self, content: bytes) -> str:
        file_id = f"BQACAgFAKE{next(self._message_ids):06d}"
        self._files[file_id] = content
        return file_id

    def resident(self, user_id: int = 1001, first_name: str = "Ada") -> Resident:
        if user_id not in self.residents:
            self.residents[user_id] = Resident(self, user_id, first_name)
        return self.residents[user_id]

    def inject_error(self, method: str, error: ApiError) -> None:
        """Make the next call of `method` fail with `error` (a 429, a timeout-sized delay...)."""
        self._injected.setdefault(method, []).append(error)

    def calls_to(self, method: str) -> list[JSON]:
        return [params for name, params in self.calls if name == method]

    # --- updates in ---

    def push_message(self, resident: Resident, content: JSON) -> None:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": resident.chat,
            "from": resident.user,
            **content,
        }
        self._push({"message": message})

    def push_callback(self, resident: Resident, message: BotMessage, data: str) -> None:
        query_id = str(next(self._callback_ids))
        self.unanswered_callbacks.add(query_id)
        self._push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": resident.user,
                    "chat_instance": str(resident.user_id),
                    "data": data,
                    "message": self._message_json(resident.user_id, message),
                }
            }
        )

    def _push(self, update: JSON) -> None:
        assert self._new_update is not None, "start the fake first"
        self._updates.append({"update_id": next(self._update_ids), **update})
        asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        assert self._new_update is not None
        async with self._new_update:
            self._new_update.notify_all()

    # --- HTTP ---

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await _params(request)
        self.calls.append((method, params))
        try:
            if method == "getUpdates":
                result = await self._get_updates(params)
            elif method in self._methods:
                injected = self._injected.get(method)
                if injected:
                    raise injected.pop(0)
                if method.startswith("send") and method != "sendChatAction":
                    self._check_rate()
                result = self._methods[method](params)
                if asyncio.iscoroutine(result):
                    result = await result
            else:
                raise ApiError(404, "Not Found")
        except ApiError as exc:
            return web.json_response(exc.payload(), status=exc.code)
        return web.json_response({"ok": True, "result": result})

    def _check_rate(self) -> None:
        if self.rate_limit is None:
            return
        now = time.monotonic()
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.rate_limit:
            self.too_many += 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        self._recent.append(now)

    async def _get_updates(self, params: JSON) -> list[JSON]:
        assert self._new_update is not None
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        async with self._new_update:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._new_update.wait_for(lambda: bool(self._updates) or self._closing),
                    timeout,
                )
        return self._updates[:limit]

    # --- methods ---

    def _chat(self, params: JSON) -> Resident:
        chat_id = int(params.get("chat_id") or 0)
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id not in self.residents:
            raise ApiError(400, "Bad Request: chat not found")
        return self.residents[chat_id]

    def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: command description is empty or too long")
        scope = params.get("scope") or {}
        if isinstance(scope, dict) and scope.get("type") == "chat":
            self.chat_commands[int(scope["chat_id"])] = commands
        else:
            self.commands = commands
        return True

    async def _send_message(self, params: JSON) -> JSON:
        resident = self._chat(params)
        html, text = _message_text(params, "text", MAX_TEXT)
        markup = _check_markup(params.get("reply_markup"))
        extra = {"reply_markup": markup} if markup and "inline_keyboard" not in markup else {}
        event = BotMessage(
            next(self._message_ids), "sendMessage", html, text, _buttons(markup), extra
        )
        return await self._deliver(resident, event)

    async def _edit_message_text(self, params: JSON) -> JSON:
        resident, old = self._existing(params)
        html, text = _message_text(params, "text", MAX_TEXT)
        markup = _check_markup(params.get("reply_markup"))
        event = BotMessage(old.message_id, "editMessageText", html, text, _buttons(markup))
        if event.text == old.text and event.buttons == old.buttons:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        return await self._deliver(resident, event)

    async def _edit_reply_markup(self, params: JSON) -> JSON:
        resident, old = self._existing(params)
        markup = _check_markup(params.get("reply_markup"))
        event = BotMessage(
            old.message_id, "editMessageReplyMarkup", old.html, old.text, _buttons(markup)
        )
        return await self._deliver(resident, event)

    async def _send_location(self, params: JSON) -> JSON:
        resident = self._chat(params)
        where = {"latitude": float(params["latitude"]), "longitude": float(params["longitude"])}
        event = BotMessage(next(self._message_ids), "sendLocation", "", "", extra=where)
        return await self._deliver(resident, event)

    async def _send_venue(self, params: JSON) -> JSON:
        resident = self._chat(params)
        for name in ("latitude", "longitude", "title", "address"):
            if params.get(name) in (None, ""):
                raise ApiError(400, f"Bad Request: {name} is required")
        extra = {k: params[k] for k in ("latitude", "longitude", "title", "address")}
        markup = _check_markup(params.get("reply_markup"))
        event = BotMessage(
            next(self._message_ids), "sendVenue", "", "", _buttons(markup), extra=extra
        )
        return await self._deliver(resident, event)

    def _get_file(self, params: JSON) -> JSON:
        file_id = str(params.get("file_id"))
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        size = len(self._files[file_id])
        if size > MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": file_id[-8:],
            "file_size": size,
            "file_path": f"documents/{file_id}",
        }

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self._files:
            return web.Response(status=404)
        return web.Response(body=self._files[file_id])

    async def _send_photo(self, params: JSON) -> JSON:
        return await self._send_file(params, "photo")

    async def _send_document(self, params: JSON) -> JSON:
        return await self._send_file(params, "document")

    async def _send_file(self, params: JSON, field_name: str) -> JSON:
        resident = self._chat(params)
        upload = params.get(field_name)
        if not isinstance(upload, dict) or not upload.get("content"):
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        html, text = ("", "")
        if params.get("caption"):
            html, text = _message_text(params, "caption", MAX_CAPTION)
        method = "sendPhoto" if field_name == "photo" else "sendDocument"
        event = BotMessage(
            next(self._message_ids),
            method,
            html,
            text,
            extra={"filename": upload["filename"], "content": upload["content"]},
        )
        return await self._deliver(resident, event)

    def _delete_message(self, params: JSON) -> bool:
        resident, old = self._existing(params)
        del self._sent[(resident.user_id, old.message_id)]
        return True

    def _answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self.unanswered_callbacks:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID "
                "is invalid",
            )
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.unanswered_callbacks.discard(query_id)
        return True

    def _existing(self, params: JSON) -> tuple[Resident, BotMessage]:
        resident = self._chat(params)
        key = (resident.user_id, int(params.get("message_id") or 0))
        if key not in self._sent:
            raise ApiError(400, "Bad Request: message to edit not found")
        return resident, self._sent[key]

    async def _deliver(self, resident: Resident, event: BotMessage) -> JSON:
        event = replace(event, extra={**event.extra, "at": time.monotonic()})
        if event.method == "sendMessage":
            self.delivered[resident.user_id] += 1
        self._sent[(resident.user_id, event.message_id)] = event
        await resident._record(event)
        return self._message_json(resident.user_id, event)

    def _message_json(self, chat_id: int, message: BotMessage) -> JSON:
        resident = self.residents[chat_id]
        body: JSON = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": resident.chat,
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
            body["photo"] = [
                {"file_id": "PHOTO", "file_unique_id": "P", "width": 800, "height": 320}
            ]
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


async def _params(request: web.Request) -> JSON:
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


def _message_text(params: JSON, name: str, limit: int) -> tuple[str, str]:
    raw = str(params.get(name) or "")
    mode = str(params.get("parse_mode") or "").upper()
    text = html_to_text(raw) if mode == "HTML" else raw
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(text) > limit:
        raise ApiError(400, "Bad Request: message is too long")
    return (raw if mode == "HTML" else _escape(raw)), text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _check_markup(markup: Any) -> JSON | None:
    if markup in (None, ""):
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup  # reply keyboards and removals are not checked further
    if sum(len(row) for row in rows) > 100:
        raise ApiError(400, "Bad Request: reply markup is too long")
    for row in rows:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data, url = button.get("callback_data"), button.get("url")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if url is not None and urlsplit(str(url)).scheme not in ("http", "https", "tg"):
                raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
            if data is None and url is None:
                raise ApiError(400, 'Bad Request: can\'t find field "callback_data"')
    return markup
