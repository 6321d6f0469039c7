"""Rendering is pure: escaped, within Telegram's limits, in local time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from catalogue.models import Course, CourseSession, Mode
from delivery import views as delivery_views
from fakegram import html_to_text, utf16_len
from handlers import announce_views, course_views, follow_views, search_views, start_views
from search.facets import Facets
from search.parsed import Hit, ParsedQuery, SearchResult, Slot
from tests.conftest import NOW
from views import callbacks
from views.callbacks import Back, CancelSessionButton, CourseButton, Press, ReloadButton
from views.i18n import lang
from views.text import Reply, clip, cost, place

EN = lang()
NASTY = "<script>alert('x')</script> & <b>bold</b> &amp;"


def found(
    *hits: Hit, query: ParsedQuery | None = None, missed: tuple[str, ...] = ()
) -> SearchResult:
    return SearchResult(tuple(hits), query or ParsedQuery((), Facets()), missed)


def _inline(reply: Reply) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
    assert isinstance(reply.keyboard, InlineKeyboardMarkup)
    return reply.keyboard.inline_keyboard


def all_callback_data(reply: Reply) -> list[str]:
    assert reply.keyboard is not None
    return [
        b.callback_data for row in _inline(reply) for b in row if isinstance(b.callback_data, str)
    ]


def test_catalogue_text_is_escaped_everywhere(tz: ZoneInfo) -> None:
    course = Course(
        id="X",
        title=NASTY,
        provider=NASTY,
        description=NASTY,
        venue=NASTY,
        area=NASTY,
        audience=NASTY,
        accessibility=NASTY,
        contact=NASTY,
        level=NASTY,
        language=NASTY,
    )
    card = course_views.course_card(course, lang=EN, now=NOW, tz=tz, back=None)
    shown = html_to_text(card.text)  # raises if Telegram would refuse it
    assert NASTY in shown
    listing = search_views.results(
        NASTY, found(Hit(course, 1.0, 1)), page=0, token="t", now=NOW, tz=tz, lang=EN
    )
    assert NASTY in html_to_text(listing.text)
    assert "&lt;script&gt;" in search_views.nothing_found(NASTY, [], EN).text
    assert "Hello <script>alert('x')</script>" in html_to_text(start_views.welcome(NASTY, EN).text)


def test_the_longest_possible_card_fits_in_one_message(tz: ZoneInfo) -> None:
    long = "word " * 2000
    sessions = tuple(
        CourseSession(NOW + timedelta(days=d), NOW + timedelta(days=d, hours=2))
        for d in range(400)
    )
    course = Course(
        id="L" * 40,
        title="&" * 200,  # escapes to five times its length
        provider=long[:200],
        description=long[:5000],
        venue=long[:500],
        address=long[:500],
        area=long[:500],
        audience=long[:500],
        accessibility=long[:500],
        contact=long[:500],
        level=long[:500],
        language=long[:500],
        sessions=sessions,
    )
    back = Back(Press.RESULTS, "abcdefgh", 99)
    card = course_views.course_card(course, lang=EN, now=NOW, tz=tz, back=back)
    assert utf16_len(html_to_text(card.text)) <= 4096
    assert "and 395 more" in card.text
    listing = search_views.results(
        long, found(*[Hit(course, 1.0, 1)] * 12), page=1, token="abcdefgh", now=NOW, tz=tz, lang=EN
    )
    assert utf16_len(html_to_text(listing.text)) <= 4096
    for reply in (card, listing):
        for data in all_callback_data(reply):
            assert len(data.encode()) <= 64


def test_results_page_through_with_more_and_back(tz: ZoneInfo) -> None:
    hits = found(
        *[Hit(Course(id=f"C{i}", title=f"Course {i}", provider="P"), 1.0, 1) for i in range(12)]
    )
    first = search_views.results("art", hits, page=0, token="tok", now=NOW, tz=tz, lang=EN)
    assert "12 courses" in first.text
    assert "(1–5)" in first.text
    assert all_callback_data(first)[-1] == "s|tok|1"
    last = search_views.results("art", hits, page=2, token="tok", now=NOW, tz=tz, lang=EN)
    assert "(11–12)" in last.text
    assert all_callback_data(last)[-1] == "s|tok|1"  # only Back on the last page
    assert all_callback_data(last)[0] == "c|C10|s:tok:2"


def test_card_details_in_local_time_with_cost_and_booking(tz: ZoneInfo) -> None:
    summer = datetime(2027, 6, 1, 17, 0, tzinfo=UTC)  # 18:00 BST
    course = Course(
        id="C",
        title="Choir",
        provider="Wellbeing Together",
        cost_pence=1250,
        venue="Chorlton Library",
        area="Chorlton",
        postcode="M21 9PN",
        booking_url="https://example.org/book",
        sessions=(CourseSession(summer, summer + timedelta(hours=1, minutes=30)),),
    )
    card = course_views.course_card(course, lang=EN, now=NOW, tz=tz, back=None)
    text = html_to_text(card.text)
    assert "Tue, 1 Jun 2027, 18:00–19:30" in text
    assert "£12.50" in text
    assert "Chorlton Library, Chorlton, M21 9PN" in text
    assert _inline(card)[0][0].url == "https://example.org/book"


def test_costs_and_places() -> None:
    assert cost(Course(id="a", title="t", provider="p", cost_pence=0), EN) == "Free"
    assert cost(Course(id="a", title="t", provider="p", cost_pence=14500), EN) == "£145"
    assert cost(Course(id="a", title="t", provider="p"), EN) == "Cost: ask the provider"
    online = Course(id="a", title="t", provider="p", mode=Mode.ONLINE)
    assert place(online, EN) == "Online"
    assert (
        "Self-paced"
        in course_views.course_card(online, lang=EN, now=NOW, tz=ZoneInfo("UTC"), back=None).text
    )


def test_clip_cuts_at_a_word() -> None:
    assert clip("short", 10) == "short"
    assert clip("one two three four", 12) == "one two…"


def test_back_round_trips() -> None:
    back = Back(Press.SUBJECTS, "3", 2)
    assert Back.unpack(back.pack()) == back
    assert Back.unpack("nonsense") is None
    assert Back.unpack("") is None
    for spot in (
        back,
        Back(Press.RESULTS, "ab_-12", 0),
        Back(Press.SUBJECTS),
        Back(Press.NEARBY),
    ):
        assert Back.read(spot.data()) == spot
    assert Back.read("b|three|0") == Back(Press.SUBJECTS, "three", 0)  # the handler checks keys
    assert Back.read("s|tok|x") is None
    assert Back.read("c|X|") is None


def test_every_button_reads_back_what_it_was_built_from() -> None:
    back = Back(Press.RESULTS, "tok", 1)
    at = datetime(2027, 1, 14, 18, 30, tzinfo=UTC)
    buttons = [
        CourseButton(Press.COURSE, "ART-POT-AN", back=back),
        CourseButton(Press.COURSE, "ART-POT-AN"),
        CourseButton(Press.REMIND, "ART-POT-AN", back=back),
        CourseButton(Press.LEAD, "ART-POT-AN", 1440, back),
        CourseButton(Press.STOP, "ART-POT-AN"),
        CourseButton(Press.CALENDAR, "ART-POT-AN"),
        CourseButton(Press.MINE_CHANGE, "ART-POT-AN"),
        CourseButton(Press.MINE_LEAD, "ART-POT-AN", 60),
        CourseButton(Press.MINE_STOP, "ART-POT-AN"),
        CourseButton(Press.REMINDER_STOP, "ART-POT-AN"),
    ]
    for button in buttons:
        assert CourseButton.read(button.data()) == button
    for cancel in (
        CancelSessionButton("ART-POT-AN"),
        CancelSessionButton("ART-POT-AN", at),
        CancelSessionButton("ART-POT-AN", at, confirmed=True),
    ):
        assert CancelSessionButton.read(cancel.data()) == cancel
    assert ReloadButton.read(ReloadButton("tok", True).data()) == ReloadButton("tok", True)
    assert callbacks.read_forget(callbacks.forget(True))
    assert not callbacks.read_forget(callbacks.forget(False))
    assert callbacks.read_example(callbacks.example("free maths")) == "free maths"
    # Data no button makes: an old message, a forged press.
    for forged in ("l|ART-POT-AN|soon|", "c|", "c", "ml|X", "zz|X", "ru|X|extra"):
        assert CourseButton.read(forged) is None, forged
    assert CancelSessionButton.read("cs|X|later") is None
    assert ReloadButton.read("rl|tok|maybe") is None


def test_results_say_what_was_understood_and_what_was_not_met(tz: ZoneInfo) -> None:
    pottery = Course(id="P", title="Pottery", provider="Makers")
    query = ParsedQuery(
        (Slot("potery"),),
        Facets(days=0b0100000, labels=(("day", "Saturday"),)),
        corrections={"potery": "pottery"},
    )
    hit = Hit(pottery, 1.0, 1, distance_km=0.8)
    reply = search_views.results(
        "saturday potery",
        found(hit, query=query, missed=("day",)),
        page=0,
        token="t",
        now=NOW,
        tz=tz,
        lang=EN,
    )
    text = html_to_text(reply.text)
    assert "Did you mean pottery?" in text
    assert "No pottery found for Saturday: these run on other days." in text  # as understood
    assert "Pottery – 0.5 miles" in text


def test_fallback_notes_for_each_facet() -> None:
    query = ParsedQuery(
        (Slot("english"),),
        Facets(labels=(("place", "Cheetham Hill"), ("time", "evening"), ("audience", "women"))),
    )
    note = search_views.fallback_note(SearchResult((), query, ("time", "audience", "place")), EN)
    assert note == (
        "No english found for evening, women, Cheetham Hill: these run at other times of day; "
        "these are open to others; these are the nearest elsewhere."
    )
    day = ParsedQuery(
        (Slot("first aid"),), Facets(one_day=True, labels=(("one_day", "one day course"),))
    )
    assert search_views.fallback_note(SearchResult((), day, ("one_day",)), EN) == (
        "No first aid found for one day course: these run over more than one day."
    )
    paced = ParsedQuery(
        (Slot("maths"),), Facets(self_paced=True, labels=(("self_paced", "at my own pace"),))
    )
    assert search_views.fallback_note(SearchResult((), paced, ("self_paced",)), EN) == (
        "No maths found for at my own pace: these run at other times of day."
    )
    certified = ParsedQuery(
        (Slot("first aid"),),
        Facets(qualifying=True, labels=(("qualifying", "with a certificate"),)),
    )
    assert search_views.fallback_note(SearchResult((), certified, ("qualifying",)), EN) == (
        "No first aid found for with a certificate: these lead to no qualification."
    )
    either = Facets(labels=(("place", "Rusholme"), ("place", "Fallowfield")))
    assert either.label("place") == "Rusholme / Fallowfield"
    twice = Facets(labels=(("audience", "over 50s"), ("audience", "over 50s")))
    assert twice.label("audience") == "over 50s"


def test_every_button_of_a_longest_id_fits_in_64_bytes(tz: ZoneInfo) -> None:
    longest = "X" * 40
    session = CourseSession(NOW + timedelta(days=1), NOW + timedelta(days=1, hours=2))
    course = Course(id=longest, title="T", provider="P", sessions=(session,))
    back = Back(Press.RESULTS, "abcdefgh", 999)
    replies = [
        course_views.course_card(
            course, lang=EN, now=NOW, tz=tz, back=back, following=10_080, manage=True
        ),
        course_views.course_card(course, lang=EN, now=NOW, tz=tz, back=back),
        follow_views.lead_choice(
            course,
            (10_080, 1440, 60),
            data=lambda m: CourseButton(Press.LEAD, longest, m, back).data(),
            back=CourseButton(Press.COURSE, longest, back=back).data(),
            lang=EN,
        ),
        follow_views.my_courses([(longest, course, 10_080)], now=NOW, tz=tz, lang=EN),
        delivery_views.reminder(course, session.start, now=NOW, tz=tz, lang=EN),
        announce_views.pick_session(course, [session.start], tz=tz),
        announce_views.confirm_cancel(course, session.start, 3, tz=tz),
        announce_views.announcement_preview(2**31, course, "hello", 5),
        announce_views.send_later(2**31, [("later", NOW + timedelta(days=400))]),
    ]
    for reply in replies:
        for data in all_callback_data(reply):
            assert len(data.encode()) <= 64, data


def test_announce_buttons_are_built_and_read_in_one_place() -> None:
    at = datetime(2027, 1, 6, 9, 30, tzinfo=UTC)
    button = callbacks.AnnounceButton(callbacks.AnnounceStep.AT, "12", at)
    assert callbacks.AnnounceButton.read(button.data()) == button
    assert button.announcement_id == 12
    course = callbacks.AnnounceButton(callbacks.AnnounceStep.COURSE, "ART-POT-AN")
    assert callbacks.AnnounceButton.read(course.data()) == course
    assert course.announcement_id is None
    assert callbacks.AnnounceButton.read("an|?|12") is None  # a step no button makes
    assert callbacks.AnnounceButton.read("an|t|12|soon") is None
