"""Reading a message in the city's other languages, and words that only look like slips,
contractions or another language's."""

from __future__ import annotations

import pytest

from search import lexicon
from search.facets import AUDIENCE_BITS, LEVEL_BITS, TIME_BITS
from search.query import parse
from search.text import stem
from tests.reading import read


def test_words_of_a_message_in_another_language_are_not_slips() -> None:
    parsed = read("Mia madre è sempre sola da quando è morto papà")
    assert parsed.language == "it"
    assert not parsed.corrections.keys() & {"morto"}  # dead, not "orto", a vegetable garden


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Cerco un corso di tedesco per principianti", "german"),
        ("czy jest kurs włoskiego wieczorem", "italian"),
        ("我想学韩语，周末上课", "korean"),
        ("مجھے جرمن زبان سیکھنی ہے", "german"),
        ("quiero clases de portugués", "portuguese"),
    ],
)
def test_a_language_as_a_subject_is_read_in_the_citys_languages(text: str, concept: str) -> None:
    """Names from CLDR (search/abroad.py): "tedesco", "włoskiego", "韩语" ask for classes."""
    assert concept in {slot.concept for slot in read(text).slots}


def test_an_english_word_is_not_read_as_another_languages_inflection() -> None:
    # Polish stems "party" as it does a word for birth; in an English message it is a party.
    slots = read("she had a seizure at a party").slots
    assert [(s.word, s.concept) for s in slots if s.word == "party"] == [("party", None)]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("زوجي مصاب بالسكري، هل توجد دورة؟", "diabetes"),  # with diabetes
        ("أبحث عن دروس وللحاسوب في المساء", "computer"),  # and for the computer
    ],
)
def test_arabic_words_are_read_past_the_and_with_for_the_written_onto_them(
    text: str, concept: str
) -> None:
    assert concept in {slot.concept for slot in read(text).slots}


def test_an_inflection_that_alters_a_stems_last_letter_is_still_the_word() -> None:
    # Polish "emeryturze" (about retirement) stems to "emeryturz", "emerytura" to "emerytur".
    slots = read("Szukam kursu o emeryturze w UK, tylko wieczory").slots
    assert "retirement" in {slot.concept for slot in slots}


@pytest.mark.parametrize(
    "text",
    [
        "tengo una entrevista de trabajo en dos semanas",
        "برای مصاحبه کاری استرس دارم",
        "想练习面试",
    ],
)
def test_a_job_interview_is_its_own_subject_in_the_citys_languages(text: str) -> None:
    # Not any job: interview practice, which the vocabulary files under work too.
    assert "interview" in {slot.concept for slot in read(text).slots}
    assert lexicon.load().within["interview"] == "job"


@pytest.mark.parametrize(
    "text", ["preciso fazer um currículo", "不会写英文简历", "my cv is rubbish", "resume help"]
)
def test_a_cv_is_its_own_subject_in_the_citys_languages(text: str) -> None:
    assert "cv" in {slot.concept for slot in read(text).slots}
    assert lexicon.load().within["cv"] == "job"


@pytest.mark.parametrize(
    "text",
    ["Deyn badan ayaan leeyahay", "Mam długi, dostałam list od komornika", "drowning in debt"],
)
def test_debt_is_its_own_subject_a_kind_of_money(text: str) -> None:
    assert "debt" in {slot.concept for slot in read(text).slots}
    assert lexicon.load().within["debt"] == "money"


@pytest.mark.parametrize(
    "text",
    [
        "میں گھر سے کھانا بنا کر بیچنا چاہتی ہوں، اپنا چھوٹا سا کاروبار",  # cook at home and sell
        "বাসা থেকে রান্না করে বিক্রি করার একটা ছোট ব্যবসা শুরু করতে চাই",
        "Vorrei aprire una piccola attività tutta mia, nel Regno Unito",
    ],
)
def test_selling_what_one_makes_is_a_business_not_a_small_ad(text: str) -> None:
    parsed = read(text)
    assert not parsed.request
    assert "business" in {slot.concept for slot in parsed.slots}
    assert "regno unito" not in {slot.word for slot in parsed.slots}  # the country one is in


def test_polish_learning_english_is_not_teaching_it() -> None:
    # "się" is a filler: "uczyć się angielskiego" must not read as "uczyć angielskiego".
    concepts = {slot.concept for slot in read("Gdzie mogę się uczyć angielskiego?").slots}
    assert "english" in concepts
    assert "tefl" not in concepts


def test_six_letters_misspelt_are_not_two_short_words_run_together() -> None:
    known = {"pot", "try", "pottery", "maths", "gcse"}.__contains__
    parsed = parse("pottry clases", lexicon.load(), known=known)
    assert [slot.word for slot in parsed.slots] == ["pottry"]  # left to the catalogue's typos
    joined = parse("mathsgcse", lexicon.load(), known=known)
    assert joined.corrections == {"mathsgcse": "maths gcse"}
    # a place abroad is no half: "hom" (Homs) + "work"
    slipped = parse("homwork", lexicon.load(), known={"work", "homework"}.__contains__)
    assert "hom work" not in slipped.corrections.values()


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("¡Aprobé el examen de inglés!", True),  # I passed
        ("Necesito aprobar el examen de inglés", False),  # need to pass: same stem
    ],
)
def test_one_word_of_news_counts_only_as_written(text: str, news: bool) -> None:
    assert read(text).news is news


def test_a_word_for_of_inside_a_name_is_read_past() -> None:
    # The vocabulary writes "ਟਰੱਕ ਡਰਾਈਵਰ" (truck driver); residents write "ਟਰੱਕ ਦਾ ਡਰਾਈਵਰ".
    slots = read("ਮੈਂ ਟਰੱਕ ਦਾ ਡਰਾਈਵਰ ਬਣਨਾ ਚਾਹੁੰਦਾ ਹਾਂ").slots
    assert "hgv" in {slot.concept for slot in slots}


def test_urdu_typed_in_latin_letters_keeps_only_what_it_asks_for() -> None:
    # "bhai" (brother) is common enough in English text to pass for an English word; here it
    # is a way of speaking, like "ko" (to).
    slots = read("bhai meri wife pregnant hai, koi antenatal class hai saturday ko?").slots
    assert [slot.concept for slot in slots] == ["pregnancy"]


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("classes in town after 6pm on a thursday", TIME_BITS["evening"]),
        ("english at 6:30 pm", TIME_BITS["evening"]),
        ("yoga before 10am", TIME_BITS["morning"]),
        ("pottery after 18:00", TIME_BITS["evening"]),
        ("maths for my 2 15 year olds", 0),  # no clock time
        # In a longer message a time is part of the story, not a time asked for.
        ("fed up ringing the gp at 8am, can i do my repeat prescription on my phone", 0),
    ],
)
def test_clock_times_ask_for_a_time_of_day(text: str, times: int) -> None:
    assert read(text).facets.times == times


@pytest.mark.parametrize("text", ["أبحث عن دروس لغة إنجليزية للمبتدئين", "学习英语语言"])
def test_the_word_language_beside_a_languages_name_says_which(text: str) -> None:
    assert [slot.concept for slot in read(text).slots if slot.concept] == ["english"]


def test_languages_named_apart_stay_two_subjects() -> None:
    text = "we speak english at home and im worried theyll lose her language"
    assert {slot.concept for slot in read(text).slots} >= {"english", "languages"}


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("czy jest kurs angielskiego wieczorem? pracuję w ciągu dnia", "evening"),
        ("我想学英语，晚上有免费的课吗？我白天要上班", "evening"),
        ("أريد دروس لغة إنجليزية في المساء لأنني أعمل طوال النهار", "evening"),
        ("painting class in the daytime, I work nights", "daytime"),
        ("english classes after work in the evening", "evening"),
        ("I work nights", "evening"),  # the one time said may be all there is
        ("mujhe english class chahiye evening mein, din mein kaam karta hoon", "evening"),
    ],
)
def test_of_two_times_of_day_the_one_at_work_is_not_asked_for(text: str, time: str) -> None:
    assert read(text).facets.times == TIME_BITS[time]


def test_a_subject_named_again_beside_a_word_about_learning_is_asked_for() -> None:
    parsed = read("I want to do yoga, is there any ladies yoga class near Whalley Range")
    assert [slot.focus for slot in parsed.slots if slot.concept == "yoga"] == [True]


def test_traditional_chinese_is_read_as_the_simplified_the_vocabulary_has() -> None:
    hong_kong = read("想學太極，聽說對腰和膝蓋好，附近有冇？")
    assert hong_kong.slots == read("想学太极，听说对腰和膝盖好，附近有冇？").slots
    assert any(slot.concept for slot in hong_kong.slots)
    assert hong_kong.asking  # Cantonese "有冇": is there any


@pytest.mark.parametrize(
    ("text", "pence"),
    [("cheap stuff in chorlton, under a fiver", 500), ("anything for a tenner", 1000)],
)
def test_a_fiver_and_a_tenner_are_prices(text: str, pence: int) -> None:
    assert read(text).facets.max_pence == pence


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("my mum had a fall and i cant lift her", False),
        ("me dad has dementia", False),
        ("i'm a mum so evenings only, anything free online?", False),
        ("i am a dad and work days", False),
        ("sewing for mums", True),
        ("parents of toddlers", True),
    ],
)
def test_a_parent_named_as_someones_is_not_a_family_audience(text: str, family: bool) -> None:
    assert bool(read(text).facets.audiences & AUDIENCE_BITS["family"]) is family


def test_a_common_word_is_not_a_slip_for_a_phrase() -> None:
    assert read("ive only ever done it from photos").facets.levels == 0  # not "never done"
    assert read("nevr done it").facets.levels == LEVEL_BITS["beginner"]
    # Nor is a phrase a word longer: the manager complaining is no resident's complaint.
    assert "complain about" not in read("manager always complain about my emails").corrections


def test_one_word_typed_as_two_is_the_catalogues_word() -> None:
    known = {"woodwork", "wood", "work", "everyday", "every", "day", "english"}.__contains__
    parsed = parse("wood work clases", lexicon.load(), known=known)
    assert [slot.word for slot in parsed.slots] == ["woodwork"]
    assert parsed.corrections["wood work"] == "woodwork"
    # "every day" is two words as often as "everyday" is one
    assert "everyday" not in {
        s.word for s in parse("english every day", lexicon.load(), known=known).slots
    }


@pytest.mark.parametrize(
    "text", ["i havent slept properly", "i haven't slept properly", "he doesnt want uni"]
)
def test_a_contraction_with_or_without_its_apostrophe_is_no_subject(text: str) -> None:
    words = {slot.word for slot in read(text).slots}
    assert not words & {"haven", "havent", "doesnt", "doesn", "t"}


def test_words_that_only_look_like_contractions_stay_words() -> None:
    assert {"ill", "shed"} <= {slot.word for slot in read("ill in the shed").slots}


def test_stems_that_would_land_on_another_word_are_kept() -> None:
    assert [stem(word) for word in ("evenings", "news", "classes")] == [
        "evening",
        "news",
        "class",
    ]


def test_and_the_written_onto_an_arabic_word_is_no_beginning_of_another() -> None:
    """An Arabic word with "and the" written onto it ("والسكن", and housing) is no waltz
    ("والس"), the word it begins with."""
    found = read("ما بعرف شي عن المدارس والسكن والمواصلات")
    assert "ballroom" not in {slot.concept for slot in found.slots}


@pytest.mark.parametrize(
    "text", ["english conversation practice", "我的英语口语不太好", "practicar mi inglés"]
)
def test_english_conversation_is_its_own_subject_a_kind_of_english(text: str) -> None:
    assert "conversation" in {slot.concept for slot in read(text).slots}
    assert lexicon.load().within["conversation"] == "english"


def test_a_conversation_group_in_another_language_is_no_english() -> None:
    assert not {"conversation", "english"} & {
        s.concept for s in read("french conversation group").slots
    }


@pytest.mark.parametrize(
    "text", ["excel course, pivot tables", "有没有教怎么用电子表格的课", "curso de Excel"]
)
def test_spreadsheets_are_their_own_subject_a_kind_of_computing(text: str) -> None:
    assert "spreadsheets" in {slot.concept for slot in read(text).slots}
    assert lexicon.load().within["spreadsheets"] == "computer"
