"""`learnbot`: run the bot, chat with it in a terminal, import a catalogue, search it."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from bot.config import Settings
from catalogue import formats
from search.parsed import SearchResult
from store.live import LiveCatalogue, store_catalogue
from store.planning import ReminderPolicy
from store.store import Audit, Store
from views.i18n import ENGLISH, SHIPPED

MAX_PROBLEMS_SHOWN = 50


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]).upper()
            print(f"error: setting {name}: {error['msg']}", file=sys.stderr)
        return 2
    _configure_logging(settings, verbose=args.command in ("run",))
    command: int = args.handler(settings, args)
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="learnbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the bot against Telegram (needs BOT_TOKEN)")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="take updates by webhook at WEBHOOK_URL (also when WEBHOOK_URL is set); "
        "polling otherwise",
    )
    run.set_defaults(handler=_run)

    shell = commands.add_parser("shell", help="chat with the bot here, no token needed")
    shell.add_argument(
        "--lang",
        choices=[ENGLISH, *SHIPPED],
        help="the resident's Telegram app language, e.g. ur (the bot answers in it)",
    )
    shell.set_defaults(handler=_shell)

    load = commands.add_parser(
        "import",
        help="replace the catalogue with one or more files",
        description="Canonical CSV/JSON, the National Careers Service course-directory CSV "
        "(with its venues file alongside), XCRI-CAP 1.2 XML, Open Referral UK JSON or "
        "iCalendar (.ics); the format is read from each file's content.",
    )
    load.add_argument("files", type=Path, nargs="+", metavar="FILE")
    load.add_argument("--format", choices=formats.FORMATS, help="force the format of every file")
    load.add_argument("--provider", default="", help="provider name, for files that have none")
    load.add_argument(
        "--skip-bad-rows", action="store_true", help="load the good rows and report the bad ones"
    )
    load.add_argument(
        "--allow-past",
        action="store_true",
        help="load it even if every course in it has finished (otherwise refused)",
    )
    load.set_defaults(handler=_import)

    search = commands.add_parser("search", help="search the catalogue as the bot would")
    search.add_argument("query", nargs="?", help="omit to read one query per line from stdin")
    search.add_argument("--json", action="store_true", help="print JSON (JSON Lines for stdin)")
    search.add_argument("--limit", type=int, default=5)
    search.add_argument("--now", type=_iso_datetime, help="the clock for 'upcoming' (ISO)")
    search.set_defaults(handler=_search)

    migrate = commands.add_parser(
        "migrate", help="bring the database to the newest schema (also done on every start)"
    )
    migrate.set_defaults(handler=_migrate)
    return parser


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from store.engine import make_engine, migrate

    engine = make_engine(settings.database_url)
    try:
        print(f"The database is at schema revision {migrate(engine)} (the newest).")
    finally:
        engine.dispose()
    return 0


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from telegram import Update

    from bot.app import MissingToken, build_application

    try:
        application = build_application(settings)
    except MissingToken as exc:
        print(f"error: {exc}. To try the bot without a token: learnbot shell", file=sys.stderr)
        return 2
    if args.webhook or settings.webhook_url:
        from bot import webhook

        if not settings.webhook_url:
            print(
                "error: --webhook needs WEBHOOK_URL, the address Telegram posts to",
                file=sys.stderr,
            )
            return 2
        try:
            asyncio.run(webhook.serve(application, settings))
        except webhook.MissingSecret as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def _shell(settings: Settings, args: argparse.Namespace) -> int:
    from bot import shell

    shell.main(settings, args.lang)
    return 0


def _import(settings: Settings, args: argparse.Namespace) -> int:
    paths: list[Path] = args.files
    for path in paths:
        if path.is_dir():
            print(
                f"error: {path} is a directory: name the catalogue file(s) in it", file=sys.stderr
            )
            return 2
        if not path.is_file():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 2
    names = ", ".join(p.name for p in paths)
    bar = _ProgressBar(f"Reading {names}") if sys.stderr.isatty() else None
    result = formats.read(
        [(p.name, p.read_bytes()) for p in paths],
        tz=settings.tz,
        fmt=args.format,
        provider=args.provider,
        skip_bad_rows=args.skip_bad_rows,
        allow_past=args.allow_past,
        progress=bar.update if bar else None,
    )
    for warning in result.warnings[:MAX_PROBLEMS_SHOWN]:
        print(f"warning: {warning}", file=sys.stderr)
    if len(result.warnings) > MAX_PROBLEMS_SHOWN:
        more = len(result.warnings) - MAX_PROBLEMS_SHOWN
        print(f"... and {more} more warnings ({len(result.warnings)} in all)", file=sys.stderr)
    if not result.ok:
        were = "were" if len(paths) > 1 else "was"
        print(f"{names} {were} not imported; the catalogue is unchanged.", file=sys.stderr)
        for problem in result.errors[:MAX_PROBLEMS_SHOWN]:
            print(str(problem), file=sys.stderr)
        if len(result.errors) > MAX_PROBLEMS_SHOWN:
            print(f"... and {len(result.errors) - MAX_PROBLEMS_SHOWN} more", file=sys.stderr)
        return 1
    bar = _ProgressBar("Saving") if sys.stderr.isatty() else None
    store = _store(settings)
    try:
        audit = Audit(0, "import", names)
        told = store_catalogue(
            store, result.courses, audit=audit, progress=bar.update if bar else None
        )
    finally:
        store.close()
    providers = len({course.provider for course in result.courses})
    print(
        f"Loaded {_n(len(result.courses), 'course')} from {_n(providers, 'provider')} "
        f"with {_n(result.session_count, 'session')} from {names}."
    )
    if told:
        print(f"{_n(told, 'resident')} will be told about changes to courses they follow.")
    return 0


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _search(settings: Settings, args: argparse.Namespace) -> int:
    try:
        return _search_all(settings, args)
    except BrokenPipeError:
        # The reader stopped early (`| head`): stop quietly, and keep Python from complaining
        # again when it flushes stdout on the way out (the recipe in the signal module docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _search_all(settings: Settings, args: argparse.Namespace) -> int:
    now: datetime = args.now or datetime.now(UTC)
    store = _store(settings)
    try:
        catalogue = LiveCatalogue.open(store)
        queries = (
            [args.query] if args.query is not None else (line.rstrip("\n") for line in sys.stdin)
        )
        for query in queries:
            started = time.perf_counter()
            result = catalogue.index.search(query, now=now, limit=args.limit)
            took_ms = (time.perf_counter() - started) * 1000
            if args.json:
                print(json.dumps(_search_json(query, result, now, took_ms), ensure_ascii=False))
            else:
                print(f"{query!r}: {len(result.hits)} found in {took_ms:.2f} ms")
                for hit in result.hits:
                    print(f"  {hit.score:6.2f}  {hit.course.id:<20} {hit.course.title}")
            sys.stdout.flush()
    finally:
        store.close()
    return 0


def _store(settings: Settings) -> Store:
    return Store.open(
        settings.database_url, policy=ReminderPolicy(tz=settings.tz, quiet=settings.quiet)
    )


def _search_json(
    query: str, result: SearchResult, now: datetime, took_ms: float
) -> dict[str, object]:
    results = []
    for hit in result.hits:
        course = hit.course
        upcoming = course.upcoming(now)
        results.append(
            {
                "id": course.id,
                "title": course.title,
                "score": round(hit.score, 4),
                "provider": course.provider,
                "category": course.category,
                "area": course.area,
                "cost_pence": course.cost_pence,
                "mode": course.mode.value,
                "next_session": upcoming[0].start.isoformat() if upcoming else None,
                "distance_km": None if hit.distance_km is None else round(hit.distance_km, 2),
            }
        )
    return {
        "query": query,
        "results": results,
        "did_you_mean": result.suggestion,
        "facets_not_met": list(result.missed),
        "took_ms": round(took_ms, 3),
    }


def _iso_datetime(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _ProgressBar:
    """A one-line progress bar on standard error, for terminals only."""

    WIDTH = 30

    def __init__(self, label: str) -> None:
        self.label = label

    def update(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(share * self.WIDTH)
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{self.label} {bar} {share:4.0%}{end}")
        sys.stderr.flush()


class _RedactToken(logging.Filter):
    """Belt and braces: no log line ever carries the bot token, whatever library wrote it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        return True


def _configure_logging(settings: Settings, *, verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # The scheduler logs every run of every job (several a second with several instances).
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if settings.bot_token is not None and settings.bot_token.get_secret_value():
        for handler in logging.getLogger().handlers:
            handler.addFilter(_RedactToken(settings.bot_token.get_secret_value()))


if __name__ == "__main__":
    sys.exit(main())
