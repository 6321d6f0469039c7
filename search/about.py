"""What a message is about when its words and the catalogue's part: a subject the catalogue
lacks ("taxi number", "drum lessons? my son won't stop banging on the pots"), the audience
it names ("anything for my 2 year old?"), or someone it tells about at length. The index
answers the first with nothing (and what the bot can help with), the others with the
courses made for whom it names (`relevance.blend`)."""

from __future__ import annotations

from typing import Final

from search import languages
from search.facets import MINORS
from search.matching import SENTENCE, SHORT_MESSAGE, Matches
from search.parsed import ParsedQuery, Slot

# A dropped word counts if English uses it (Zipf >= 3: not a typo, not another language); a
# concept word is at least this specific.
REAL_WORD: Final = 3.0
CONCEPT_SPECIFIC: Final = 0.8
SUBJECT_LACKED: Final = 0.9
SAYS_WHAT: Final = 0.5  # a dropped word this informative may say what is wanted ("swimming")
# An English message's unknown word this long may name what is wanted ("kickboxing"); shorter
# ones are more often slips.
UNKNOWN_SUBJECT: Final = 5
TELLING_LENGTH: Final = 5  # letters: "kicked", "legally"; not "bed", "fly"


def about_something_else(parsed: ParsedQuery, matches: Matches) -> bool:
    """A short message whose most specific word is one the catalogue lacks is about that
    word: "taxi number", "lottery numbers", "dentist appointment", "passport photo". Long
    messages describe a situation, where dropped words are context ("40 years on the buses"):
    long in words the catalogue knows, or long in words at all when it names a subject the
    vocabulary knows ("I want to be a nurse but my maths is awful and I need it to get into
    uni" keeps four words; "where can i watch the city game tonight" names no subject). A word
    of the vocabulary's concepts counts as specific, however common in English."""
    if not matches.dropped:
        return False
    dropped = set(matches.dropped)
    asked = [s for s in parsed.slots if s.focus and _a_subject(s)]
    if asked and all(s.label in dropped for s in asked):
        # What a message asks to learn is a subject the catalogue lacks, however long the
        # message: "drum lessons? my son won't stop banging on the pots".
        return True
    if len(parsed.slots) > SHORT_MESSAGE:
        return False
    kept_concepts = {
        s.concept
        for s in parsed.slots
        if s.concept is not None and not s.abroad and s.label not in dropped
    }
    if (kept_concepts and (parsed.length > SENTENCE or parsed.either)) or len(kept_concepts) > 1:
        # (Two subjects agree on what it is about: "the heating bill is frightening"; or
        # either will do: "pilates or stretching class".)
        return False
    kept, lost = 0.0, 0.0
    for slot in parsed.slots:
        form = slot.form or slot.word
        if slot.label in dropped:
            if form.isascii() and languages.english_zipf(form) >= REAL_WORD:
                if not _tells_how(form):
                    lost = max(lost, languages.information(form))
            elif _a_subject(slot) and not _a_story(form):
                # A subject the vocabulary knows and the catalogue lacks, in any language:
                # "piano lessons", "پیانو سیکھنا". It outweighs a concept word kept in passing.
                # (Not a phrase telling what happened: "lonely since dad passed".)
                lost = max(lost, SUBJECT_LACKED)
        else:
            specific = languages.information(form) if form.isascii() else 1.0
            if slot.concept is not None:
                specific = max(specific, CONCEPT_SPECIFIC)
            if slot.abroad:
                specific = 0.0  # "cheap flights to Lahore" asks about flights, not Urdu
            kept = max(kept, specific)
    return lost > kept


def _a_subject(slot: Slot) -> bool:
    """Whether a slot names a subject of the vocabulary: not a place abroad standing for its
    language, nor a resident's circumstance ("left school, does nothing all day")."""
    return slot.concept is not None and not slot.abroad and not slot.circumstance


def _a_story(phrase: str) -> bool:
    """Whether a phrase of the vocabulary tells what happened ("dad passed") or the
    resident's own situation ("i was a doctor back home", "looking after my mum"): a
    catalogue lacking its subject is no sign that the message asks for it."""
    parts = phrase.split()
    return len(parts) > 1 and any(_tells_how(part) or part in _FIRST_PERSON for part in parts)


# Words of a phrase that say it is about the resident, as folded ("i'm" is "i m"): "i was a
# nurse", "my own bank card".
_FIRST_PERSON: Final = frozenset(("i", "im", "me", "my", "myself", "we", "our", "us"))


def _tells_how(form: str) -> bool:
    """Whether an English word tells what happened or how ("kicked", "legally"), by its
    ending: a subject the catalogue lacks is a thing ("taxi", "swimming"), not a past
    participle or an adverb ("college kicked me out, what can i do now")."""
    return len(form) >= TELLING_LENGTH and form.endswith(("ed", "ly"))


def audience_is_the_subject(parsed: ParsedQuery, matches: Matches) -> bool:
    """A message that names who a course is for and no subject asks for their courses: a
    situation told at length ("we've got a 1 year old and I'm going stir crazy stuck
    indoors") or a short ask with nothing else in it ("anything for my 2 year old?"). Not
    when a word the catalogue lacks says what is wanted: "kickboxing for teenagers", "piano
    lessons for my 8 year old"."""
    if not parsed.facets.audiences or matches.subject:
        return False
    return not wants_something_else(parsed, matches)


def told_about_someone(parsed: ParsedQuery, matches: Matches) -> bool:
    """A long message about someone the resident names by who they are ("my 16 yo has
    nowhere to go after college and is hanging round with a bad crowd", "kids are 2 and 4
    and driving me up the wall"), asking for nothing the catalogue lacks: the courses made
    for them answer it as well as the words it shares with other courses."""
    return (
        bool(parsed.facets.audiences & MINORS)  # a child, a teenager, a family
        and parsed.length > SENTENCE
        and not wants_something_else(parsed, matches)
    )


def wants_something_else(parsed: ParsedQuery, matches: Matches) -> bool:
    """Whether a word the catalogue lacks says what the message wants."""
    dropped = set(matches.dropped)
    wanted = [
        slot
        for slot in parsed.slots
        if slot.label in dropped
        and (
            (_a_subject(slot) and not _a_story(slot.form or slot.word))  # a subject lacked
            or ((slot.focus or parsed.length <= SENTENCE) and _says_what(slot.form or slot.word))
        )
    ]
    return bool(wanted)


def _says_what(form: str) -> bool:
    """Whether a word the catalogue lacks may say what is wanted: a real, uncommon English
    word ("swimming"), or a word the vocabulary does not know, in any language written in
    Latin letters ("kickboxing", "aulas de capoeira")."""
    if not form.isascii():
        return False
    if languages.is_english(form):
        # (Not an adverb or a participle: "specifically", "kicked".)
        return languages.information(form) >= SAYS_WHAT and not _tells_how(form)
    return len(form) >= UNKNOWN_SUBJECT
