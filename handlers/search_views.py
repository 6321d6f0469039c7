"""Pure views of searching and browsing: pages of results, the nothing-found reply, the
subjects, the courses nearby."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from catalogue.models import Course
from search.index import SearchResult
from views.callbacks import Back, CourseButton, Press
from views.text import Reply, clip, esc, summary

PAGE_SIZE = 5


def ask_location() -> Reply:
    """Text for the message that carries the 'share my location' keyboard."""
    button = KeyboardButton("📍 Share my location", request_location=True)
    return Reply(
        "📍 Tap <b>Share my location</b> below and I'll show the courses nearest to you.",
        ReplyKeyboardMarkup([[button]], one_time_keyboard=True, resize_keyboard=True),
    )


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
