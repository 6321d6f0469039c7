"""A loopback fake of the Telegram Bot API, for the tests and `learnbot shell`.

It serves `/bot{token}/{method}` and `/file/bot{token}/{path}` on 127.0.0.1 the way Telegram
does, including its refusals (`checks.py`): malformed HTML, text over 4096 characters, callback
data over 64 bytes, bad button URLs, unknown messages. Residents are played from Python through
`Resident` (`residents.py`), which turns what they do into updates and collects what the bot
sends back to them.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import aiohttp
from aiohttp import web

from fakegram.checks import (
    JSON,
    MAX_CAPTION,
    MAX_TEXT,
    ApiError,
    check_markup,
    message_text,
)
from fakegram.residents import BotMessage, Resident, buttons_of
from fakegram.wire import BOT_USER, Files, message_json, request_params

FAKE_TOKEN = "7000000001:fake-token-for-loopback-use-only"


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
        self.language_commands: dict[str, list[JSON]] = {}  # menus for one app language
        self.blocked: set[int] = set()  # residents who blocked the bot: sending gets a 403
        self.unanswered_callbacks: set[str] = set()
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._sent: dict[tuple[int, int], BotMessage] = {}
        self.files = Files()
        self._injected: dict[str, list[ApiError]] = {}
        self._new_update: asyncio.Condition | None = None
        self._closing = False
        self._runner: web.AppRunner | None = None
        # Webhook mode: where updates are posted, with the secret Telegram sends back.
        self.webhook: tuple[str, str] | None = None
        self.webhook_posts = 0  # updates the bot's endpoint accepted
        self.webhook_refusals: list[int] = []  # statuses of posts it refused (then retried)
        self._poster: asyncio.Task[None] | None = None
        self._methods: dict[str, Handler] = {
            "getMe": lambda p: BOT_USER,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": lambda p: {
                "url": self.webhook[0] if self.webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            },
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
        if self._poster is not None:
            self._poster.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poster
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def store_file(self, content: bytes) -> str:
        """A file a resident uploads (a catalogue sent to /import), by its new file_id."""
        return self.files.store(f"BQACAgFAKE{next(self._message_ids):06d}", content)

    def resident(
        self, user_id: int = 1001, first_name: str = "Ada", language_code: str | None = None
    ) -> Resident:
        if user_id not in self.residents:
            self.residents[user_id] = Resident(self, user_id, first_name, language_code)
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
                    "message": message_json(resident.chat, message),
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
        params = await request_params(request)
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
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
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

    # --- webhook ---

    def _set_webhook(self, params: JSON) -> bool:
        url = str(params.get("url") or "")
        secret = str(params.get("secret_token") or "")
        if not url:
            return self._delete_webhook(params)
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        self.webhook = (url, secret)
        if self._poster is None or self._poster.done():
            self._poster = asyncio.get_running_loop().create_task(self._post_updates())
        return True

    def _delete_webhook(self, params: JSON) -> bool:
        self.webhook = None
        return True

    async def _post_updates(self) -> None:
        """As Telegram does: post each update to the webhook, in order, until it is
        accepted (2xx); a refusal or an unreachable endpoint is retried shortly."""
        assert self._new_update is not None
        async with aiohttp.ClientSession() as session:
            while self.webhook is not None and not self._closing:
                async with self._new_update:
                    await self._new_update.wait_for(
                        lambda: bool(self._updates) or self._closing or self.webhook is None
                    )
                if not self._updates or self.webhook is None:
                    continue
                url, secret = self.webhook
                headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
                try:
                    async with session.post(url, json=self._updates[0], headers=headers) as reply:
                        accepted = 200 <= reply.status < 300
                        if not accepted:
                            self.webhook_refusals.append(reply.status)
                except aiohttp.ClientError:
                    accepted = False
                if accepted:
                    self._updates.pop(0)
                    self.webhook_posts += 1
                else:
                    await asyncio.sleep(0.2)

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
        language = params.get("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise ApiError(400, "Bad Request: invalid language code specified")
        if isinstance(scope, dict) and scope.get("type") == "chat":
            self.chat_commands[int(scope["chat_id"])] = commands
        elif language:
            self.language_commands[language] = commands
        else:
            self.commands = commands
        return True

    async def _send_message(self, params: JSON) -> JSON:
        resident = self._chat(params)
        html, text = message_text(params, "text", MAX_TEXT)
        markup = check_markup(params.get("reply_markup"))
        extra = {"reply_markup": markup} if markup and "inline_keyboard" not in markup else {}
        event = BotMessage(
            next(self._message_ids), "sendMessage", html, text, buttons_of(markup), extra
        )
        return await self._deliver(resident, event)

    async def _edit_message_text(self, params: JSON) -> JSON:
        resident, old = self._existing(params)
        html, text = message_text(params, "text", MAX_TEXT)
        markup = check_markup(params.get("reply_markup"))
        event = BotMessage(old.message_id, "editMessageText", html, text, buttons_of(markup))
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
        markup = check_markup(params.get("reply_markup"))
        event = BotMessage(
            old.message_id, "editMessageReplyMarkup", old.html, old.text, buttons_of(markup)
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
        markup = check_markup(params.get("reply_markup"))
        event = BotMessage(
            next(self._message_ids), "sendVenue", "", "", buttons_of(markup), extra=extra
        )
        return await self._deliver(resident, event)

    def _get_file(self, params: JSON) -> JSON:
        return self.files.describe(str(params.get("file_id")))

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        content = self.files.get(request.match_info["path"].rsplit("/", 1)[-1])
        return web.Response(status=404) if content is None else web.Response(body=content)

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
            html, text = message_text(params, "caption", MAX_CAPTION)
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
        return message_json(resident.chat, event)
