"""Admins run the service from the chat: coordinators (/grant, /revoke), the catalogue
(/reload, with a command or a file, and nightly from CATALOGUE_SOURCE) and what residents ask
for (/stats)."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from rapidfuzz import process
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from catalogue import formats
from catalogue.formats import SUFFIXES
from catalogue.importer import ImportResult
from catalogue.models import Course
from handlers import admin_views, replies
from handlers.access import admin_only, record
from handlers.context import BotData, Context
from handlers.messages import edit, send
from store.store import Audit, StoreUnavailable
from views import callbacks
from views.callbacks import Press, ReloadButton
from views.i18n import lang
from views.text import Reply

log = logging.getLogger(__name__)

MAX_FILE = 20 * 1024 * 1024  # Telegram lets bots download files up to 20 MB
FORMATS = SUFFIXES
STATS_DAYS = 30
STAFF = lang()  # admins' and coordinators' commands speak English


async def grant(update: Update, context: Context) -> None:
    """/grant <user id> <provider name>: make someone a coordinator for a provider."""
    if not await admin_only(update, context, "grant", " ".join(context.args or [])):
        return
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    args = context.args or []
    if len(args) < 2 or not args[0].isdigit():
        await record(context, user.id, "grant", "usage", " ".join(args))
        await send(message, admin_views.usage("/grant <user id> <provider name>"))
        return
    target, wanted = int(args[0]), " ".join(args[1:])
    data = context.bot_data
    provider = _provider(data, wanted)
    if provider is None:
        await send(message, admin_views.unknown_provider(wanted, _close_providers(data, wanted)))
        await record(context, user.id, "grant", "unknown provider", f"{target} {wanted}")
        return
    added = await data.store.grant(
        target, provider, Audit(user.id, "grant", f"{target} {provider}")
    )
    data.coordinators = await data.store.coordinators()
    await send(message, admin_views.granted(target, provider, added))


async def revoke(update: Update, context: Context) -> None:
    """/revoke <user id> [provider name]: take coordinator rights back."""
    if not await admin_only(update, context, "revoke", " ".join(context.args or [])):
        return
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    args = context.args or []
    if not args or not args[0].isdigit():
        await record(context, user.id, "revoke", "usage", " ".join(args))
        await send(message, admin_views.usage("/revoke <user id> [provider name]"))
        return
    target = int(args[0])
    data = context.bot_data
    provider = _provider(data, " ".join(args[1:])) if len(args) > 1 else None
    if len(args) > 1 and provider is None:
        provider = " ".join(args[1:])  # no longer listed: still revocable by its exact name
    audit = Audit(user.id, "revoke", f"{target} {provider or '*'}")
    taken = await data.store.revoke(target, provider, audit)
    data.coordinators = await data.store.coordinators()
    await send(message, admin_views.revoked(target, provider, taken))


def _provider(data: BotData, wanted: str) -> str | None:
    """The catalogue's spelling of a provider name typed by an admin."""
    key = wanted.casefold().strip()
    for course in data.catalogue.index.courses:
        if course.provider.casefold() == key:
            return course.provider
    return None


def _close_providers(data: BotData, wanted: str) -> list[str]:
    names = sorted({c.provider for c in data.catalogue.index.courses})
    return [name for name, score, _ in process.extract(wanted, names, limit=3) if score >= 60]


# --- /stats ---


async def stats(update: Update, context: Context) -> None:
    """/stats, or /stats csv: residents, followers, searches, and what was not found."""
    if not await admin_only(update, context, "stats"):
        return
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    data = context.bot_data
    figures = await _figures(data)
    await record(context, user.id, "stats", "done", " ".join(context.args or []))
    if context.args and context.args[0].lower() == "csv":
        await message.reply_document(
            _csv(figures).encode(), filename="learnbot-stats.csv", caption="📊 Figures as CSV"
        )
        return
    await send(message, admin_views.stats(figures))
    chart = await asyncio.to_thread(admin_views.searches_chart, figures)
    await message.reply_photo(chart, caption="Searches a day, last 30 days")


async def _figures(data: BotData) -> admin_views.Figures:
    today = data.now().astimezone(data.tz).date()
    since = today - timedelta(days=STATS_DAYS - 1)
    by_day = {day: (n, m) for day, n, m in await data.store.searches_by_day(since)}
    days = [since + timedelta(days=d) for d in range(STATS_DAYS)]
    audience = await data.store.audience()
    return admin_views.Figures(
        residents=audience.residents,
        active=audience.active,
        follows=audience.follows,
        days=[(day, *by_day.get(day, (0, 0))) for day in days],
        top=await data.store.top_searches(),
        unmet=await data.store.top_searches(misses_only=True),
    )


def _csv(figures: admin_views.Figures) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["figure", "value"])
    writer.writerows(
        [
            ["residents following courses", figures.residents],
            ["active residents", figures.active],
            ["follows", figures.follows],
        ]
    )
    writer.writerow([])
    writer.writerow(["day", "searches", "found nothing"])
    writer.writerows([[day.isoformat(), n, m] for day, n, m in figures.days])
    writer.writerow([])
    writer.writerow(["top search", "times"])
    writer.writerows(figures.top)
    writer.writerow([])
    writer.writerow(["search that found nothing", "times"])
    writer.writerows(figures.unmet)
    return out.getvalue()


# --- /reload ---


@dataclass(frozen=True)
class Diff:
    added: int
    changed: int
    removed: int
    followers: int


async def reload_command(update: Update, context: Context) -> None:
    """/reload: validate CATALOGUE_SOURCE and show what would change."""
    if not await admin_only(update, context, "reload"):
        return
    message = update.effective_message
    sources = context.bot_data.catalogue_source
    if message is None:
        return
    if not sources:
        await send(message, admin_views.no_source())
        return
    try:
        files = await asyncio.to_thread(_read_sources, sources)
    except OSError as exc:
        await send(
            message, admin_views.source_unreadable(str(exc.filename), exc.strerror or str(exc))
        )
        return
    await _validate(update, context, files, message.text)


def _read_sources(sources: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in sources]


async def reload_file(update: Update, context: Context) -> None:
    """A catalogue file sent with the caption /reload."""
    if not await admin_only(update, context, "reload", "file"):
        return
    message = update.effective_message
    if message is None or message.document is None:
        return
    document = message.document
    name = document.file_name or "catalogue"
    if Path(name).suffix.lower() not in FORMATS:
        await send(message, admin_views.unknown_format(name, FORMATS))
        return
    if (document.file_size or 0) > MAX_FILE:
        await send(message, admin_views.too_big(name, MAX_FILE))
        return
    file = await document.get_file()
    content = bytes(await file.download_as_bytearray())
    await _validate(update, context, [(name, content)], message.caption)


_PROVIDER = re.compile(r"\bprovider=(?:\"([^\"]+)\"|(.+))", re.IGNORECASE)
_ALLOW_PAST = re.compile(r"(?<!\S)allow-past(?!\S)", re.IGNORECASE)


def _options(text: str | None) -> tuple[str, bool]:
    """`/reload provider=Northside College allow-past`: the provider for files that name
    none, and whether a catalogue whose courses have all finished may load (as the CLI's
    --allow-past)."""
    text = text or ""
    allow_past = bool(_ALLOW_PAST.search(text))
    found = _PROVIDER.search(_ALLOW_PAST.sub("", text))
    return ((found[1] or found[2]).strip() if found else ""), allow_past


async def _validate(
    update: Update, context: Context, files: list[tuple[str, bytes]], command: str | None
) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    data = context.bot_data
    name = ", ".join(n for n, _ in files)
    today = data.now().astimezone(data.tz).date()
    provider, allow_past = _options(command)
    result: ImportResult = await asyncio.to_thread(
        lambda: formats.read(
            files, tz=data.tz, today=today, provider=provider, allow_past=allow_past
        )
    )
    if not result.ok:
        await record(
            context,
            user.id,
            "reload",
            "refused: invalid",
            f"{name}: {len(result.errors)} problems",
        )
        data.metrics.reloads.labels("refused").inc()
        await send(message, admin_views.reload_problems(name, result.errors))
        return
    diff = await _diff(data, result.courses)
    # Kept in the database: the Confirm may reach any instance.
    token = await data.store.keep_reload(result.courses, name, user.id)
    await record(context, user.id, "reload", "validated", name)
    await send(
        message,
        admin_views.reload_preview(
            name,
            diff.added,
            diff.changed,
            diff.removed,
            diff.followers,
            len(result.courses),
            result.warnings,
            token,
        ),
    )


async def _diff(data: BotData, courses: tuple[Course, ...]) -> Diff:
    old = data.catalogue.index
    new_ids = {c.id for c in courses}
    removed = [cid for cid in old.by_id if cid not in new_ids]
    changed = [c.id for c in courses if c.id in old.by_id and old.get(c.id) != c]
    added = len(new_ids - set(old.by_id))
    followers = await data.store.count_followers([*removed, *changed])
    return Diff(added, len(changed), len(removed), followers)


async def reload_button(update: Update, context: Context) -> None:
    """Confirm or cancel a validated reload."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    if not await admin_only(update, context, "reload confirm"):
        return
    await query.answer()
    button = ReloadButton.read(query.data)
    data = context.bot_data
    pending = await data.store.take_reload(button.token) if button else None
    user = update.effective_user
    if pending is None:
        await edit(query, replies.expired(STAFF))
        return
    courses, source = pending
    if button is None or not button.confirm:
        await record(context, user.id if user else 0, "reload", "cancelled", source)
        data.metrics.reloads.labels("cancelled").inc()
        await edit(query, admin_views.reload_cancelled())
        return
    audit = Audit(user.id if user else 0, "reload", source)
    told = await data.catalogue.reload(courses, audit)
    data.metrics.reloads.labels("done").inc()
    await data.delivery.wake()
    await edit(query, admin_views.reloaded(source, len(courses), told))


async def scheduled_reload(context: Context) -> None:
    """The nightly reload of CATALOGUE_SOURCE: no confirmation; admins hear of problems."""
    data = context.bot_data
    sources = data.catalogue_source
    if not sources or not data.delivery.leading:
        return  # one instance reloads; the others pick the new catalogue up
    name = ", ".join(path.name for path in sources)
    try:
        files = await asyncio.to_thread(_read_sources, sources)
    except OSError as exc:
        reply = admin_views.source_unreadable(str(exc.filename), exc.strerror or str(exc))
        await _tell_admins(context, reply)
        await record(context, 0, "scheduled reload", "refused: unreadable", name)
        data.metrics.reloads.labels("refused").inc()
        return
    today = data.now().astimezone(data.tz).date()
    result = await asyncio.to_thread(lambda: formats.read(files, tz=data.tz, today=today))
    if not result.ok:
        await _tell_admins(
            context, admin_views.reload_problems(name, result.errors, scheduled=True)
        )
        await record(context, 0, "scheduled reload", "refused: invalid", name)
        data.metrics.reloads.labels("refused").inc()
        return
    await data.catalogue.reload(result.courses, Audit(0, "scheduled reload", name))
    data.metrics.reloads.labels("done").inc()
    await data.delivery.wake()


async def _tell_admins(context: Context, reply: Reply) -> None:
    await context.bot_data.delivery.tell(sorted(context.bot_data.admin_ids), reply)


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("grant", grant),
    CommandHandler("revoke", revoke),
    CommandHandler("stats", stats),
    CommandHandler("reload", reload_command),
    MessageHandler(filters.Document.ALL & filters.CaptionRegex(r"^/reload\b"), reload_file),
    CallbackQueryHandler(reload_button, pattern=callbacks.pattern(Press.RELOAD)),
]


async def refresh_coordinators(context: Context) -> None:
    """Pick up coordinators granted or revoked on another instance."""
    data = context.bot_data
    with contextlib.suppress(StoreUnavailable):  # keep the ones we know until it is back
        data.coordinators = await data.store.coordinators()
