"""Reading a message: facets, synonyms, other languages, typos in facet words."""

from __future__ import annotations

import pytest

from search import lexicon
from search.facets import AUDIENCE_BITS, DAY_BITS, LEVEL_BITS, TIME_BITS
from search.parsed import ParsedQuery
from search.query import parse
from search.text import stem, words

KNOWN = {"pottery", "english", "glass", "maths", "cheetham", "hill", "sewing", "yoga"}


def read(text: str) -> ParsedQuery:
    return parse(text, lexicon.load(), known=KNOWN.__contains__)


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
    ],
)
def test_price(text: str, max_pence: int) -> None:
    assert read(text).facets.max_pence == max_pence


@pytest.mark.parametrize(
    ("text", "mode"),
    [("english online", "online"), ("maths from home", "online"), ("yoga in person", "in_person")],
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
        ("CV", "job"),
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
        ("Mąż stracił pracę, mamy długi", "money"),  # we have debts
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
        ("dept advise workshop", "money"),  # "debt advice", as it is often typed
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
    assert [slot.concept for slot in read("help wiv me CV plz").slots] == ["job"]


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
