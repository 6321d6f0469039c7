"""What a message asks beside its subject: when, what time, how much, online or not, what
level, for whom, for how long (a one-day course) and where. The parser (`query.py`) finds
the words; this module holds the facets they set, how they are named back to the resident,
and how an age becomes an audience ("my 10 year old": children's courses, and not one for
adults).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from search.dates import BEFORE_A_MONTH, MONTHS
from search.lexicon import CHEAP_PENCE, Kind, Meaning, Place
from search.text import words

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_BITS = {day: 1 << i for i, day in enumerate(DAYS)} | {
    "weekend": 0b1100000,
    "weekday": 0b0011111,
}
TIME_BITS = {"morning": 1, "afternoon": 2, "evening": 4, "daytime": 3}
LEVELS = (
    "beginner",
    "improver",
    "advanced",
    "pre_entry",
    "entry1",
    "entry2",
    "entry3",
    "level1",
    "level2",
    "level3",
)
LEVEL_BITS = {name: 1 << i for i, name in enumerate(LEVELS)}
AUDIENCE_BITS = {"children": 1, "family": 2, "older": 4, "women": 8, "young": 16}
# The audiences of people under 18: children, young people, and families (who bring them).
MINORS: Final = AUDIENCE_BITS["children"] | AUDIENCE_BITS["family"] | AUDIENCE_BITS["young"]
# How facets are named back to the resident ("No Saturday pottery found").
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
AUDIENCE_NAMES = {
    "children": "children",
    "family": "families",
    "older": "over 50s",
    "women": "women",
    "young": "young people",
}
SCHOOL_AGE, TEEN_AGE, ADULT_AGE = 5, 13, 20
ADULTS = "adults"  # the audience word for grown-ups: "adult literacy", "for adults"
AN_ADULT = 30  # the age read for it: past every age group but the over 50s'
MAJORITY_AGE = 18  # under it, a course for adults will not take them
OLDER_AGE, OLDEST_AGE = 60, 110
# Words beside a number that make it an age, in the city's languages: "is 81", "aged 70", "he's
# 80" (he, s), "i'm 67" (i, m); "75 anni", "65 años", "70 lat", "60 سال", "70岁". English "years"
# alone is more often time spent ("been here 5 years now"): an age when "old" or "is" says so.
_AGE_BEFORE = frozenset(
    (
        *("is", "s", "m", "im", "am", "are", "aged", "age", "turned", "turning", "was"),
        # "age" in the city's languages, before the number: "বয়স ১৮", "عمره 15", "umar 17"
        *words("বয়স عمر عمره عمرها عمری umar umr ਉਮਰ سن edad idade"),
    )
)
_AGE_AFTER = frozenset(
    words(
        "yo anni anno años anos ans ani lat lata sal saal سال سالہ سالشه سنة سنوات "
        "عاما عام 岁 岁了 歲 jir jirka sano বছর বছরের ਸਾਲ salî sali ورھیاں ورہیاں ਵਰ੍ਹਿਆਂ "
        "bochor bochorer ساله"
    )
)
# Before "'s" and a number, words that name nobody whose age it could be.
_NO_ONE = frozenset(("what", "that", "it", "there", "here", "where", "how", "who", "which"))
# Words before a number of years that make it time spent, not an age: "for 11 years".
_TIME_SPENT = frozenset(("for", "after", "over", "past", "last", "in", "since", "within"))
# An age written as one word: "my 8yo", "15yrs".
JOINED_AGE = re.compile(r"(\d{1,3})(?:yo|yrs?|yro)")


@dataclass(frozen=True)
class Facets:
    days: int = 0
    times: int = 0
    max_pence: int | None = None
    mode: str | None = None  # "online" or "in_person"
    levels: int = 0
    audiences: int = 0
    place: Place | None = None
    others: tuple[Place, ...] = ()  # places named before it: "in rusholme or fallowfield"
    district: str | None = None  # a postcode district typed as such, "M14"
    when: str | None = None  # a stretch of the calendar, as search.dates names them
    age: int | None = None  # the youngest age given: "my 10 year old"
    one_day: bool = False  # over within a day: "one-day courses in february"
    self_paced: bool = False  # done when the resident likes: "online, at my own pace"
    qualifying: bool = False  # leads to a qualification: "with a certificate at the end"
    grown: bool = False  # for adults, said so: "pottery class for adults", "adult literacy"
    labels: tuple[tuple[str, str], ...] = ()  # (facet, the words the resident used)

    @property
    def minor(self) -> bool:
        """Whether the age of someone under 18 was given."""
        return self.age is not None and self.age < MAJORITY_AGE

    @property
    def active(self) -> tuple[str, ...]:
        """The facets in force, as names: when, day, time, price, mode, level, audience,
        one day, place."""
        names = []
        for name, on in (
            ("when", self.when),
            ("day", self.days),
            ("time", self.times),
            ("price", self.max_pence is not None),
            ("mode", self.mode),
            ("level", self.levels),
            ("audience", self.audiences),
            ("one_day", self.one_day),
            ("self_paced", self.self_paced),
            ("qualifying", self.qualifying),
            ("place", self.place or self.district),
        ):
            if on:
                names.append(name)
        return tuple(names)

    def label(self, facet: str) -> str:
        """The resident's words for a facet, each once; places named as alternatives apart
        ("Rusholme / Fallowfield")."""
        said = dict.fromkeys(words for name, words in self.labels if name == facet)
        return (" / " if facet == "place" else " ").join(said)


_CLOCK = re.compile(r"(\d{1,2})(am|pm)")  # "6pm", "10am"
_MINUTES = re.compile(r"(\d{2})(am|pm)?")  # the "30pm" of "6:30pm", the "00" of "18:00"
_BEFORE_CLOCK = frozenset(("after", "before", "at", "from", "until", "till", "by", "around"))
NOON, EVENING = 12, 17  # when the afternoon and the evening begin, for courses and messages


def clock_time(tokens: list[str], i: int) -> tuple[str, int] | None:
    """The time of day a clock time at tokens[i] names ("6pm", "6 pm", "6:30pm", "6:30 pm",
    "after 18:00") and how many tokens it takes; None when it is no clock time."""
    token, after = tokens[i], tokens[i + 1 : i + 2]
    if found := _CLOCK.fullmatch(token):
        hour, half, used = int(found[1]), found[2], 1
    elif token.isdigit() and after and after[0] in ("am", "pm"):
        hour, half, used = int(token), after[0], 2
    elif token.isdigit() and after and (minutes := _MINUTES.fullmatch(after[0])):
        half, used = minutes[2], 2
        hour = int(token)
        if half is None and tokens[i + 2 : i + 3] in (["am"], ["pm"]):
            half, used = tokens[i + 2], 3  # "6:30 pm"
        if half is None and not (i and tokens[i - 1] in _BEFORE_CLOCK and hour <= 23):
            return None  # "2 15 year olds" is no time
    else:
        return None
    if hour > (12 if half else 23):
        return None
    hour = hour % 12 + (12 if half == "pm" else 0) if half else hour
    return time_of_day(hour), used


def time_of_day(hour: int) -> str:
    """Morning, afternoon or evening, as courses meeting at that hour are filed."""
    return "morning" if hour < NOON else "afternoon" if hour < EVENING else "evening"


def age_range(tokens: list[str], after: int) -> int:
    """How many tokens after a number end an age range begun by it ("16-24 year olds", "16 to
    24 year olds", "for 16 to 24s"), or 0 if they do not."""
    skip = int("".join(tokens[after : after + 1]) in _RANGE_WORDS)
    end = after + skip
    if "".join(tokens[end : end + 1]).isdigit():
        if year_old(tokens, end + 1):
            return skip + 3
        if age_word_after(tokens, end + 1):  # "بچه‌های ۸ و ۱۲ ساله", "8 i 12 lat"
            return skip + 2
    if _DECADES.fullmatch("".join(tokens[end : end + 1])) and skip:
        return skip + 1
    return 0


# Between the two ages of a range: "16 to 24", "8 and 12", "۸ و ۱۲", "8 i 12", "8 y 12".
_RANGE_WORDS = frozenset(("to", "and", "و", "i", "y", "e", "și", "si", "a", "iyo", "û"))
_DECADES = re.compile(r"\d{1,2}s")  # the end of a range of ages: "16 to 24s"


def year_old(tokens: list[str], after: int) -> bool:
    """Whether the tokens after a number say "year old" ("3 yr old", "7 yrs old")."""
    unit, old = tokens[after : after + 1], tokens[after + 1 : after + 2]
    return unit in (["year"], ["yr"], ["yrs"]) and old == ["old"]


# A parent named as someone's ("my mum had a fall", "me dad's in a home") is a grown-up the
# message is about, not a family course's audience, nor is a resident saying what they are
# ("i'm a mum so evenings only"); "a group for mums" and "parents of toddlers" still are.
_PARENTS = frozenset(("mum", "dad", "parent", "mother", "father"))
POSSESSIVES = frozenset(("my", "me", "our", "his", "her", "their", "your", "ur"))
_BEING_A = (["m", "a"], ["am", "a"])  # "i'm a", "i am a", as messages are read


def someones_parent(tokens: list[str], start: int, end: int) -> bool:
    """Whether the family-audience words at tokens[start:end] name someone's parent, or the
    resident as one."""
    if end - start != 1 or tokens[start] not in _PARENTS:
        return False
    before = tokens[max(0, start - 2) : start]
    return bool(before) and (before[-1] in POSSESSIVES or before in _BEING_A)


def with_age(facets: Facets, age: int) -> Facets:
    """The facets with the audience of someone that age, if any."""
    audience = _audience_of_age(age)
    if facets.age is None or age < facets.age:
        facets = replace(facets, age=age)
    if audience is None:
        return facets
    bits = facets.audiences | AUDIENCE_BITS[audience]
    if age < TEEN_AGE:
        # A young child comes with a parent, and courses for their parents serve them: "my
        # 7 year old keeps asking where grandad's gone" and helping children cope with grief.
        bits |= AUDIENCE_BITS["family"]
    return with_facet(facets, "audience", AUDIENCE_NAMES[audience], audiences=bits)


def an_age(tokens: list[str], start: int, end: int) -> bool:
    """Whether a number is someone's age: next to a word that says so ("is 81", "aged 70",
    "75 anni", "65 سال"), not a price or a count ("60 quid"), nor a stretch of time ("came
    here 2 years ago", "for 11 years", "after 8 years at home")."""
    before = tokens[start - 1] if start > 0 else ""
    if tokens[end + 1 : end + 2] == ["ago"] or before in _TIME_SPENT:
        return False
    if before == "was" and tokens[start - 2 : start - 1] == ["i"]:
        return False  # the resident's own past: "cooking since i was 12"
    if before == "s" and tokens[start - 2 : start - 1] and tokens[start - 2] in _NO_ONE:
        return False  # "what's 15% of 240", "it's 20 quid": nobody's age
    if tokens[end : end + 1] and tokens[end] in _COUNTED:
        return False  # "the classes are 10 quid", "she's 5 minutes away"
    return before in _AGE_BEFORE or age_word_after(tokens, end)


# Words after a number that make it a price, a count or a time, not an age.
_COUNTED = frozenset(words("quid pounds pound pence p minutes mins hours hrs miles people times"))


# A price written before its limit: "40 quid or less", "£30 tops", "20 pounds max".
_CURRENCY = frozenset(words("quid pound pounds gbp"))
_LIMIT_AFTER = (
    ("or", "less"),
    ("or", "under"),
    ("or", "cheaper"),
    ("at", "most"),
    ("max",),
    ("maximum",),
    ("top",),
    ("tops",),
)


def price_limit_after(tokens: list[str], start: int) -> int | None:
    """Where "N quid or less" ends, for the number at tokens[start]; None when no limit
    follows it (a price alone is no ceiling: "the classes are 10 quid")."""
    at = start + 1
    if at < len(tokens) and tokens[at] in _CURRENCY:
        at += 1
    for limit in _LIMIT_AFTER:
        if tuple(tokens[at : at + len(limit)]) == limit:
            return at + len(limit)
    return None


def age_word_after(tokens: list[str], end: int) -> bool:
    """Whether the word after a number says it is an age: "ha 17 anni", "19 sano"."""
    return end < len(tokens) and tokens[end] in _AGE_AFTER


def _audience_of_age(age: int) -> str | None:
    """Whose courses suit someone of an age: under fives come with family; then children's,
    young people's, none for adults (a course for everyone suits them), the over 50s'."""
    if age < SCHOOL_AGE:
        return "family"
    if age < TEEN_AGE:
        return "children"
    if age < ADULT_AGE:
        return "young"
    if OLDER_AGE <= age <= OLDEST_AGE:
        return "older"
    return None


def with_meaning(facets: Facets, meaning: Meaning, typed: str) -> Facets:
    kind, value = meaning.kind, meaning.value
    if kind is Kind.AUDIENCE and value == ADULTS:
        # "Adult literacy", "for adults": someone grown up, of no age group, so not the
        # course whose ages are a child's; yet every course for adults, so no filter.
        return replace(with_age(facets, AN_ADULT), grown=True)
    if kind is Kind.WHEN:
        # "No pottery found for may", not "for in may".
        first, _, rest = typed.partition(" ")
        label = rest if value in MONTHS and first.lower() in BEFORE_A_MONTH and rest else typed
        return with_facet(facets, "when", label, when=value)
    if kind is Kind.DAY:
        label = DAY_NAMES.get(value, value)
        return with_facet(facets, "day", label, days=facets.days | DAY_BITS[value])
    if kind is Kind.TIME:
        return with_facet(facets, "time", value, times=facets.times | TIME_BITS[value])
    if kind is Kind.FREE:
        return with_facet(facets, "price", typed, max_pence=0)
    if kind is Kind.CHEAP:
        return with_facet(facets, "price", typed, max_pence=CHEAP_PENCE)
    if kind is Kind.ONLINE:
        return with_facet(facets, "mode", typed, mode="online")
    if kind is Kind.IN_PERSON:
        return with_facet(facets, "mode", typed, mode="in_person")
    if kind is Kind.ONE_DAY:
        return with_facet(facets, "one_day", typed, one_day=True)
    if kind is Kind.SELF_PACED:
        return with_facet(facets, "self_paced", typed, self_paced=True)
    if kind is Kind.QUALIFYING:
        return with_facet(facets, "qualifying", typed, qualifying=True)
    if kind is Kind.LEVEL:
        return with_facet(facets, "level", typed, levels=facets.levels | LEVEL_BITS[value])
    if kind is Kind.AUDIENCE:
        label = AUDIENCE_NAMES[value]
        return with_facet(
            facets, "audience", label, audiences=facets.audiences | AUDIENCE_BITS[value]
        )
    if kind is Kind.PLACE and meaning.place is not None:
        others = facets.others
        if facets.place is not None and facets.place != meaning.place:
            others = (*others, facets.place)
        return with_facet(facets, "place", meaning.place.name, place=meaning.place, others=others)
    return facets


def with_facet(facets: Facets, name: str, typed: str, **changes: object) -> Facets:
    return replace(facets, labels=(*facets.labels, (name, typed)), **changes)  # type: ignore[arg-type]
