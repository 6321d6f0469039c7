"""The Telegram conversation. HANDLERS lists every module's handlers in the order PTB tries
them: an announcement being written first, then commands and buttons, the catch-all text
search last."""

from collections.abc import Sequence
from typing import Any

from telegram.ext import BaseHandler

from handlers import admin, announce, courses, follow, language, observe, search, start
from handlers.context import Context
from handlers.errors import on_error

HANDLERS: dict[int, Sequence[BaseHandler[Any, Context, Any]]] = {
    # Before anything: count the update (and go on).
    -2: [*observe.HANDLERS],
    # First, in a group of its own: the text of an announcement a coordinator is writing
    # (it stops the message there); any other message goes on to the group below.
    -1: [*announce.DRAFTS],
    0: [
        *start.HANDLERS,
        *courses.HANDLERS,
        *follow.HANDLERS,
        *language.HANDLERS,
        *admin.HANDLERS,
        *announce.HANDLERS,
        *search.HANDLERS,  # ends with the catch-all: any text is a search
    ],
}

__all__ = ["HANDLERS", "on_error"]
