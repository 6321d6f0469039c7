"""Reading a message: facets, places, synonyms, ages, typos in facet words."""

from __future__ import annotations

import pytest

from search.facets import AUDIENCE_BITS, DAY_BITS, LEVEL_BITS, TIME_BITS
from tests.reading import read


def test_a_whole_message_splits_into_subject_place_and_time() -> None:
    parsed = read("englsh clases near cheetham hill evenings")
    assert [(s.word, s.concept) for s in parsed.slots] == [("englsh", "english")]
    assert parsed.facets.place is not None
    assert parsed.facets.place.name == "Cheetham Hill"
    assert parsed.facets.times == TIME_BITS["evening"]
    assert parsed.facets.active == ("time", "place")


@pytest.mark.parametrize(
    ("text", "days", "times"),
    [
        ("pottery saturday", DAY_BITS["sat"], 0),
        ("pottery on saturdays", DAY_BITS["sat"], 0),
        ("pottery saturdy", DAY_BITS["sat"], 0),  # a typo in a facet word
        ("yoga at the weekend", DAY_BITS["weekend"], 0),
        ("yoga weekday mornings", DAY_BITS["weekday"], TIME_BITS["morning"]),
        ("english after work", 0, TIME_BITS["evening"]),
        ("english afternoons", 0, TIME_BITS["afternoon"]),
        ("english evenings", 0, TIME_BITS["evening"]),
        ("cant even do sums", 0, 0),  # "even" is no evening ("evenings" stems to "evening")
    ],
)
def test_days_and_times(text: str, days: int, times: int) -> None:
    facets = read(text).facets
    assert (facets.days, facets.times) == (days, times)


@pytest.mark.parametrize(
    ("text", "max_pence"),
    [
        ("free maths", 0),
        ("cheap yoga", 2000),
        ("yoga under £50", 5000),
        ("sewing less than 20", 2000),
        ("pottery for my lad, money's tight", 2000),
    ],
)
def test_price(text: str, max_pence: int) -> None:
    assert read(text).facets.max_pence == max_pence


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("english online", "online"),
        ("maths from home", "online"),
        ("opera from my sofa", "online"),
        ("yoga in person", "in_person"),
    ],
)
def test_mode(text: str, mode: str) -> None:
    assert read(text).facets.mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "been at home nearly 4 years, want to get back to work",
        "I am at home with my two small children all day",
        "been a stay at home mum for 8 years",
    ],
)
def test_being_at_home_is_the_residents_story_not_online(text: str) -> None:
    assert read(text).facets.mode is None


def test_online_safety_is_a_subject_not_a_mode() -> None:
    parsed = read("online safety")
    assert parsed.facets.mode is None
    assert parsed.slots[0].concept == "scams"


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("spanish for beginners", LEVEL_BITS["beginner"]),
        ("french improvers", LEVEL_BITS["improver"]),
        ("esol entry 3", LEVEL_BITS["entry3"]),
        ("english e3", LEVEL_BITS["entry3"]),
        ("maths level 2", LEVEL_BITS["level2"]),
        ("maths a level", LEVEL_BITS["level3"]),
        ("i want a level 2 maths course", LEVEL_BITS["level2"]),  # "a", not an A level
    ],
)
def test_levels(text: str, levels: int) -> None:
    assert read(text).facets.levels == levels


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("cooking for kids", "children"),
        ("family cooking", "family"),
        ("computer class for over 50s", "older"),
        ("sewing women only", "women"),
    ],
)
def test_audiences(text: str, audience: str) -> None:
    assert read(text).facets.audiences == AUDIENCE_BITS[audience]


def test_places_postcodes_and_near_me() -> None:
    wythenshawe, cheetham = read("maths in wythenshaw"), read("cheetam hil english")
    assert wythenshawe.facets.place is not None
    assert wythenshawe.facets.place.name == "Wythenshawe"
    assert cheetham.facets.place is not None
    assert cheetham.facets.place.name == "Cheetham Hill"
    assert read("sewing M14").facets.district == "M14"
    full = read("sewing m14 5tq")
    assert full.facets.district == "M14"
    assert [s.label for s in full.slots] == ["sewing"]
    assert read("pottery near me").near_me
    message = read("cheap weekend stuff for adults in rusholme or fallowfield")
    assert message.slots == ()  # "for adults" is every course but children's: no subject
    either = message.facets
    assert either.place is not None
    assert {either.place.name, *(p.name for p in either.others)} == {"Rusholme", "Fallowfield"}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("learn English", "english"),
        ("english for speakers of other languages", "english"),
        ("numeracy", "maths"),
        ("IT", "computer"),
        ("caut un curs de calculator pentru începători", "computer"),  # Romanian: a computer
        ("sowing clas for beginers", "sewing"),  # not the gardening word "sowing"
        ("lad cut his hand open at work and no one had a clue", "firstaid"),
        ("one of the lads took a bang to the head", "firstaid"),
        ("retired last year and bored stiff", "social"),
        ("feeling really low since I came out to my family", "lgbt"),
        ("I've lost most of my sight and my new phone is useless", "sightloss"),
        ("i understand little bit but when people talk fast i am lost", "english"),
        ("grandkids live in Australia, want to see them on screen", "video"),
        ("میرے ابا جی نوں گلاں یاد نئیں رہندیاں", "memory"),  # Panjabi: dad forgets things
        ("أريد أن أشتغل في الأمن على أبواب النوادي", "security"),
        ("لکڑی دا کم سکھنا چاہندا آں", "woodwork"),
        ("وکیل مهاجرت رایگان برای پرونده پناهندگی", "immigration"),
        ("nobody can mind the kids while i learn english", "creche"),
        ("أحتاج استشارة بخصوص لمّ شمل عائلتي", "immigration"),  # family reunion
        ("كنت مهندس في سوريا وأريد أن أرجع أشتغل بمجالي", "overseasquals"),
        ("fiul meu nu merge la școală și nu lucrează", "neet"),
        ("Waxaan rabaa inaan ka shaqeeyo dugsi anigoo caawiya macallinka", "teaching"),
        ("want to feed the kids healthier but fresh stuff is dear", "healthyeating"),
        ("retired and want to give my time to older people", "volunteering"),
        ("24 weeks with my first and feel clueless", "pregnancy"),
        ("I want to sell cakes from home", "foodhygiene"),
        ("szukam pracy jako opiekunka", "carework"),
        ("i need help with my dept", "money"),
        ("amar husband er kaj nai", "job"),  # Bengali in Latin letters: no work
        ("ابني عمره ١٩ سنة، ما عم يشتغل ولا عم يدرس", "neet"),
        ("Tenho 22 anos, não estudo nem trabalho", "neet"),
        ("আমার ছেলের বয়স ১৬, কলেজে যায় না", "neet"),
        ("كلهم بيطلبوا شهادة نظافة الأكل", "foodhygiene"),
        ("برای پاسپورت باید امتحان تاریخ و قوانین بدم", "citizenship"),
        ("老板说我们没有病假工资，这合法吗？", "workrights"),
        ("Hooyaday waxay qabtaa sonkorow", "diabetes"),  # Somali
        ("Waxaan doonayaa inaan noqdo darawal gaadhi xamuul", "hgv"),
        ("sariirta kama kici karto, si badbaado leh loo qaado", "movingandhandling"),
        ("Ez dixwazim fêrî komputerê bibim", "computer"),  # Kurmanji
        ("Mam długi, dostałam list od komornika", "money"),
        ("Șeful meu nu-mi dă fluturaș de salariu", "workrights"),
        ("mainu sabziyan ugauni sikhni aa", "gardening"),  # Panjabi in Latin letters
        ("alîkariya wê ya erka malê hewce ye", "homework"),
        ("anything for young mums, im 19 and feel like im doing it all wrong", "parenting"),
        ("BSL", "sign"),
        ("sign language", "sign"),
        ("CV", "cv"),
        ("resit", "gcse"),
        ("کلاس انگریزی", "english"),  # Urdu
        ("دورة اللغة الإنجليزية", "english"),  # Arabic
        ("kurs angielskiego", "english"),  # Polish
        ("ইংরেজি ক্লাস", "english"),  # Bengali
        ("英语课", "english"),  # Chinese, no spaces
        ("koorso af ingiriisi", "english"),  # Somali
        ("clases de inglés", "english"),  # Spanish
        ("curs de limba engleză", "english"),  # Romanian
        ("ਅੰਗਰੇਜ਼ੀ ਕਲਾਸ", "english"),  # Punjabi
        ("kursa îngilîzî", "english"),  # Kurdish (Kurmanji)
        ("komputer", "computer"),
        ("komputerowe", "computer"),  # an inflected form
        ("matematyka", "maths"),
        ("trabajo", "job"),
        # Newly arrived, in the city's languages: the settling-in courses' concept.
        ("dont know how anything works here", "refugee"),
        ("وصلت حديثاً إلى مانشستر", "refugee"),
        ("Ez nû hatime Mançesterê", "refugee"),
        ("acabo de llegar a Manchester", "refugee"),
        ("everything is new, how do schools and doctors even work here", "refugee"),
        # Control and economic abuse told as it is lived, not named.
        ("my husband controls all the money, I don't have my own bank card", "domesticabuse"),
        ("he checks my phone and won't let me see my friends", "domesticabuse"),
        ("mi marido me revisa el móvil y controla el dinero", "domesticabuse"),
        # Looking after a relative, whoever it is (the vocabulary's braces: one text, many).
        ("looking after my husband since his stroke", "carers"),
        ("i care for my elderly mother in law", "carers"),
        ("my son is 12 and basically looks after his mum", "carers"),
        # Lifting someone at home, and the course's own name for it.
        ("i keep doing my back in getting him out of bed", "movingandhandling"),
        ("she can't get out of bed on her own anymore", "movingandhandling"),
        ("Safe Moving and Handling at Home", "movingandhandling"),
        ("I'd love to be a TA at my kids' school", "teaching"),
        ("need to lose 3 stone before my knee op", "healthyeating"),
        ("میرا شوہر مجھ پر ہاتھ اٹھاتا ہے", "domesticabuse"),  # raises his hand to me
        ("Mąż stracił pracę, mamy długi", "debt"),  # we have debts
        ("我想考雅思", "english"),  # IELTS
        ("can't even put a shelf up", "diy"),
        ("got a letter saying ive won a prize but have to pay a fee first", "scams"),
        ("Gdzie mogę dowiedzieć się o swoich prawach?", "rights"),  # Polish, inflected
        ("want to get my door badge", "security"),
        ("¿Hay algún curso para ser asistente en un colegio?", "teaching"),
        ("Soția mea vrea să lucreze ca asistentă într-o școală", "teaching"),
        ("Bavê min şekir heye", "diabetes"),  # Kurmanji: sugar, as diabetes is said
        ("ami english shikhte chai", "english"),  # Bengali in Latin letters
        ("i want to learn guitar", "guitar"),  # the instrument, not any music
        ("کیا کوئی کلاس ہے جہاں بچوں کو سنبھالنے کا انتظام ہو؟", "creche"),
        ("ew dixwaze Îngilîzî hîn bibe lê kes tune li zarokan binêre", "creche"),
        # A profession from abroad, to be recognised here.
        ("i was an engineer back home but nobody recognises my degree", "overseasquals"),
        ("كيف أعادل شهادتي؟", "overseasquals"),
        ("Getting Your Overseas Qualifications Recognised (UK ENIC)", "overseasquals"),
        # Toddler groups, asked for in the city's languages.
        ("Tem algum grupo para mães e crianças pequenas?", "phonics"),
        ("atividades de histórias e músicas para pais e crianças", "phonics"),
        ("Era profesora de secundaria en Venezuela, quiero volver a dar clases", "overseasquals"),
        ("می‌خواهم برای دانشگاه آماده شوم", "university"),
        ("Mój mąż pije za dużo", "alcohol"),
        ("mamy zaległości za prąd i gaz", "money"),
        # How schools work here, for parents new to them; working with small children.
        ("i havent a clue how the applications work over here for high school", "schoolsystem"),
        ("ایتھے سکول دا نظام کیویں چلدا اے؟", "schoolsystem"),
        ("想了解这边学校怎么申请", "schoolsystem"),
        ("Soția mea vrea să lucreze la o creșă", "earlyyears"),
        ("میرے شوہر کو شوگر ہو گئی ہے", "diabetes"),
        ("আমার মা চোখে ভালো দেখতে পান না", "sightloss"),
        ("我妈妈听力越来越差", "lipreading"),
        ("می‌خواهم دف زدن یاد بگیرم", "drums"),
        ("ana ureed learn how to make websites", "website"),  # Arabic in Latin letters
        ("retired and miss working with my hands", "crafts"),
        ("dept advise workshop", "debt"),  # "debt advice", as it is often typed
        ("needlework class", "sewing"),
        # A young person out of school and work.
        ("my lad left school in the summer and does nothing all day", "neet"),
        ("Mój syn nie uczy się i nie pracuje", "neet"),
        ("Wiilkayga waa 20 jir, shaqo ma haysto, iskuulna ma dhigto", "neet"),
        ("I've looked after my husband full time since his stroke", "carers"),
        ("a few spare hours a week, would like to help an older person", "volunteering"),
        ("love to work with little ones", "earlyyears"),
        # Bengali in Latin letters, Kurmanji, and overtime unpaid in the city's languages.
        ("bhai amar ekta kaj dorkar, kono free training ache?", "job"),
        ("amar ma ekla thake, kotha bolar keu nai", "social"),
        ("Keça min 8 salî ye, piştî dibistanê alîkariya wê ya erkên malê hewce ye", "homework"),
        ("Ez pir bi stres im û bi şev xew nakim", "sleep"),
        ("seful nu ma plateste pentru orele suplimentare", "workrights"),
        ("Pracodawca nie zapłacił mi za nadgodziny", "workrights"),
        ("Chciałabym zdać teorię na prawo jazdy", "driving"),
        ("Există grupuri pentru părinți?", "parenting"),
        ("هل توجد نشاطات مجانية للأطفال في عطلة نصف الفصل؟", "schoolholidays"),
        ("Ci sono attività per le vacanze di Pasqua?", "schoolholidays"),
        ("کوئی یوتھ کلب ہے؟", "youthclub"),  # a club, not the Arabic for a dog
        ("a escola acha que pode ser PHDA", "adhd"),
        ("sto crescendo i miei nipoti da sola", "carers"),
        ("Wiilkaygu waa 16 jir, dugsiga wuu ka tagay", "neet"),
        ("Li Cheetham Hill alîkariya dersên malê heye?", "homework"),
        ("my 4 year old lives on beige food, won't touch a vegetable", "healthyeating"),
        (
            "I'm a dad, split from their mum last year, the handovers always end in rows",
            "parenting",
        ),
        ("I want to understand how the schools work here for my children", "schoolsystem"),
        ("I'm 67 and bringing up my two grandkids since my daughter got poorly", "carers"),
        ("my wife looks after our autistic son full time", "carers"),
        (
            "people keep asking to buy my cakes, how do i make my business official",
            "business",
        ),
        ("want to learn to do up an old chest of drawers", "upcycling"),
    ],
)
def test_synonyms_and_other_languages(text: str, concept: str) -> None:
    slots = read(text).slots
    assert concept in {s.concept for s in slots}, slots


def test_time_on_my_hands_is_no_hand_and_minging_no_singing() -> None:
    assert read("retired nurse here, time on my hands").slots[-1].word != "hand"
    assert "singing" not in {s.concept for s in read("old chest of drawers thats minging").slots}


def test_lower_case_it_is_just_a_word() -> None:
    assert read("help me with it").slots == ()


def test_a_catalogue_word_is_never_mistaken_for_a_filler() -> None:
    assert [s.word for s in read("glass").slots] == ["glass"]  # one letter from "class"


def test_words_next_to_a_word_about_learning_are_the_focus() -> None:
    parsed = read(
        "i work days in a restaurant kitchen and only free after 6pm, want english classes"
    )
    focus = {slot.word: slot.focus for slot in parsed.slots}
    assert focus.pop("english")
    assert any("kitchen" in word for word in focus)  # the resident's situation...
    assert not any(focus.values())  # ...is not what they ask to learn


@pytest.mark.parametrize(
    ("text", "audiences"),
    [
        ("something for me and my 2 year old", ["family"]),
        # a young child's parents' courses serve them too ("helping children cope with grief")
        ("anything for my 8 year old on saturday", ["children", "family"]),
        ("anything for my 8yo on saturday", ["children", "family"]),
        ("anything for my 3 yr old", ["family"]),
        ("free stuff for 16-24 year olds", ["young"]),
        ("what have you got for 16 to 24 year olds", ["young"]),
        ("anything for 16 to 24s", ["young"]),
        ("something for my 15yrs old", ["young"]),
    ],
)
def test_a_childs_age_says_who_comes_along(text: str, audiences: list[str]) -> None:
    parsed = read(text)
    assert parsed.facets.audiences == sum(AUDIENCE_BITS[name] for name in audiences)
    assert [slot.word for slot in parsed.slots] == []  # "year old" is not a subject


def test_a_grown_childs_age_is_not_a_childrens_course() -> None:
    assert read("my 16 year old draws graffiti").facets.audiences == AUDIENCE_BITS["young"]
    assert read("my 25 year old wants to paint").facets.audiences == 0
    # Young people's courses run to 19; courses for adults take them from 18.
    nineteen = read("my 19 year old draws graffiti").facets
    assert nineteen.audiences == AUDIENCE_BITS["young"]
    assert not nineteen.minor
    assert read("my 17 year old draws graffiti").facets.minor


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("আমার ছেলের বয়স ১৮, কোনো কাজ করে না", 18),  # "age" before the number
        ("ابني عمره ١٥ سنة", 15),
        ("mera beta umar 17 ka hai", 17),
        ("Kurê min 12 salî ye", 12),  # Kurmanji "years", after the number
        ("Wiilkeyga wuxuu jiraa 19 sano", 19),  # Somali
        ("میرا پتر 18 ورھیاں دا اے", 18),  # Panjabi in Shahmukhi
    ],
)
def test_an_age_after_the_word_for_age_in_the_city_s_languages(text: str, age: int) -> None:
    parsed = read(text)
    assert parsed.facets.age == age
    # The word for years after the number is no subject: Somali "sano" is not Spanish for
    # healthy.
    assert not {"sano", "salî", "ورھیاں"} & {slot.label for slot in parsed.slots}


@pytest.mark.parametrize(
    "text",
    [
        "came here 2 years ago, want an office job",
        "worked in a warehouse for 11 years",
        "been here 5 years now and want to be a citizen",
        "been cooking for my family since i was 12",
        "moved here 2yrs ago, want english",
    ],
)
def test_years_spent_are_not_an_age(text: str) -> None:
    assert read(text).facets.audiences == 0


@pytest.mark.parametrize(
    ("text", "concept", "word"),
    [
        ("off to rome in march, want a few words to order food", "italian", "italian"),
        ("my company has suppliers in shenzhen", "chinese", "chinese"),
        ("me and the wife are off to benidorm in may", "spanish", "spanish"),
        ("her family are all from gdansk and i never know what they say", "polish", "polish"),
    ],
)
def test_a_place_abroad_asks_for_its_language(text: str, concept: str | None, word: str) -> None:
    slots = [s for s in read(text).slots if s.abroad]
    assert [(s.concept, s.word) for s in slots] == [(concept, word)]


def test_where_someone_comes_from_is_their_story_when_they_ask_for_something_else() -> None:
    assert [s.concept for s in read("i am from syria and need english").slots] == ["english"]
    assert "polish" not in {s.concept for s in read("came over from poland, english please").slots}
    # A place of the message's own language is where the resident is from: "soy de Colombia".
    assert not any(s.abroad for s in read("soy de colombia y busco clases de inglés").slots)


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("is it going to rain tomorrow", "spanish"),  # one word taking every slip: no phrase
        ("i want to spel beter", "energy"),  # "beter" is far likelier "better" than "meter"
        ("می‌خواهم انگلیسی را تمرین کنم", "exercise"),  # Persian practice, not Arabic exercises
    ],
)
def test_a_slip_is_not_corrected_into_an_unlikely_subject(text: str, unwanted: str) -> None:
    assert unwanted not in {s.concept for s in read(text).slots}


@pytest.mark.parametrize(
    "text", ["mum is 81 and lonely", "he's 80", "mia madre ha 75 anni", "我妈妈70岁了"]
)
def test_an_older_persons_age_says_who_comes(text: str) -> None:
    assert read(text).facets.audiences & AUDIENCE_BITS["older"]


@pytest.mark.parametrize("text", ["a course under 60 pounds", "60 quid for a course", "i'm 45"])
def test_other_numbers_are_not_an_older_age(text: str) -> None:
    assert not read(text).facets.audiences & AUDIENCE_BITS["older"]


def test_a_jobs_name_with_a_word_about_learning_in_it_asks_to_learn_nothing() -> None:
    """A job's name ("teaching assistant") is the resident's goal, not a class asked for."""
    found = read("failed maths twice, want another go so I can apply to be a teaching assistant")
    assert not any(slot.focus for slot in found.slots)
    assert any(slot.focus for slot in read("drum lessons for my son").slots)
