"""The per-course checks and measures ranking uses: facets met, distance, word order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from catalogue.models import Course
from search import tongues
from search.audiences import NO_AGE
from search.dates import SPANS, window
from search.facets import AUDIENCE_BITS, Facets
from search.indexing import Tables, concept_token
from search.lexicon import Lexicon
from search.parsed import ParsedQuery
from search.schedules import MONTHS_KEPT, month_number
from search.text import fold, words

MADE_FOR: Final = 0.05  # a course made for the audience asked, over one open to everyone
# In a long message too, a class for women when the resident asks for one ("she won't go to a
# class if there are men in it"): its share of the best ranking.
WOMEN_ASKED: Final = 0.3
_WOMEN: Final = np.uint8(AUDIENCE_BITS["women"])
# A course made for a group the message gives no sign of (its share of the best ranking).
OUTSIDE_GROUP: Final = 0.06
# A course with a crèche, for a parent of small children asking to learn for themselves.
CRECHE_WANTED: Final = 0.2
# A course taught only in a language the message is not written in and does not name.
TAUGHT_ELSEWHERE: Final = 0.3
# A course whose audience's ages leave out the age given.
AGE_BEYOND: Final = 0.3
AGE_WITHIN: Final = 0.05

# Under this age a child comes along with the parent: a group for adults will not do.
COMES_ALONG: Final = 5
SOCIAL: Final = "social"  # the concept of company: meeting people, getting out of the house
CRECHE: Final = "creche"


# When no course meets every facet, meeting more of them (by weight) adds up to this much; with
# a place asked for, each kilometre away costs KM_COST, up to KM_CAP.
FACET_SHARE: Final = 0.3
KM_COST: Final = 0.03
KM_CAP: Final = 0.9  # 30 km: across Greater Manchester, nearer stays first


def facet_bonus(
    met: npt.NDArray[np.int16],
    full: int,
    distance: npt.NDArray[np.float64],
    place_asked: bool,
) -> npt.NDArray[np.float64]:
    """What facets add to relevance. When no course meets them all, each facet kept counts by
    its weight; with a place asked for, every kilometre away costs a little."""
    bonus = FACET_SHARE * met / full if full else np.zeros(len(met))
    if place_asked:
        km = np.nan_to_num(distance, nan=KM_CAP / KM_COST)
        bonus = bonus - np.minimum(km * KM_COST, KM_CAP)
    result: npt.NDArray[np.float64] = bonus
    return result


def facet_checks(
    t: Tables,
    lexicon: Lexicon,
    facets: Facets,
    candidates: npt.NDArray[np.intp],
    distance: npt.NDArray[np.float64],
    now: datetime,
) -> Iterator[tuple[str, npt.NDArray[np.bool_]]]:
    """(facet, which candidates meet it) for each facet asked for. Fills `distance` with
    each candidate's distance from the place asked for, when one was."""
    if facets.when:
        start, end = window(facets.when, now, t.tz)
        in_months = _month_bits(t, start, end) if facets.when in SPANS else None
        if in_months is not None:
            yield "when", (t.months[candidates] & np.uint32(in_months)) > 0
        else:
            yield "when", _meeting(t, candidates, start, end)
    if facets.days:
        yield "day", (t.days[candidates] & facets.days) > 0
    if facets.times:
        yield "time", (t.times[candidates] & facets.times) > 0
    if facets.max_pence is not None:
        cost = t.cost[candidates]
        yield "price", (cost >= 0) & (cost <= facets.max_pence)
    if facets.mode == "online":
        yield "mode", t.mode[candidates] != 0
    elif facets.mode == "in_person":
        yield "mode", t.mode[candidates] != 1
    if facets.levels:
        yield "level", (t.levels[candidates] & facets.levels) > 0
    if facets.audiences:
        yield "audience", (t.audiences[candidates] & facets.audiences) > 0
    if facets.one_day:
        yield "one_day", t.one_day[candidates]
    if facets.self_paced:
        yield "self_paced", t.self_paced[candidates]
    if facets.qualifying:
        yield "qualifying", t.qualifying[candidates]
    place = centre(lexicon, facets)
    if place is not None:
        # Any of the places named will do ("in rusholme or fallowfield"); the nearest counts.
        named_places = (facets.place, *facets.others) if facets.place else ()
        points = [(p.lat, p.lon) for p in named_places] or [place]
        distance[:] = np.min(
            [haversine(lat, lon, t.lat[candidates], t.lon[candidates]) for lat, lon in points],
            axis=0,
        )
        near = distance <= lexicon.radius_km
        areas = [fold(p.name) for p in named_places]
        districts = (
            {d for p in named_places for d in p.districts} if named_places else {facets.district}
        )
        area_codes = [t.area_code[a] for a in areas if a in t.area_code]
        district_codes = [t.district_code[d] for d in districts if d in t.district_code]
        named = np.isin(t.areas[candidates], area_codes) | np.isin(
            t.districts[candidates], district_codes
        )
        yield "place", near | named


def _month_bits(t: Tables, start: datetime, end: datetime) -> int | None:
    """The month bits of whole calendar months from start to end (a month window), or None
    when they are not all among the months the index keeps."""
    first = datetime(*t.months_from, 1, tzinfo=t.tz)
    since = month_number(start.astimezone(t.tz), first)
    until = month_number((end - timedelta(microseconds=1)).astimezone(t.tz), first)
    if since < 0 or until >= MONTHS_KEPT:
        return None
    return sum(1 << month for month in range(since, until + 1))


def _meeting(
    t: Tables, candidates: npt.NDArray[np.intp], start: datetime, end: datetime
) -> npt.NDArray[np.bool_]:
    """Which candidates have a session starting in [start, end)."""
    first_minute, end_minute = int(start.timestamp()) // 60, int(end.timestamp()) // 60
    if t.sessions_from <= first_minute and end_minute <= t.sessions_until:
        first, last = np.searchsorted(t.session_minutes, [first_minute, end_minute])
        return np.isin(candidates, t.session_course[first:last])
    # Weeks the index does not keep (it was built long ago): from the courses themselves.
    return np.fromiter(
        (any(start <= s.start < end for s in t.courses[int(c)].sessions) for c in candidates),
        bool,
        len(candidates),
    )


def centre(lexicon: Lexicon, facets: Facets) -> tuple[float, float] | None:
    """Where the place asked for is: a neighbourhood's centre, or a postcode district's."""
    if facets.place is not None:
        return facets.place.lat, facets.place.lon
    if facets.district is not None:
        return lexicon.districts.get(facets.district)
    return None


def proximity(slot_words: Sequence[str], course: Course) -> int:
    """Pairs of consecutive query words found next to each other, in order, in the title."""
    if len(slot_words) < 2:
        return 0
    title = words(course.title)
    where = {w: i for i, w in enumerate(title)}
    return sum(
        1
        for a, b in itertools.pairwise(slot_words)
        if a in where and b in where and 0 < where[b] - where[a] <= 2
    )


def haversine(
    lat: float, lon: float, lats: npt.NDArray[np.float64], lons: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    phi1, phi2 = np.radians(lat), np.radians(lats)
    dphi, dlambda = phi2 - phi1, np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    result: npt.NDArray[np.float64] = 6371.0 * 2 * np.arcsin(np.sqrt(a))
    return result


def outside_group(
    t: Tables,
    lexicon: Lexicon,
    parsed: ParsedQuery,
    typed: Sequence[str],
    candidates: npt.NDArray[np.intp],
) -> npt.NDArray[np.bool_]:
    """Which candidates are made for a group ("Women", "Disabled adults", "Unpaid carers")
    that the message names neither by a word of its audience nor by its concept, nor by an
    audience facet ("my mum", "for over 50s"). `typed`: the message's words, as `words` reads
    them."""
    if not t.groups:
        return np.zeros(len(candidates), bool)
    said = set(typed) | {slot.word for slot in parsed.slots} | set(parsed.origin)
    for group, members in lexicon.members.items():
        if members & said:
            # "Waxaan ahay hooyo": a mother may join the women's class.
            said |= _GROUP_NAMES[group]
    said |= {concept_token(slot.concept) for slot in parsed.slots if slot.concept is not None}
    said |= {concept_token(concept) for concept in parsed.origin}
    # The last entry answers for courses of no group (-1).
    unsaid = np.array([not (group & said) for group in t.groups] + [False])
    other = (t.audiences[candidates] & np.uint8(parsed.facets.audiences)) == 0
    result: npt.NDArray[np.bool_] = unsaid[t.group[candidates]] & other
    return result


# How courses' audiences name the groups of `Lexicon.members`.
_GROUP_NAMES: Final = {
    "women": frozenset(words("women woman ladies lady female mothers mums")),
    "men": frozenset(words("men man male gents dads fathers blokes")),
}


def taught_elsewhere(
    t: Tables,
    lexicon: Lexicon,
    parsed: ParsedQuery,
    typed: Sequence[str],
    candidates: npt.NDArray[np.intp],
) -> npt.NDArray[np.bool_]:
    """Which candidates are taught only in languages the message is neither written in nor
    names: a chair exercise class taught in Panjabi is no answer to a Somali grandmother's
    daughter, nor to "gentle exercise for my mum" in English."""
    if not t.teachings or tongues.says_own_language(typed):
        # "something in my own language": any language but English may be theirs.
        return np.zeros(len(candidates), bool)
    said = set(tongues.named_languages(typed))
    by_concept = lexicon.language_of_concept
    said |= {by_concept[s.concept] for s in parsed.slots if s.concept in by_concept}
    said |= {by_concept[concept] for concept in parsed.origin if concept in by_concept}
    if parsed.language is not None:
        said.add(parsed.language)
    said |= {tongues.KIN[code] for code in said if code in tongues.KIN}
    # The last entry answers for courses taught in English (-1).
    unsaid = np.array([not (codes & said) for codes in t.teachings] + [False])
    result: npt.NDArray[np.bool_] = unsaid[t.taught[candidates]]
    return result


def comes_along(parsed: ParsedQuery) -> bool:
    """Whether the message names a baby or toddler who comes wherever the resident goes, and
    asks for no subject of the resident's own ("i want to learn english, i have a 2 year old"
    does): only keeping company, a circumstance, or nothing."""
    if not little(parsed):
        return False
    return all(slot.concept in (None, SOCIAL) or slot.circumstance for slot in parsed.slots)


def by_share_of_best(
    ranking: npt.NDArray[np.float64], share: float, chosen: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """The ranking with the chosen courses moved by a share of the best ranking as it now
    stands (up for a positive share, down for a negative one), so that each rule weighs the
    same however strongly the message matched."""
    result: npt.NDArray[np.float64] = ranking + share * max(float(ranking.max()), 0.0) * chosen
    return result


def wants_a_creche(parsed: ParsedQuery) -> bool:
    """Whether a parent names small children while asking to learn something of their own
    ("I'm a mum with 2 kids under 5 and I want to learn English", "sunt mama cu 2 copii mici
    si vreau sa invat engleza"): the children come too, unless there is a crèche."""
    own = any(slot.concept is not None and not slot.circumstance for slot in parsed.slots)
    return little(parsed) and own


def little(parsed: ParsedQuery) -> bool:
    """Whether the message names a baby, a toddler or small children."""
    age = parsed.facets.age
    return parsed.little_ones or (age is not None and age < COMES_ALONG)


def with_concept(
    t: Tables, concept: str, candidates: npt.NDArray[np.intp]
) -> npt.NDArray[np.bool_]:
    """Which candidates mention a concept, in any field."""
    found = [positions for _, positions in t.postings.get(concept_token(concept), ())]
    if not found:
        return np.zeros(len(candidates), bool)
    result: npt.NDArray[np.bool_] = np.isin(candidates, np.concatenate(found))
    return result


def with_hints(
    t: Tables,
    lexicon: Lexicon,
    parsed: ParsedQuery,
    typed: tuple[str, ...],
    candidates: npt.NDArray[np.intp],
    ranking: npt.NDArray[np.float64],
    *,
    soft: bool,
) -> npt.NDArray[np.float64]:
    """The candidates' ranking moved by what the message says of whom it is for (an
    audience, women only, a crèche, an age) and the language a course is taught in. `soft`:
    a story, whose facets are hints, not filters."""
    if parsed.facets.audiences:
        # "For me and my 2 year old": a course made for them before one open to everyone.
        ranking = ranking + MADE_FOR * ~t.for_everyone[candidates]
    if parsed.facets.levels:
        # "Any intermediate level courses?": one made for improvers before one for all levels.
        ranking = ranking + MADE_FOR * ~t.every_level[candidates]
    if soft and parsed.facets.audiences & _WOMEN:
        # A story's facets are hints, but a women-only class is a condition, however
        # much else the message tells.
        for_women = (t.audiences[candidates] & _WOMEN) > 0
        ranking = by_share_of_best(ranking, WOMEN_ASKED, for_women)
    # A resident telling their situation says who they are: "made redundant after 30
    # years, no idea how job hunting works now" is for the course open to any adult before
    # an equally good "Women into Work" or "Employability for Disabled People". (A short
    # ask says nothing of the asker: "english classes near me" may be the parents' ESOL.)
    if soft:
        outside = outside_group(t, lexicon, parsed, typed, candidates)
        ranking = by_share_of_best(ranking, -OUTSIDE_GROUP, outside)
    if wants_a_creche(parsed):
        creche = with_concept(t, CRECHE, candidates)
        ranking = by_share_of_best(ranking, CRECHE_WANTED, creche)
    if parsed.facets.age is not None:
        # "My lad's 17 and does nothing all day": not the after-school club for 8-14s.
        age = parsed.facets.age
        beyond = (t.ages_to[candidates] < age) | (t.ages_from[candidates] > age)
        ranking = by_share_of_best(ranking, -AGE_BEYOND, beyond)
        within = (t.ages_to[candidates] < NO_AGE) & ~beyond
        ranking = by_share_of_best(ranking, AGE_WITHIN, within)
    elsewhere = taught_elsewhere(t, lexicon, parsed, typed, candidates)
    ranking = by_share_of_best(ranking, -TAUGHT_ELSEWHERE, elsewhere)
    return ranking


def kept(keep: npt.NDArray[np.bool_], *arrays: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], ...]:
    """The candidates' arrays (positions, facets met, distances, whether all are met), each
    narrowed to the same kept candidates, so that they stay aligned."""
    return tuple(array[keep] for array in arrays)
