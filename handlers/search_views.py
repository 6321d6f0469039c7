"""Pure views of searching and browsing: pages of results, the nothing-found reply, the
subjects, the courses nearby."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import get_day_names
from babel.numbers import format_decimal
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from catalogue.models import Course
from search.parsed import SearchResult
from views.callbacks import Back, CourseButton, Press
from views.i18n import Lang
from views.subjects import subject_name
from views.text import Reply, clip, esc, heading, in_a_row, labelled, one_after_another, summary

PAGE_SIZE = 5


def ask_location(lang: Lang) -> Reply:
    """Text for the message that carries the 'share my location' keyboard."""
    button = KeyboardButton("📍 " + lang._("Share my location"), request_location=True)
    return Reply(
        "📍 "
        + lang._("Tap <b>Share my location</b> below and I'll show the courses nearest to you."),
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

    def nav(self, to_page: Callable[[int], str], lang: Lang) -> list[InlineKeyboardButton]:
        buttons = []
        if self.page > 0:
            back = "◂ " + lang._("Back")
            buttons.append(InlineKeyboardButton(back, callback_data=to_page(self.page - 1)))
        if self.page < self.pages - 1:
            more = lang._("More") + " ▸"
            buttons.append(InlineKeyboardButton(more, callback_data=to_page(self.page + 1)))
        return buttons


def _listing(
    items: Sequence[tuple[Course, str]],
    *,
    first: int,
    back: Back,
    now: datetime,
    tz: ZoneInfo,
    lang: Lang,
) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    """Numbered lines (title, then where/when/cost) and one button per course.
    Each item's string is appended to its title line."""
    lines, buttons = [], []
    for number, (course, after_title) in enumerate(items, start=first):
        title = lang.isolate(esc(clip(course.title, 120)))
        lines.append(f"{lang.number(number)}. <b>{title}</b>{after_title}")
        lines.append(f"    {summary(course, now, tz, lang)}")
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
    query: str,
    result: SearchResult,
    *,
    page: int,
    token: str,
    now: datetime,
    tz: ZoneInfo,
    lang: Lang,
) -> Reply:
    hits = result.hits
    at = _Page.of(len(hits), page)
    # From a place the resident named, not from where they are: never "right here".
    named = result.query.facets.place is not None or result.query.facets.district is not None
    shown = [
        (
            hit.course,
            "" if hit.distance_km is None else f" – {distance(hit.distance_km, lang, named)}",
        )
        for hit in hits[at.slice()]
    ]
    asked = esc(clip(query, 80))
    header = lang.n_(
        "{n} course for “{query}”",
        "{n} courses for “{query}”",
        len(hits),
        n=len(hits),
        query=asked,
    )
    if at.pages > 1:
        last = at.first + len(shown) - 1
        header = lang._("{results} ({first}–{last})", results=header, first=at.first, last=last)
    notes = []
    if result.suggestion:
        suggestion = esc(clip(result.suggestion, 80))
        notes.append(lang._("Did you mean <b>{words}</b>? Here's what I found.", words=suggestion))
    if result.missed:
        notes.append(f"<i>{fallback_note(result, lang)}</i>")
    back = Back(Press.RESULTS, token, at.page)
    lines, buttons = _listing(shown, first=at.first, back=back, now=now, tz=tz, lang=lang)
    lines = [
        "🔎 " + heading(header, lang),
        *notes,
        "",
        *lines,
        "",
        lang._("Tap a course for times, place and how to book."),
    ]
    nav = at.nav(lambda to: Back(Press.RESULTS, token, to).data(), lang)
    if nav:
        buttons.append(nav)
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def _fallback_reason(name: str, label: str, lang: Lang) -> str:
    """Why the courses shown do not meet what was asked."""
    if name == "when":
        return lang._("these meet on other dates")
    if name == "day":
        return lang._("these run on other days")
    if name in ("time", "self_paced"):
        return lang._("these run at other times of day")
    if name == "price":
        return lang._("these cost more")
    if name == "mode":
        return lang._("these are not {mode}", mode=label)
    if name == "level":
        return lang._("these are at other levels")
    if name == "audience":
        return lang._("these are open to others")
    if name == "one_day":
        return lang._("these run over more than one day")
    if name == "qualifying":
        return lang._("these lead to no qualification")
    return lang._("these are the nearest elsewhere")


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _facet_label(name: str, label: str, lang: Lang) -> str:
    """What the resident asked for, in their language: a day, a time of day or a group the
    search names in English; anything else as they typed it (a price, a level, a place)."""
    if name == "day" and label in _WEEKDAYS:
        return str(get_day_names("wide", locale=lang.locale)[_WEEKDAYS.index(label)])
    words = {
        "morning": lang._("morning"),
        "afternoon": lang._("afternoon"),
        "evening": lang._("evening"),
        "daytime": lang._("daytime"),
        "children": lang._("children"),
        "families": lang._("families"),
        "over 50s": lang._("over 50s"),
        "women": lang._("women"),
        "young people": lang._("young people"),
    }
    return words.get(label, label)


def fallback_note(result: SearchResult, lang: Lang) -> str:
    """'No pottery found for Saturday: these run on other days.' (HTML-escaped)"""
    facets = result.query.facets
    labels = [
        esc(clip(_facet_label(name, facets.label(name), lang), 40)) for name in result.missed
    ]
    reasons = [
        _fallback_reason(name, label, lang)
        for name, label in zip(result.missed, labels, strict=True)
    ]
    understood = result.query.corrections
    subject = " ".join(understood.get(slot.label, slot.label) for slot in result.query.slots)
    return lang._(
        "No {subject} found for {wanted}: {reasons}.",
        subject=esc(clip(subject, 60)) if subject else lang._("courses"),
        wanted=in_a_row(labels, lang),
        reasons=one_after_another(reasons, lang),
    )


def nothing_found(query: str, subjects: Sequence[tuple[str, int]], lang: Lang) -> Reply:
    text = "\n\n".join(
        (
            lang._("Sorry, I couldn't find a course for “{query}”.", query=esc(clip(query, 80))),
            lang._(
                "I can help you find learning in Manchester: English and ESOL, maths, "
                "computers and phones, languages, arts and crafts, wellbeing, jobs and family "
                "learning."
            ),
            lang._(
                "Try a subject, perhaps with a place: <i>maths in Moss Side</i>, "
                "<i>sewing</i>, <i>help with my CV</i>. Or pick a subject:"
            ),
        )
    )
    return Reply(text, _subject_keyboard(subjects, lang))


def subjects_menu(subjects: Sequence[tuple[str, int]], lang: Lang) -> Reply:
    if not subjects:
        return Reply(
            lang._("There are no courses in the catalogue just now. Please try again later.")
        )
    return Reply("📚 " + lang._("<b>Pick a subject</b>:"), _subject_keyboard(subjects, lang))


def _subject_keyboard(subjects: Sequence[tuple[str, int]], lang: Lang) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            f"{clip(subject_name(name, lang), 40)} ({lang.number(count)})",
            callback_data=Back(Press.SUBJECTS, str(i), 0).data(),
        )
        for i, (name, count) in enumerate(subjects)
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def subject_page(
    number: int,
    name: str,
    found: Sequence[Course],
    *,
    page: int,
    now: datetime,
    tz: ZoneInfo,
    lang: Lang,
) -> Reply:
    at = _Page.of(len(found), page)
    back = Back(Press.SUBJECTS, str(number), at.page)
    shown = [(course, "") for course in found[at.slice()]]
    lines, buttons = _listing(shown, first=at.first, back=back, now=now, tz=tz, lang=lang)
    count = lang.n_("{n} course", "{n} courses", len(found), n=len(found))
    title = f"<b>{esc(clip(subject_name(name, lang), 80))}</b>"
    lines = ["📚 " + labelled(title, count, lang), "", *lines]
    subjects = InlineKeyboardButton(
        "◂ " + lang._("Subjects"), callback_data=Back(Press.SUBJECTS).data()
    )
    pages = at.nav(lambda to: Back(Press.SUBJECTS, str(number), to).data(), lang)
    buttons.append([subjects, *pages])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


FAR_KM = 25  # the nearest course further than this: the resident is not in the city


def nearby(
    found: Sequence[tuple[Course, float]], *, now: datetime, tz: ZoneInfo, lang: Lang
) -> Reply:
    if not found:
        return Reply(
            lang._(
                "I couldn't find courses with a venue near there. Try typing a subject "
                "instead, or /browse by subject."
            )
        )
    shown = [(course, f" – {distance(km, lang)}") for course, km in found]
    lines, buttons = _listing(shown, first=1, back=Back(Press.NEARBY), now=now, tz=tz, lang=lang)
    lines = ["📍 " + lang._("<b>Courses nearest to you</b>:"), "", *lines]
    if found[0][1] > FAR_KM:
        far = lang._("You seem to be some way from Manchester: these are its nearest courses.")
        lines = [f"<i>{far}</i>", "", *lines]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def distance(km: float, lang: Lang, from_named_place: bool = False) -> str:
    miles = km / 1.609344
    if miles < 0.1:
        if from_named_place:
            miles = 0.1
        else:
            return lang._("right here")
    return lang._("{miles} miles", miles=format_decimal(miles, "0.0", locale=lang.locale))
