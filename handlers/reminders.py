"""Following courses and being reminded: the 🔔 buttons, /mycourses, /forget, and the job
that sends what the outbox holds when it is due."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, BaseHandler, CallbackQueryHandler, CommandHandler

from catalogue import announcements, follows
from catalogue.models import Outbox, OutboxKind, OutboxState
from handlers import announce_views, callbacks, render
from handlers.callbacks import Back
from handlers.context import BotData, Context
from handlers.courses import card
from handlers.messages import edit, send
from handlers.sender import Outcome, Venue

log = logging.getLogger(__name__)

BATCH = 30  # claimed at once (about a second of sending): the most a crash can repeat
RETRY_AFTER = timedelta(minutes=5)
HEARTBEAT = 60.0  # seconds: also picks up catalogues imported by another process
JOB = "deliver"


# --- residents ---


async def remind_me(update: Update, context: Context) -> None:
    """Follow a course from its card, asking how long before each session if there is a choice."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    course_id, back_text = callbacks.parts(query.data, 2)
    data = context.bot_data
    course = data.catalogue.index.get(course_id)
    if course is None:
        await edit(query, render.course_gone())
        return
    back = Back.unpack(back_text)
    if len(data.leads) == 1:
        await _follow_and_show(update, context, course_id, data.leads[0], back)
        return
    choice = render.lead_choice(
        course,
        data.leads,
        data=lambda minutes: callbacks.lead(course_id, minutes, back),
        back=callbacks.course(course_id, back),
    )
    await edit(query, choice)


async def choose_lead(update: Update, context: Context) -> None:
    """Follow a course with the lead time picked on its card."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    course_id, minutes, back = callbacks.parts(query.data, 3)
    await _follow_and_show(update, context, course_id, int(minutes), Back.unpack(back))


async def stop_from_card(update: Update, context: Context) -> None:
    """Stop reminders for the course on this card."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer("Reminders off")
    course_id, back = callbacks.parts(query.data, 2)
    data = context.bot_data
    chat_id = update.effective_chat.id
    await asyncio.to_thread(
        follows.unfollow, data.catalogue.engine, chat_id=chat_id, course_id=course_id
    )
    course = data.catalogue.index.get(course_id)
    if course is None:
        await edit(query, render.course_gone())
        return
    await edit(
        query, render.course_card(course, now=data.now(), tz=data.tz, back=Back.unpack(back))
    )


async def _follow_and_show(
    update: Update, context: Context, course_id: str, minutes: int, back: Back | None
) -> None:
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    data = context.bot_data
    course = data.catalogue.index.get(course_id)
    if course is None or minutes not in data.leads:
        await edit(query, render.course_gone() if course is None else render.expired())
        return
    await asyncio.to_thread(
        follows.follow,
        data.catalogue.engine,
        chat_id=update.effective_chat.id,
        course=course,
        lead_minutes=minutes,
        now=data.now(),
        schedule=data.catalogue.schedule,
    )
    await schedule_delivery(context.application)
    await edit(query, await card(update, context, course, back))


async def my_courses(update: Update, context: Context) -> None:
    """List the courses this resident follows, with buttons to change or stop reminders."""
    if update.effective_message is None or update.effective_chat is None:
        return
    await send(update.effective_message, await _my_courses(context, update.effective_chat.id))


async def my_courses_button(update: Update, context: Context) -> None:
    """Change a lead time or stop a course from /mycourses."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    data = context.bot_data
    chat_id = update.effective_chat.id
    kind = query.data.split(callbacks.SEP)[0]
    course_id, minutes = callbacks.parts(query.data, 2)
    course = data.catalogue.index.get(course_id)
    if kind == callbacks.MINE_CHANGE and course is not None:
        choice = render.lead_choice(
            course,
            data.leads,
            data=lambda m: callbacks.mine(callbacks.MINE_LEAD, course_id, m),
            back=callbacks.mine(callbacks.MINE),
        )
        await edit(query, choice)
        return
    if kind == callbacks.MINE_LEAD and course is not None and int(minutes) in data.leads:
        await asyncio.to_thread(
            follows.follow,
            data.catalogue.engine,
            chat_id=chat_id,
            course=course,
            lead_minutes=int(minutes),
            now=data.now(),
            schedule=data.catalogue.schedule,
        )
        await schedule_delivery(context.application)
    elif kind == callbacks.MINE_STOP:
        await asyncio.to_thread(
            follows.unfollow, data.catalogue.engine, chat_id=chat_id, course_id=course_id
        )
    await edit(query, await _my_courses(context, chat_id))


async def _my_courses(context: Context, chat_id: int) -> render.Reply:
    data = context.bot_data
    rows = await asyncio.to_thread(follows.followed, data.catalogue.engine, chat_id=chat_id)
    items = [(r.course_id, data.catalogue.index.get(r.course_id), r.lead_minutes) for r in rows]
    return render.my_courses(items, now=data.now(), tz=data.tz)


async def stop_from_reminder(update: Update, context: Context) -> None:
    """Stop reminders for a course from the reminder itself."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer("Reminders off")
    (course_id,) = callbacks.parts(query.data, 1)
    data = context.bot_data
    await asyncio.to_thread(
        follows.unfollow,
        data.catalogue.engine,
        chat_id=update.effective_chat.id,
        course_id=course_id,
    )
    course = data.catalogue.index.get(course_id)
    if update.effective_message is not None:
        await send(update.effective_message, render.stopped(course.title if course else course_id))


async def forget(update: Update, context: Context) -> None:
    """Ask before deleting everything the bot holds about this resident."""
    if update.effective_message is None or update.effective_chat is None:
        return
    data = context.bot_data
    rows = await asyncio.to_thread(
        follows.followed, data.catalogue.engine, chat_id=update.effective_chat.id
    )
    await send(update.effective_message, render.forget_confirm(len(rows)))


async def forget_button(update: Update, context: Context) -> None:
    """Delete everything about the resident (follows, reminders, searches), or not."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    if callbacks.parts(query.data, 1) != ["yes"]:
        await edit(query, render.kept())
        return
    data = context.bot_data
    await asyncio.to_thread(
        follows.forget, data.catalogue.engine, chat_id=update.effective_chat.id
    )
    if context.chat_data is not None:
        context.chat_data.searches.clear()
        context.chat_data.location = None
    await edit(query, render.forgotten())


# --- delivery ---


async def schedule_delivery(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Wake the sender at the next due time (after anything that may have made it sooner)."""
    data: BotData = application.bot_data
    job_queue = application.job_queue
    if job_queue is None:
        return
    due = await asyncio.to_thread(follows.next_due, data.catalogue.engine)
    for job in job_queue.get_jobs_by_name(JOB):
        job.schedule_removal()
    if due is not None:
        delay = max(0.0, (due - data.now()).total_seconds())
        job_queue.run_once(deliver_due, when=delay, name=JOB)


async def heartbeat(context: Context) -> None:
    """Every minute: pick up a catalogue imported elsewhere, and deliver anything due."""
    data = context.bot_data
    changed = await asyncio.to_thread(data.catalogue.refresh_if_changed)
    if changed:
        log.info("catalogue reloaded: %s courses", len(data.catalogue.index.courses))
    await deliver_due(context)


async def deliver_due(context: Context) -> None:
    """Send everything in the outbox that is due, a batch at a time, then sleep until the
    next due time. Rows are claimed before sending and marked after."""
    data = context.bot_data
    if data.delivering.locked():
        return
    async with data.delivering:
        await deliver_all(data)
    await schedule_delivery(context.application)


async def deliver_all(data: BotData) -> int:
    """Deliver what is due now, a claimed batch at a time, marking each message as soon as
    it is sent: a crash then repeats only messages sent in the last instant, and messages
    claimed but not yet sent go out once after the restart. Returns the rows handled."""
    engine = data.catalogue.engine
    marking = asyncio.Lock()  # one writer at a time: SQLite has one anyway
    handled = 0

    async def deliver_and_mark(row: Outbox) -> None:
        result = await _deliver(data, row)
        async with marking:
            if result is None:
                due = data.now() + RETRY_AFTER
                await asyncio.to_thread(
                    follows.retry_later, engine, [row], due=due, error="Telegram unreachable"
                )
            else:
                await asyncio.to_thread(
                    follows.finish,
                    engine,
                    [result],
                    now=data.now(),
                    lookup=data.catalogue.index.get,
                    schedule=data.catalogue.schedule,
                )

    while True:
        rows = await asyncio.to_thread(follows.claim_due, engine, now=data.now(), limit=BATCH)
        if not rows:
            return handled
        await asyncio.gather(*(deliver_and_mark(row) for row in rows))
        handled += len(rows)
        if any(row.kind == OutboxKind.ANNOUNCEMENT.value for row in rows):
            # Announcements that are now fully out queue a report to their author, which
            # the next turn of this loop sends.
            await asyncio.to_thread(announcements.report_finished, engine, now=data.now())


async def _deliver(data: BotData, row: Outbox) -> follows.Done | None:
    """Send one outbox row. None means: could not reach Telegram, try again later."""
    now = data.now()
    venue = None
    payload = json.loads(row.payload or "{}")
    if row.kind == OutboxKind.NOTICE.value:
        reply = render.notice(payload, tz=data.tz)
    elif row.kind == OutboxKind.ANNOUNCEMENT.value:
        reply = announce_views.announcement(
            payload["course"], payload["provider"], payload["text"]
        )
    elif row.kind == OutboxKind.REPORT.value:
        course = data.catalogue.index.get(row.course_id)
        title = course.title if course is not None else row.course_id
        reply = announce_views.announcement_report(
            title, payload["delivered"], payload["blocked"], payload["failed"]
        )
    else:
        course = data.catalogue.index.get(row.course_id)
        start = row.session_start
        if course is None or start is None or all(s.start != start for s in course.sessions):
            return follows.Done(row, OutboxState.CANCELLED, "the session is no longer listed")
        if start in data.catalogue.cancelled_sessions(course.id):
            return follows.Done(row, OutboxState.CANCELLED, "the session was cancelled")
        if start <= now:
            return follows.Done(row, OutboxState.MISSED, "the session had started")
        reply = render.reminder(course, start, now=now, tz=data.tz)
        if course.lat is not None and course.lon is not None and course.venue:
            venue = Venue(course.lat, course.lon, course.venue, course.address or course.area)
    keyboard = reply.keyboard if isinstance(reply.keyboard, InlineKeyboardMarkup) else None
    outcome, error = await data.sender.send(row.chat_id, reply.text, keyboard, venue=venue)
    if outcome is Outcome.SENT:
        return follows.Done(row, OutboxState.SENT)
    if outcome is Outcome.BLOCKED:
        return follows.Done(row, OutboxState.CANCELLED, error, blocked=True)
    if outcome is Outcome.FAILED:
        return follows.Done(row, OutboxState.FAILED, error)
    return None


_MINE = "^({})(\\|.*)?$".format(
    "|".join((callbacks.MINE_CHANGE, callbacks.MINE_LEAD, callbacks.MINE_STOP, callbacks.MINE))
)

HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("mycourses", my_courses),
    CommandHandler("forget", forget),
    CallbackQueryHandler(remind_me, pattern=callbacks.pattern(callbacks.REMIND)),
    CallbackQueryHandler(choose_lead, pattern=callbacks.pattern(callbacks.LEAD)),
    CallbackQueryHandler(stop_from_card, pattern=callbacks.pattern(callbacks.STOP)),
    CallbackQueryHandler(my_courses_button, pattern=_MINE),
    CallbackQueryHandler(stop_from_reminder, pattern=callbacks.pattern(callbacks.REMINDER_STOP)),
    CallbackQueryHandler(forget_button, pattern=callbacks.pattern(callbacks.FORGET)),
]
