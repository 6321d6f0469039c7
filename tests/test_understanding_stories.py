"""Reading a resident's story: trouble at home, work and free time, where they come from,
what they do not want."""

from __future__ import annotations

import pytest

from search import lexicon
from search.facets import AUDIENCE_BITS, DAY_BITS, LEVEL_BITS, TIME_BITS
from search.text import words
from tests.reading import read


@pytest.mark.parametrize(
    "text",
    [
        "my daughter is 15 and wont talk to me anymore, just slams doors",
        "my 3 yr old has meltdowns every single day and im at the end of my rope",
        "ابني عمره ١٥ سنة وصار عصبي ولا يسمع كلامي",
    ],
)
def test_trouble_with_a_child_named_asks_for_parenting(text: str) -> None:
    assert "parenting" in {slot.concept for slot in read(text).slots}


@pytest.mark.parametrize(
    "text",
    ["me and my boss argue all the time", "the neighbours are always shouting, cant sleep"],
)
def test_trouble_with_no_child_named_asks_for_nothing_of_the_sort(text: str) -> None:
    assert "parenting" not in {slot.concept for slot in read(text).slots}


def test_a_word_whose_stem_is_an_audience_is_read_as_written() -> None:
    """The word "parenting" is the subject, though its stem is the "parent" of a family audience;
    "parents" stays an audience."""
    assert [slot.concept for slot in read("parenting classes").slots] == ["parenting"]
    assert read("classes for parents").facets.audiences == AUDIENCE_BITS["family"]


def test_a_word_cut_far_back_by_stemming_is_no_facet() -> None:
    """The word "wedding" stems to "wed" and "kidding" to "kid"; neither is Wednesday or a
    child."""
    assert read("something before my sister's wedding").facets.days == 0
    assert read("no kidding, i need help with money").facets.audiences == 0
    assert read("classes on weds").facets.days == DAY_BITS["wed"]
    assert read("something for my kids").facets.audiences == AUDIENCE_BITS["children"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("the guitar's just sat in the corner", 0),
        ("bike's been sat in the shed for years", 0),
        ("yoga sat morning", DAY_BITS["sat"]),
        ("free on sat", DAY_BITS["sat"]),
    ],
)
def test_sat_is_the_verb_beside_words_that_say_so(text: str, days: int) -> None:
    assert read(text).facets.days == days


def test_passed_is_a_death_unless_something_was_passed() -> None:
    assert read("she passed her driving test today!!").news
    mum = read("my mum passed last year and i cant cope")
    assert not mum.news
    assert "bereavement" in {slot.concept for slot in mum.slots}


def test_a_child_who_likes_fighting_is_no_trouble_at_home() -> None:
    """Fighting as a sport a child loves asks for no parenting course."""
    parsed = read("my son is 12 and loves fighting, any kickboxing club near me?")
    assert "parenting" not in {slot.concept for slot in parsed.slots}


def test_what_a_resident_lacks_is_no_ask_to_learn() -> None:
    """Saying "got no qualifications" tells what the resident lacks; the trade wished for
    stays the subject."""
    parsed = read("i'd love to work in a nursery, good with kids but got no qualifications")
    assert not any(slot.focus for slot in parsed.slots if slot.concept == "gcse")


def test_concerts_are_a_place_of_work_too() -> None:
    assert not read("want to get into security work at concerts and football matches").request


def test_braces_in_the_vocabulary_hold_choices() -> None:
    assert lexicon.alternatives("{looking after|caring for} my {|poorly }mum") == [
        "looking after my mum",
        "looking after my poorly mum",
        "caring for my mum",
        "caring for my poorly mum",
    ]
    assert lexicon.alternatives("plain words") == ["plain words"]


@pytest.mark.parametrize(
    ("text", "not_meant"),
    [
        ("cant read the letters that come through the door", "calligraphy"),  # not lettering
        ("my 2 year old is climbing the walls at home", "climbing"),
        ("نتكلم العربية فقط في البيت", "dj"),  # Arabic "the home", not Persian "beat"
        ("کلاس زیر ۵۰ پوند", "jewellery"),  # Persian "under", not Sorani "gold"
    ],
)
def test_a_word_in_another_sense_is_not_its_subject(text: str, not_meant: str) -> None:
    assert not_meant not in {slot.concept for slot in read(text).slots}


def test_wanting_to_do_something_is_no_request() -> None:
    assert not read("sick of worrying about climate change, want to actually do something").request


def test_texting_spellings_of_little_words_are_fillers() -> None:
    assert [slot.concept for slot in read("help wiv me CV plz").slots] == ["cv"]


def test_an_ampersand_between_words_reads_as_and() -> None:
    # "Supporting Teaching & Learning" is the vocabulary's "supporting teaching and learning".
    assert words("Supporting Teaching & Learning") == words("Supporting Teaching and Learning")


def test_starting_from_nothing_asks_for_beginners() -> None:
    parsed = read("jobcentre wants it all online and i havent even got an email address")
    assert "computer" in {slot.concept for slot in parsed.slots}
    assert parsed.facets.levels == LEVEL_BITS["beginner"]


@pytest.mark.parametrize(
    "text",
    [
        "我妈妈不会用手机预约看医生，有人可以教她吗？",  # can someone teach her to book online
        "Pracodawca nie zapłacił mi za nadgodziny. Gdzie mogę dostać poradę po polsku?",
        "amar chele 19 bochor, kono kaj nai. kono training ache?",
        "Can someone help me do my mum's blue badge form online? I'm hopeless with computers",
        "My visa runs out in April and I can't afford a solicitor. What do I do",
        # Asking to understand how something works here is asking to learn it.
        "how does the NHS even work?? I'm registered with a GP but I don't get the 111 thing",
        "the electric meter, council tax, water, everything. I need someone to explain it",
        "how does the NHS even work?? I don't get the 111 thing",
        "no idea what job would suit me need someone to talk it through with",
        "sorted my status and have to move out, no clue about renting or the housing register",
    ],
)
def test_asking_to_be_taught_or_advised_is_no_errand(text: str) -> None:
    parsed = read(text)
    assert parsed.learning or not parsed.request, parsed
    assert "pain" not in {s.concept for s in parsed.slots}  # Bengali "ache" is "is there"


@pytest.mark.parametrize(
    ("text", "max_pence"),
    [
        ("anything in Levenshulme that doesn't cost anything", 0),
        ("nothing to do round here that doesn't cost a bomb", 2000),
    ],
)
def test_what_it_does_not_cost(text: str, max_pence: int) -> None:
    assert read(text).facets.max_pence == max_pence


def test_a_walk_in_kurmanji_is_no_month_in_portuguese() -> None:
    assert "walking" not in {s.concept for s in read("Estou há 2 meses em Manchester").slots}


@pytest.mark.parametrize(
    "text",
    [
        "busco clases de inglés gratis los sábados, entre semana trabajo",
        "english on saturday please, I work weekdays",
    ],
)
def test_the_days_at_work_are_not_the_days_asked(text: str) -> None:
    assert read(text).facets.days == DAY_BITS["sat"]


@pytest.mark.parametrize(
    "text",
    [
        "husband works days so I need english classes in the evening",
        "is there any english on a sunday? I work six days a week",
        "I work full time but fancy learning English on the side",
        "I'm working full time, any english classes at the weekend?",
    ],
)
def test_when_someone_works_is_no_work_asked_for(text: str) -> None:
    concepts = {s.concept for s in read(text).slots} - {None}
    assert concepts == {"english"}


def test_being_free_after_six_is_a_time_not_a_price() -> None:
    parsed = read("i work days in a restaurant kitchen and only free after 6pm, want english")
    assert parsed.facets.max_pence is None
    assert parsed.facets.times == TIME_BITS["evening"]
    assert read("any free english classes after 6pm").facets.max_pence == 0
    assert read("I'm usually free on saturdays, any yoga?").facets.max_pence is None
    # Said of the course, free is its price.
    assert read("yoga on saturdays, will it be free?").facets.max_pence == 0
    assert read("are they free, the english classes?").facets.max_pence == 0


@pytest.mark.parametrize(
    ("text", "children"),
    [
        ("I've been at home with the kids for 6 years and want to get back into work", False),
        ("Quero voltar a trabalhar agora que os meus filhos já estão na escola", False),
        ("now my kids are at school I want a job", False),
        ("anything for the kids this saturday", True),
        ("بچوں کو اسکول کا حساب سمجھ نہیں آتا", True),  # the children's school sums
    ],
)
def test_children_in_the_residents_story_are_no_audience(text: str, children: bool) -> None:
    assert bool(read(text).facets.audiences & AUDIENCE_BITS["children"]) is children


@pytest.mark.parametrize(
    "text",
    [
        "I was a doctor in Afghanistan. now I'm doing nothing all day",
        "got an engineering degree from Romania, does it count for anything here?",
        "was a maths teacher for 12 years back in Iran. can I teach here?",
    ],
)
def test_a_profession_from_abroad_asks_about_overseas_qualifications(text: str) -> None:
    concepts = {s.concept for s in read(text).slots}
    assert "overseasquals" in concepts
    assert not concepts & {"persian", "romanian"}  # where they worked is their story


def test_where_someone_lived_before_is_their_story_not_a_language_asked() -> None:
    concepts = {s.concept for s in read("we lived in Poland for years, now I want maths").slots}
    assert "polish" not in concepts
    assert "spanish" in {s.concept for s in read("off to Spain in the summer, learn a bit").slots}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Ji bo mêran komeke piştgiriyê heye? Ez li vir pir bi tenê me", "social"),
        ("Caut curs de teorie pentru permisul auto în limba română", "driving"),
        ("زوجي يريد أن ينجح في الامتحان النظري للقيادة لكن لغته الإنجليزية ضعيفة", "driving"),
        (
            "منداڵەکانم تازە چوونەتە قوتابخانە، نازانم سیستەمی خوێندن لێرە چۆن کاردەکات",
            "schoolsystem",
        ),
        ("Wiilkaygu waa 18 jir, shaqo iyo waxbarasho midna ma hayo", "neet"),
        ("Chciałabym otworzyć własną małą działalność, szyję sukienki w domu", "business"),
        ("vorrei imparare a scrivere un CV all'inglese e prepararmi ai colloqui", "cv"),
        ("আমি বাচ্চাকে স্কুলের পড়ায় সাহায্য করতে চাই, বিশেষ করে অংকে", "maths"),  # case ending
    ],
)
def test_whole_sentences_in_the_citys_languages(text: str, concept: str) -> None:
    assert concept in {s.concept for s in read(text).slots}


def test_looking_after_children_in_chinese_is_no_parenting_course() -> None:
    parsed = read("我想在网上上英语课，带孩子不方便出门")  # online English: the children are home
    assert {s.concept for s in parsed.slots} - {None} == {"english"}
    assert parsed.little_ones


def test_slang_shifts_and_later_are_read_as_meant() -> None:
    assert read("yoga for wimmin only").facets.audiences == AUDIENCE_BITS["women"]
    romanian = read("Vreau să învăț engleza, dar lucrez în ture. Există ceva sâmbăta?")
    assert {s.concept for s in romanian.slots} - {None} == {"english"}  # shifts, not "in tune"
    assert read("something in Collyhurst after work, 6pm or later").slots == ()
    assert read("Há algum curso que ensine por onde começar?").learning  # teaches, no teacher


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("something for the kids on a saturday that isn't soft play", "play"),
        ("me and my 8 year old want something to do after school that isn't screens", "screen"),
        ("I want to talk to my deaf colleague properly instead of writing notes", "writ"),
        ("into wildlife and want something outdoorsy this spring, not just walking", "walk"),
        ("I should talk to someone but I'm not one for sitting in a circle", "circl"),
        ("im 15 n bored out my head after school, anywhere to go thats not the park lol", "park"),
    ],
)
def test_what_the_resident_has_had_enough_of_is_not_asked_for(text: str, unwanted: str) -> None:
    assert unwanted not in {s.word for s in read(text).slots}


def test_a_clause_after_what_is_not_wanted_still_asks() -> None:
    parsed = read("anything that isn't the pub and gets me cooking")
    assert "cooking" in {s.concept for s in parsed.slots}


def test_a_greeting_and_the_chip_shop_are_no_subjects() -> None:
    polish = read("Dzień dobry, szukam kursu angielskiego wieczorem")
    assert {s.concept for s in polish.slots} - {None} == {"english"}
    chippy = read("her mates all hang round the chippy and I don't like it")
    assert "woodwork" not in {s.concept for s in chippy.slots}
    assert "woodwork" in {s.concept for s in read("my lad wants to train as a chippy").slots}


def test_a_number_after_what_s_or_it_s_is_nobodys_age() -> None:
    assert read("what's 15% of 240").facets.age is None
    assert read("I care for my son, it's 24/7").facets.age is None
    assert read("our lad's 15 and bored").facets.age == 15
    assert read("the classes are 10 quid, any on saturday").facets.age is None  # a price


def test_pounds_in_spanish_and_never_in_somali_are_no_subjects() -> None:
    euros = read("¿Dónde puedo cambiar euros a libras sin comisión?")
    assert "sign" not in {s.concept for s in euros.slots}
    somali = read("Waxaan rabaa inaan barto kombiyuutarka, weligay ma isticmaalin")
    assert {s.concept for s in somali.slots} - {None} == {"computer"}


def test_wanting_something_to_keep_busy_asks_whatever_errand_the_story_names() -> None:
    text = "getting my bus pass soon ha. want something to keep my brain ticking over"
    assert read(text).learning


def test_a_kurdish_woman_asking_for_a_group_with_other_women_asks_for_womens_classes() -> None:
    text = "Ez li malê tenê me. Komeke bi jinên din re heye?"
    assert read(text).facets.audiences == AUDIENCE_BITS["women"]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "I'm 52 and sick to death of my job. Is it too late to do something different?",
            "careeradvice",
        ),
        ("honestly no idea what I want to do with my life. nothing stuck", "careeradvice"),
        ("me and my sister want to start a cleaning business. where do we start", "business"),
        ("I'm a chef and want to open a little takeaway, no clue where to start", "business"),
    ],
)
def test_changing_career_and_starting_a_business_told_as_a_story(text: str, concept: str) -> None:
    assert concept in {s.concept for s in read(text).slots}


def test_a_real_word_is_not_split_in_two() -> None:
    parsed = read("my mam forgets everything now and gets upset")
    assert "forgets" not in parsed.corrections  # not "for gets"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("we need to sort out the legal stuff and his money before anything happens", "wills"),
        ("it made me think id like to help older people like her", "volunteering"),
    ],
)
def test_wills_and_befriending_told_as_a_story(text: str, concept: str) -> None:
    assert concept in {s.concept for s in read(text).slots}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("smoking cessation", "smoking"),
        ("last will and testament", "wills"),
        ("credential evaluation for my foreign degree", "overseasquals"),
        ("entrepreneurship course, free if poss", "business"),
        ("sine langwidge lessons", "sign"),
        ("eco jobs / sustainability careers training", "renewables"),
        ("my nan lost her husband in the summer and just sits crying", "bereavement"),
        ("is doing a uni degree at 40 even possible", "university"),
        ("my doctor keeps telling me to use the nhs app but i dont know how", "nhsapp"),
        ("id love to work with kids in a school like my sister does", "teaching"),
        ("58 year old bloke just split from the wife and all i can make is toast", "cooking"),
        ("the walls are full of cracks and holes, want to sort them myself", "plastering"),
        ("my mates always come to me with their problems", "counselling"),
        ("من در ایران معلم بودم، چطور می‌توانم اینجا معلم شوم؟", "overseasquals"),
        ("لە کوردستان مامۆستا بووم، چۆن بڕوانامەکەم لێرە دان پێدا بنرێت؟", "overseasquals"),
        ("Perdi meu marido há dois meses e não consigo sair da cama", "bereavement"),
        ("زوجي عنده ضغط دم عالي، أين يمكنه أن يفحص الضغط مجاناً؟", "heart"),
        ("Fiul meu are 17 ani și vrea să facă o ucenicie la mecanică auto", "mechanic"),
    ],
)
def test_common_variants_name_their_subject(text: str, concept: str) -> None:
    assert concept in {s.concept for s in read(text).slots}


def test_teenagers_whose_ages_are_given_and_rows_at_home_ask_for_parenting() -> None:
    parsed = read("Our two are 13 and 15 and it's constant rows about phones")
    assert parsed.facets.age == 13
    assert "parenting" in {s.concept for s in parsed.slots}
    assert read("anything for older folk").slots == ()


def test_languages_the_resident_speaks_well_are_their_story() -> None:
    text = "I'm bilingual Arabic and English and people say I should be an interpreter"
    concepts = {s.concept for s in read(text).slots}
    assert "interpreting" in concepts
    assert "arabic" not in concepts
    # The only language someone speaks is the one a course must be taught in.
    cantonese = read("my grandma only speaks cantonese and gets lost at the doctors")
    assert "chinese" in {s.concept for s in cantonese.slots}


def test_a_level_done_asks_for_the_next_one() -> None:
    parsed = read("english class for someone who's done entry 2 already")
    assert parsed.facets.levels == LEVEL_BITS["entry3"]
    assert read("english class, entry 2 please").facets.levels == LEVEL_BITS["entry2"]


def test_mancunian_owt_asks_and_not_costing_much_is_cheap() -> None:
    parsed = read("anything for a 10 year old after school that doesn't cost much?")
    assert parsed.facets.max_pence is not None
    assert parsed.facets.max_pence > 0
    owt = read("is there owt round Gorton for our kid")
    assert owt.asking
    assert "owt" not in {s.word for s in owt.slots}


def test_languages_the_resident_speaks_among_others_are_their_story() -> None:
    text = "i speak arabic and english and would like to help people whove just arrived here"
    assert {s.concept for s in read(text).slots} - {None} == {"volunteering", "english"}
    assert "urdu" in {s.concept for s in read("my dad only speaks urdu, any computer class").slots}


def test_where_someone_used_to_do_something_is_their_story() -> None:
    """Where someone used to do something ("I used to play every week in Syria") is where
    they lived, not a language asked for."""
    found = read("is there a chess club? I used to play every week in Syria and I miss it")
    assert found.origin == ("arabic",)
    assert "arabic" not in {slot.concept for slot in found.slots}
