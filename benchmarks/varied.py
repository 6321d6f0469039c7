"""Large catalogues varied from the bundled sample, for the speed benchmarks.

Each generated row is a sample course moved to another venue, week, provider and price, with a
few words of its own (venue names, provider names, rare subject words), so the vocabulary grows
with the catalogue as a real city's would.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from datetime import date, timedelta

from store.live import sample_path

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
]


def sample_rows() -> list[dict[str, str]]:
    with sample_path().open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def rows(count: int, *, seed: int = 7) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    base = sample_rows()
    places = [
        (r["venue"], r["address"], r["postcode"], r["area"], r["lat"], r["lon"])
        for r in base
        if r["venue"]
    ]
    rare = [_pseudo_word(rng) for _ in range(max(200, count // 4))]
    for n in range(count):
        row = dict(base[n % len(base)])
        row["id"] = f"{row['id'][:28]}-{n}"
        venue, address, postcode, area, lat, lon = rng.choice(places)
        if row["venue"]:
            hall = f"{rng.choice(rare).title()} Hall"
            row.update(venue=f"{hall}, {venue}", address=address, postcode=postcode, area=area)
            row.update(
                lat=f"{float(lat) + rng.uniform(-0.01, 0.01):.5f}",
                lon=f"{float(lon) + rng.uniform(-0.01, 0.01):.5f}",
            )
        row["provider"] = f"{row['provider']} {rng.choice(rare).title()}"
        row["tags"] = ";".join([row["tags"], rng.choice(rare), rng.choice(rare)])
        if row["cost"] not in ("", "0"):
            row["cost"] = str(rng.choice([5, 10, 25, 40, 60, 95, 120, 150]))
        weeks = timedelta(weeks=rng.randint(0, 20))
        if row["start_date"]:
            row["start_date"] = (date.fromisoformat(row["start_date"]) + weeks).isoformat()
            row["end_date"] = (date.fromisoformat(row["end_date"]) + weeks).isoformat()
        yield row


def csv_text(count: int, *, seed: int = 7) -> str:
    out = io.StringIO()
    generated = rows(count, seed=seed)
    first = next(generated)
    writer = csv.DictWriter(out, fieldnames=list(first), lineterminator="\n")
    writer.writeheader()
    writer.writerow(first)
    writer.writerows(generated)
    return out.getvalue()
