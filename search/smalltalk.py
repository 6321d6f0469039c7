"""Words that say what a message does besides naming a subject, in the city's languages:
thanking ("thanks", "شكرا", "谢谢") and asking what there is ("anything tonight?", "co jest
w ten weekend", "这个周末有什么")."""

from __future__ import annotations

from typing import Final

from search.text import words

_THANKS: Final = frozenset(
    words(
        "thanks thank thx ta cheers shukriya shukria شکریہ شكرا شكراً dziękuję dzięki gracias "
        "obrigado obrigada mulțumesc grazie مرسی ممنون 谢谢 ধন্যবাদ ਧੰਨਵਾਦ mahadsanid"
    )
)
# "Ta" thanks in Manchester, and means "then" in Panjabi typed in Latin letters ("hove ta
# changa"): thanks only as a message of its own.
_THANKS_ALONE: Final = frozenset(("ta",))
_SAYING: Final = frozenset(("say", "saying", "said"))  # "how to say thank you in Italian"
_ASKING: Final = frozenset(
    words(
        "anything any something what whats which where co coś jakieś qué algo alguna kya "
        "کیا ماذا هل چه چی কী কি o que ce ceva 什么 有什么 有没有 有冇"
    )
)
DECLINING: Final = 2  # tokens back from "thanks" where a "no" declines
ALONE: Final = 3  # words: a message this short is a word of thanks on its own


def says_thanks(tokens: list[str]) -> bool:
    """Whether the resident thanks someone (not asks how to say thank you)."""
    return any(
        token in _THANKS
        and (token not in _THANKS_ALONE or len(tokens) <= ALONE)
        and not (n and tokens[n - 1] in _SAYING)
        # "no thanks", "no dancing thanks": declining, not thanking
        and "no" not in tokens[max(0, n - DECLINING) : n]
        for n, token in enumerate(tokens)
    )


def asks(tokens: list[str]) -> bool:
    """Whether the message has a word that asks what there is."""
    return any(token in _ASKING for token in tokens)
