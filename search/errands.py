"""Someone wanted to do a job, not a course to learn it: "caut un electrician" (I am looking
for an electrician), "need a plumber asap", "mujhe dentist chahiye", "我需要一个水管工"; and
things for sale: "selling my bike, 150 quid ono", "sprzedam wózek 200 zł".

A message that names a provider of a service (a plumber, a dentist, a flat to rent) right
beside a word of needing or looking for one asks for the provider, unless a word of becoming
one comes just before it ("my son wants to be an electrician", "quiero trabajar de
fontanero"): that resident wants to learn the trade. The search answers such an errand with
what the bot can help with, as it does any other request (`parsed.ParsedQuery.request`).

A message with a word of selling or buying second-hand and a price is a small ad, not a
question about a course ("want to start selling my cakes from home" names no price).

The word lists, in the city's languages, are in `data/services.json`: providers, words of
needing, of becoming and of selling. Written by a helper session from its own knowledge of
the languages, as the vocabulary's other lists were, reviewed by a second one (which struck
words that are also common words of another sense), and kept to providers (never the
subject their trade is learnt as: "plumber", not "plumbing").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from search import languages
from search.facets import POSSESSIVES
from search.lexicon import TICKETS
from search.parsed import Slot
from search.text import has_cjk

DATA_FILE: Final = "services.json"
# Tokens that may stand between a provider and the word of needing it: "need a good
# plumber", "preciso de um eletricista", "plumber chahiye", "ایک اچھا پلمبر چاہیے". Words of
# wanting are no words of needing here: "vreau să slăbesc, medicul mi-a spus" (I want to lose
# weight, the doctor told me) asks for no doctor.
GAP: Final = 2
CJK_GAP: Final = 3  # characters, in Chinese: "我需要一个水管工"

# A price: "£40", "150 quid", "200 zł", "50 libras", "300 پاؤنڈ", "100英镑".
_PRICE: Final = re.compile(
    r"£\s*\d|\d\s*(?:£|quid\b|pounds?\b|gbp\b|zł|złotych|funt|libras?\b|sterlin|lire\b|lei\b"
    r"|جنيه|پاؤنڈ|پونڈ|پوند|পাউন্ড|ਪੌਂਡ|英镑|镑|gini)",
    re.IGNORECASE,
)

_LINK: Final = re.compile(
    r"https?://|www\.|\b[a-z0-9-]+\.(?:ly|com|net|org|co\.uk|io|xyz|info)/\S", re.IGNORECASE
)
_LURE: Final = re.compile(
    r"\b(?:click|claim|won|winner|prize|followers|congratulations)\b", re.IGNORECASE
)
SHOUTED: Final = 3  # words in capitals

Phrase = tuple[str, ...]
ByFirst = dict[str, tuple[Phrase, ...]]  # first token -> the phrases it begins


# Languages that put the verb last: their word of needing comes after the provider ("plumber
# chahiye", "ডাক্তার দরকার"). In English a provider before "need" is who speaks: "the doctor
# says I need to lose weight", "my flat needs doing up".
VERB_LAST: Final = frozenset(("ur", "ur_latn", "pa", "pa_latn", "bn", "fa", "ku", "so"))


@dataclass(frozen=True)
class ServiceWords:
    providers: ByFirst
    needing: ByFirst  # before the provider
    needing_after: ByFirst  # after it, in the languages that put the verb last
    becoming: ByFirst
    selling: ByFirst
    chinese: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # the same, as written
    chinese_selling: tuple[str, ...]


@cache
def load() -> ServiceWords:
    """The word lists, folded and stemmed as messages are (read once per process)."""
    data = languages.read_data(DATA_FILE)

    def phrases(kind: str, only: frozenset[str] | None = None) -> ByFirst:
        by_first: dict[str, set[Phrase]] = {}
        for text in _texts(data[kind], only):
            phrase = tuple(languages.read_as_messages_are(text))
            if phrase and not has_cjk(text):
                by_first.setdefault(phrase[0], set()).add(phrase)
        return {first: tuple(sorted(found)) for first, found in by_first.items()}

    def chinese(kind: str) -> tuple[str, ...]:
        return tuple(sorted({text for text in _texts(data[kind]) if has_cjk(text)}))

    return ServiceWords(
        phrases("service"),
        phrases("need"),
        phrases("need", VERB_LAST),
        phrases("become"),
        phrases("sale"),
        (chinese("service"), chinese("need"), chinese("become")),
        chinese("sale"),
    )


def _texts(by_language: dict[str, list[str]], only: frozenset[str] | None = None) -> Iterator[str]:
    for language, texts in by_language.items():
        if only is None or language in only:
            yield from texts


def is_errand(tokens: list[str], text: str) -> bool:
    """Whether a message asks for someone to do a job, sells or buys something, or is spam."""
    return wants_someone(tokens, text) or sells_something(tokens, text) or is_spam(text)


def is_spam(text: str) -> bool:
    """Whether a message is spam: a lure with a link, or shouted with a lure ("BUY CHEAP
    FOLLOWERS NOW!!! click the link"). A resident's "i nearly clicked the link" has neither
    link nor shouting; "I NEED A FREE ENGLISH CLASS" has no lure."""
    if not _LURE.search(text):
        return False
    shouted = sum(len(word) > 1 and word.isupper() for word in text.split()) >= SHOUTED
    return bool(_LINK.search(text)) or shouted


def sells_something(tokens: list[str], text: str) -> bool:
    """Whether a message is a small ad: a word of selling and a price."""
    if not _PRICE.search(text):
        return False
    found = load()
    return any(_spans(tokens, found.selling)) or any(
        word in text for word in found.chinese_selling
    )


def wants_someone(tokens: list[str], text: str) -> bool:
    """Whether a message asks for a provider of a service rather than to learn a trade."""
    found = load()
    providers = list(_spans(tokens, found.providers))
    if providers:
        needing = list(_spans(tokens, found.needing))
        after = list(_spans(tokens, found.needing_after))
        becoming = list(_spans(tokens, found.becoming))
        for start, end in providers:
            if any(_between(tokens, stop, start) for _, stop in becoming):
                continue
            if any(_between(tokens, stop, start) for _, stop in needing) or any(
                _between(tokens, end, begin) for begin, _ in after
            ):
                return True
    return has_cjk(text) and _wants_someone_in_chinese(text.replace(" ", ""), found)


def _between(tokens: list[str], stop: int, start: int) -> bool:
    """Whether tokens[stop:start] is a short gap: function words and at most one other word
    ("a good", "de um", "szukam polskiego mechanika"), and nobody's own ("my doctor")."""
    gap = tokens[stop:start]
    return (
        0 <= start - stop <= GAP
        and sum(token not in languages.any_function_words() for token in gap) <= 1
        and not any(token in POSSESSIVES for token in gap)  # "I need my doctor to..."
    )


def _spans(tokens: list[str], by_first: ByFirst) -> Iterator[tuple[int, int]]:
    """(start, end) of every listed phrase in the tokens."""
    for start, token in enumerate(tokens):
        for phrase in by_first.get(token, ()):
            if tuple(tokens[start : start + len(phrase)]) == phrase:
                yield start, start + len(phrase)


def _wants_someone_in_chinese(text: str, found: ServiceWords) -> bool:
    providers, needing, becoming = found.chinese
    for provider in providers:
        start = text.find(provider)
        while start >= 0:
            before = text[max(0, start - CJK_GAP - 4) : start]
            end = start + len(provider)
            after = text[end : end + CJK_GAP + 4]
            near = any(
                word in before[-(CJK_GAP + len(word)) :] or word in after[: CJK_GAP + len(word)]
                for word in needing
            )
            if near and not any(word in before for word in becoming):
                return True
            start = text.find(provider, end)
    return False


_ROUTE_AFTER = frozenset(("bus", "tram", "buses"))
_ROUTE_BEFORE = frozenset(("bus", "number", "route", "otobus", "otobusa", "autobus"))


def asks_for_a_ticket(tokens: list[str], earned_ends: list[int]) -> bool:
    """Whether the message asks where to get a ticket a course earns ("they want a first
    aider, where do I get the ticket", "they keep asking for a food hygiene certificate",
    "security ka kaam karna hai, license kaise milta hai"): a ticket word after an article a
    few words back, or a few words after a trade whose ticket a course earns (`earned_ends`:
    where those trades end, in tokens); not the resident's own ("lost my CSCS card")."""
    for n, token in enumerate(tokens):
        if token not in TICKETS:
            continue
        before = set(tokens[max(0, n - BACK) : n])
        after_trade = any(0 <= n - end < TICKET_REACH for end in earned_ends)
        if (_ARTICLES & before or after_trade) and not POSSESSIVES & before:
            return True
    return False


_ARTICLES: Final = frozenset(("a", "an", "the"))
BACK = 3  # tokens before a ticket word: "a food hygiene certificate"
TICKET_REACH = 6  # tokens from a trade to the ticket it earns: "security ka kaam ... license"


def a_route(tokens: list[str], at: int) -> bool:
    """Whether the number at tokens[at] is a bus route: "the 86 bus", "the 216 from Clayton",
    "bus 53"."""
    before = tokens[at - 1] if at > 0 else ""
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    if after in _ROUTE_AFTER or before in _ROUTE_BEFORE:
        return True
    return before == "the" and after in ("from", "into")


def asks_a_fact(forms: list[str], slots: Sequence[Slot], learning: bool) -> bool:
    """Whether an English message asks a question of fact about everyday things ("is the car
    park at Wythenshawe Park free", "can I return a library book to a different library", "who
    won the quiz last night"): it opens as such a question, names no subject of the vocabulary
    nor learning, and its words are all common English ones, as the things such questions are
    about are ("kintsugi" may be a subject the vocabulary lacks). "Is there...", "does anyone
    teach..." ask for something; "where can I..." may ask where to learn it."""
    if learning or not slots or any(slot.concept is not None for slot in slots):
        return False
    first, second = (*forms[:2], "", "")[:2]
    if (first, second) not in _FACT_OPENINGS and (
        first not in _FACT_WORDS or second in _SOMETHING_ASKED
    ):
        return False
    return all(languages.is_real_word(slot.form or slot.word, None) for slot in slots)


_FACT_WORDS: Final = frozenset(
    ("is", "are", "was", "were", "who", "whose", "which", "does", "did", "will")
)
_SOMETHING_ASKED: Final = frozenset(
    ("there", "anything", "any", "anyone", "anybody", "someone", "somebody")
)
_FACT_OPENINGS: Final = frozenset(
    (
        ("can", "i"),
        ("can", "we"),
        ("could", "i"),
        ("what", "day"),
        ("what", "days"),
        ("what", "time"),
        ("what", "times"),
        ("when", "is"),
        ("when", "does"),
        ("when", "do"),
    )
)
