"""The shapes of a search: what reading a message gives (the slots the resident asked for
and the facets around them, as `search.query.parse` builds them), what the statistics keep of
a message, and what the index answers (`search.index.Index.search`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogue.models import Course
from search.facets import Facets

COUNTED_AS_WRITTEN = 8  # words; longer messages are counted by what the search read


@dataclass(frozen=True, slots=True)
class Slot:
    """One thing the resident asked for: a word, or a phrase standing for a concept."""

    word: str
    concept: str | None = None
    literal: bool = True  # also match the word itself against the catalogue
    shown: str = ""  # as the resident wrote it
    form: str = ""  # folded but not stemmed, for typos: "evning", not "evn"
    real: bool = False  # a common word of its language: not to be corrected into another
    focus: bool = False  # next to a word about learning: "want english classes", "learn to sew"
    abroad: bool = False  # a place abroad, standing for its language: "off to Rome"
    # A resident's situation, not a subject: "left school, does nothing all day".
    circumstance: bool = False
    tongue: str | None = None  # a language asked to learn, as a code: "learn arabic" -> "ar"

    @property
    def label(self) -> str:
        return self.shown or self.word


@dataclass(frozen=True)
class ParsedQuery:
    slots: tuple[Slot, ...]
    facets: Facets
    near_me: bool = False
    corrections: dict[str, str] = field(default_factory=dict)  # typed -> understood
    learning: bool = False  # says it wants to learn: "course", "learn", "how to use"
    request: bool = False  # asks a service to act: "how do I report", "phone number"
    news: bool = False  # tells news or greetings: "so proud of him", "just had a baby"
    language: str | None = None  # the message's language when clearly not English ("ur")
    length: int = 0  # words in the message, fillers included
    asking: bool = False  # has a word that asks: "anything tonight?", "what's on"
    thanks: bool = False  # says thank you (in one of the city's languages), wishing no more
    little_ones: bool = False  # names small children, who come along: "copii mici"
    either: bool = False  # offers subjects as alternatives: "pilates or stretching"
    # The languages of where the message says someone comes from, as concepts ("chinese" for
    # "my parents came from Hong Kong"), though the slots keep them only when nothing else
    # is asked.
    origin: tuple[str, ...] = ()


def as_counted(text: str, parsed: ParsedQuery) -> str:
    """What the search statistics keep of a message: a short one as written ("pottery
    evenings"); of a longer one, which may tell a resident's private situation, only the
    words the vocabulary understood in it (subjects, places, times), in order."""
    if parsed.length <= COUNTED_AS_WRITTEN:
        return text
    understood = [slot.label for slot in parsed.slots if slot.concept is not None]
    understood += [words for _, words in parsed.facets.labels]
    return " ".join(understood) or "(a long message)"


@dataclass(frozen=True, slots=True)
class Hit:
    course: Course
    score: float
    matched: int  # how many of the query's words this course matched
    distance_km: float | None = None  # from the place asked for, or the resident's location


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]
    query: ParsedQuery
    missed: tuple[str, ...] = ()  # facets the hits do not all meet: a graceful fallback
    unasked: bool = False  # no course was asked for: news, thanks, an errand or a complaint

    def __bool__(self) -> bool:
        return bool(self.hits)

    @property
    def suggestion(self) -> str | None:
        """The message as the index understood it, when it corrected a misspelling."""
        if not self.query.corrections:
            return None
        return " ".join(self.query.corrections.values())
