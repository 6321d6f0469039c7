"""Pure views of choosing a language."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from views import callbacks
from views.i18n import ENGLISH, SHIPPED, Lang, lang
from views.text import Reply


def choices(current: Lang) -> Reply:
    """Every language the bot speaks, in its own name, two to a row; the current one ticked."""
    buttons = [
        InlineKeyboardButton(
            ("✓ " if code == current.code else "") + lang(code).menu_name,
            callback_data=callbacks.language(code),
        )
        for code in (ENGLISH, *SHIPPED)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return Reply("🌐 " + current._("Which language should I speak?"), InlineKeyboardMarkup(rows))


def now_speaking(chosen: Lang) -> Reply:
    return Reply(
        "🌐 "
        + chosen._(
            "From now on I'll speak {language}. Course details stay as the provider wrote them.",
            language=chosen.name,
        )
    )


def offer(other: Lang) -> Reply:
    """Asked in the language the resident wrote in."""
    button = InlineKeyboardButton(
        other._("Yes, speak {language}", language=other.name),
        callback_data=callbacks.language(other.code),
    )
    return Reply(
        "🌐 " + other._("Would you like me to speak {language}?", language=other.name),
        InlineKeyboardMarkup([[button]]),
    )
