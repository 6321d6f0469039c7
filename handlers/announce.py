"""Coordinators reach their learners: /announce (guided or one line, now or later) and
/cancelsession (or the card's button), each for their own providers' courses only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from catalogue.models import Course
from handlers import admin_views, announce_views, replies, start_views
from handlers.access import may_manage, record, refuse
from handlers.context import BotData, Context, lang_for
from handlers.courses import card
from handlers.messages import edit, send
from store.payloads import MAX_ANNOUNCEMENT
from store.store import Audit
from store.tables import Announcement
from views import callbacks
from views.callbacks import AnnounceButton, AnnounceStep, CancelSessionButton, Press
from views.i18n import lang
from views.text import Reply

SESSIONS_OFFERED = 6
STAFF = lang()  # coordinators' commands speak English


async def announce(update: Update, context: Context) -> None:
    """/announce [course id message | words]: write to a course's followers."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    data = context.bot_data
    args = context.args or []
    course = data.catalogue.index.get(args[0]) if args else None
    if not await may_manage(update, context, "announce", course, " ".join(args)[:100]):
        return
    if course is None:
        courses = _manageable(data, user.id, " ".join(args))
        await send(message, announce_views.pick_course(courses, now=data.now(), tz=data.tz))
        return
    pieces = message.text.split(None, 2)
    text = pieces[2].strip() if len(pieces) == 3 else ""
    if len(text) > MAX_ANNOUNCEMENT:
        await send(message, announce_views.announcement_too_long(MAX_ANNOUNCEMENT))
        return
    audit = Audit(user.id, "announce", course.id)
    announcement_id = await data.store.start_announcement(course.id, text, audit)
    reply = (
        await _preview(data, announcement_id, course, text)
        if text
        else await _ask_text(data, course)
    )
    await send(message, reply)


def _manageable(data: BotData, user_id: int, words: str) -> list[Course]:
    """Current courses this person may announce to, soonest first, narrowed by words."""
    now = data.now()
    index = data.catalogue.index
    if words.strip():
        found = [hit.course for hit in index.search(words, now=now).hits]
    else:
        found = sorted(
            (c for c in index.courses if c.upcoming(now) or not c.sessions),
            key=lambda c: (
                c.upcoming(now)[0].start if c.upcoming(now) else datetime.max.replace(tzinfo=UTC),
                c.title,
            ),
        )
    if data.is_admin(user_id):
        return found
    providers = data.providers_of(user_id)
    return [course for course in found if course.provider in providers]


async def _ask_text(data: BotData, course: Course) -> Reply:
    recipients = await data.store.recipients(course.id)
    return announce_views.write_announcement(course, recipients)


async def _preview(data: BotData, announcement_id: int, course: Course, text: str) -> Reply:
    recipients = await data.store.recipients(course.id)
    return announce_views.announcement_preview(announcement_id, course, text, recipients)


async def announcement_text(update: Update, context: Context) -> None:
    """A coordinator's next message is the text of the draft they started; else it goes on."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    data = context.bot_data
    if not (data.is_admin(user.id) or data.providers_of(user.id)):
        return  # residents' messages go straight on to search, with no database look-up
    draft = await data.store.draft_awaiting_text(user.id)
    course = data.catalogue.index.get(draft.course_id) if draft is not None else None
    if draft is None or draft.id is None or course is None:
        return  # not writing an announcement: the message is a search
    text = message.text.strip()
    if len(text) > MAX_ANNOUNCEMENT:
        await send(message, announce_views.announcement_too_long(MAX_ANNOUNCEMENT))
    else:
        await data.store.write_announcement(draft.id, text)
        await send(message, await _preview(data, draft.id, course, text))
    raise ApplicationHandlerStop  # the draft took the message: it is not also a search


async def cancel_draft(update: Update, context: Context) -> None:
    """/cancel: drop an announcement being written."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    data = context.bot_data
    draft = await data.store.draft_awaiting_text(user.id)
    if draft is not None and draft.id is not None:
        await data.store.cancel_announcement(draft.id, Audit(user.id, "announce", draft.course_id))
    if draft is None:
        await send(message, start_views.help_text(await lang_for(update, context)))
    else:
        await send(message, announce_views.announcement_cancelled())


async def announce_button(update: Update, context: Context) -> None:
    """Pick a course, send now, send later, or cancel an announcement."""
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return
    button = AnnounceButton.read(query.data)
    if button is None:
        await query.answer()
        await edit(query, replies.expired(STAFF))
        return
    data = context.bot_data
    if button.step is AnnounceStep.COURSE:
        course = data.catalogue.index.get(button.key)
        if not await may_manage(update, context, "announce", course, button.key):
            return
        await query.answer()
        assert course is not None
        await data.store.start_announcement(course.id, "", Audit(user.id, "announce", course.id))
        await edit(query, await _ask_text(data, course))
        return
    announcement_id = button.announcement_id
    row = None if announcement_id is None else await data.store.announcement(announcement_id)
    course = data.catalogue.index.get(row.course_id) if row is not None else None
    if (
        row is None
        or row.id is None
        or course is None
        or not await _may_send(update, context, row, course)
    ):
        if row is None or course is None:
            await query.answer()
            await edit(query, replies.expired(STAFF))
        return
    await query.answer()
    if button.step is AnnounceStep.CANCEL:
        await data.store.cancel_announcement(row.id, Audit(user.id, "announce", course.id))
        await edit(query, announce_views.announcement_cancelled())
    elif button.step is AnnounceStep.LATER:
        await edit(query, announce_views.send_later(row.id, _later_choices(data)))
    else:  # send now, or at the time picked
        at = button.at if button.step is AnnounceStep.AT else None
        audit = Audit(user.id, "announce", course.id)
        count = await data.store.send_announcement(row.id, course, at, audit)
        await data.delivery.wake()
        await edit(
            query,
            announce_views.announcement_queued(count, at, data.tz),
        )


async def _may_send(update: Update, context: Context, row: Announcement, course: Course) -> bool:
    """Only the author (still a coordinator of the course) or an admin sends a draft."""
    user = update.effective_user
    if user is None:
        return False
    if row.author_id != user.id and not context.bot_data.is_admin(user.id):
        refusal = replies.not_for_you(await lang_for(update, context))
        await refuse(update, context, "announce", f"draft {row.id}", refusal)
        return False
    return await may_manage(update, context, "announce", course, course.id)


def _later_choices(data: BotData) -> list[tuple[str, datetime]]:
    now = data.now()
    local = now.astimezone(data.tz)
    tomorrow = local.date() + timedelta(days=1)
    choices = [("In 1 hour", now + timedelta(hours=1))]
    evening = datetime.combine(local.date(), datetime.min.time(), tzinfo=data.tz).replace(hour=18)
    if evening - local > timedelta(hours=1):
        choices.append(("This evening at 18:00", evening))
    for hour in (9, 18):
        at = datetime.combine(tomorrow, datetime.min.time(), tzinfo=data.tz).replace(hour=hour)
        choices.append((f"Tomorrow at {hour:02d}:00", at))
    return choices


# --- cancelled sessions ---


async def cancel_session_command(update: Update, context: Context) -> None:
    """/cancelsession <course id> <date> [reason]"""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    args = context.args or []
    data = context.bot_data
    course = data.catalogue.index.get(args[0]) if args else None
    if not await may_manage(update, context, "cancel session", course, " ".join(args)[:100]):
        return
    if course is None or len(args) < 2:
        await record(context, user.id, "cancel session", "usage", " ".join(args)[:100])
        if args and course is None:
            await send(message, announce_views.unknown_course(args[0]))
        else:
            await send(
                message,
                admin_views.usage("/cancelsession <course id> <date, e.g. 2027-01-14> [reason]"),
            )
        return
    day = _date(args[1])
    pieces = message.text.split(None, 3)
    reason = pieces[3].strip() if len(pieces) == 4 else ""
    upcoming = _still_on(data, course)
    starts = [
        start for start in upcoming if day is not None and start.astimezone(data.tz).date() == day
    ]
    if not starts:
        await send(message, announce_views.no_session_then(course, args[1], upcoming, tz=data.tz))
        return
    audit = Audit(user.id, "cancel session", f"{course.id} {args[1]}")
    told = await data.catalogue.cancel_sessions(course, starts, reason, audit)
    await data.delivery.wake()
    await send(message, announce_views.session_cancelled(course, starts, told, tz=data.tz))


def _still_on(data: BotData, course: Course) -> list[datetime]:
    """Starts of the course's upcoming sessions that have not been cancelled."""
    cancelled = data.catalogue.cancelled_sessions(course.id)
    return [s.start for s in course.upcoming(data.now()) if s.start not in cancelled]


def _date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


async def cancel_session_button(update: Update, context: Context) -> None:
    """The coordinator's button on a card: pick a session, confirm, cancel."""
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return
    button = CancelSessionButton.read(query.data)
    if button is None:
        await query.answer()
        await edit(query, replies.expired(STAFF))
        return
    data = context.bot_data
    course = data.catalogue.index.get(button.course_id)
    if not await may_manage(update, context, "cancel session", course, button.course_id):
        return
    await query.answer()
    assert course is not None
    upcoming = _still_on(data, course)
    start = button.start
    if start is None:
        await edit(
            query, announce_views.pick_session(course, upcoming[:SESSIONS_OFFERED], tz=data.tz)
        )
        return
    if start not in upcoming:
        await edit(query, await card(update, context, course, None))
        return
    if not button.confirmed:
        # Told are those who have not blocked the bot, as in the cancellation itself.
        followers = await data.store.recipients(course.id)
        await edit(query, announce_views.confirm_cancel(course, start, followers, tz=data.tz))
        return
    audit = Audit(user.id, "cancel session", f"{course.id} {start.isoformat()}")
    await data.catalogue.cancel_sessions(course, [start], "", audit)
    await data.delivery.wake()
    await edit(query, await card(update, context, course, None))


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("announce", announce),
    CommandHandler("cancel", cancel_draft),
    CommandHandler("cancelsession", cancel_session_command),
    CallbackQueryHandler(announce_button, pattern=callbacks.pattern(Press.ANNOUNCE)),
    CallbackQueryHandler(cancel_session_button, pattern=callbacks.pattern(Press.CANCEL_SESSION)),
]
# Read before every other handler (handlers/__init__.py gives them an earlier group): a
# coordinator's next message may be the text of an announcement they are writing.
DRAFTS: list[BaseHandler[Update, Context, None]] = [
    MessageHandler(
        filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, announcement_text
    ),
]
