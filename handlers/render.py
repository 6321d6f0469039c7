"""Pure rendering: courses and search results into HTML text and inline keyboards.

Everything that comes from the catalogue goes through `esc`. Text is kept under Telegram's
4096 characters by clipping each field before it is escaped, and callback data is built only
through `handlers.callbacks`, which keeps it under 64 bytes.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from catalogue.index import SearchResult
from catalogue.models import Course, Mode
from catalogue.reminders import describe_lead
from handlers import callbacks
from handlers.callbacks import Back

PAGE_SIZE = 5
MAX_TEXT = 4096
SESSIONS_SHOWN = 5
NOTICE_LINES = 5
ANNOUNCE_CHOICES = 8
EXAMPLES = ("English classes", "help with my phone", "free maths", "pottery", "CV help")


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    keyboard: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def cost(course: Course) -> str:
    if course.cost_pence is None:
        return "Cost: ask the provider"
    if course.cost_pence == 0:
        return "Free"
    pounds, pence = divmod(course.cost_pence, 100)
    return f"£{pounds:,}" if pence == 0 else f"£{pounds:,}.{pence:02d}"


def when(moment: datetime, tz: ZoneInfo, *, year: bool = True) -> str:
    local = moment.astimezone(tz)
    day = f"{local:%a} {local.day} {local:%b}" + (f" {local.year}" if year else "")
    return f"{day}, {local:%H:%M}"


def next_session_line(course: Course, now: datetime, tz: ZoneInfo) -> str:
    upcoming = course.upcoming(now)
    if upcoming:
        return "next " + when(upcoming[0].start, tz, year=False)
    if course.sessions:
        return "finished"
    if course.starts_on and course.starts_on > now.astimezone(tz).date():
        return f"starts {course.starts_on.day} {course.starts_on:%b %Y}"
    return "start any time" if course.mode is Mode.ONLINE else "ongoing, ask for dates"


def place(course: Course) -> str:
    if course.mode is Mode.ONLINE:
        return "Online"
    return course.area or course.venue or course.postcode or "Venue to be confirmed"


def summary(course: Course, now: datetime, tz: ZoneInfo) -> str:
    """One line under a course's title in a list."""
    return esc(
        " · ".join((clip(place(course), 40), next_session_line(course, now, tz), cost(course)))
    )


def ask_location() -> Reply:
    """Text for the message that carries the 'share my location' keyboard."""
    button = KeyboardButton("📍 Share my location", request_location=True)
    return Reply(
        "📍 Tap <b>Share my location</b> below and I'll show the courses nearest to you.",
        ReplyKeyboardMarkup([[button]], one_time_keyboard=True, resize_keyboard=True),
    )


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
        [InlineKeyboardButton("📚 Browse by subject", callback_data=callbacks.subjects())]
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


@dataclass(frozen=True, slots=True)
class _Page:
    """One page of a long list: which items, and where it sits."""

    page: int
    pages: int
    first: int  # the number shown next to the page's first item

    @classmethod
    def of(cls, total: int, page: int) -> _Page:
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        return cls(page, pages, page * PAGE_SIZE + 1)

    def slice(self) -> slice:
        return slice(self.first - 1, self.first - 1 + PAGE_SIZE)

    def nav(self, to_page: Callable[[int], str]) -> list[InlineKeyboardButton]:
        buttons = []
        if self.page > 0:
            buttons.append(InlineKeyboardButton("◂ Back", callback_data=to_page(self.page - 1)))
        if self.page < self.pages - 1:
            buttons.append(InlineKeyboardButton("More ▸", callback_data=to_page(self.page + 1)))
        return buttons


def _listing(
    items: Sequence[tuple[Course, str]], *, first: int, back: Back, now: datetime, tz: ZoneInfo
) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    """Numbered lines (title, then where/when/cost) and one button per course.
    Each item's string is appended to its title line."""
    lines, buttons = [], []
    for number, (course, after_title) in enumerate(items, start=first):
        lines.append(f"{number}. <b>{esc(clip(course.title, 120))}</b>{after_title}")
        lines.append(f"    {summary(course, now, tz)}")
        label = f"{number}. {clip(course.title, 48)}"
        buttons.append(
            [InlineKeyboardButton(label, callback_data=callbacks.course(course.id, back))]
        )
    return lines, buttons


def results(
    query: str, result: SearchResult, *, page: int, token: str, now: datetime, tz: ZoneInfo
) -> Reply:
    hits = result.hits
    at = _Page.of(len(hits), page)
    shown = [
        (hit.course, "" if hit.distance_km is None else f" – {distance(hit.distance_km)}")
        for hit in hits[at.slice()]
    ]
    count = f"{len(hits)} course" + ("" if len(hits) == 1 else "s")
    header = f"🔎 {count} for “{esc(clip(query, 80))}”"
    if at.pages > 1:
        header += f" ({at.first}–{at.first + len(shown) - 1})"
    notes = []
    if result.suggestion:
        notes.append(
            f"Did you mean <b>{esc(clip(result.suggestion, 80))}</b>? Here's what I found."
        )
    if result.missed:
        notes.append(f"<i>{esc(fallback_note(result))}</i>")
    back = Back(callbacks.RESULTS, token, at.page)
    lines, buttons = _listing(shown, first=at.first, back=back, now=now, tz=tz)
    lines = [
        header + ":",
        *notes,
        "",
        *lines,
        "",
        "Tap a course for times, place and how to book.",
    ]
    nav = at.nav(lambda to: callbacks.results(token, to))
    if nav:
        buttons.append(nav)
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


# How to say that no course met a facet, and what the near misses are instead.
_FALLBACK = {
    "day": ("{} ", "", "these run on other days"),
    "time": ("{} ", "", "these run at other times of day"),
    "price": ("{} ", "", "these cost more"),
    "mode": ("{} ", "", "these are not {}"),
    "level": ("{} ", "", "these are at other levels"),
    "audience": ("", " for {}", "these are open to others"),
    "place": ("", " in {}", "these are the nearest elsewhere"),
}


def fallback_note(result: SearchResult) -> str:
    """'No saturday pottery found: these run on other days.'"""
    facets = result.query.facets
    before, after, reasons = [], [], []
    for name in result.missed:
        prefix, suffix, reason = _FALLBACK[name]
        label = clip(facets.label(name), 40)
        before.append(prefix.format(label))
        after.append(suffix.format(label))
        reasons.append(reason.format(label))
    subject = " ".join(slot.label for slot in result.query.slots) or "courses"
    return f"No {''.join(before)}{clip(subject, 60)}{''.join(after)} found: {'; '.join(reasons)}."


def nothing_found(query: str, subjects: Sequence[tuple[str, int]]) -> Reply:
    text = (
        f"Sorry, I couldn't find a course for “{esc(clip(query, 80))}”.\n\n"
        "I can help you find learning in Manchester: English and ESOL, maths, computers and "
        "phones, languages, arts and crafts, wellbeing, jobs and family learning.\n\n"
        "Try a subject, perhaps with a place: <i>maths in Moss Side</i>, <i>sewing</i>, "
        "<i>help with my CV</i>. Or pick a subject:"
    )
    return Reply(text, _subject_keyboard(subjects))


def subjects_menu(subjects: Sequence[tuple[str, int]]) -> Reply:
    if not subjects:
        return Reply("There are no courses in the catalogue just now. Please try again later.")
    return Reply("📚 <b>Pick a subject</b>:", _subject_keyboard(subjects))


def _subject_keyboard(subjects: Sequence[tuple[str, int]]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(f"{clip(name, 40)} ({count})", callback_data=callbacks.subject(i, 0))
        for i, (name, count) in enumerate(subjects)
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def subject_page(
    number: int, name: str, found: Sequence[Course], *, page: int, now: datetime, tz: ZoneInfo
) -> Reply:
    at = _Page.of(len(found), page)
    back = Back(callbacks.SUBJECTS, str(number), at.page)
    shown = [(course, "") for course in found[at.slice()]]
    lines, buttons = _listing(shown, first=at.first, back=back, now=now, tz=tz)
    lines = [f"📚 <b>{esc(clip(name, 80))}</b>: {len(found)} courses", "", *lines]
    subjects = InlineKeyboardButton("◂ Subjects", callback_data=callbacks.subjects())
    buttons.append([subjects, *at.nav(lambda to: callbacks.subject(number, to))])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def nearby(found: Sequence[tuple[Course, float]], *, now: datetime, tz: ZoneInfo) -> Reply:
    if not found:
        return Reply(
            "I couldn't find courses with a venue near there. Try typing a subject instead, "
            "or /browse by subject."
        )
    shown = [(course, f" – {distance(km)}") for course, km in found]
    lines, buttons = _listing(shown, first=1, back=Back(callbacks.NEARBY), now=now, tz=tz)
    lines = ["📍 <b>Courses nearest to you</b>:", "", *lines]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def distance(km: float) -> str:
    miles = km / 1.609344
    return f"{miles:.1f} miles" if miles >= 0.1 else "right here"


def course_card(
    course: Course,
    *,
    now: datetime,
    tz: ZoneInfo,
    back: Back | None,
    following: int | None = None,
    cancelled: Mapping[datetime, str] | None = None,
    manage: bool = False,
) -> Reply:
    """A course's card. `following` is the lead time in minutes when the chat follows it;
    `cancelled` maps cancelled session starts to reasons; `manage` adds the coordinator's
    button to cancel a session."""
    cancelled = cancelled or {}
    lines = [f"<b>{esc(clip(course.title, 200))}</b>", f"by {esc(clip(course.provider, 120))}", ""]
    upcoming = course.upcoming(now)
    if upcoming:
        lines.append("📅 <b>Next sessions</b>")
        for session in upcoming[:SESSIONS_SHOWN]:
            end = session.end.astimezone(tz)
            line = f"• {when(session.start, tz)}–{end:%H:%M}"
            if session.start in cancelled:
                reason = cancelled[session.start]
                line = f"• <s>{when(session.start, tz)}–{end:%H:%M}</s> ❌ cancelled"
                line += f": {esc(clip(reason, 100))}" if reason else ""
            lines.append(line)
        if len(upcoming) > SESSIONS_SHOWN:
            lines.append(f"  and {len(upcoming) - SESSIONS_SHOWN} more")
    elif course.sessions:
        lines.append("📅 This course has finished.")
    elif course.starts_on or course.ends_on:
        lines.append("📅 " + _runs(course))
    elif course.mode is Mode.ONLINE:
        lines.append("📅 Self-paced: start any time.")
    else:
        lines.append("📅 Ongoing: contact the provider for dates.")
    lines.append("")
    lines.append(_where(course))
    lines.append(f"💷 {cost(course)}")
    for icon, label, value, limit in (
        ("📈", "Level", course.level, 80),
        ("👥", "Who it's for", course.audience, 160),
        ("🗣", "Taught in", course.language if course.language.casefold() != "english" else "", 80),
        ("♿", "Access", course.accessibility, 300),
        ("☎️", "Contact", course.contact, 120),
    ):
        if value:
            lines.append(f"{icon} {label}: {esc(clip(value, limit))}")
    if following is not None:
        lines.append(f"🔔 You'll get a reminder {describe_lead(following)} before each session.")
    head = "\n".join(lines)
    # The description is the one long field: it gets whatever room is left.
    room = MAX_TEXT - len(head) - 2
    description = clip(course.description, min(800, room)) if course.description else ""
    text = head + (f"\n\n{esc(description)}" if description else "")

    buttons = []
    if course.booking_url:
        buttons.append([InlineKeyboardButton("📝 Book or find out more", url=course.booking_url)])
    if upcoming and following is None:
        remind = callbacks.remind(course.id, back)
        buttons.append([InlineKeyboardButton("🔔 Remind me", callback_data=remind)])
    elif following is not None:
        stop = callbacks.stop(course.id, back)
        buttons.append([InlineKeyboardButton("🔕 Stop reminders", callback_data=stop)])
    if upcoming:
        calendar = callbacks.calendar(course.id)
        buttons.append([InlineKeyboardButton("📅 Add to calendar", callback_data=calendar)])
    if manage and upcoming:
        cancel = callbacks.cancel_session(course.id)
        buttons.append([InlineKeyboardButton("❌ Cancel a session", callback_data=cancel)])
    if back is not None:
        label = "◂ Back to subjects" if back.kind == callbacks.SUBJECTS else "◂ Back to results"
        buttons.append([InlineKeyboardButton(label, callback_data=_back_data(back))])
    return Reply(text, InlineKeyboardMarkup(buttons) if buttons else None)


def _runs(course: Course) -> str:
    def day(value: date) -> str:
        return f"{value:%a} {value.day} {value:%b %Y}"

    if course.starts_on and course.ends_on:
        return f"Runs from {day(course.starts_on)} to {day(course.ends_on)}; ask for times."
    if course.starts_on:
        return f"Starts on {day(course.starts_on)}; ask for times."
    assert course.ends_on is not None
    return f"Runs until {day(course.ends_on)}; ask for times."


def _where(course: Course) -> str:
    if course.mode is Mode.ONLINE:
        return "💻 Online"
    parts = [clip(p, 120) for p in (course.venue, course.address, course.area) if p]
    if course.postcode:
        parts.append(course.postcode)
    place_text = esc(", ".join(parts)) if parts else "Venue to be confirmed"
    return ("🔀 Online and in person: " if course.mode is Mode.BLENDED else "📍 ") + place_text


def _back_data(back: Back) -> str:
    if back.kind == callbacks.RESULTS:
        return callbacks.results(back.key, back.page)
    if back.kind == callbacks.SUBJECTS:
        return callbacks.subject(int(back.key), back.page)
    return callbacks.nearby()


def lead_choice(
    course: Course, leads: Sequence[int], *, data: Callable[[int], str], back: str
) -> Reply:
    """Ask how long before each session to remind; `data(minutes)` makes each button's data."""
    text = (
        f"🔔 When should I remind you about <b>{esc(clip(course.title, 200))}</b>?\n"
        "I'll send a reminder before each session."
    )
    rows = [
        [InlineKeyboardButton(f"{describe_lead(m)} before", callback_data=data(m))] for m in leads
    ]
    rows.append([InlineKeyboardButton("◂ Back", callback_data=back)])
    return Reply(text, InlineKeyboardMarkup(rows))


def my_courses(
    followed: Sequence[tuple[str, Course | None, int]], *, now: datetime, tz: ZoneInfo
) -> Reply:
    """The courses a resident follows: (course id, course if still listed, lead minutes)."""
    if not followed:
        return Reply(
            "You're not following any courses yet. Open a course and tap "
            "<b>🔔 Remind me</b> to get a reminder before each session."
        )
    lines = ["🔔 <b>Courses you follow</b>", ""]
    buttons = []
    for number, (course_id, course, lead) in enumerate(followed, start=1):
        if course is None:
            lines.append(f"{number}. {esc(course_id)}: no longer listed")
        else:
            upcoming = course.upcoming(now)
            nxt = f"next {when(upcoming[0].start, tz)}" if upcoming else "no more sessions"
            lines.append(f"{number}. <b>{esc(clip(course.title, 120))}</b>")
            lines.append(f"    {nxt} · reminder {describe_lead(lead)} before")
        change = InlineKeyboardButton(
            f"{number}. ⏰ Change", callback_data=callbacks.mine(callbacks.MINE_CHANGE, course_id)
        )
        stop = InlineKeyboardButton(
            f"{number}. 🔕 Stop", callback_data=callbacks.mine(callbacks.MINE_STOP, course_id)
        )
        buttons.append([change, stop] if course is not None else [stop])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def reminder(course: Course, start: datetime, *, now: datetime, tz: ZoneInfo) -> Reply:
    """The reminder before a session."""
    session = next((s for s in course.sessions if s.start == start), None)
    end = f"–{session.end.astimezone(tz):%H:%M}" if session else ""
    lines = [
        f"🔔 <b>Reminder: {esc(clip(course.title, 200))}</b>",
        f"📅 {when(start, tz)}{end} ({_how_soon(start, now, tz)})",
        _where(course),
        f"💷 {cost(course)}",
    ]
    if course.contact:
        lines.append(f"☎️ {esc(clip(course.contact, 120))}")
    stop = callbacks.mine(callbacks.REMINDER_STOP, course.id)
    keyboard = [[InlineKeyboardButton("🔕 Stop reminders for this course", callback_data=stop)]]
    if course.booking_url:
        keyboard.insert(0, [InlineKeyboardButton("📝 Course page", url=course.booking_url)])
    return Reply("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _how_soon(start: datetime, now: datetime, tz: ZoneInfo) -> str:
    minutes = max(0, int((start - now).total_seconds() // 60))
    if minutes < 60:
        return f"in {minutes} minutes" if minutes != 1 else "in 1 minute"
    days = (start.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days == 0:
        hours = minutes // 60
        return f"in {hours} hour" + ("" if hours == 1 else "s")
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def notice(payload: Mapping[str, Any], *, tz: ZoneInfo) -> Reply:
    """What changed in a course the resident follows."""
    title = esc(clip(str(payload.get("course", "")), 200))
    if payload.get("removed"):
        return Reply(
            f"ℹ️ <b>{title}</b> is no longer listed, so I've stopped its reminders. "
            "Send me a search to find something similar."
        )
    changes = [
        f"• The session on {when(datetime.fromisoformat(old), tz)} has moved to "
        f"{when(datetime.fromisoformat(new), tz)}."
        for old, new in payload.get("moved", [])
    ]
    reason = str(payload.get("reason") or "")
    changes += [
        f"• The session on {when(datetime.fromisoformat(old), tz)} is cancelled"
        + (f": {esc(clip(reason, 200))}." if reason else ".")
        for old in payload.get("cancelled", [])
    ]
    lines = [f"ℹ️ <b>Changes to {title}</b>", *changes[:NOTICE_LINES]]
    if len(changes) > NOTICE_LINES:
        lines.append(
            f"… and {len(changes) - NOTICE_LINES} more changes; /mycourses shows the next session."
        )
    lines.append("Your reminders have been updated.")
    return Reply("\n".join(lines))


def forget_confirm(following: int) -> Reply:
    held = (
        f"the {following} course" + ("" if following == 1 else "s") + " you follow and "
        "their reminders"
        if following
        else "any reminders"
    )
    text = (
        "🗑 <b>Forget me?</b>\n\nThis deletes everything I hold about you: "
        f"{held}, and your recent searches. It can't be undone."
    )
    buttons = [
        [InlineKeyboardButton("Yes, delete everything", callback_data=callbacks.forget(True))],
        [InlineKeyboardButton("No, keep it", callback_data=callbacks.forget(False))],
    ]
    return Reply(text, InlineKeyboardMarkup(buttons))


def forgotten() -> Reply:
    return Reply(
        "Done: I've deleted everything I held about you. You can still search any time, "
        "or /start again."
    )


def kept() -> Reply:
    return Reply("OK, nothing was deleted.")


def stopped(title: str) -> Reply:
    return Reply(f"🔕 Reminders for <b>{esc(clip(title, 200))}</b> are off.")


# --- coordinators and admins ---


def refusal() -> Reply:
    return Reply(
        "Sorry, that command is for course coordinators and the Learning City team. "
        "If you run courses in Manchester and want to reach your learners, please get in "
        "touch with the team. You can search for courses any time: just type what you'd like "
        "to learn."
    )


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
    return Reply(f"⚠️ I can't read {esc(clip(name, 80))}: send a {known} catalogue file.")


def too_big(name: str, limit: int) -> Reply:
    return Reply(
        f"⚠️ {esc(clip(name, 80))} is over {limit // 2**20} MB, more than Telegram lets bots "
        "download. Set CATALOGUE_SOURCE to the file and use /reload instead."
    )


def reload_problems(name: str, problems: Sequence[object], *, scheduled: bool = False) -> Reply:
    shown = [f"• {esc(clip(str(p), 200))}" for p in problems[:10]]
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
        f"📦 <b>{esc(clip(name, 80))}</b> is valid: {total:,} courses.",
        "",
        f"Added: {added:,}  Changed: {changed:,}  Removed: {removed:,}",
        f"Residents following changed or removed courses: {followers:,} "
        "(they'll be told what changed).",
    ]
    if warnings:
        shown = warnings[:WARNINGS_SHOWN]
        more = f" (the first {len(shown)})" if len(warnings) > len(shown) else ""
        lines += ["", f"⚠️ {len(warnings):,} warning{'s' if len(warnings) != 1 else ''}{more}:"]
        lines += [f"• {esc(clip(str(w), 200))}" for w in shown]
    lines += ["", "Residents keep searching the current catalogue until you confirm."]
    buttons = [
        [
            InlineKeyboardButton("✅ Confirm", callback_data=callbacks.reload(token, True)),
            InlineKeyboardButton("Cancel", callback_data=callbacks.reload(token, False)),
        ]
    ]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def reload_cancelled() -> Reply:
    return Reply("Cancelled: the catalogue is unchanged.")


def reloaded(name: str, total: int, told: int) -> Reply:
    return Reply(
        f"✅ The catalogue is now {esc(clip(name, 80))}: {total:,} courses. "
        f"{told:,} residents will be told about changes to courses they follow."
    )


# --- announcements and cancelled sessions ---


def pick_course(courses: Sequence[Course], *, now: datetime, tz: ZoneInfo) -> Reply:
    if not courses:
        return Reply(
            "I couldn't find a current course of yours to announce to. Try "
            "<code>/announce &lt;course id&gt; &lt;message&gt;</code>."
        )
    lines = ["📣 <b>Which course is the announcement for?</b>", ""]
    buttons = []
    for number, course in enumerate(courses[:ANNOUNCE_CHOICES], start=1):
        lines.append(f"{number}. <b>{esc(clip(course.title, 100))}</b> ({esc(course.id)})")
        lines.append(f"    {summary(course, now, tz)}")
        data = callbacks.announce("c", course.id)
        buttons.append(
            [InlineKeyboardButton(f"{number}. {clip(course.title, 48)}", callback_data=data)]
        )
    if len(courses) > ANNOUNCE_CHOICES:
        lines += ["", "Not there? Narrow it down: <code>/announce pottery</code>."]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def write_announcement(course: Course, recipients: int) -> Reply:
    return Reply(
        f"📣 Write your announcement for <b>{esc(clip(course.title, 200))}</b> and send it as "
        f"your next message. It will go to {recipients} follower"
        + ("" if recipients == 1 else "s")
        + ". /cancel to stop."
    )


def announcement_preview(
    announcement_id: int, course: Course, text: str, recipients: int
) -> Reply:
    body = announcement(course.title, course.provider, text).text
    lines = [
        f"👀 <b>Preview</b>: this goes to {recipients} follower"
        + ("" if recipients == 1 else "s")
        + f" of {esc(clip(course.title, 120))}.",
        "",
        body,
    ]
    buttons = [
        [
            InlineKeyboardButton(
                "📣 Send now", callback_data=callbacks.announce("s", announcement_id)
            ),
            InlineKeyboardButton(
                "🕒 Send later", callback_data=callbacks.announce("l", announcement_id)
            ),
        ],
        [InlineKeyboardButton("Cancel", callback_data=callbacks.announce("x", announcement_id))],
    ]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def send_later(announcement_id: int, choices: Sequence[tuple[str, datetime]]) -> Reply:
    buttons = [
        [
            InlineKeyboardButton(
                label,
                callback_data=callbacks.announce("t", announcement_id, int(at.timestamp() // 60)),
            )
        ]
        for label, at in choices
    ]
    buttons.append(
        [InlineKeyboardButton("Cancel", callback_data=callbacks.announce("x", announcement_id))]
    )
    return Reply("🕒 <b>When should it go out?</b>", InlineKeyboardMarkup(buttons))


def announcement(title: str, provider: str, text: str) -> Reply:
    """What followers receive."""
    return Reply(
        f"📣 <b>{esc(clip(title, 200))}</b>\n\n{esc(text)}\n\n— {esc(clip(provider, 120))}"
    )


def announcement_queued(recipients: int, at: datetime | None, tz: ZoneInfo) -> Reply:
    if recipients == 0:
        return Reply("Nobody follows that course yet, so there is no one to send it to.")
    people = f"{recipients} follower" + ("" if recipients == 1 else "s")
    if at is None:
        return Reply(f"📣 Sending to {people}. I'll tell you how it went.")
    return Reply(f"🕒 Scheduled for {when(at, tz)}, to {people}. I'll tell you how it went.")


def announcement_report(title: str, delivered: int, blocked: int, failed: int) -> Reply:
    text = (
        f"📣 Your announcement for <b>{esc(clip(title, 200))}</b> has gone out: "
        f"{delivered} delivered, {blocked} blocked the bot, {failed} failed."
    )
    return Reply(text)


def announcement_cancelled() -> Reply:
    return Reply("Cancelled: nothing was sent.")


def announcement_too_long(limit: int) -> Reply:
    return Reply(f"That's a long one! Please keep announcements under {limit:,} characters.")


def pick_session(course: Course, sessions: Sequence[datetime], *, tz: ZoneInfo) -> Reply:
    lines = [f"❌ Which session of <b>{esc(clip(course.title, 200))}</b> is cancelled?"]
    buttons = [
        [
            InlineKeyboardButton(
                when(start, tz),
                callback_data=callbacks.cancel_session(course.id, int(start.timestamp() // 60)),
            )
        ]
        for start in sessions
    ]
    buttons.append([InlineKeyboardButton("◂ Back", callback_data=callbacks.course(course.id))])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def confirm_cancel(course: Course, start: datetime, followers: int, *, tz: ZoneInfo) -> Reply:
    at = int(start.timestamp() // 60)
    text = (
        f"Cancel <b>{esc(clip(course.title, 200))}</b> on {when(start, tz)}? "
        f"{followers} follower" + ("" if followers == 1 else "s") + " will be told.\n"
        "To give a reason, use <code>/cancelsession "
        f"{esc(course.id)} {start.astimezone(tz):%Y-%m-%d} &lt;reason&gt;</code> instead."
    )
    buttons = [
        [
            InlineKeyboardButton(
                "Yes, cancel it", callback_data=callbacks.cancel_session(course.id, at, True)
            ),
            InlineKeyboardButton("No", callback_data=callbacks.course(course.id)),
        ]
    ]
    return Reply(text, InlineKeyboardMarkup(buttons))


def session_cancelled(
    course: Course, starts: Sequence[datetime], told: int, *, tz: ZoneInfo
) -> Reply:
    days = ", ".join(when(start, tz) for start in starts)
    return Reply(
        f"❌ Cancelled {esc(clip(course.title, 200))} on {days}. "
        f"{told} follower" + ("" if told == 1 else "s") + " will be told."
    )


def no_session_then(
    course: Course, day: str, upcoming: Sequence[datetime], *, tz: ZoneInfo
) -> Reply:
    dates = ", ".join(f"{start.astimezone(tz):%Y-%m-%d}" for start in upcoming[:5]) or "none"
    return Reply(
        f"{esc(clip(course.title, 200))} has no upcoming session on {esc(day)}. "
        f"Next sessions: {dates}."
    )


def unknown_course(course_id: str) -> Reply:
    return Reply(f"I don't know a course with the id {esc(clip(course_id, 40))}.")


def not_text() -> Reply:
    return Reply(
        "I can only read text for now 🙂 Type what you'd like to learn, like <i>pottery</i> "
        "or <i>English classes</i>, or share your location to see courses nearby."
    )


def too_long() -> Reply:
    return Reply(
        "That's a long message! Tell me in a few words what you'd like to learn, "
        "like <i>sewing</i> or <i>GCSE maths evenings</i>."
    )


def no_words() -> Reply:
    return Reply(
        "I didn't catch any words there 🙂 Tell me what you'd like to learn, like "
        "<i>cooking</i> or <i>computer classes</i>, or tap /browse."
    )


def expired() -> Reply:
    return Reply("That list has expired. Please send your search again, or tap /browse.")


def course_gone() -> Reply:
    return Reply(
        "Sorry, that course is no longer in the catalogue. Send a new search, or tap /browse."
    )


def apology() -> Reply:
    return Reply("Sorry, something went wrong on my side. Please try again in a moment.")
