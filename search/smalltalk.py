"""Words that say what a message does besides naming a subject, in the city's languages:
thanking ("thanks", "شكرا", "谢谢") and asking what there is ("anything tonight?", "co jest
w ten weekend", "这个周末有什么")."""

from __future__ import annotations

from typing import Final

from search.text import words

_THANKS: Final = frozenset(
    words(
        "thanks thank thx ta cheers shukriya shukria شکریہ شكرا شكراً dziękuję dzięki gracias "
        "obrigado obrigada mulțumesc grazie مرسی ممنون تشکر متشکرم سپاس 谢谢 ধন্যবাদ ਧੰਨਵਾਦ "
        "mahadsanid spas سوپاس"
    )
)
# "Ta" thanks in Manchester, and means "then" in Panjabi typed in Latin letters ("hove ta
# changa"): thanks only as a message of its own, or with what only thanks are followed by
# ("ta very much", "ta love").
_THANKS_ALONE: Final = frozenset(("ta",))
_AFTER_THANKS: Final = frozenset(("very", "love", "luv", "mate", "pet", "hun", "x", "xx"))
_SAYING: Final = frozenset(("say", "saying", "said"))  # "how to say thank you in Italian"
_ASKING: Final = frozenset(
    words(
        "anything any something owt what whats which where co coś jakieś qué algo alguna kya "
        "کیا ماذا هل چه چی কী কি o que ce ceva 什么 有什么 有没有 有冇"
    )
)
# Words that wish for something still to come ("I'd like to learn computers now", "szukam",
# "quiero"): with them, thanks does not close the message.
_WISHING: Final = frozenset(
    words(
        "want wanna like looking need needs interested hoping hope wondering chcę chciałabym "
        "chciałbym szukam potrzebuję chahiye chahta chahti چاہیے چاہتا چاہتی أريد بدي أبحث "
        "ابغى میخوام میخواهم می‌خواهم دنبال quiero busco necesito quero procuro preciso "
        "vorrei cerco vreau caut চাই খুঁজছি 想 要 rabaa raadinayaa dixwazim دەمەوێت"
    )
)
DECLINING: Final = 2  # tokens back from "thanks" where a "no" declines
ALONE: Final = 3  # words: a message this short is a word of thanks on its own


def says_thanks(tokens: list[str]) -> bool:
    """Whether the resident thanks someone (not asks how to say thank you)."""
    return any(
        token in _THANKS
        and (
            token not in _THANKS_ALONE
            or len(tokens) <= ALONE
            or (n + 1 < len(tokens) and tokens[n + 1] in _AFTER_THANKS)
        )
        and not (n and tokens[n - 1] in _SAYING)
        # "no thanks", "no dancing thanks": declining, not thanking
        and "no" not in tokens[max(0, n - DECLINING) : n]
        for n, token in enumerate(tokens)
    )


def asks(tokens: list[str]) -> bool:
    """Whether the message has a word that asks what there is."""
    return any(token in _ASKING for token in tokens)


def wishes(tokens: list[str], text: str) -> bool:
    """Whether the message wishes for something still to come, or asks a question."""
    return "?" in text or "？" in text or wants(tokens)


def wants(tokens: list[str]) -> bool:
    """Whether the message has a word of wanting or needing: "want", "looking", "szukam"."""
    return any(token in _WISHING for token in tokens)
