"""The welcome and the help text."""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from views import callbacks
from views.callbacks import Back, Press
from views.text import Reply, clip, esc

EXAMPLES = ("English classes", "help with my phone", "free maths", "pottery", "CV help")


def welcome(first_name: str) -> Reply:
    name = esc(clip(first_name, 40)) or "there"
    text = (
        f"Hello {name} 👋 I'm the <b>Learning City Bot</b>.\n\n"
        "I help you find courses and classes across Manchester: English and ESOL, maths, "
        "computers and phones, languages, arts, wellbeing, jobs, family learning and more.\n\n"
        "Just tell me what you'd like to learn, the way you'd ask a friend, for example "
        "<i>English classes in Cheetham Hill</i> or <i>free maths</i>.\n"
        "You can also share your location 📎 to see what's on nearby, or tap a subject with "
        "/browse."
    )
    buttons = [
        [InlineKeyboardButton(example, callback_data=callbacks.example(example))]
        for example in EXAMPLES
    ]
    buttons.append(
        [InlineKeyboardButton("📚 Browse by subject", callback_data=Back(Press.SUBJECTS).data())]
    )
    return Reply(text, InlineKeyboardMarkup(buttons))


def help_text() -> Reply:
    text = (
        "<b>How to find a course</b>\n\n"
        "• Type what you want to learn: <i>pottery</i>, <i>learn English</i>, "
        "<i>GCSE maths evening</i>. Spelling mistakes are fine.\n"
        "• Add a place if you like: <i>computer class Longsight</i>.\n"
        "• Share your location 📎 to see the nearest courses.\n"
        "• Tap a course to see when and where it is, what it costs and how to book.\n\n"
        "<b>Commands</b>\n"
        "/browse – courses by subject\n"
        "/mycourses – courses you follow and their reminders\n"
        "/forget – delete everything I hold about you\n"
        "/help – this message\n"
        "/start – start again"
    )
    return Reply(text)
