"""What admins and coordinators are shown: refusals, roles granted and revoked, the demand
report and its chart, a catalogue reload's problems, preview and outcome. Pure functions."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from catalogue.formats.binary import SAVE_AS_CSV
from catalogue.models import Course
from views.callbacks import ReloadButton
from views.text import Reply, clip, esc


def not_your_course(providers: frozenset[str], course: Course | None) -> Reply:
    yours = esc(", ".join(sorted(providers)))
    whose = f" That course is run by {esc(course.provider)}." if course is not None else ""
    return Reply(f"Sorry, you coordinate courses for {yours} only.{whose}")


def usage(form: str) -> Reply:
    return Reply(f"Usage: {esc(form)}")


def unknown_provider(wanted: str, close: Sequence[str]) -> Reply:
    text = f"I don't know a provider called “{esc(clip(wanted, 100))}”."
    if close:
        text += " Did you mean: " + esc("; ".join(close)) + "?"
    return Reply(text)


def granted(user_id: int, provider: str, added: bool) -> Reply:
    if not added:
        return Reply(f"{user_id} already coordinates {esc(provider)}.")
    return Reply(
        f"✅ {user_id} now coordinates {esc(provider)}: they can /announce to its followers."
    )


def revoked(user_id: int, provider: str | None, taken: int) -> Reply:
    if not taken:
        return Reply(
            f"{user_id} was not a coordinator" + (f" for {provider}." if provider else ".")
        )
    what = provider or f"all {taken} of their providers"
    return Reply(f"✅ {user_id} no longer coordinates {what}.")


@dataclass(frozen=True)
class Figures:
    residents: int
    active: int
    follows: int
    days: Sequence[tuple[date, int, int]]  # day, searches, found nothing
    top: Sequence[tuple[str, int]]
    unmet: Sequence[tuple[str, int]]


def stats(figures: Figures) -> Reply:
    searches = sum(n for _, n, _ in figures.days)
    unmet = sum(m for _, _, m in figures.days)
    lines = [
        "📊 <b>Learning City Bot</b>",
        "",
        f"Residents following courses: {figures.residents:,} ({figures.active:,} active)",
        f"Courses followed: {figures.follows:,}",
        f"Searches in the last {len(figures.days)} days: {searches:,} ({unmet:,} found nothing)",
        "",
        "<b>Top searches</b>",
        *_ranked(figures.top),
        "",
        "<b>Top searches that found nothing</b> (what the city does not offer)",
        *_ranked(figures.unmet),
        "",
        "/stats csv sends these figures as a file.",
    ]
    return Reply("\n".join(lines))


def _ranked(items: Sequence[tuple[str, int]]) -> list[str]:
    if not items:
        return ["none yet"]
    return [f"{n}. {esc(clip(text, 60))} ({count:,})" for n, (text, count) in enumerate(items, 1)]


def searches_chart(figures: Figures) -> bytes:
    """A PNG bar chart of searches a day, split by whether they found anything."""
    from matplotlib.figure import Figure  # imported here: only /stats draws

    x = list(range(len(figures.days)))
    found = [n - m for _, n, m in figures.days]
    missed = [m for _, _, m in figures.days]
    chart = Figure(figsize=(8, 3.2), dpi=100)
    axes = chart.subplots()
    axes.bar(x, found, color="#2a7ab0", label="found courses")
    axes.bar(x, missed, bottom=found, color="#e07b39", label="found nothing")
    ticks = x[::5]
    axes.set_xticks(ticks, [f"{figures.days[i][0]:%d %b}" for i in ticks])
    axes.set_ylabel("searches")
    axes.legend(loc="upper left", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    out = io.BytesIO()
    chart.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()


def no_source() -> Reply:
    return Reply(
        "CATALOGUE_SOURCE is not set, so there is no file to reload from. Send me a catalogue "
        "file (CSV, JSON, XCRI-CAP XML or iCalendar) with the caption /reload instead."
    )


def source_unreadable(source: str, why: str) -> Reply:
    return Reply(f"⚠️ I couldn't read the catalogue file {esc(source)}: {esc(why)}.")


def unknown_format(name: str, formats: Sequence[str]) -> Reply:
    known = ", ".join(formats[:-1]) + " or " + formats[-1] if len(formats) > 1 else formats[0]
    if name.lower().endswith((".xlsx", ".xls", ".ods")):
        return Reply(
            f"⚠️ {esc(clip(name, 80))} is a spreadsheet: {esc(SAVE_AS_CSV)}, and send me that "
            "file with the caption /reload."
        )
    return Reply(f"⚠️ I can't read {esc(clip(name, 80))}: send a {known} catalogue file.")


def too_big(name: str, limit: int) -> Reply:
    return Reply(
        f"⚠️ {esc(clip(name, 80))} is over {limit // 2**20} MB, more than Telegram lets bots "
        "download. Set CATALOGUE_SOURCE to the file and use /reload instead."
    )


def reload_problems(name: str, problems: Sequence[object], *, scheduled: bool = False) -> Reply:
    shown = [f"• {esc(clip(str(p), 300))}" for p in problems[:10]]
    more = len(problems) - len(shown)
    when = "The nightly reload of" if scheduled else "I checked"
    lines = [
        f"⚠️ {when} <b>{esc(clip(name, 80))}</b>: {len(problems)} problem"
        + ("" if len(problems) == 1 else "s")
        + ". Nothing has changed; the catalogue stays as it was.",
        "",
        *shown,
    ]
    if more > 0:
        lines.append(f"… and {more} more.")
    return Reply("\n".join(lines))


WARNINGS_SHOWN = 5


def reload_preview(
    name: str,
    added: int,
    changed: int,
    removed: int,
    followers: int,
    total: int,
    warnings: Sequence[object],
    token: str,
) -> Reply:
    lines = [
        f"📦 <b>{esc(clip(name, 80))}</b> is valid: {_n(total, 'course')}.",
        "",
        f"Added: {added:,}  Changed: {changed:,}  Removed: {removed:,}",
        f"Residents following changed or removed courses: {followers:,} "
        "(they'll be told what changed).",
    ]
    if warnings:
        shown = warnings[:WARNINGS_SHOWN]
        more = f" (the first {len(shown)})" if len(warnings) > len(shown) else ""
        lines += ["", f"⚠️ {len(warnings):,} warning{'s' if len(warnings) != 1 else ''}{more}:"]
        lines += [f"• {esc(clip(str(w), 300))}" for w in shown]
    lines += ["", "Residents keep searching the current catalogue until you confirm."]
    buttons = [
        [
            InlineKeyboardButton("✅ Confirm", callback_data=ReloadButton(token, True).data()),
            InlineKeyboardButton("Cancel", callback_data=ReloadButton(token, False).data()),
        ]
    ]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def reload_cancelled() -> Reply:
    return Reply("Cancelled: the catalogue is unchanged.")


def reloaded(name: str, total: int, told: int) -> Reply:
    return Reply(
        f"✅ The catalogue is now {esc(clip(name, 80))}: {_n(total, 'course')}. "
        f"{_n(told, 'resident')} will be told about changes to courses they follow."
    )


def _n(count: int, word: str) -> str:
    """Admins read English: one course, two courses."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
