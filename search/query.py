"""Read a resident's message: what they want to learn (slots) and the facets around it.

"englsh clases near cheetham hill evenings" becomes one slot ("englsh", concept english), the
place Cheetham Hill and the time of day "evening". Longest phrases win ("after work" is a time,
not the concept "work"); a word the catalogue does not know may be a misspelt or inflected
lexicon word ("saturdy", "angielskiej").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from search import errands, languages, negation, smalltalk, tongues
from search.dates import SPANS
from search.facets import (
    JOINED_AGE,
    MINORS,
    POSSESSIVES,
    Facets,
    age_range,
    age_word_after,
    an_age,
    clock_time,
    price_limit_after,
    someones_parent,
    with_age,
    with_facet,
    with_meaning,
    year_old,
)
from search.lexicon import TICKETS, Kind, Lexicon, Meaning
from search.parsed import ParsedQuery, Slot
from search.phrases import meaning_at
from search.splitting import join_split, simplified, split_cjk, split_joined
from search.story import (
    NEXT_LEVEL,
    a_day_long,
    a_goal,
    came_from_there,
    children_in_the_story,
    free_times,
    free_to_come,
    home_all_day,
    level_denied,
    level_passed,
    sat_down,
    works_when,
)
from search.text import fold, words
from search.text import tokens as tokens_of

_DISTRICT = re.compile(r"m\d{1,2}")
_INWARD = re.compile(r"\d[a-z]{2}")
# "IT" in capitals is the subject; "it" is just a word.
_IT = re.compile(r"\bIT\b")


FOCUS_REACH = 2  # tokens from a word about learning to the words it is about


_GURMUKHI = re.compile("[\u0a00-\u0a7f]")
LANGUAGES, ENGLISH = "languages", "english"  # concepts: languages in general, English
PARENTING = "parenting"  # the concept a parent's trouble with a child asks for
BEGINNER = "beginner"  # the level of a resident who starts from nothing
LITTLE_ONES = "littleones"  # the concept of small children, named as such: "copii mici"
BESIDE = 2  # tokens apart
SHORT_ASK = 10  # words: a clock time or a month in a message this short is asked for
_UNWANTED_KINDS = frozenset((Kind.CONCEPT, Kind.LEARNING))
_LACKING = frozenset(("no", "without", "never", "zero", "nothing"))


def parse(text: str, lexicon: Lexicon, *, known: Callable[[str], bool]) -> ParsedQuery:
    """Split a message into slots and facets. `known` says whether the catalogue has a word."""
    text = simplified(_IT.sub("computing", text))
    corrections: dict[str, str] = {}
    written = languages.with_apostrophes(tokens_of(text))
    pairs = languages.without_intensifiers(written)
    said = len(written) - len(pairs)  # words read past, counted in the message's length
    pairs = split_joined(split_cjk(pairs, lexicon), lexicon, known, corrections)
    pairs = join_split(pairs, lexicon, known, corrections)
    tokens = [stem for stem, _ in pairs]
    forms = [fold(raw) for _, raw in pairs]
    plain = all(raw.isascii() for _, raw in pairs)
    language = languages.dominant_language(tokens, plain=plain)
    slots: list[Slot] = []
    facets = Facets()
    near_me = learning = request = news = False
    starts: list[int] = []  # where each slot begins, in tokens
    origins: list[int] = []  # slots naming where someone comes from: "from Syria"
    cues: list[int] = []  # where words about learning are
    again: list[tuple[str, int]] = []  # concepts named again, and where
    times: list[tuple[Meaning, str, int, int]] = []  # times of day and days, where said
    strains: list[str] = []  # a parent's trouble with a child, as written
    little_ones = False
    unwanted = negation.negated(tokens)
    earned_ends: list[int] = []  # where concepts whose ticket a course earns end
    i = begin = 0
    short = len(tokens) + said <= SHORT_ASK
    while i < len(tokens):
        starts.extend([begin] * (len(slots) - len(starts)))
        begin = i
        if tokens[i : i + 2] == ["a", "level"] and "".join(tokens[i + 2 : i + 3]).isdigit():
            i += 1  # "a level 2 qualification" is a Level 2 one, not an A level
            continue
        meaning, used, understood = meaning_at(tokens, forms, i, lexicon, known, language)
        typed = " ".join(tokens[i : i + used])
        shown = " ".join(raw for _, raw in pairs[i : i + used])
        if understood and understood != typed and meaning and meaning.kind is not Kind.FILLER:
            corrections[shown] = understood
        i += used
        if i - used in unwanted and (meaning is None or meaning.kind in _UNWANTED_KINDS):
            # "that isn't soft play", "instead of writing notes", "not just a hobby class":
            # not what is asked
            continue
        bounded = tokens[i - used - 1 : i - used] in (["after"], ["before"], ["from"])
        clock = clock_time(tokens, i - used) if meaning is None and (short or bounded) else None
        if clock is not None:
            # "classes after 6pm", "6:30 pm": the time of day a course meets; in a longer
            # message a time is part of the story ("ringing the gp at 8am").
            period, span = clock
            i += span - used
            facets = with_meaning(facets, Meaning(Kind.TIME, period), shown)
            continue
        limit = (
            price_limit_after(tokens, i - used)
            if typed.isdigit() and not an_age(tokens, i - used, i)
            else None
        )
        if limit is not None:  # "40 quid or less"
            shown = " ".join(raw for _, raw in pairs[i - used : limit])
            facets = with_facet(facets, "price", shown, max_pence=int(typed) * 100)
            i = limit
            continue
        if typed.isdigit() and errands.a_route(tokens, i - used):
            request = True  # "the 216 from Clayton into town", "the 50 bus": a timetable
            continue  # (not the over-50s)
        if meaning is None:
            district = typed.upper()
            if len(typed) == 1 and typed.isascii() and typed.isalpha():
                continue  # a stray letter says nothing
            if _DISTRICT.fullmatch(typed) and (district in lexicon.districts or not known(typed)):
                facets = with_facet(facets, "place", district, district=district)
                if i < len(tokens) and _INWARD.fullmatch(tokens[i]):
                    i += 1  # the rest of a full postcode: "m14 5tq"
            elif typed.isdigit() and (span := age_range(tokens, i)):
                # "16-24 year olds", "16 to 24s": an age range, for whom its youngest says.
                i += span
                facets = with_age(facets, int(typed))
            elif typed.isdigit() and (year_old(tokens, i) or an_age(tokens, i - used, i)):
                # "my 2 year old", "mum is 81", "our lad's 15", "ha 75 anni": someone of that
                # age comes along.
                # The word that says so is no slot: Somali "sano" is not Spanish for healthy.
                i += 2 if year_old(tokens, i) else int(age_word_after(tokens, i))
                facets = with_age(facets, int(typed))
            elif (joined := JOINED_AGE.fullmatch(typed)) and "ago" not in tokens[i : i + 1]:
                i += 1 if tokens[i : i + 1] == ["old"] else 0  # "my 8yo", "15yrs old"
                facets = with_age(facets, int(joined[1]))
            elif not typed.isdigit():  # a bare number says nothing either
                form = " ".join(forms[i - used : i])
                real = languages.is_real_word(form, language)
                slots.append(Slot(typed, shown=shown, form=form, real=real))
            continue
        kind = meaning.kind
        if kind is Kind.FILLER:
            continue
        came_from = came_from_there(tokens, i - used)
        if kind is Kind.CONCEPT and used == 1 and works_when(tokens, i - 1):
            continue  # "husband works days": when he works, not work asked for
        if kind is Kind.CONCEPT:
            if meaning.value in lexicon.earned:
                earned_ends.append(i)
                if (
                    used > 1
                    and tokens[i - 1] in TICKETS
                    and (i == used or tokens[i - used - 1] not in POSSESSIVES)
                ):
                    # "Where can I get a forklift licence": by learning, not from an office;
                    # "lost my CSCS card" is about one the resident has.
                    learning = True
                    cues.append(i - used)
            if tuple(tokens[i - used : i]) in lexicon.beginnings:
                # "Haven't even got an email address": a beginners' course first.
                facets = with_meaning(facets, Meaning(Kind.LEVEL, BEGINNER), shown)
            if meaning.value == LITTLE_ONES:
                # "Copii mici", "kids under 5": children who come along, not a subject.
                facets = with_meaning(facets, Meaning(Kind.AUDIENCE, "children"), shown)
                little_ones = True
                continue
            # One mention of a concept answers one slot: "job interview" must not count a
            # course that mentions work twice, and "relax and unwind" asks for one thing.
            if meaning.value not in {s.concept for s in slots}:
                form = " ".join(forms[i - used : i])
                # A word read as written ("parenting") does not also match by its stem
                # ("parent" of every family course).
                literal = used == 1 and lexicon.phrases.get((typed,)) == meaning
                circumstance = meaning.value in lexicon.circumstances
                slots.append(
                    Slot(typed, meaning.value, literal, shown, form, circumstance=circumstance)
                )
                if (
                    used > 1
                    and tokens[i - used] not in _LACKING
                    and _asks_to_learn(tokens[i - used : i], lexicon)
                    and not a_goal(tokens, i - used)
                ):
                    cues.append(i - used)  # "drum lessons", "drama classes": asked to learn
                if meaning.value in lexicon.language_names.values() and (
                    came_from or tongues.already_spoken(tokens, i - used)
                ):
                    origins.append(len(slots) - 1)
            else:
                again.append((meaning.value, i - used))  # "do yoga... any yoga class"
                if used > 1 and _asks_to_learn(tokens[i - used : i], lexicon):
                    cues.append(i - used)  # "a hairdresser... is there a hairdressing course"
                if used == 1 and known(typed):
                    slots.append(Slot(typed, shown=shown, form=forms[i - 1]))
        elif kind is Kind.ABROAD:
            slot = _abroad(meaning, language, lexicon, shown)
            if slot is not None and slot.concept not in {s.concept for s in slots} - {None}:
                slots.append(slot)
                if came_from:
                    origins.append(len(slots) - 1)
        elif kind is Kind.NEAR_ME:
            near_me = True
        elif kind is Kind.LEARNING:
            learning = True
            cues.append(i - used)
        elif kind is Kind.REQUEST:
            request = True
            # Its words still say what the message is about, for when it asks to learn:
            # "learn to book a doctor's appointment online" is about appointments.
            for n in range(i - used, i):
                alone = lexicon.phrases.get((tokens[n],))
                concept = alone.value if alone and alone.kind is Kind.CONCEPT else None
                if concept is not None and concept in {s.concept for s in slots}:
                    continue  # one slot a concept, as above
                if concept or (
                    known(tokens[n]) and tokens[n] not in languages.any_function_words()
                ):
                    slots.append(Slot(tokens[n], concept, shown=pairs[n][1], form=forms[n]))
        elif kind is Kind.STRAIN:
            strains.append(shown)
        elif kind is Kind.NEWS:
            # One word of news only as written: "aprobé" (I passed) is news, "aprobar" (to
            # pass) what is still needed; so is news denied ("still haven't passed my theory").
            told = used > 1 or lexicon.written.get(forms[i - 1]) == meaning
            news = news or (told and not negation.denied(tokens, i - used))
        elif kind in (Kind.TIME, Kind.DAY):
            if not sat_down(tokens, i - used, i):  # "been sat in the shed" is no Saturday
                times.append((meaning, shown, i - used, i))  # which to keep: below
        elif kind is Kind.WHEN and meaning.value in SPANS and not short:
            continue  # "moved here in september": a month in a story is when it happened
        elif kind is Kind.UNDER and meaning.value:  # "under a fiver"
            facets = with_facet(facets, "price", shown, max_pence=int(meaning.value) * 100)
        elif kind is Kind.UNDER:
            if i < len(tokens) and tokens[i].isdigit():
                pounds = int(tokens[i])
                i += 1
                facets = with_facet(facets, "price", f"{shown} £{pounds}", max_pence=pounds * 100)
        elif (
            (kind is Kind.AUDIENCE and someones_parent(tokens, i - used, i))
            or (
                kind is Kind.AUDIENCE
                and meaning.value == "children"
                and children_in_the_story(tokens, i - used, i)
            )
            or (kind is Kind.ONLINE and home_all_day(tokens, i - used, i))
            or (kind is Kind.ONE_DAY and not a_day_long(tokens, i))
            or (kind is Kind.FREE and used == 1 and free_to_come(tokens, i - 1))
            or (kind is Kind.LEVEL and level_denied(tokens, i - used))
        ):
            continue
        else:
            if kind is Kind.LEVEL and level_passed(tokens, i - used):
                # "done entry 2 already": the next level is the one to join.
                meaning = Meaning(Kind.LEVEL, NEXT_LEVEL.get(meaning.value, meaning.value))
            facets = with_meaning(facets, meaning, shown)
    if request and not learning and any(s.concept in lexicon.earned for s in slots):
        # "They want a first aider, where do I get the ticket", "they keep asking for a food
        # hygiene certificate", "security ka kaam karna hai, license kaise milta hai": the
        # ticket the course earns, not one the resident has.
        learning = errands.asks_for_a_ticket(tokens, earned_ends)
    for meaning, shown, _, _ in free_times(times, tokens):
        facets = with_meaning(facets, meaning, shown)
    if strains and facets.audiences & MINORS and PARENTING not in {s.concept for s in slots}:
        # "My daughter is 15 and won't talk to me anymore, just slams doors": trouble with a
        # child named is what parenting courses are for, whatever words tell it.
        slots.append(Slot(PARENTING, PARENTING, literal=False, shown=strains[0]))
    if language is None and any(_GURMUKHI.search(token) for token in tokens):
        language = "pa"  # no word lists for Panjabi: its script says it
    starts.extend([begin] * (len(slots) - len(starts)))
    # Where someone comes from, as the language spoken there: "my mum from Hong Kong".
    origin = tuple(c for n in origins if (c := slots[n].concept) is not None)
    if any(
        s.concept is not None for n, s in enumerate(slots) if n not in origins
    ) and not tongues.says_own_language(tokens):
        # "Just arrived from Syria, no English at all": where the resident comes from is
        # their story, not what they ask; "her family are all from Gdansk and I never know
        # what they're saying" asks for nothing else, so Polish stands, as does Somali in
        # "never went to school in Somalia, can't read or write my own language".
        slots, starts = _without(slots, starts, origins)
    language_starts = [
        start
        for slot, start in zip(slots, starts, strict=True)
        if slot.concept in lexicon.language_concepts or slot.concept == ENGLISH
    ]
    # "دروس لغة إنجليزية", "英语语言": the word "language" beside a language's name says which
    # language, not languages in general (a language exchange, Spanish).
    beside = [
        n
        for n, (slot, start) in enumerate(zip(slots, starts, strict=True))
        if slot.concept == LANGUAGES
        and any(abs(start - other) <= BESIDE for other in language_starts)
    ]
    slots, starts = _without(slots, starts, beside)

    def asked(at: int) -> bool:
        return any(abs(at - cue) <= FOCUS_REACH for cue in cues)

    slots = [
        replace(slot, focus=True)
        if asked(start) or any(c == slot.concept and asked(at) for c, at in again)
        else slot
        for slot, start in zip(slots, starts, strict=True)
    ]
    # "Mandarin evening class": a language to learn, not one a tai chi class is taught in.
    slots = tongues.marked(slots, starts, tokens, lexicon.language_of_concept)
    asking = smalltalk.asks(tokens)
    # "Thank you, the swimming class changed my life": thanks for what was; "thank you, now
    # I'd like to learn computers" wishes for more.
    thanks = smalltalk.says_thanks(tokens) and not smalltalk.wishes(tokens, text)
    # "I passed level 1 BSL and want to keep going": news that wishes for more asks, unless
    # it thanks ("passed my theory test!! thank you all, now I need to save up").
    wishing = smalltalk.wants(tokens) and not smalltalk.says_thanks(tokens)
    # "Pilates or stretching class": subjects offered as alternatives, either will do.
    either = any(
        a.concept and b.concept and "or" in tokens[start:after]
        for (a, start), (b, after) in itertools.pairwise(zip(slots, starts, strict=True))
    )
    # "Caut un electrician", "selling my bike, 150 quid": someone to do a job, a small ad.
    request = request or errands.is_errand(tokens, text)
    # "Is the car park at Wythenshawe Park free": a question of fact, not a course asked.
    request = request or (language is None and errands.asks_a_fact(forms, slots, learning))
    return ParsedQuery(
        tuple(slots),
        facets,
        near_me,
        corrections,
        learning=learning,
        request=request,
        news=news and not wishing,
        language=language,
        length=len(tokens) + said,
        asking=asking,
        thanks=thanks,
        origin=origin,
        little_ones=little_ones,
        either=either,
    )


def _without(
    slots: list[Slot], starts: list[int], dropped: list[int]
) -> tuple[list[Slot], list[int]]:
    """The slots, and where each begins, but those at the positions dropped."""
    kept = [n for n in range(len(slots)) if n not in dropped]
    return [slots[n] for n in kept], [starts[n] for n in kept]


def _asks_to_learn(phrase: list[str], lexicon: Lexicon) -> bool:
    """Whether a phrase of a concept has a word about learning in it ("drum lessons", "learn
    english"), not as part of a job's name ("teaching assistant", "training officer")."""
    return any(
        _learning_word(token, lexicon) and (token not in _NAMES_A_JOB or n == len(phrase) - 1)
        for n, token in enumerate(phrase)
    )


# Words about learning that also name a job before another word: "teaching assistant".
_NAMES_A_JOB = frozenset(("teach", "train"))


def _learning_word(token: str, lexicon: Lexicon) -> bool:
    meaning = lexicon.phrases.get((token,))
    return meaning is not None and meaning.kind is Kind.LEARNING


def _abroad(meaning: Meaning, language: str | None, lexicon: Lexicon, shown: str) -> Slot | None:
    """The language a place abroad stands for: "off to Rome", "suppliers in Shenzhen" ask for
    Italian and Mandarin; not a place of the message's own language ("soy de Colombia")."""
    if meaning.value == language:
        return None
    name = lexicon.language_names[meaning.value]
    phrase = tuple(words(name))
    known = lexicon.phrases.get(phrase)
    concept = known.value if known is not None and known.kind is Kind.CONCEPT else None
    return Slot(" ".join(phrase), concept, shown=shown, form=name, abroad=True)
