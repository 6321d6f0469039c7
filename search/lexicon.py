"""The words residents use, loaded from `search/data/`: fillers, concepts (synonyms across
wording and languages), facet words (days, times, price, mode, level, audience) and places.

Everything is folded and stemmed exactly as catalogue text is, so a phrase is a tuple of
`text.words()`, with contractions typed without their apostrophe spelt out as messages' are
(`languages.read_as_messages_are`). The lexicon is immutable and shared by every index
built in the process.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cache, cached_property
from typing import Any, Final

import jellyfish

from search import abroad, dates, languages
from search.text import fold, has_cjk, words

Phrase = tuple[str, ...]
# Texts by length and first letter (True) or last letter (False), for slips: `by_edges`.
EdgeTable = dict[tuple[int, str, bool], tuple[str, ...]]
# Words in Latin letters by how they sound, for slips: `by_sound`.
SoundTable = dict[str, tuple[str, ...]]
SOUNDED_FROM = 4  # letters: shorter words sound like too many others


class Kind(Enum):
    FILLER = "filler"
    CONCEPT = "concept"
    DAY = "day"
    TIME = "time"
    FREE = "free"
    CHEAP = "cheap"
    UNDER = "under"
    ONLINE = "online"
    IN_PERSON = "in_person"
    ONE_DAY = "one_day"  # a course over within a day: "one-day course", "curso de un día"
    SELF_PACED = "self_paced"  # done when the resident likes: "at my own pace", "whenever"
    QUALIFYING = "qualifying"  # leads to a qualification: "with a certificate at the end"
    LEVEL = "level"
    AUDIENCE = "audience"
    PLACE = "place"
    NEAR_ME = "near_me"
    LEARNING = "learning"  # "course", "learn", "how to use": the message asks to learn
    REQUEST = "request"  # "how do I report", "opening hours": asks a service to act
    NEWS = "news"  # "so proud of him", "just had a baby girl": tells news, asks nothing
    WHEN = "when"  # a stretch of the calendar: "tonight", "this weekend", "next week"
    ABROAD = "abroad"  # a place abroad, standing for its language: "off to Rome"
    STRAIN = "strain"  # a parent's trouble with a child: "we argue all the time"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    districts: frozenset[str]  # upper case, e.g. "M14"


@dataclass(frozen=True, slots=True)
class Meaning:
    kind: Kind
    value: str = ""  # the concept, day, time, level or audience name; a language's code
    place: Place | None = None


@dataclass(frozen=True)
class Lexicon:
    phrases: dict[Phrase, Meaning]
    longest: int  # words in the longest phrase
    # First two words -> the lengths of the multi-word concept phrases they begin, longest
    # first: "look after" begins hundreds ("look after my mum", "... my poorly dad"), but of
    # a few lengths, each one look-up in `phrases`.
    concept_lengths: dict[Phrase, tuple[int, ...]]
    places: tuple[Place, ...]
    districts: dict[str, tuple[float, float]]  # "M14" -> centre
    radius_km: float
    # Single words as written (folded, not stemmed): typos are made on words as written, and
    # "evning" is one letter from "evening" but two from its stem "even".
    written: dict[str, Meaning] = field(default_factory=dict)
    written_by_length: dict[int, tuple[str, ...]] = field(default_factory=dict)
    written_by_sound: SoundTable = field(default_factory=dict)
    # Inflected forms: words beginning with a vocabulary word ("angielskiego", "ইংরেজির"),
    # and (language, Snowball stem) -> meaning ("الكمبيوتر" and "بالكمبيوتر" share a stem).
    inflectable: dict[str, Meaning] = field(default_factory=dict)
    shortest_inflectable: int = 4
    inflections: dict[tuple[str, str], Meaning] = field(default_factory=dict)
    # Multi-word places, concepts and facets in Latin letters, space-joined, for typos that
    # span words: "cheetam hil", "sign langauge". Keyed by length and by first or last letter
    # (True: first): only those within a typo's reach of the typed length, sharing its first
    # or last letter, are compared.
    typo_phrases: EdgeTable = field(default_factory=dict)
    # The typo phrases near a typed phrase's length and edge letters, as slips.py last
    # gathered them: a long message in another language asks for the same few again and
    # again. A memo, not part of what the lexicon means.
    near_phrases: dict[tuple[int, str, str, int], tuple[str, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Likewise the single words written near a typed word's length and sharing its first or
    # last letter (one slip never changes both ends of a word of five letters, two seldom
    # do of one of nine).
    near_written: dict[tuple[int, str, str, int], tuple[str, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # What a concept means, in English words, for the semantic signal: its first few names.
    glosses: dict[str, str] = field(default_factory=dict)
    # Subjects named by one word that the vocabulary files under a broader concept: "tabla"
    # is a drum, "pilates" exercise, "plumbing" construction. The word asks for the subject
    # itself ("yoga classes" are not any exercise class); a course that says it is about both
    # ("Tabla and harmonium" answers "drum lessons" too). Stem -> the broader concept; listed
    # in the vocabulary, since some such words have another sense ("writing" under literacy
    # is not creative writing).
    broader: dict[str, str] = field(default_factory=dict)
    # Concepts that tell a resident's situation, not a subject: "neet" ("left school and does
    # nothing all day"). A catalogue without them is no sign the message asks for more.
    circumstances: frozenset[str] = frozenset()
    # Phrases that tell a resident's situation in a message ("just arrived", "my accent")
    # but not a course's subject in its text ("for refugees and newly arrived families").
    told: frozenset[Phrase] = frozenset()
    # Concepts that are kinds of a broader one: "carework" and "carers" of "care". A course
    # about care work is about care too, and answers a resident's plain "carer"; a resident
    # who wants to work in a care home is not asking for a carers' support group.
    within: dict[str, str] = field(default_factory=dict)
    # Phrases of a concept that also say the resident starts from nothing: "never used a
    # computer" asks for a beginners' course.
    beginnings: frozenset[Phrase] = frozenset()
    # Concepts whose tickets a course earns ("forklift licence", "cscs card"): where can I
    # get one asks for the course, not a service to act, as for a driving licence.
    earned: frozenset[str] = frozenset()
    # Words that say a woman or a man asks or is asked for ("I'm a mum", "hooyo", "some
    # blokes to talk to"), by group: a course for women, or men, is open to them, though they
    # asked for no such class.
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    # The English name of each language spoken abroad, by code: "it" -> "italian".
    language_names: dict[str, str] = field(default_factory=dict)
    # Single words in Chinese characters, longest first: found inside runs written without
    # spaces.
    chinese_words: tuple[str, ...] = ()

    def as_written(self, form: str, meaning: Meaning) -> Meaning:
        """A word's meaning as written, when its stem means something else: "parenting" is
        the parenting subject, though its stem is the "parent" of a family audience."""
        written = self.written.get(form)
        if written is not None and written.kind is Kind.CONCEPT:
            return written
        return meaning

    @cached_property
    def language_of_concept(self) -> dict[str, str]:
        """A language's code by its concept: "urdu" -> "ur"."""
        return {concept: code for code, concept in self.language_names.items()}

    @cached_property
    def language_concepts(self) -> frozenset[str]:
        """The concepts that are languages spoken abroad, by their English names: "polish"."""
        return frozenset(self.language_names.values())

    @cached_property
    def second_words(self) -> dict[str, frozenset[str]]:
        """The typo phrases of two words (in Latin letters) by their first word: "sowing" ->
        {"class", ...}, for a next word that may be misspelt ("sowing clas")."""
        found: dict[str, set[str]] = {}
        for edge in self.typo_phrases.values():
            for text in edge:
                parts = text.split()
                if len(parts) == 2:
                    found.setdefault(parts[0], set()).add(parts[1])
        return {first: frozenset(seconds) for first, seconds in found.items()}


CHEAP_PENCE = 2000  # "cheap" means up to £20
GLOSS_WORDS = 3


@cache
def load() -> Lexicon:
    """The lexicon from the bundled data files (read once per process)."""
    languages.warm()
    data = _json("vocabulary.json")
    places = _json("places.json")
    phrases: dict[Phrase, Meaning] = {}
    written: dict[str, Meaning] = {}

    def add(text: str, meaning: Meaning) -> None:
        for each in alternatives(text):
            phrase = tuple(languages.read_as_messages_are(each))
            # The first meaning wins: facets and places are listed before concepts and
            # fillers.
            if phrase and phrase not in phrases:
                phrases[phrase] = meaning
            if len(phrase) == 1:
                written.setdefault(fold(each.strip()), meaning)

    place_list = []
    for item in places["neighbourhoods"]:
        place = Place(item["name"], item["lat"], item["lon"], frozenset(item["districts"]))
        place_list.append(place)
        for alias in (item["name"], *item["aliases"]):
            add(alias, Meaning(Kind.PLACE, place.name, place))
    facets = data["facets"]
    for text in facets["near_me"]:
        add(text, Meaning(Kind.NEAR_ME))
    for kind, key in ((Kind.WHEN, "dates"), (Kind.DAY, "days"), (Kind.TIME, "times")):
        for value, texts in facets[key].items():
            for text in texts:
                add(text, Meaning(kind, value))
    for value, month in dates.month_names().items():
        for text in sorted(month):
            add(text, Meaning(Kind.WHEN, value))
    for pounds, texts in facets["under_amounts"].items():  # "under a fiver": £5
        for text in texts:
            add(text, Meaning(Kind.UNDER, pounds))
    for kind in (
        Kind.FREE,
        Kind.CHEAP,
        Kind.UNDER,
        Kind.ONLINE,
        Kind.IN_PERSON,
        Kind.ONE_DAY,
        Kind.SELF_PACED,
        Kind.QUALIFYING,
    ):
        for text in facets[kind.value]:
            add(text, Meaning(kind))
    for kind, key in ((Kind.LEVEL, "levels"), (Kind.AUDIENCE, "audiences")):
        for value, texts in facets[key].items():
            for text in texts:
                add(text, Meaning(kind, value))
    for key, kind in (
        ("learning", Kind.LEARNING),
        ("requests", Kind.REQUEST),
        ("news", Kind.NEWS),
    ):
        for text in data[key]:
            add(text, Meaning(kind))
    for concept, texts in data["concepts"].items():
        for text in texts:
            add(text, Meaning(Kind.CONCEPT, concept))
    # Languages as subjects, named in the city's languages (CLDR): "corso di tedesco".
    for concept, names in abroad.language_subjects().items():
        for text in (concept, *names):
            add(text, Meaning(Kind.CONCEPT, concept))
    for text in data["strains"]:  # after concepts: "tantrums" is parenting as it stands
        add(text, Meaning(Kind.STRAIN))
    for text in data["fillers"]:
        add(text, Meaning(Kind.FILLER))
    # Last, so that a neighbourhood, a subject or a filler keeps its meaning; never a typo's
    # correction: ten thousand towns abroad would turn slips into journeys.
    language_names, places_abroad = abroad.load()
    for code, names in places_abroad.items():
        for name in names:
            phrases.setdefault(tuple(words(name)), Meaning(Kind.ABROAD, code))

    broader = _subjects_named_in_courses(data["named_in_courses"], phrases, written)
    lengths: dict[Phrase, set[int]] = {}
    for phrase, meaning in phrases.items():
        if meaning.kind is Kind.CONCEPT and len(phrase) > 1:
            lengths.setdefault(phrase[:2], set()).add(len(phrase))

    meaningful = [(w, m) for w, m in written.items() if m.kind is not Kind.FILLER]
    inflectable = {w: m for w, m in meaningful if len(w) >= (6 if w.isascii() else 4)}
    by_length: dict[int, list[str]] = {}
    for form in written:
        by_length.setdefault(len(form), []).append(form)
    return Lexicon(
        phrases=phrases,
        longest=max(len(p) for p in phrases),
        concept_lengths={start: tuple(sorted(n, reverse=True)) for start, n in lengths.items()},
        places=tuple(place_list),
        districts={k: (v[0], v[1]) for k, v in places["districts"].items()},
        radius_km=float(places["radius_km"]),
        written=written,
        written_by_length={n: tuple(forms) for n, forms in by_length.items()},
        written_by_sound=by_sound(written),
        inflectable=inflectable,
        shortest_inflectable=min(map(len, inflectable), default=4),
        inflections=languages.inflection_table(meaningful),
        typo_phrases=by_edges(
            " ".join(p)
            for p, m in phrases.items()
            if len(p) > 1 and m.kind is not Kind.FILLER and all(w.isascii() for w in p)
        ),
        chinese_words=tuple(
            sorted((p[0] for p in phrases if len(p) == 1 and has_cjk(p[0])), key=len)[::-1]
        ),
        glosses={
            concept: " ".join([t for t in texts if t.isascii()][:GLOSS_WORDS])
            for concept, texts in data["concepts"].items()
        },
        language_names=language_names,
        broader=broader,
        circumstances=frozenset(data["circumstances"]),
        within=dict(data["narrower"]),
        told=frozenset(tuple(words(each)) for text in data["told"] for each in alternatives(text)),
        beginnings=frozenset(
            tuple(languages.read_as_messages_are(each))
            for text in data["beginnings"]
            for each in alternatives(text)
        ),
        earned=frozenset(data["earned"]),
        members={
            group: frozenset(w for text in texts for w in words(text))
            for group, texts in data["members"].items()
        },
    )


# The last word of a phrase naming a ticket, as messages are read.
TICKETS: Final = frozenset(words("licence license card certificate cert ticket badge"))


_CHOICE = re.compile(r"\{([^{}]*)\}")


def alternatives(text: str) -> list[str]:
    """The phrases a vocabulary text stands for: braces hold choices, one of which may be
    empty, so "{looking after|caring for} my {|poorly }{mum|dad}" is eight phrases."""
    parts = _CHOICE.split(text)
    # Odd parts are the insides of braces.
    choices = [part.split("|") if n % 2 else [part] for n, part in enumerate(parts)]
    return [" ".join("".join(chosen).split()) for chosen in itertools.product(*choices)]


def _subjects_named_in_courses(
    concepts: list[str], phrases: dict[Phrase, Meaning], written: dict[str, Meaning]
) -> dict[str, str]:
    """Give each subject named by one word of a broader concept that word ("tabla" asks for
    tabla, not any drum), in place; return the broader concept of each such word."""
    broader = {}
    for concept in concepts:
        stems = tuple(words(concept))
        meaning = phrases.get(stems)
        if len(stems) != 1 or meaning is None or meaning.kind is not Kind.CONCEPT:
            continue
        if meaning.value != concept:
            broader[stems[0]] = meaning.value
            phrases[stems] = replace(meaning, value=concept)
    for form, meaning in written.items():
        stems = tuple(words(form))
        if len(stems) == 1 and stems[0] in broader and meaning.kind is Kind.CONCEPT:
            written[form] = replace(meaning, value=phrases[stems].value)
    return broader


def by_edges(texts: Iterable[str]) -> EdgeTable:
    """Texts by length and first letter (True) and by length and last letter (False): one or
    two slips seldom change both ends, so a slip is compared with a tenth of the texts."""
    grouped: dict[tuple[int, str, bool], list[str]] = {}
    for text in texts:
        grouped.setdefault((len(text), text[0], True), []).append(text)
        grouped.setdefault((len(text), text[-1], False), []).append(text)
    return {key: tuple(group) for key, group in grouped.items()}


def sound(word: str) -> str:
    """How a word in Latin letters sounds in English (its Metaphone key): "sowing" and
    "sewing", "clas" and "class", "begginer" and "beginner" sound alike."""
    return jellyfish.metaphone(word)


def by_sound(texts: Iterable[str]) -> SoundTable:
    """Single words in Latin letters by how they sound (`sound`), from SOUNDED_FROM letters."""
    grouped: dict[str, list[str]] = {}
    for text in texts:
        if len(text) >= SOUNDED_FROM and text.isascii() and text.isalpha():
            grouped.setdefault(sound(text), []).append(text)
    return {key: tuple(group) for key, group in grouped.items()}


def near_edges(table: EdgeTable, text: str, length: int) -> list[str]:
    """The texts of this length that share the text's first or last letter, once each."""
    first = table.get((length, text[0], True), ())
    last = table.get((length, text[-1], False), ())
    return list(dict.fromkeys((*first, *last)))


def _json(name: str) -> Any:
    return languages.read_data(name)
