"""The bot's own words in the resident's language: gettext catalogues managed with Babel
(views/locale/<code>/LC_MESSAGES/bot.po, compiled to bot.mo; CONTRIBUTING.md says how), CLDR
plural rules, and dates, times, numbers and money formatted the local way.

Views take a `Lang` and say every word through it: `lang._("Free")`,
`lang.n_("{n} course", "{n} courses", n, n=n)`. Values put into a sentence are wrapped in
Unicode isolates (FSI … PDI) in right-to-left languages, so an English title, a postcode or a
time inside Urdu, Arabic or Persian keeps its own direction and the line does not flip.
Course content (titles, descriptions) stays as published; only the words around it change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton, format_time
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations

DOMAIN = "bot"
ENGLISH = "en"
# The languages the bot speaks besides English: Manchester's largest after English (2021
# Census), and Chinese. Codes as Telegram sends them (IETF), mapped to Babel's locales.
SHIPPED = ("ur", "ar", "pl", "pa", "es", "bn", "pt", "ro", "fa", "zh-hans")
LOCALES = {
    ENGLISH: "en_GB",
    "ur": "ur",
    "ar": "ar",
    "pl": "pl",
    "pa": "pa",
    "es": "es",
    "bn": "bn",
    "pt": "pt",
    "ro": "ro",
    "fa": "fa",
    "zh-hans": "zh_Hans",
}
FSI, PDI = "\u2068", "\u2069"
# Residents pay in pounds and see the sign on every price here; Babel's symbol for GBP is
# 'GBP' in some locales (Polish, Spanish, Romanian) and 'UK£' in Arabic.
POUND = "£"


def catalogue_dir() -> Path:
    return Path(str(resources.files("views") / "locale"))


def best_code(language_code: str | None) -> str:
    """The shipped language for Telegram's `language_code` ('ur', 'pt-br', 'zh-hans'), or
    English for any other."""
    if not language_code:
        return ENGLISH
    code = language_code.lower().replace("_", "-")
    if code in LOCALES:
        return code
    if code.startswith("zh") and code not in ("zh-hant", "zh-tw", "zh-hk", "zh-mo"):
        return "zh-hans"  # 'zh' and 'zh-cn' read Simplified characters
    base = code.split("-")[0]
    return base if base in LOCALES and base != "zh" else ENGLISH


@dataclass(frozen=True)
class Lang:
    """How the bot speaks to one resident."""

    code: str
    locale: Locale
    translations: NullTranslations = field(repr=False)

    @property
    def rtl(self) -> bool:
        return self.locale.text_direction == "rtl"

    @property
    def name(self) -> str:
        """The language in its own name, as it is written in a sentence: 'اردو', 'polski',
        '中文 (简体)'."""
        if self.code == "zh-hans":
            return str(self.locale.display_name)
        return str(self.locale.language_name or self.code)

    @property
    def menu_name(self) -> str:
        """The name on its own, as on a button: 'Polski', 'Español'."""
        name = self.name
        return name[:1].upper() + name[1:]

    def isolate(self, text: str) -> str:
        """A value inside a sentence, kept in its own direction in right-to-left text."""
        return f"{FSI}{text}{PDI}" if self.rtl and text else text

    def _(self, message: str, /, **values: object) -> str:
        """A message in this language, with its {placeholders} filled in (isolated)."""
        return self._fill(self.translations.gettext(message), values)

    def n_(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """A message whose form follows the count, by this language's plural rules."""
        return self._fill(self.translations.ngettext(singular, plural, count), values)

    def _fill(self, text: str, values: dict[str, object]) -> str:
        if not values:
            return text
        return text.format(**{k: self.isolate(self._str(v)) for k, v in values.items()})

    def _str(self, value: object) -> str:
        return self.number(value) if isinstance(value, int) else str(value)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def money(self, pence: int) -> str:
        """£145, £2.50: pounds with the £ sign in every language, placed and grouped the
        locale's way ('145\xa0£' in Polish, '‏145\xa0£' in Arabic), never 'GBP' or 'UK£'."""
        pattern = self.locale.currency_formats["standard"].pattern.replace("¤", POUND)
        if pence % 100 == 0:
            pattern = pattern.replace(".00", "")  # whole pounds without ".00"
        pounds = Decimal(pence) / 100
        return format_currency(
            pounds, "GBP", locale=self.locale, format=pattern, currency_digits=False
        )

    def day(self, moment: datetime | date, *, year: bool = True) -> str:
        """A day as people here write it: 'Thu, 14 Jan 2027', 'جمعرات، 14 جنوری، 2027'."""
        return format_skeleton("yMMMEd" if year else "MMMEd", moment, locale=self.locale)

    def time(self, moment: datetime, tz: ZoneInfo) -> str:
        return format_time(moment.astimezone(tz), "short", locale=self.locale)

    def when(self, moment: datetime, tz: ZoneInfo, *, year: bool = True) -> str:
        """A session's day and time in the resident's language and the city's time zone."""
        local = moment.astimezone(tz)
        return self._("{day}, {time}", day=self.day(local, year=year), time=self.time(local, tz))


@cache
def lang(code: str = ENGLISH) -> Lang:
    """The Lang for a shipped code (English for any other), catalogues loaded once."""
    code = code if code in LOCALES else ENGLISH
    locale = Locale.parse(LOCALES[code])
    found: NullTranslations = Translations.load(
        str(catalogue_dir()), [LOCALES[code]], domain=DOMAIN
    )
    return Lang(code, locale, found)


def for_telegram(language_code: str | None) -> Lang:
    return lang(best_code(language_code))
