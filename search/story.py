"""What a message tells of the resident's life rather than asks of a course: when they work
("husband works days", "din mein kaam karta hoon"), when they are free ("only free after 6pm"),
where they came from or worked before ("was a doctor in Afghanistan"), the level they have
done or are not ("done entry 2 already", "not a complete beginner"), and whether "sat", "at
home", "one day" or children at school are their story. The parser (`query.py`) asks these
before reading a word as a facet.
"""

from __future__ import annotations

import itertools
from typing import Final

from search.lexicon import Kind, Meaning
from search.text import words

# Words for being at work, in the city's languages (as the index folds and stems them).
_BUSY = frozenset(
    (
        *("work", "job", "shift", "trabajo", "trabalho", "pracuje", "lavoro", "lucrez", "shaqo"),
        *("kaam", "اعمل", "اشتغل", "کار", "کام", "কাজ", "上班", "工作", "打工"),
    )
)
BUSY_REACH = 3  # tokens
Said = tuple[Meaning, str, int, int]  # a time of day: its meaning, words, start and end


def free_times(times: list[Said], tokens: list[str]) -> list[Said]:
    """The times of day and the days a resident can come, of those said (meaning, words,
    start, end): of two, not the one said of being at work ("classes in the evening, I work
    in the day", "白天要上班", "los sábados, entre semana trabajo"); one alone is kept, since
    "I work nights" may be all there is."""
    kept = []
    for kind in (Kind.TIME, Kind.DAY):
        said = [each for each in times if each[0].kind is kind]
        if len({each[0].value for each in said}) < 2:
            kept += said
        else:
            # A day said before the work: "entre semana trabajo"; a time there is the
            # other one's story ("wieczorem? Pracuję w ciągu dnia").
            after = kind is Kind.DAY
            kept += [e for e in said if not _at_work(tokens, e[1], e[2], e[3] if after else None)]
    return kept


def works_when(tokens: list[str], at: int) -> bool:
    """Whether a word for work at `at` tells when someone works ("husband works days", "I
    work nights", "I work six days a week", "I work full time"), not work they ask for."""
    if tokens[at] not in _BUSY or not tokens[at - 1 : at] or tokens[at - 1] not in _WORKERS:
        return False
    after = tokens[at + 1 : at + 3]
    return bool(after) and (after[0] in _SCHEDULES or after[:2] == ["a", "day"])


def level_passed(tokens: list[str], at: int) -> bool:
    """Whether a level at `at` is one the resident has done ("done entry 2 already", "I
    passed my level 1"), so the next one is asked."""
    return bool(_PASSED & set(tokens[max(0, at - 2) : at]))


def level_denied(tokens: list[str], at: int) -> bool:
    """Whether the level word at `at` is one the resident says they are not, or do not want:
    "intermediate art, not beginners stuff", "I'm not a complete beginner"; not "not
    confident, a total beginner"."""
    n = at - 1
    while n >= 0 and tokens[n] in _DENIED_LEVEL_BETWEEN:
        n -= 1
    return n >= 0 and tokens[n] == "not"


# Words between "not" and a level it denies: "not for complete beginners", "not a beginner".
_DENIED_LEVEL_BETWEEN = frozenset(("a", "an", "for", "complete", "total", "absolute", "just"))
_PASSED = frozenset(words("done finished passed completed did got"))
# The level after each, on the ladders courses are filed on.
NEXT_LEVEL: Final = {
    "beginner": "improver",
    "improver": "advanced",
    "pre_entry": "entry1",
    "entry1": "entry2",
    "entry2": "entry3",
    "entry3": "level1",
    "level1": "level2",
    "level2": "level3",
}


def came_from_there(tokens: list[str], at: int) -> bool:
    """Whether a place at `at` is where someone comes from or lived before ("just arrived
    from Syria", "I was a doctor in Afghanistan", "went to uni in Brazil"), not where they
    are going ("off to Spain in the summer")."""
    before = tokens[at - 1] if at > 0 else ""
    if before == "from":
        return True
    if before != "in":
        return False
    past = tokens[max(0, at - PAST_REACH) : at]
    used_to = any(pair == ("used", "to") for pair in itertools.pairwise(past))
    # "back in Iran", "I used to play every week in Syria"
    return tokens[at - 2 : at - 1] == ["back"] or bool(_PAST & set(past)) or used_to


PAST_REACH = 6  # tokens
_PAST = frozenset(words("was were worked lived studied went grew born taught qualified"))


def free_to_come(tokens: list[str], at: int) -> bool:
    """Whether "free" at `at` says when the resident can come ("I'm only free after 6pm",
    "I am free mornings"), not what a course costs ("will it be free", "they're free")."""
    before = tokens[max(0, at - 2) : at]
    if before[-1:] and before[-1] in _HOW_OFTEN_FREE:
        if tokens[at + 1 : at + 2] and tokens[at + 1] in _WHEN_NEXT:
            return True  # "only free after 6pm", not "only free courses"
        before = before[:-1]  # "I'm only free", "I am usually free"
    return bool(before) and before[-1] in _I_AM


_I_AM = frozenset(words("m am im"))  # as "I'm" is read: "i m"
_HOW_OFTEN_FREE = frozenset(words("only usually always mostly normally mainly just"))
_WHEN_NEXT = frozenset(
    words(
        "after before on at from until till mornings evenings afternoons weekends weekdays "
        "days nights monday tuesday wednesday thursday friday saturday sunday"
    )
)
# Who works, just before the word for it; and how long or when, just after it.
_WORKERS = frozenset(words("i he she we they husband wife partner mum dad son daughter s m am"))
_SCHEDULES = frozenset(
    words(
        "days nights mornings evenings afternoons weekends shifts weekdays full six five "
        "monday mon 9 nine long early late lates earlies all"
    )
)


def _at_work(tokens: list[str], shown: str, start: int, end: int | None) -> bool:
    """Whether a time of day or a day is when the resident works: just after a word for
    work ("I work nights", "trabajo de noche", "أعمل طوال النهار"), just before one when
    `end` is given ("entre semana trabajo", "weekdays I work"), or, written in a script
    whose languages put the verb last, a little before one ("দিনে কাজ করি", "白天要上班")."""
    if any(token in _BUSY for token in tokens[max(0, start - BUSY_REACH) : start]):
        return True
    if end is not None and any(token in _BUSY for token in tokens[end : end + 2]):
        return True
    if not shown.isascii():
        return any(token in _BUSY for token in tokens[start : start + 3])
    # Urdu and Bengali in Latin letters put the verb last too: "din mein kaam karta hoon".
    return any(token in _BUSY_LAST for token in tokens[start + 1 : start + 4])


_BUSY_LAST = frozenset(words("kaam kaj naukri"))


# "Sat" is the verb, not Saturday, beside these: "it's just sat in the box", "been sat in the
# shed", "sat at home doing nothing".
_SAT_AFTER = frozenset(words("been just still was were s it i he she they we im all always"))
_SAT_BEFORE = frozenset(words("in on at there around about and doing watching with here"))


def sat_down(tokens: list[str], start: int, end: int) -> bool:
    """Whether a day's short name is the verb "sat" where it stands."""
    if tokens[start:end] != ["sat"]:
        return False
    before = tokens[start - 1] if start else ""
    return before in _SAT_AFTER or (end < len(tokens) and tokens[end] in _SAT_BEFORE)


# "Been at home since having the kids", "I'm at home with two small children all day": where
# the resident spends their days, not a wish to learn online.
_AT_HOME_AFTER = frozenset(words("been be being am m is s was were stay stayed stuck sat sit i"))


def home_all_day(tokens: list[str], start: int, end: int) -> bool:
    """Whether "at home" tells where the resident is, rather than asks to learn there."""
    return (
        tokens[start:end] == ["at", "home"] and start > 0 and tokens[start - 1] in _AT_HOME_AFTER
    )


# "One day a week" says how often; "one day I'd like to", "one day last week" say when.
_NOT_HOW_LONG_AFTER = frozenset(words("i id i'd we my he she they you soon last next this when"))
_HOW_OFTEN = (["a", "week"], ["a", "month"], ["a", "fortnight"], ["per", "week"], ["each", "week"])


def a_day_long(tokens: list[str], end: int) -> bool:
    """Whether "one day" just before tokens[end] asks for a course over within a day."""
    return tokens[end : end + 2] not in _HOW_OFTEN and (
        end >= len(tokens) or tokens[end] not in _NOT_HOW_LONG_AFTER
    )


# Children who are the resident's story, not whom the course is for: "at home with the kids
# for 6 years", "now that my kids are at school", "os meus filhos já estão na escola".
_WITH = frozenset(words("with having had since"))
_AT_SCHOOL = frozenset(words("school escola escuela scuola scoala szkole مدرسه مدرسة"))
# Words that put them there: "are at school", "já estão na escola", "sunt la școală"; not
# "school maths" nor "بچوں کو اسکول کا حساب" (the children's school sums).
_BEING_AT = frozenset(
    words("are is at in now started starts all both ja estao na em estan en sono a sunt la sa w")
)
_SCHOOL_REACH = 4  # tokens


def children_in_the_story(tokens: list[str], start: int, end: int) -> bool:
    """Whether children named at tokens[start:end] are the resident's circumstances: the
    ones they have been at home with, or who are at school now."""
    before = tokens[max(0, start - 2) : start]
    if any(token in _WITH for token in before):
        return True
    after = tokens[end : end + _SCHOOL_REACH]
    school = next((n for n, token in enumerate(after) if token in _AT_SCHOOL), None)
    return school is not None and all(token in _BEING_AT for token in after[:school])


def a_goal(tokens: list[str], at: int) -> bool:
    """Whether the phrase at tokens[at] is a course the resident is heading for, not asking
    for here: "need my maths gcse to get on the nursing course", "to get into uni"."""
    before = tokens[max(0, at - 3) : at]
    while before and before[-1] in _DETERMINERS:
        before = before[:-1]
    return before[-2:] in _HEADING_FOR


_DETERMINERS = frozenset(words("the a an my this that"))
_HEADING_FOR = (["get", "on"], ["get", "onto"], ["get", "into"], ["got", "on"], ["go", "on"])
