"""The welcome and the help text."""

from __future__ import annotations

import re

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from views import callbacks
from views.callbacks import Back, Press
from views.i18n import Lang
from views.text import Reply, clip, esc


def examples(lang: Lang) -> tuple[str, ...]:
    """Searches to try, in the resident's language (each one finds courses: a test checks)."""
    return (
        lang._("English classes"),
        lang._("help with my phone"),
        lang._("free maths"),
        lang._("pottery"),
        lang._("CV help"),
    )


def welcome(first_name: str, lang: Lang) -> Reply:
    name = esc(clip(first_name, 40))
    hello = lang._("Hello {name} 👋", name=name) if name else lang._("Hello 👋")
    text = "\n\n".join(
        (
            hello + " " + lang._("I'm the <b>Learning City Bot</b>."),
            lang._(
                "I help you find courses and classes across Manchester: English and ESOL, "
                "maths, computers and phones, languages, arts, wellbeing, jobs, family learning "
                "and more."
            ),
            lang._(
                "Just tell me what you'd like to learn, the way you'd ask a friend, for example "
                "<i>English classes in Cheetham Hill</i> or <i>free maths</i>."
            )
            + "\n"
            + lang._(
                "You can also share your location 📎 to see what's on nearby, or tap a subject "
                "with /browse. /language changes my language."
            ),
        )
    )
    buttons = [
        [InlineKeyboardButton(example, callback_data=callbacks.example(example))]
        for example in examples(lang)
    ]
    browse = "📚 " + lang._("Browse by subject")
    buttons.append([InlineKeyboardButton(browse, callback_data=Back(Press.SUBJECTS).data())])
    return Reply(text, InlineKeyboardMarkup(buttons))


def help_text(lang: Lang) -> Reply:
    text = "\n".join(
        (
            lang._("<b>How to find a course</b>"),
            "",
            "• "
            + lang._(
                "Type what you want to learn: <i>pottery</i>, <i>learn English</i>, "
                "<i>GCSE maths evening</i>. Spelling mistakes are fine."
            ),
            "• " + lang._("Add a place if you like: <i>computer class Longsight</i>."),
            "• " + lang._("Share your location 📎 to see the nearest courses."),
            "• "
            + lang._("Tap a course to see when and where it is, what it costs and how to book."),
            "",
            lang._("<b>Commands</b>"),
            "/browse – " + lang._("courses by subject"),
            "/mycourses – " + lang._("courses you follow and their reminders"),
            "/language – " + lang._("the language I speak to you in"),
            "/forget – " + lang._("delete everything I hold about you"),
            "/help – " + lang._("this message"),
            "/start – " + lang._("start again"),
        )
    )
    return Reply(text)


def commands(lang: Lang) -> list[BotCommand]:
    """The command menu in a language: Telegram shows it to residents whose app uses it."""
    heading = re.sub(r"<[^>]+>", "", lang._("<b>How to find a course</b>"))
    return [
        BotCommand("start", lang._("start again")),
        BotCommand("browse", lang._("courses by subject")),
        BotCommand("mycourses", lang._("courses you follow and their reminders")),
        BotCommand("language", lang._("the language I speak to you in")),
        BotCommand("help", heading),
        BotCommand("forget", lang._("delete everything I hold about you")),
    ]
