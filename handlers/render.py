"""Pure rendering of what residents see: search results, course cards, reminders and notices,
as HTML text and inline keyboards (admins' and coordinators' views live beside their handlers,
in admin_views.py and announce_views.py).

Everything that comes from the catalogue goes through `esc`. Text is kept under Telegram's
4096 characters by clipping each field before it is escaped, and callback data is built only
through `views.callbacks`, which keeps it under 64 bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from catalogue.models import Course, Mode
from search.index import SearchResult
from store.reminder_times import describe_lead
from views import callbacks
from views.callbacks import Back, CancelSessionButton, CourseButton, Press
from views.text import MAX_TEXT, Reply, clip, cost, esc, summary, when, where

PAGE_SIZE = 5
SESSIONS_SHOWN = 5
NOTICE_LINES = 5
EXAMPLES = ("English classes", "help with my phone", "free maths", "pottery", "CV help")


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
            [
                InlineKeyboardButton(
                    label, callback_data=CourseButton(Press.COURSE, course.id, back=back).data()
                )
            ]
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
    back = Back(Press.RESULTS, token, at.page)
    lines, buttons = _listing(shown, first=at.first, back=back, now=now, tz=tz)
    lines = [
        header + ":",
        *notes,
        "",
        *lines,
        "",
        "Tap a course for times, place and how to book.",
    ]
    nav = at.nav(lambda to: Back(Press.RESULTS, token, to).data())
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
        InlineKeyboardButton(
            f"{clip(name, 40)} ({count})", callback_data=Back(Press.SUBJECTS, str(i), 0).data()
        )
        for i, (name, count) in enumerate(subjects)
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def subject_page(
    number: int, name: str, found: Sequence[Course], *, page: int, now: datetime, tz: ZoneInfo
) -> Reply:
    at = _Page.of(len(found), page)
    back = Back(Press.SUBJECTS, str(number), at.page)
    shown = [(course, "") for course in found[at.slice()]]
    lines, buttons = _listing(shown, first=at.first, back=back, now=now, tz=tz)
    lines = [f"📚 <b>{esc(clip(name, 80))}</b>: {len(found)} courses", "", *lines]
    subjects = InlineKeyboardButton("◂ Subjects", callback_data=Back(Press.SUBJECTS).data())
    buttons.append([subjects, *at.nav(lambda to: Back(Press.SUBJECTS, str(number), to).data())])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def nearby(found: Sequence[tuple[Course, float]], *, now: datetime, tz: ZoneInfo) -> Reply:
    if not found:
        return Reply(
            "I couldn't find courses with a venue near there. Try typing a subject instead, "
            "or /browse by subject."
        )
    shown = [(course, f" – {distance(km)}") for course, km in found]
    lines, buttons = _listing(shown, first=1, back=Back(Press.NEARBY), now=now, tz=tz)
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
    lines.append(where(course))
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
        remind = CourseButton(Press.REMIND, course.id, back=back).data()
        buttons.append([InlineKeyboardButton("🔔 Remind me", callback_data=remind)])
    elif following is not None:
        stop = CourseButton(Press.STOP, course.id, back=back).data()
        buttons.append([InlineKeyboardButton("🔕 Stop reminders", callback_data=stop)])
    if upcoming:
        calendar = CourseButton(Press.CALENDAR, course.id).data()
        buttons.append([InlineKeyboardButton("📅 Add to calendar", callback_data=calendar)])
    if manage and upcoming:
        cancel = CancelSessionButton(course.id).data()
        buttons.append([InlineKeyboardButton("❌ Cancel a session", callback_data=cancel)])
    if back is not None:
        label = "◂ Back to subjects" if back.kind is Press.SUBJECTS else "◂ Back to results"
        buttons.append([InlineKeyboardButton(label, callback_data=back.data())])
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
            f"{number}. ⏰ Change", callback_data=CourseButton(Press.MINE_CHANGE, course_id).data()
        )
        stop = InlineKeyboardButton(
            f"{number}. 🔕 Stop", callback_data=CourseButton(Press.MINE_STOP, course_id).data()
        )
        buttons.append([change, stop] if course is not None else [stop])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


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
