"""What a message says it does not want: "something to do with the kids that isn't soft play",
"want to talk to her properly instead of writing notes", "can't cook anything except toast".
The words after such a phrase name what the resident has had enough of, not what they ask.
And what a course says it does not offer: "Does not include driving lessons"."""

from __future__ import annotations

import re
from typing import Final

# As messages are read ("isn't" is "isn t"): after "that" or "which" ("that isn't the pub"),
# or anywhere ("instead of", "rather than").
_AFTER_THAT: Final = (("isn", "t"), ("isnt",), ("aren", "t"), ("arent",), ("s", "not"), ("not",))
_ANYWHERE: Final = (
    ("instead", "of"),
    ("rather", "than"),
    ("other", "than"),
    ("apart", "from"),
    ("except",),
    ("not", "just"),
    ("not", "one", "for"),
    ("not", "a", "fan", "of"),
)
_THAT: Final = frozenset(("that", "thats", "which", "what"))
# A negated stretch ends at the next clause: "isn't soft play and doesn't cost a fortune".
_CLAUSE: Final = frozenset(("and", "but", "so", "because", "cos", "i", "we", "please"))
REACH: Final = 4  # tokens


def negated(tokens: list[str]) -> frozenset[int]:
    """The positions of the tokens a message says it does not want."""
    found: set[int] = set()
    for at in range(len(tokens)):
        phrase = next((p for p in _ANYWHERE if tuple(tokens[at : at + len(p)]) == p), None)
        if phrase is None and at and tokens[at - 1] in _THAT:
            phrase = next((p for p in _AFTER_THAT if tuple(tokens[at : at + len(p)]) == p), None)
        if phrase is None:
            continue
        for n in range(at + len(phrase), min(len(tokens), at + len(phrase) + REACH)):
            if tokens[n] in _CLAUSE:
                break
            found.add(n)
    return frozenset(found)


# A course's own word for what it leaves out, to the end of the sentence or its "but": "Does
# not include driving lessons.", "we do not offer driving lessons, but cover the Highway Code".
_LEFT_OUT: Final = re.compile(
    r"\b(?:(?:does|do|will|is|are)\s+not|doesn'?t|don'?t|won'?t|isn'?t|aren'?t|not)\s+"
    r"(?:include|includes|including|offer|offering|provide|providing|cover|covering|teach)\b"
    r"(?:(?!\b(?:but|however)\b)[^.;:!?\n])*",
    re.IGNORECASE,
)


def left_out(description: str) -> str:
    """A course's description without what it says it does not offer: a theory course that
    "does not include driving lessons" is no answer to "driving lessons near Blackley"."""
    return _LEFT_OUT.sub(" ", description.replace("’", "'"))


# Words that deny what follows them ("haven't" is read "haven t"), in the languages whose news
# phrases the vocabulary holds as a verb: "no aprobé", "nie zdałem", "não passei".
_DENYING: Final = frozenset(
    ("not", "never", "t", "havent", "hasnt", "didnt", "nt", "no", "nie", "não", "nao", "non", "nu")
)
# Between the denial and the verb: "haven't yet passed", "still not passed".
_BETWEEN: Final = frozenset(("yet", "still", "even", "ever", "actually"))


def denied(tokens: list[str], start: int) -> bool:
    """Whether the words just before tokens[start] deny what is said there: "still haven't
    passed my theory" tells no news, where "passed my theory" does. (A phrase may be read
    from the denial itself: "t passed my", of "haven't".)"""
    n = start if tokens[start] in _DENYING else start - 1
    while n >= 0 and tokens[n] in _BETWEEN:
        n -= 1
    return n >= 0 and tokens[n] in _DENYING
