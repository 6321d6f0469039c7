"""The catalogues are whole: every message translated in every shipped language, with its
placeholders, HTML tags and every plural form; the compiled files match their sources; dates,
numbers and plurals come out the local way; and the longest card stays valid HTML within
Telegram's limit in every language."""

from __future__ import annotations

import gettext
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from catalogue.models import Course, CourseSession
from delivery import views as delivery_views
from fakegram import html_to_text, utf16_len
from handlers import course_views, search_views, start_views
from search.index import Index
from views.callbacks import Back, Press
from views.i18n import DOMAIN, LOCALES, SHIPPED, catalogue_dir, lang
from views.text import MAX_TEXT, lead

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
PLACEHOLDER = re.compile(r"\{(\w+)\}")
TAG = re.compile(r"</?\w+>")
# In Chinese text: ASCII punctuation touching a Chinese character or full-width mark, or a space
# before a full-width mark ('课程 （第1至5门）:' should be '课程（第1至5门）：').
HAN = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
BESIDE_CHINESE = re.compile(
    rf"[{HAN}]\s*[:;,?!()]|[:;,?!()]\s*[{HAN}]|[{HAN}] +[\u3000-\u303f\uff00-\uffef]"
)
COUNT = "n"  # the placeholder every plural message carries its count in: lang.n_(..., n=n)


def _po(code: str) -> Catalog:
    path = catalogue_dir() / LOCALES[code] / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=LOCALES[code])


def _template() -> Catalog:
    with (catalogue_dir() / f"{DOMAIN}.pot").open("rb") as handle:
        return read_po(handle)


def _ids(message: Message) -> tuple[str, ...]:
    found = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    return tuple(str(i) for i in found)


def _strings(message: Message) -> tuple[str, ...]:
    found = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return tuple(str(s or "") for s in found)


def _choose(code: str) -> Callable[[int], int]:
    """The catalogue's rule from a count to the index of its plural form."""
    return gettext.c2py(_po(code).plural_expr)


def _forms_for_one_number(code: str) -> set[int]:
    """The plural forms that stand for a single count whose CLDR category is zero, one or two:
    the word itself says the number there (Arabic's dual دورتان, 'two courses'; دورة واحدة,
    'one course'), so the form may leave the count out. A form that also serves other counts
    keeps it: Persian and Bengali use their 'one' form for 0 as well as 1."""
    choose, locale = _choose(code), Locale.parse(LOCALES[code])
    counts = defaultdict(set)
    for n in range(1000):
        counts[choose(n)].add(n)
    return {
        form
        for form, found in counts.items()
        if len(found) == 1 and locale.plural_form(min(found)) in ("zero", "one", "two")
    }


def test_the_template_holds_every_message_the_code_says() -> None:
    """A message the code says but the template lacks would reach residents in English."""
    said = set()
    root = catalogue_dir().parent.parent
    call = re.compile(r'\._\(\s*"((?:[^"\\]|\\.)*)"')
    for package in ("handlers", "delivery", "views"):
        for path in (root / package).rglob("*.py"):
            said.update(call.findall(path.read_text("utf-8")))
    known = {_ids(m)[0] for m in _template() if m.id}
    # Adjacent string literals make one message; the first piece must start a known one.
    missing = [s for s in said if not any(k.startswith(s) for k in known)]
    assert missing == []


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_is_translated_with_its_placeholders_and_tags(code: str) -> None:
    catalog = _po(code)
    template = {_ids(m)[0] for m in _template() if m.id}
    translated = {_ids(m)[0]: m for m in catalog if m.id}
    assert set(translated) >= template, sorted(template - set(translated))
    forms = catalog.num_plurals
    countless = _forms_for_one_number(code)
    for key in template:
        message = translated[key]
        strings = _strings(message)
        assert "fuzzy" not in message.flags, key
        assert all(s.strip() for s in strings), key
        plural = isinstance(message.id, tuple)
        if plural:
            assert len(strings) == forms, key
        wanted = set(PLACEHOLDER.findall(_ids(message)[-1]))
        assert not plural or COUNT in wanted, key
        tags = Counter(TAG.findall(_ids(message)[0]))
        for form, string in enumerate(strings):
            found = set(PLACEHOLDER.findall(string))
            # Only the count, and only in a form for a single number, may go unsaid.
            may_omit = {COUNT} if plural and form in countless else set()
            assert wanted - may_omit <= found <= wanted, (key, string)
            assert Counter(TAG.findall(string)) == tags, (key, string)


@pytest.mark.parametrize("code", SHIPPED)
def test_the_compiled_catalogue_matches_its_source(code: str) -> None:
    """The .mo the bot loads says what the .po says (run pybabel compile after editing)."""
    folder = catalogue_dir() / LOCALES[code] / "LC_MESSAGES"
    with (folder / f"{DOMAIN}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in _po(code):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for n, string in enumerate(_strings(message)):
                key = (message.id[0], n)
                assert compiled._catalog.get(key) == string, key  # type: ignore[attr-defined]
        else:
            assert compiled._catalog.get(message.id) == message.string, message.id  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", SHIPPED)
def test_plural_forms_follow_the_language(code: str) -> None:
    """As many forms as CLDR gives the language, each chosen where it should be: one form
    for all the counts of one CLDR category, and the count said except where the form stands
    for that single number."""
    speaking, choose = lang(code), _choose(code)
    assert _po(code).num_plurals == Catalog(locale=LOCALES[code]).num_plurals  # Babel's CLDR
    categories = defaultdict(set)
    for n in range(1000):
        categories[choose(n)].add(speaking.locale.plural_form(n))
    assert all(len(found) == 1 for found in categories.values()), categories
    countless = _forms_for_one_number(code)
    for n in (0, 1, 2, 3, 11, 100):
        text = speaking.n_("{n} course", "{n} courses", n, n=n)
        assert speaking.number(n) in text or choose(n) in countless, (n, text)


def test_arabic_has_its_six_forms() -> None:
    """Zero, one, two (the dual), few (3-10), many (11-99), other: one course, two courses
    and three courses are three different words."""
    assert _po("ar").num_plurals == 6
    arabic = lang("ar")
    one, two, few = (
        arabic.n_("{n} course", "{n} courses", n, n=n).replace(str(n), "#") for n in (1, 2, 3)
    )
    assert len({one, two, few}) == 3


def test_arabic_says_one_and_two_without_a_numeral() -> None:
    """The dual is the number: 'دورتان', not '2 دورتان'; 'قبل يوم', not 'قبل 1 يوم'."""
    arabic = lang("ar")
    assert arabic.n_("{n} course", "{n} courses", 1, n=1) == "دورة واحدة"
    assert arabic.n_("{n} course", "{n} courses", 2, n=2) == "دورتان"
    assert arabic.n_("{n} course", "{n} courses", 3, n=3) == "\u20683\u2069 دورات"
    isolates = str.maketrans("", "", "\u2068\u2069")
    before = {
        m: arabic._("{lead} before", lead=lead(m, arabic)).translate(isolates)
        for m in (60, 120, 1440, 2880, 4320, 1500)
    }
    assert before == {
        60: "قبل ساعة",
        120: "قبل ساعتين",
        1440: "قبل يوم",
        2880: "قبل يومين",
        4320: "قبل 3 أيام",
        1500: "قبل يوم وساعة",
    }


def test_polish_declines_by_number() -> None:
    polish = lang("pl")
    one, few, many = (polish.n_("{n} course", "{n} courses", n, n=n) for n in (1, 3, 5))
    assert len({one.split()[-1], few.split()[-1], many.split()[-1]}) == 3


@pytest.mark.parametrize("code", SHIPPED)
def test_places_in_examples_are_written_as_the_course_data_writes_them(code: str) -> None:
    """'Cheetham Hill' in every language's example, as on the course cards and the street
    signs the resident will see (Bengali had 'চিথাম হিল' beside results saying Cheetham Hill)."""
    gazetteer = resources.files("search").joinpath("data", "places.json").read_text("utf-8")
    names = [place["name"] for place in json.loads(gazetteer)["neighbourhoods"]]
    translated = {_ids(m)[0]: _strings(m) for m in _po(code) if m.id}
    checked = 0
    for key, strings in translated.items():
        for name in (n for n in names if n in key):
            checked += 1
            assert all(name in string for string in strings), (key, name, strings)
    assert checked >= 3  # Cheetham Hill, Moss Side, Longsight


@pytest.mark.parametrize("code", SHIPPED)
def test_the_example_searches_find_courses(code: str, sample_index: Index) -> None:
    """The welcome's example buttons run as searches in the resident's language."""
    for example in start_views.examples(lang(code)):
        assert sample_index.search(example, now=NOW).hits, (code, example)


def _longest_course() -> Course:
    start = NOW + timedelta(days=3)
    sessions = tuple(
        CourseSession(start + timedelta(weeks=w), start + timedelta(weeks=w, hours=2))
        for w in range(40)
    )
    return Course(
        id="X" * 40,
        title="T" * 400,
        provider="P" * 300,
        description="Long description <with> & characters. " * 200,
        category="C",
        level="L" * 200,
        audience="A" * 300,
        cost_pence=123456,
        venue="V" * 200,
        address="Ad" * 150,
        postcode="M1 1AA",
        area="Ar" * 50,
        booking_url="https://example.org/" + "b" * 200,
        contact="c" * 200,
        accessibility="x" * 400,
        language="Urdu",
        sessions=sessions,
    )


@pytest.mark.parametrize("code", ["en", *SHIPPED])
def test_the_longest_card_and_reminder_fit_in_every_language(code: str) -> None:
    speaking = lang(code)
    course = _longest_course()
    cancelled = {course.sessions[1].start: "R" * 300}
    back = Back(Press.RESULTS, "abcdefgh", 99)
    for reply in (
        course_views.course_card(
            course, now=NOW, tz=LONDON, back=back, lang=speaking, following=1530,
            cancelled=cancelled, manage=True,
        ),
        delivery_views.reminder(
            course, course.sessions[0].start, now=NOW, tz=LONDON, lang=speaking
        ),
    ):  # fmt: skip
        shown = html_to_text(reply.text)  # raises where Telegram would refuse the HTML
        assert utf16_len(shown) <= MAX_TEXT


def test_chinese_punctuation_is_full_width(sample_index: Index) -> None:
    """'（第1至5门）：', '级别：', '（明天）': the marks around Chinese words are full-width, in
    the catalogue and where the code puts translated words together."""
    for message in _po("zh-hans"):
        for string in _strings(message):
            assert not BESIDE_CHINESE.search(TAG.sub("", string)), string
    chinese = lang("zh-hans")
    course = _longest_course()
    start = course.sessions[0].start
    english = sample_index.search("english", now=NOW)
    missed = sample_index.search("pottery on saturday under 5", now=NOW)
    assert len(english.hits) > search_views.PAGE_SIZE
    assert missed.missed
    shown = [
        course_views.course_card(
            course, now=NOW, tz=LONDON, back=None, lang=chinese,
            cancelled={course.sessions[1].start: "tutor ill"},
        ).text,
        delivery_views.reminder(
            course, start, now=start - timedelta(days=1), tz=LONDON, lang=chinese
        ).text,
        search_views.results(
            "english", english, page=0, token="t", now=NOW, tz=LONDON, lang=chinese
        ).text,
        search_views.results(
            "pottery", missed, page=0, token="t", now=NOW, tz=LONDON, lang=chinese
        ).text,
        search_views.subject_page(
            0, "Languages", [h.course for h in english.hits], page=0, now=NOW, tz=LONDON,
            lang=chinese,
        ).text,
    ]  # fmt: skip
    for text in shown:
        assert not BESIDE_CHINESE.search(html_to_text(text)), text


@pytest.mark.parametrize("code", ["ur", "ar", "fa"])
def test_right_to_left_text_isolates_what_it_carries(code: str) -> None:
    speaking = lang(code)
    assert speaking.rtl
    course = _longest_course()
    card = course_views.course_card(course, now=NOW, tz=LONDON, back=None, lang=speaking)
    # The English title and the times keep their own direction inside the Urdu lines.
    assert f"\u2068{'T' * 199}…\u2069" in card.text
    assert card.text.count("\u2068") == card.text.count("\u2069")
    polish = course_views.course_card(course, now=NOW, tz=LONDON, back=None, lang=lang("pl"))
    assert not lang("pl").rtl
    assert "\u2068" not in polish.text


def test_dates_numbers_and_money_the_local_way() -> None:
    thursday = datetime(2027, 1, 14, 18, 30, tzinfo=UTC)
    assert lang().when(thursday, LONDON) == "Thu, 14 Jan 2027, 18:30"
    assert lang("pl").day(thursday) == "czw., 14 sty 2027"
    assert "2027年1月14日" in lang("zh-hans").day(thursday)
    assert lang().money(14500) == "£145"
    assert lang().money(250) == "£2.50"
    assert lang("pl").money(250) == "2,50\xa0£"
    assert lang("ar").money(14500) == "\u200f145\xa0£"
    assert lang("pt").money(123456) == "£\xa01.234,56"


@pytest.mark.parametrize("code", SHIPPED)
def test_prices_are_in_pounds_with_the_pound_sign(code: str) -> None:
    """Residents here pay in pounds: '£' in every language, where the locale puts a currency
    sign and with its grouping, never 'GBP' or 'UK£' (Babel's symbols in some locales)."""
    speaking = lang(code)
    marks = "\xa0\u200e\u200f "  # the space and direction marks the locale puts by the sign
    for pence, pounds in ((14500, "145"), (250, "2"), (123456, "234")):
        shown = speaking.money(pence)
        assert shown.count("£") == 1, shown
        assert not re.search(r"[A-Za-z]", shown), shown  # no 'GBP', no 'UK£'
        assert pounds in shown, shown
    assert speaking.money(14500).replace("£", "").strip(marks) == "145"


def test_paths_exist_for_every_shipped_language() -> None:
    for code in SHIPPED:
        assert (Path(catalogue_dir()) / LOCALES[code] / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
