"""The Telegram conversation. HANDLERS lists every module's handlers in the order PTB tries
them: commands and buttons first, the catch-all text search last."""

from telegram import Update
from telegram.ext import BaseHandler

from handlers import admin, announce, courses, reminders, search, start
from handlers.context import Context
from handlers.errors import on_error

HANDLERS: list[BaseHandler[Update, Context, None]] = [
    *start.HANDLERS,
    *courses.HANDLERS,
    *reminders.HANDLERS,
    *admin.HANDLERS,
    *announce.HANDLERS,
    *search.HANDLERS,  # ends with the catch-all: any text is a search
]

__all__ = ["HANDLERS", "on_error"]
