"""Sending a rendered Reply: new messages and in-place edits."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from views.text import Reply


async def send(message: Message, reply: Reply) -> None:
    await message.reply_text(reply.text, reply_markup=reply.keyboard)


async def edit(query: CallbackQuery, reply: Reply) -> None:
    """Replace the message the button was on; a double tap that changes nothing is fine."""
    keyboard = reply.keyboard if isinstance(reply.keyboard, InlineKeyboardMarkup) else None
    try:
        await query.edit_message_text(reply.text, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in exc.message:
            raise
