"""Privileged commands: who may run them, the polite refusal for everyone else, and the audit
trail that records both."""

from __future__ import annotations

import logging

from telegram import Update

from catalogue.models import Course
from handlers import admin_views, replies
from handlers.context import Context, lang_for
from store.store import Audit
from views.text import Reply

log = logging.getLogger(__name__)


async def record(
    context: Context, user_id: int, action: str, outcome: str, detail: str = ""
) -> None:
    """Audit an attempt that changed nothing (a refusal, a mistyped command)."""
    await context.bot_data.store.audit(Audit(user_id, action, detail), outcome)


async def admin_only(update: Update, context: Context, action: str, detail: str = "") -> bool:
    """True for admins; anyone else is refused kindly, and the attempt is audited."""
    user = update.effective_user
    if user is not None and context.bot_data.is_admin(user.id):
        return True
    await refuse(
        update, context, action, detail, replies.not_for_you(await lang_for(update, context))
    )
    return False


async def may_manage(
    update: Update, context: Context, action: str, course: Course | None, detail: str = ""
) -> bool:
    """True for admins, and for coordinators of the course's provider (or of any provider
    when no course is named yet). Refusals are explained and audited."""
    user = update.effective_user
    if user is None:
        return False
    data = context.bot_data
    providers = data.providers_of(user.id)
    if data.is_admin(user.id):
        return True
    if providers and (course is None or course.provider in providers):
        return True
    reply = (
        replies.not_for_you(await lang_for(update, context))
        if not providers
        else admin_views.not_your_course(providers, course)
    )
    await refuse(update, context, action, detail, reply)
    return False


async def refuse(update: Update, context: Context, action: str, detail: str, reply: Reply) -> None:
    user = update.effective_user
    await record(context, user.id if user else 0, action, "refused", detail)
    if update.callback_query is not None:
        await update.callback_query.answer()
    if update.effective_message is not None:
        await update.effective_message.reply_text(reply.text)
