"""Stretches of the calendar a resident may ask about ("tonight", "this weekend", "next
week", "in February"), as a window of time from the moment they ask, in the city's time
zone; and the months' names in the city's languages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from importlib import metadata
from typing import Any, Final, Literal
from zoneinfo import ZoneInfo

from search import languages

EVENING: Final = time(17, 0)
DATA_FILE: Final = "months.json"
MONTHS: Final = tuple(f"month_{number}" for number in range(1, 13))
WINDOWS: Final = (
    "today",
    "tonight",
    "tomorrow",
    "this_weekend",
    "this_week",
    "next_week",
    "this_month",
    "next_month",
    *MONTHS,
)
# Stretches of whole months: "courses in March" are read from the months each course meets
# in (indexing.Tables.months), since the index keeps only the next weeks' sessions.
SPANS: Final = frozenset(("this_month", "next_month", *MONTHS))
# The months as the city writes them (CLDR, through Babel), in the locales of
# abroad.CITY_LOCALES and the Levantine Arabic and Shahmukhi forms.
MONTH_LOCALES: Final = (
    "en", "ur", "ar", "ar_SY", "pl", "pa", "pa_Arab", "es", "bn", "pt", "it", "ro", "fa",
    "zh", "so", "ku", "ckb",
)  # fmt: skip
# Month names that are everyday words as well ("may", "march"; Romanian "mai", more; Persian
# "مه", mist): a month only after a word that places it in time, "in may", "from march".
EVERYDAY_MONTHS: Final = frozenset(("may", "march", "mar", "jan", "mai", "مه"))
BEFORE_A_MONTH: Final = ("in", "from", "until", "till", "by", "before", "after", "starting")


def window(when: str, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the stretch `when` names, as seen at `now` (aware) in `tz`. A stretch
    already under way starts now: "today" at 3 pm is the rest of today."""
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date(), time(0), tzinfo=tz)

    def day(offset: int) -> datetime:
        # Calendar days, not 24-hour steps: a day may have 23 or 25 hours.
        return datetime.combine(local.date() + timedelta(days=offset), time(0), tzinfo=tz)

    if when in SPANS:
        return _month_window(when, local, tz)
    monday = -local.weekday()  # offset of this week's Monday
    start, end = {
        "today": (midnight, day(1)),
        "tonight": (datetime.combine(local.date(), EVENING, tzinfo=tz), day(1)),
        "tomorrow": (day(1), day(2)),
        "this_weekend": (day(monday + 5), day(monday + 7)),
        "this_week": (midnight, day(monday + 7)),
        "next_week": (day(monday + 7), day(monday + 14)),
    }[when]
    return max(start, local), end


def _month_window(when: str, local: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """This month (what is left of it), next month, or a month by name: the next one of that
    name, this one while it lasts ("in January" asked on 5 January is the rest of it)."""
    this = local.date().replace(day=1)
    if when == "this_month":
        first = this
    elif when == "next_month":
        first = _month_after(this)
    else:
        month = MONTHS.index(when) + 1
        first = date(this.year + (month < this.month), month, 1)
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(_month_after(first), time(0), tzinfo=tz)
    return max(start, local), end


def _month_after(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def derive() -> dict[str, Any]:
    """Each month's names ("month_2": February, luty, lutego, فبراير, شباط, 二月, 2月...),
    wide in every city locale and abbreviated in English ("feb", "sept"); an everyday word
    only after a word that places it in time. From Babel's CLDR data: a development step
    (`python -m search.dates`), since reading seventeen locales at start-up costs 15 MB."""
    from babel.dates import get_month_names

    names: dict[str, set[str]] = {key: set() for key in MONTHS}
    for code in MONTH_LOCALES:
        widths: tuple[Literal["wide", "abbreviated"], ...] = (
            ("wide", "abbreviated") if code == "en" else ("wide",)
        )
        for width in widths:
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, code).items():
                    names[MONTHS[number - 1]].add(name.lower().rstrip("."))
    for number, key in enumerate(MONTHS, start=1):
        names[key] |= {f"{number}月", "sept"} if number == 9 else {f"{number}月"}
        for name in names[key] & EVERYDAY_MONTHS:
            names[key].discard(name)
            names[key] |= {f"{before} {name}" for before in BEFORE_A_MONTH}
    return {
        "source": f"Babel {metadata.version('babel')} (CLDR) month names",
        "months": {key: sorted(found) for key, found in names.items()},
    }


def dump(data: dict[str, Any]) -> str:
    """The data as JSON, a month to a line."""
    compact = languages.compact
    lines = ",\n".join(f"  {compact(k)}: {compact(v)}" for k, v in data["months"].items())
    return f'{{"source": {compact(data["source"])},\n"months": {{\n{lines}\n}}}}\n'


def month_names() -> dict[str, list[str]]:
    """The bundled month names, by month ("month_1" to "month_12")."""
    loaded: dict[str, list[str]] = languages.read_data(DATA_FILE)["months"]
    return loaded


def main() -> None:
    """Write data/months.json from the installed Babel."""
    languages.write_data(DATA_FILE, dump(derive()))


if __name__ == "__main__":
    main()
