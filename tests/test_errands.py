"""Someone wanted to do a job is no course: "caut un electrician" gets what the bot can help
with, while "want to be an electrician" and "electrician course" still find the course."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import errands, index
from search.text import words
from tests.conftest import NOW

ELECTRICAL = Course(
    id="SPARK",
    title="Electrician: Level 2 Electrical Installation",
    provider="College",
    tags=("electrician", "electrical", "wiring"),
    description="Start your career as an electrician: wiring, safety and testing.",
)
DENTAL = Course(
    id="TEETH",
    title="Dental nurse: an introduction",
    provider="College",
    tags=("dentist", "dental"),
    description="What a dental nurse does at the dentist, and how to train as one.",
)


@pytest.fixture
def ix(tz: ZoneInfo) -> index.Index:
    return index.build([ELECTRICAL, DENTAL], tz=tz)


@pytest.mark.parametrize(
    "message",
    [
        "need an electrician asap",
        "need a gas safe engineer asap, the boiler's packed in",
        "Caut un electrician care să-mi repare prizele, e urgent",
        "Preciso de um eletricista para trocar uma tomada",
        "mujhe dentist chahiye",
        "আমার মায়ের জন্য একজন ডাক্তার দরকার",
        "我需要一个电工",
        "Szukam instruktora jazdy, który mówi po polsku",
        "请问哪里可以找到会说中文的牙医？",  # a dentist who speaks Chinese
        "plumber needed asap pipe leaking under the kitchen sink",
        "my boiler's packed in, know a decent plumber in withington?",
        "best halal restaurant on the curry mile in Rusholme?",
        "I need a sick note for work and the GP won't pick up",
        "cheapest way to send money to my family in Pakistan?",
        "where do I collect my parcel from Royal Mail in Levenshulme",
        "which day do the blue bins get emptied on our road",
        "Goorma ayuu furmayaa xafiiska Jobcentre-ka Longsight?",
    ],
)
def test_asking_for_someone_to_do_a_job_is_an_errand(ix: index.Index, message: str) -> None:
    result = ix.search(message, now=NOW, limit=3)
    assert not result.hits
    assert result.unasked  # not counted as a course the city lacks


@pytest.mark.parametrize(
    ("message", "course"),
    [
        ("my son wants to be an electrician", "SPARK"),
        ("quiero trabajar de electricista", "SPARK"),
        ("electrician course", "SPARK"),
        ("I need my dentist to understand me, can I learn the words?", "TEETH"),
        ("the dentist says I need to learn more about dental care", "TEETH"),
        # Haste or asking where to get help is no errand: the provider beside a word of
        # needing is.
        ("need to get my electrician ticket asap, got a start lined up", "SPARK"),
        ("xagee laga helaa caawimaad? wiilkayga wuxuu rabaa inuu noqdo electrician", "SPARK"),
    ],
)
def test_becoming_one_or_a_provider_in_passing_is_no_errand(
    ix: index.Index, message: str, course: str
) -> None:
    hits = ix.search(message, now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits][:1] == [course]


def test_the_word_lists_hold_providers_not_subjects() -> None:
    loaded = errands.load()
    providers = {phrase for phrases in loaded.providers.values() for phrase in phrases}
    assert tuple(words("plumber")) in providers
    assert tuple(words("plumbing")) not in providers  # a subject people learn
    assert errands.wants_someone(words("szukam hydraulika"), "szukam hydraulika")


@pytest.mark.parametrize(
    ("message", "small_ad"),
    [
        ("selling my bike, 3 months old, 150 quid ono", True),
        ("sprzedam wózek dziecięcy 200 zł", True),
        ("出售二手自行车 100英镑", True),
        ("want to start selling my cakes from home", False),  # no price: maybe a business
        ("the garage charged me £300, I want to understand my own car", False),
    ],
)
def test_a_small_ad_is_an_errand(message: str, small_ad: bool) -> None:
    assert errands.is_errand(words(message), message) is small_ad


@pytest.mark.parametrize(
    ("message", "spam"),
    [
        ("CONGRATULATIONS you have won a FREE iPhone 17!! claim now at bit.ly/fr33-ph0ne", True),
        ("BUY CHEAP INSTAGRAM FOLLOWERS NOW!!! 10000 followers for £5 click the link", True),
        ("my mum nearly clicked the link in a dodgy text, how do i spot a scam", False),
        ("I NEED A FREE ENGLISH CLASS PLEASE", False),  # shouted, but no lure
    ],
)
def test_spam_is_an_errand(message: str, spam: bool) -> None:
    assert errands.is_spam(message) is spam


def test_booking_a_hall_is_an_errand(ix: index.Index) -> None:
    message = "can i book the community hall in moston for my son's birthday party on saturday"
    assert ix.search(message, now=NOW, limit=3).unasked


HOMEWORK = Course(
    id="HOMEWORK",
    title="Homework Club",
    provider="Library",
    audience="Children 8-14",
    tags=("homework", "tutoring", "maths"),
    description="Volunteer tutors help with homework and revision after school.",
)


def test_a_private_tutor_wanted_is_an_errand(tz: ZoneInfo) -> None:
    ix = index.build([HOMEWORK], tz=tz)
    result = ix.search("need a maths tutor for my son, year 10, gcses next summer", now=NOW)
    assert not result.hits
    assert result.unasked
    found = ix.search("homework club for my 10 year old", now=NOW).hits
    assert [hit.course.id for hit in found] == ["HOMEWORK"]


@pytest.mark.parametrize(
    "message",
    [
        "how do I book my practical driving test, the dvsa site keeps crashing",
        "how do i book my driving theory test",
        "can I book a badminton court at hough end for tonight",
        "is Primark at the Trafford Centre hiring? whats the pay like",
        "is the Co-op hiring? my cousin said there was a sign in the window",
        "what time's the 216 from Clayton into town",
        "what time's the last 86 bus into town from Chorlton?",
        "neighbours dog barks all night every night im losing my mind",
        "Amazon driver left my parcel out in the rain and now it's ruined",
        "no phone signal in my whole building and ee wont do anything about it",
        "how much child benefit do i get for 2 kids",
        "has my universal credit payment gone in yet",
        "Gdzie mogę zapisać się do dentysty na NHS?",
        "我想找一个会说中文的家庭医生",
        "lost my cat in moston, ginger tom called biscuit, pls share",
        "good curry house near Brooks's Bar for a birthday meal?",
        "Unde pot schimba permisul de conducere românesc?",
        "is the Arndale open bank holiday monday",
        "can the council take away an old sofa and a fridge? bulky waste collection",
        "Otobûsa 53 dîsa nehat, ez ji bo kar dereng mam",  # Kurmanji: the 53 didn't come
        "30 hours free childcare, how do I apply",
        "the swings in our local park are broken, who do I tell",
        "waited an hour on the phone to the council again today, ridiculous",
        "the staff at the swimming baths were really rude to my dad this morning",
        "went to the library for the coding club and it was shut, very disappointed",
        "can you find my daughter a school place near Moss Side, we just moved",
        "not asking for advice, I need someone to ring my landlord about the boiler",
        "¿Dónde saco el pase de autobús gratis para mayores?",  # the free bus pass
        "Salut, cât costă un abonament la sala de fitness în Didsbury?",  # gym membership
        "¿Qué tiempo va a hacer este fin de semana en Manchester?",  # the weather
        "Waxaan u baahanahay shaqo, ma jiraan shaqooyin banaan oo Wythenshawe ah?",  # vacancies
        "got an interview at 9 tomorrow, what bus goes from Stretford to Trafford Park?",
        "free fun day for the kids in Gorton this saturday?",
    ],
)
def test_bookings_timetables_and_nuisances_are_no_course(
    sample_index: index.Index, message: str
) -> None:
    assert not sample_index.search(message, now=NOW).hits


def test_driving_a_taxi_is_a_job_not_asking_for_one(sample_index: index.Index) -> None:
    message = "আমি রাতে ট্যাক্সি চালাই। দিনের বেলা কম্পিউটার আর ইমেইল শেখার কোনো সুযোগ আছে?"
    assert not sample_index.search(message, now=NOW).query.request  # Bengali: I drive a taxi


@pytest.mark.parametrize(
    ("message", "found"),
    [
        ("where can i get a forklift licence", True),
        ("how much is a forklift licence", True),
        ("bhai forklift ka licence free mein kahan se milega?", True),
        # A ticket the resident already has, or one an office issues, is an errand.
        ("lost my forklift licence, how do i get a replacement", False),
        ("how much is a driving licence", False),
        ("work want a forklift driver, where do I get the ticket", True),
        ("warehouses keep asking for a forklift ticket, where do I get one", True),
        ("lost my forklift ticket, where do I get another", False),
        ("forklift ka kaam karna hai, license kaise milta hai aur kitne ka padta hai?", True),
    ],
)
def test_where_to_get_a_ticket_a_course_earns_asks_for_the_course(
    tz: ZoneInfo, message: str, found: bool
) -> None:
    forklift = Course(
        id="FLT",
        title="Forklift truck licence (counterbalance)",
        provider="Training centre",
        tags=("forklift", "warehouse"),
    )
    theory = Course(id="THEORY", title="Driving theory test", provider="Library")
    hits = index.build([forklift, theory], tz=tz).search(message, now=NOW).hits
    assert bool(hits) is found, hits
    assert not found or hits[0].course.id == "FLT"


def test_asking_for_a_job_going_now_is_no_ask_for_training(tz: ZoneInfo) -> None:
    cleaning = Course(
        id="CLEAN",
        title="Cleaning and Housekeeping: Routes into Work",
        provider="Adult Education",
        tags=("cleaning", "jobs", "work"),
    )
    ix = index.build([cleaning], tz=tz)
    assert not ix.search("Any cleaning jobs going? need work asap, can start tomorrow", now=NOW)
    story = "agency says there's loads of cleaning jobs going but they want a certificate"
    assert ix.search(story, now=NOW).hits


PARK_WALKS = Course(
    id="WALKS",
    title="Wythenshawe Park Health Walks",
    provider="Parks",
    tags=("walking", "health walks", "park"),
    description="Gentle walks round the park for the over 50s, with a cuppa after.",
    area="Wythenshawe",
)
BOOK_CLUB = Course(
    id="BOOKS",
    title="Library Book Club",
    provider="Manchester Libraries",
    tags=("book club", "reading", "library"),
    description="Meet at the library once a month to talk about a book.",
)
KINTSUGI = Course(
    id="GOLD",
    title="Kintsugi: golden repair",
    provider="Makers",
    tags=("kintsugi", "ceramics repair"),
    description="Mend broken pots with gold, the Japanese way.",
)


@pytest.mark.parametrize(
    "message",
    [
        "is the car park at Wythenshawe Park free",
        "can I return a library book to a different library",
        "who won the quiz last night at the Red Lion lol",
        "what time's the 50 bus from Wythenshawe into town",
    ],
)
def test_a_question_of_fact_about_everyday_things_is_no_course(tz: ZoneInfo, message: str) -> None:
    ix = index.build([PARK_WALKS, BOOK_CLUB, KINTSUGI], tz=tz)
    result = ix.search(message, now=NOW)
    assert not result.hits
    assert result.unasked


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("is there a book club at the library", "BOOKS"),
        ("can I do kintsugi anywhere", "GOLD"),
        ("health walks in the park for over 50s", "WALKS"),
    ],
)
def test_a_question_naming_a_subject_still_finds_it(
    tz: ZoneInfo, message: str, wanted: str
) -> None:
    ix = index.build([PARK_WALKS, BOOK_CLUB, KINTSUGI], tz=tz)
    found = ix.search(message, now=NOW).hits
    assert [hit.course.id for hit in found][:1] == [wanted]
