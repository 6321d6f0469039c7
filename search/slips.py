"""Slips of the keyboard, read back: a misspelt word or phrase the vocabulary knows.

"evning" is evening, "cheetam hil" Cheetham Hill, "sign langauge" sign language. Never where
the slip is as likely another word ("potery": pottery or poetry?), a far commoner English word
("beter" is better, not meter), or a real word turned into a misspelling ("smart phone" is not
the vocabulary's "smart fone"). The catalogue's own words are tried later, in `matching.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search import languages
from search.lexicon import Kind, Lexicon, Meaning, SoundTable, near_edges, sound

_FILLER = Meaning(Kind.FILLER)
_WORDS = (Kind.FILLER, Kind.LEARNING)  # words that name no subject: "better", "class"


def typo_allowance(word: str) -> int:
    """Typos tolerated in a word as written: none below four letters, one from four (where the
    correction is unambiguous: callers check), two from nine; never in numbers."""
    if any(ch.isdigit() for ch in word) or len(word) < SHORTEST_TYPO:
        return 0
    return 1 if len(word) < 9 else 2


SHORTEST_TYPO = 4
# A four-letter word is corrected only when one correction stands out: "yoag" is yoga, but
# "clas" could be class or clay.
AMBIGUOUS_BELOW = 5
# From this many letters a word may be read as one that sounds alike ("begginer" for
# "beginner"; not "sidee", Somali for "how", as "side").
SOUND_SLIPS_FROM = 6
# Phrase look-ups remembered (a few thousand phrases each at most) before starting afresh.
NEAR_MEMO = 4096
NearKey = tuple[int, str, str, int]  # typed length, first and last letter, allowance


def misspelt_phrase(
    tokens: list[str],
    forms: list[str],
    i: int,
    lexicon: Lexicon,
    known: Callable[[str], bool],
) -> tuple[Meaning, int, str] | None:
    """A misspelt phrase of two or three words starting at tokens[i] ("cheetam hil", "sign
    langauge"), where some word is not one the catalogue or the vocabulary knows: its meaning,
    how many tokens it takes, and the phrase as understood."""
    for length in (3, 2):
        window = tokens[i : i + length]
        written = forms[i : i + length]
        if len(window) == length and any(_unknown(w, lexicon, known) for w in window):
            # As read, then as written where stemming cut an unknown word: "clas" reads
            # "cla", two slips from "class", one as typed.
            cut = any(w != f and not known(w) for w, f in zip(window, written, strict=True))
            for typed_words in (window, written) if cut else (window,):
                typed = " ".join(typed_words)
                allowance = typo_allowance(typed.replace(" ", ""))
                near = _phrases_near(typed, allowance, lexicon)
                match = _closest_phrase(typed_words, near, allowance, lexicon) if near else None
                if match is not None and not _respells_real_words(
                    typed_words, written, match.split()
                ):
                    meaning = lexicon.phrases[tuple(match.split())]
                    return meaning, length, meaning.place.name if meaning.place else match

    return None


def begins_a_slipped_pair(
    tokens: list[str], forms: list[str], i: int, lexicon: Lexicon, known: Callable[[str], bool]
) -> bool:
    """Whether tokens[i] and the next word, unknown to catalogue and vocabulary, may be a
    two-word phrase of the vocabulary with the second misspelt ("sowing" then "clas"): a cheap
    look before `misspelt_phrase`."""
    seconds = lexicon.second_words.get(tokens[i])
    if not seconds or i + 1 >= len(tokens):
        return False
    if not _unknown(tokens[i + 1], lexicon, known):
        return False
    typed = forms[i + 1]
    reach = max(1, typo_allowance(typed))
    return any(OSA.distance(typed, second) <= reach for second in seconds)


def _unknown(word: str, lexicon: Lexicon, known: Callable[[str], bool]) -> bool:
    """Whether neither the catalogue nor the vocabulary knows a word, so it may be a slip."""
    return not known(word) and (word,) not in lexicon.phrases


def _phrases_near(typed: str, allowance: int, lexicon: Lexicon) -> tuple[str, ...]:
    """The vocabulary's phrases within a slip's reach of a typed phrase's length that share
    its first or last letter, sorted (so that ties always resolve alike)."""
    return _remembered(
        lexicon.near_phrases,
        (len(typed), typed[0], typed[-1], allowance),
        lambda: tuple(
            sorted(
                {
                    phrase
                    for length in range(len(typed) - allowance, len(typed) + allowance + 1)
                    for phrase in near_edges(lexicon.typo_phrases, typed, length)
                }
            )
        ),
    )


def _remembered(
    memo: dict[NearKey, tuple[str, ...]], key: NearKey, gather: Callable[[], tuple[str, ...]]
) -> tuple[str, ...]:
    """What `gather` gives for a key, from the memo when it was asked before; the memo starts
    afresh when it holds NEAR_MEMO keys."""
    near = memo.get(key)
    if near is None:
        if len(memo) >= NEAR_MEMO:
            memo.clear()
        near = memo[key] = gather()
    return near


COMMON_WORD: Final = 4.5  # Zipf: a word this common is written on purpose


def _respells_real_words(typed: list[str], written: list[str], phrase: list[str]) -> bool:
    """Whether a near phrase would turn the resident's real words into a misspelling or a
    rarer word: "smart phone" is not a slip for the vocabulary's "smart fone", which is there
    to read residents who write it that way, nor "every single day" for "single dad"; "first
    aide" is a slip for "first aid" (a commoner word)."""
    mine = [form for stem, form in zip(typed, written, strict=True) if stem not in phrase]
    theirs = [word for word in phrase if word not in typed]
    if not mine or not theirs or not all(languages.is_real_word(form) for form in mine):
        return False
    if not all(languages.is_real_word(word) for word in theirs):
        return True
    if max(map(languages.english_zipf, mine)) >= COMMON_WORD:
        return True  # "ever done" is no slip for "never done": too common a word to be one
    if any(m[0] != t[0] for m, t in zip(mine, theirs, strict=False)):
        return True  # a real word seldom slips at its first letter: "stable for", not "table"
    return min(map(languages.english_zipf, theirs)) < max(map(languages.english_zipf, mine))


def lexicon_typo(form: str, lexicon: Lexicon) -> str | None:
    """The vocabulary word (facet, concept, place or filler) a misspelt word stands for.
    Four-letter words are left to the catalogue's own words, which know more of them ("levl"
    is level, not the nickname of a neighbourhood)."""
    allowance = typo_allowance(form) if len(form) >= AMBIGUOUS_BELOW and form.isascii() else 0
    if not allowance:
        # (Other scripts are read through their inflections instead: one letter turns
        # Persian "تمرین", practice, into Arabic "تمارين", exercises.)
        return None
    best, closest = _nearest(form, _written_near(form, allowance, lexicon), allowance)
    if not closest and allowance == 1:
        # Spelt as it sounds, a slip further (a long word's allowance is two already).
        best, closest = sounding(form, lexicon.written_by_sound, 2)
    if not closest:
        return None
    meanings = {lexicon.written[written] for written in closest} - {_FILLER}
    if len(meanings) > 1 or (len(form) < AMBIGUOUS_BELOW and len(closest) > 1):
        # "potery" is as close to poetry as to pottery: the catalogue's own words decide.
        return None
    subjects = [written for written in closest if lexicon.written[written].kind not in _WORDS]
    if subjects and languages.commoner_word_near(form, best, subjects):
        # "beter" is as close to "better" as to "meter" (energy bills), and far likelier.
        fillers = [written for written in closest if written not in subjects]
        return fillers[0] if fillers else None
    # Where a filler and a subject are equally close, the subject is the likelier intent.
    return (subjects or closest)[0]


def _written_near(form: str, allowance: int, lexicon: Lexicon) -> tuple[str, ...]:
    """The vocabulary's single words within a slip's reach of a typed word's length that
    share its first or last letter, in the vocabulary's order (ties resolve as it lists
    them). Filtering by edge letters before comparing: a tenth of the comparisons."""
    return _remembered(
        lexicon.near_written,
        (len(form), form[0], form[-1], allowance),
        lambda: tuple(
            written
            for length in range(len(form) - allowance, len(form) + allowance + 1)
            for written in lexicon.written_by_length.get(length, ())
            if written[0] == form[0] or written[-1] == form[-1]
        ),
    )


def _closest_phrase(
    window: list[str], choices: Sequence[str], allowance: int, lexicon: Lexicon
) -> str | None:
    """The one phrase a misspelt phrase stands for. Not when two meanings are as close ("lern
    to rite": learn to write, or to ride?), nor when one word takes all the slips ("going to
    rain" is not "going to spain")."""
    _, closest = _nearest(" ".join(window), choices, allowance)
    if not closest:
        return None
    if len({lexicon.phrases[tuple(phrase.split())] for phrase in closest}) > 1:
        return None
    theirs = closest[0].split()
    if len(theirs) > len(window) and window in (theirs[1:], theirs[:-1]):
        return None  # a word more is no slip: "complain about" is not "i complain about"
    if len(theirs) == len(window) and any(
        OSA.distance(mine, their) > max(1, typo_allowance(mine))
        for mine, their in zip(window, theirs, strict=True)
    ):
        return None
    return closest[0]


def sounding(form: str, table: SoundTable, reach: int) -> tuple[int, list[str]]:
    """Words that sound as the typed word does within `reach` slips of it: "begginer" is two
    slips from "beginner" (a letter doubled, another not), "sowing" one from "sewing"; how
    far the nearest are, and those (none: no such word, or a word too short to tell)."""
    if len(form) < SOUND_SLIPS_FROM or not (form.isascii() and form.isalpha()):
        return reach + 1, []
    alike = table.get(sound(form), ())
    return _nearest(form, alike, reach) if alike else (reach + 1, [])


def _nearest(text: str, choices: Sequence[str], allowance: int) -> tuple[int, list[str]]:
    """The fewest slips from `text` to any choice within the allowance, and every choice that
    far (none: no choice within reach)."""
    found = process.extract(text, choices, scorer=OSA.distance, score_cutoff=allowance, limit=None)
    if not found:
        return allowance + 1, []
    best = min(distance for _, distance, _ in found)
    return best, [choice for choice, distance, _ in found if distance == best]
