"""What the fake Bot API refuses, as Telegram does: malformed HTML, text too long, bad
keyboards. Kept apart from the server so views can be checked without one."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

JSON = dict[str, Any]
# Telegram's limits, written out here rather than taken from the bot or PTB: the fake checks
# the bot against Telegram, not against the bot's own idea of it.
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64


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


def message_text(params: JSON, name: str, limit: int) -> tuple[str, str]:
    raw = str(params.get(name) or "")
    mode = str(params.get("parse_mode") or "").upper()
    text = html_to_text(raw) if mode == "HTML" else raw
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(text) > limit:
        raise ApiError(400, "Bad Request: message is too long")
    return (raw if mode == "HTML" else escape(raw)), text


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def check_markup(markup: Any) -> JSON | None:
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
