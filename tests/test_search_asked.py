"""The in-memory index on what a message asks: a service to act, news and thanks, a story,
who a course is for, what the catalogue lacks."""

from __future__ import annotations

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course, CourseSession
from search import index
from tests.conftest import NOW, ids


@pytest.mark.parametrize(
    "query",
    [
        "what are the opening hours of Longsight library",
        "how do I report fly tipping on my street",
        "phone number for the repairs team please",
        "can someone come fix my boiler, its been off 3 days",
        "I need an interpreter for my hospital appointment on friday",
        "can you translate this letter from the council for me please",
        "we are hiring warehouse operatives in trafford park, send cvs to me",
        "where's the jobcentre in wythenshawe, lost my letter with the address",
        "lost my CSCS card, how do i get a replacement sent out",
        "neighbours playing music til 3am every night, can you report them to the council",
        "mera boss minimum wage nahi deta, main shikayat karna chahta hun, aap report kar do",
        "selling a double buggy, good condition, £60, message me if interested",
        "can you register me with a GP near Rusholme, I moved house",
        "bhai mera phone chori ho gaya Piccadilly station pe, police report karna hai",
        "老板三个月都没给我工资单，我想举报他",
    ],
)
def test_asking_a_service_to_act_is_not_asking_for_a_course(
    sample_index: index.Index, query: str
) -> None:
    result = sample_index.search(query, now=NOW)
    assert not result.hits
    assert result.unasked  # no demand the city does not meet


def test_asking_the_bot_to_find_something_is_a_search(sample_index: index.Index) -> None:
    assert ids(sample_index, "can you find me something for my 3 year old")


def test_a_request_that_asks_to_learn_is_still_answered(sample_index: index.Index) -> None:
    assert ids(sample_index, "how to use the NHS app to book an appointment")[0] == "DIG-NHSAPP-GO"


def test_a_limit_on_a_broad_match_in_a_large_catalogue_still_fills_the_page(tz: ZoneInfo) -> None:
    # 600 drawing courses in Hulme, each a little further from its centre, in no order: every
    # one ranks differently, and only the best few are fully ordered when a limit is given.
    courses = [
        Course(id=f"D{n}", title="Drawing", provider="P", lat=53.466 + n * 2e-5, lon=-2.249)
        for n in range(600)
    ]
    random.Random(7).shuffle(courses)
    ix = index.build(courses, tz=tz)
    everything = ids(ix, "drawing in hulme", limit=None)
    assert len(everything) == 600
    assert ids(ix, "drawing in hulme", limit=10) == everything[:10]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mathsgcse evening", "MATH-GCSE-AR"),
        ("potteryclass", "ART-POT-AN"),
        ("spanishlessons", "LANG-SPA-CC"),
    ],
)
def test_two_words_run_together_are_read_as_two(
    sample_index: index.Index, query: str, expected: str
) -> None:
    result = sample_index.search(query, now=NOW, limit=3)
    assert expected in [hit.course.id for hit in result.hits]
    assert result.suggestion is not None
    assert " " in result.suggestion  # "Did you mean maths gcse": the words apart


def test_a_word_run_together_with_nothing_known_is_left_alone(
    sample_index: index.Index,
) -> None:
    assert ids(sample_index, "zxqvbnmlkj") == []


def test_a_long_sentence_naming_a_subject_is_not_about_its_other_words(
    sample_index: index.Index,
) -> None:
    # Four words the catalogue reads ("nurse", "maths", "awful", "uni") in seventeen: a
    # situation, not a short question about nursing.
    found = ids(sample_index, "I want to be a nurse but my maths is awful and I need it for uni")
    assert found
    assert all(course_id.startswith("MATH-") for course_id in found)
    # The same rule keeps a short question about something else empty.
    assert ids(sample_index, "pilot maths awful uni") == []


def test_a_word_met_only_in_passing_does_not_pad_the_answer(sample_index: index.Index) -> None:
    # The knitting group's description mentions coding; it is not a coding course.
    assert "ART-KNIT-NO" not in ids(sample_index, "coding", limit=None)
    assert "ENG-WRITE-DI" not in ids(sample_index, "yoga", limit=None)


@pytest.mark.parametrize(
    "query", ["help with my fone", "my grandson gave me a smart phone and i cant use it"]
)
def test_a_word_the_vocabulary_reads_is_not_corrected_into_another(
    sample_index: index.Index, query: str
) -> None:
    result = sample_index.search(query, now=NOW, limit=3)
    assert result.suggestion is None  # not "Did you mean one" nor "smart fone"
    phone_help = {"AGE-TECH-CR", "DIG-TABLET-DI", "DIG-PHONE-LS"}
    assert phone_help & {hit.course.id for hit in result.hits}


def test_a_typo_late_in_a_long_message_of_unknown_words_costs_no_more_than_six_look_ups(
    sample_index: index.Index,
) -> None:
    # Seven unknown words first (another language, names): only six are looked for as typos,
    # so the eighth, "potery", is left as it is, and the message still finds its subject.
    message = "zorbl quintak vexmor plandu trisko melvok garnup potery class pottery"
    assert ids(sample_index, message)[0] == "ART-POT-AN"
    assert sample_index.search(message, now=NOW).suggestion is None


def test_when_no_course_is_in_the_place_asked_for_the_nearest_elsewhere_come_first(
    sample_index: index.Index,
) -> None:
    result = sample_index.search("pottery in wythenshawe", now=NOW, limit=3)
    assert result.missed == ("place",)
    distances = [hit.distance_km or 0.0 for hit in result.hits]
    assert len(distances) == 2
    assert all(hit.distance_km for hit in result.hits)
    assert distances == sorted(distances)  # Hulme (about 8 km) before Ancoats (about 11 km)


def test_only_facets_and_none_in_the_place_asked_the_nearest_elsewhere_come_first(
    sample_index: index.Index,
) -> None:
    result = sample_index.search("anything free on a saturday afternoon in wythenshawe", now=NOW)
    assert [hit.course.id for hit in result.hits] == ["GRN-REPAIR-WI"]  # Withington
    assert result.missed == ("place",)
    assert not sample_index.search("anything free on a sunday night in wythenshawe", now=NOW)


def test_any_of_the_places_named_will_do(sample_index: index.Index) -> None:
    either = sample_index.search("pottery in hulme or wythenshawe", now=NOW, limit=3)
    assert either.missed == ()
    assert either.hits[0].course.area == "Hulme"


@pytest.mark.parametrize(
    "query", ["i need to see a doctor", "how do i get a council house", "hello", "ok, bye!"]
)
def test_service_requests_and_small_talk_find_no_courses(
    sample_index: index.Index, query: str
) -> None:
    assert ids(sample_index, query) == []


def test_a_subject_named_as_browse_names_it_lists_that_subject(
    sample_index: index.Index,
) -> None:
    found = sample_index.search("Family learning", now=NOW).hits
    assert found
    assert {hit.course.category for hit in found} == {"Family learning"}
    # One word is a search like any other, ranked by how well courses answer it.
    assert sample_index.search("maths", now=NOW).hits[0].course.title.count("Maths")


def test_near_me_with_a_shared_location_puts_the_nearest_answers_first(
    sample_index: index.Index,
) -> None:
    wythenshawe = (53.38, -2.27)
    near_me = sample_index.search("english classes near me", now=NOW, near=wythenshawe, limit=3)
    plain = sample_index.search("english classes", now=NOW, near=wythenshawe, limit=3)
    assert near_me.hits[0].course.id == "ESOL-FAM-WY"
    assert (near_me.hits[0].distance_km or 99) < 1
    assert plain.hits[0].course.id != "ESOL-FAM-WY"  # without "near me": best answer first


@pytest.mark.parametrize(
    "text",
    ["salam", "shukriya", "谢谢", "dziękuję", "cheers mate", "Subax wanaagsan, sidee tahay?"],
)
def test_greetings_and_thanks_in_the_citys_languages_are_small_talk(
    sample_index: index.Index, text: str
) -> None:
    result = sample_index.search(text, now=NOW)
    assert not result.hits
    assert not result.query.slots


def test_thanks_and_news_ask_for_nothing_but_saying_thank_you_is_a_subject(
    sample_index: index.Index,
) -> None:
    news = (
        "my wife gave birth last night, mother and baby both fine, thank you for all the support"
    )
    assert not sample_index.search(news, now=NOW).hits
    assert not sample_index.search("thanks love you're a star", now=NOW).hits  # no "start"
    # Thanks for a class that was, not a wish for one to come.
    past = "just wanted to say the english class changed my life, I can talk to my GP. thank you"
    assert not sample_index.search(past, now=NOW).hits
    wish = "Thank you for your help with my letter. Now I would like to learn computers"
    assert sample_index.search(wish, now=NOW).hits
    wants = "off to rome in march, want a few words to order food and say thank you"
    assert ids(sample_index, wants)[:1] == ["LANG-ITA-WI"]
    assert sample_index.search("ta", now=NOW).query.thanks  # Mancunian thanks, alone
    assert not sample_index.search(
        "yoga di class chahidi aa, shaam nu hove ta changa", now=NOW
    ).query.thanks
    declined = "im in my 60s and love a good singsong but my knees are shot so no dancing thanks"
    assert not sample_index.search(declined, now=NOW).query.thanks  # declining, not thanking


def test_a_course_made_for_the_audience_asked_comes_before_one_open_to_everyone(
    sample_index: index.Index,
) -> None:
    hits = sample_index.search("something for me and my 2 year old", now=NOW, limit=3).hits
    assert hits
    assert all("everyone" not in hit.course.audience.lower() for hit in hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("off to rome in march, want a few words to order food", {"LANG-ITA-WI"}),
        (
            "flying out to shenzhen for work in june, want to pick up a bit of the language",
            {"LANG-MAN-ONL"},
        ),
        ("anything for my 2 year old?", {"FAM-STORY-CT", "FAM-BILINGUAL-LS"}),
        # A teenager, by age or by what teenagers do, is who the young people's courses suit.
        ("our lad's 15 and never off his xbox", {"MUS-DJ-HY", "ART-MURAL-MS"}),
        # The resident's own word, rarer than its concept (every course about work).
        ("I panic in interviews and my mind goes blank", {"JOB-INT-MS"}),
    ],
)
def test_a_place_abroad_or_who_it_is_for_finds_courses(
    sample_index: index.Index, query: str, expected: set[str]
) -> None:
    assert expected & set(ids(sample_index, query, limit=3))


def test_who_it_is_for_told_at_length_with_no_subject_finds_their_courses(
    sample_index: index.Index,
) -> None:
    found = ids(
        sample_index,
        "we've got a 1 year old and I'm going stir crazy stuck indoors, anywhere I can take her",
    )
    # The courses for under-5s and under-7s first; none of those for 5 to 11s.
    assert found[:2] == ["FAM-STORY-CT", "FAM-BILINGUAL-LS"]
    assert not {"FAM-COOK-BE", "FAM-LEGO-GO", "FAM-SCIENCE-CR"} & set(found)


def test_who_runs_a_course_and_where_name_no_subject(tz: ZoneInfo) -> None:
    course = Course(
        id="C",
        title="Chair exercise",
        provider="Silver Threads Manchester",
        venue="Garden Lane Hall",
        description="Gentle exercise from a chair.",
    )
    ix = index.build([course], tz=tz)
    assert not ix.search("silver jewellery", now=NOW).hits
    assert not ix.search("gardening", now=NOW).hits
    assert ix.search("silver threads", now=NOW).hits  # the provider is still found by name


def test_a_course_for_adults_is_no_answer_for_a_child(sample_index: index.Index) -> None:
    """The sample's pottery is for adults: a parent asking for their 10-year-old gets none of
    it, while a course that takes children still answers."""
    found = ids(sample_index, "pottery class for my 10 year old", limit=5)
    assert not [course for course in found if course.startswith("ART-POT")]
    assert ids(sample_index, "coding club for my 10 year old", limit=1) == ["FAM-LEGO-GO"]
    # An adult's age is no such filter: knitting for an older mum still finds knitting.
    assert ids(sample_index, "knitting for me and my 70 year old mum", limit=1) == ["ART-KNIT-NO"]


@pytest.mark.parametrize("text", ["plumbing course", "electrician training"])
def test_a_subject_courses_only_mention_in_passing_is_one_the_catalogue_lacks(
    tz: ZoneInfo, text: str
) -> None:
    antenatal = Course(
        id="BIRTH",
        title="Antenatal course: getting ready for baby",
        provider="P",
        description="Covers labour and birth, feeding your baby and safe sleep.",
        category="Family learning",
    )
    others = [
        Course(id=f"C{n}", title=title, provider="P")
        for n, title in enumerate(("Spanish", "Pottery", "Yoga", "Maths", "First aid", "Choir"))
    ]
    ix = index.build([antenatal, *others], tz=tz)
    assert ids(ix, text) == []
    assert ids(ix, "antenatal class") == ["BIRTH"]


def test_a_childrens_course_on_a_side_word_is_no_answer_for_a_child(tz: ZoneInfo) -> None:
    spanish = Course(id="ES", title="Spanish", provider="P", audience="Adults 19+")
    homework = Course(
        id="HW",
        title="Homework club",
        provider="P",
        description="Help with school work.",
        audience="Children aged 8 to 16",
    )
    ix = index.build([spanish, homework], tz=tz)
    assert ids(ix, "is there spanish for children? my 8yo started it at school") == []
    assert ids(ix, "homework club for my 8 year old") == ["HW"]


def test_a_long_story_with_the_family_in_it_is_not_a_filter_for_family_courses(
    tz: ZoneInfo,
) -> None:
    esol = Course(id="ESOL", title="English for new arrivals", provider="P", audience="Adults 19+")
    family = Course(
        id="FAM",
        title="Family English",
        provider="P",
        description="Parents and children learn together.",
        audience="Families",
    )
    ix = index.build([esol, family], tz=tz)
    story = "im a mum we just arrived here my english is very little and the kids are small"
    assert set(ids(ix, story)) == {"ESOL", "FAM"}  # the adults' class too
    # Few words naming an audience still ask for it.
    assert ids(ix, "english for families") == ["FAM"]


@pytest.mark.parametrize(
    "text",
    [
        "my son got a 6 in his GCSE maths!! so proud of him",
        "I passed my driving test today!!! first time!!",
        "نجحت اليوم في امتحان القيادة! الحمد لله",
        "my daughter passed her driving test today!!",
        "just had a baby girl yesterday!! 7lb 2oz",
        "moved into our new flat in Hulme this weekend, still living out of boxes",
        "PASSED MY THEORY TEST!!! thank you everyone, now I just need to save up for lessons",
    ],
)
def test_good_news_is_not_a_question(sample_index: index.Index, text: str) -> None:
    assert ids(sample_index, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "كيف أحجز موعداً عند طبيب العائلة؟",
        "Sideen u helayaa ballan dhakhtar?",
        "is the metrolink running to the airport today",
        "¿Cuál es el número de teléfono del ayuntamiento?",  # the council's phone number
        "Jak zapłacić council tax przez internet?",  # how to pay council tax online
        "council tax kaise bharun, bill aa gaya hai",  # how do I pay council tax
    ],
)
def test_errands_in_the_citys_languages_get_no_course(
    sample_index: index.Index, text: str
) -> None:
    assert ids(sample_index, text) == []


def test_an_errand_asked_to_be_learnt_is_about_its_words(sample_index: index.Index) -> None:
    # "Doctor's appointment" is an errand; learning to book one online is a course.
    found = ids(sample_index, "i want to learn how to book a doctors appointment online")
    assert "DIG-NHSAPP-GO" in found


@pytest.mark.parametrize(
    "text",
    [
        "passed my maths gcse!! so proud. any english gcse classes?",
        "I passed my maths gcse last summer and want to keep going with english",
    ],
)
def test_good_news_that_asks_or_wishes_is_still_answered(
    sample_index: index.Index, text: str
) -> None:
    assert ids(sample_index, text)


def test_a_one_day_course_is_over_within_a_day(tz: ZoneInfo) -> None:
    def course(id: str, title: str, *days_hours: tuple[int, int]) -> Course:
        sessions = tuple(
            CourseSession(NOW + timedelta(days=day), NOW + timedelta(days=day, hours=hours))
            for day, hours in days_hours
        )
        return Course(id=id, title=title, provider="P", tags=("first aid",), sessions=sessions)

    weekly = course("WEEKLY", "First aid for parents", (7, 2), (14, 2), (21, 2))
    again = course("AGAIN", "Emergency first aid at work", (10, 7), (40, 7))  # run twice
    once = course("ONCE", "First aid workshop", (12, 3))
    three = course("THREE", "First aid at work", (7, 7), (8, 7), (9, 7))  # three days running
    ix = index.build([weekly, again, once, three], tz=tz)
    found = {h.course.id for h in ix.search("first aid, a one-day course", now=NOW).hits}
    assert found == {"AGAIN", "ONCE"}
    # "One day a week" is how often, not how long.
    for message in ("first aid one day course a week", "first aid, I can only do one day"):
        assert ix.search(message, now=NOW).query.facets.one_day is False
