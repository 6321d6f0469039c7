"""Catalogue files in the formats providers already publish, each mapped onto the canonical
fields and validated by the one set of rules in `catalogue.importer`:

- canonical CSV or JSON (docs/catalogue-format.md);
- the National Careers Service course-directory bulk CSV, with its venues file;
- XCRI-CAP 1.2 XML;
- Open Referral UK JSON (v3 lists and services, v1 regular_schedules);
- iCalendar (.ics).

The format is read from the content, or forced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from catalogue import importer
from catalogue.formats import ical, ncs, openreferral, xcri
from catalogue.formats.binary import what_it_is
from catalogue.importer import WHERE, ImportResult, Item, Problem

FORMATS = ("canonical", "ncs", "xcri", "openreferral", "ical")
SUFFIXES = (".csv", ".json", ".xml", ".ics")


def detect(name: str, text: str) -> str:
    """The format of a file, from its content (the name only breaks ties)."""
    head = text.lstrip()[:200]
    if head.upper().startswith("BEGIN:VCALENDAR") or Path(name).suffix.lower() == ".ics":
        return "ical"
    if head.startswith("<"):
        return "xcri"
    if head[:1] in ("[", "{"):
        try:
            data = json.loads(text)
        except ValueError:
            return "canonical"  # the canonical reader reports where the JSON breaks
        return "openreferral" if openreferral.looks_like(data) else "canonical"
    if ncs.is_courses(text) or ncs.is_venues(text):
        return "ncs"
    return "canonical"


def read(
    files: Sequence[tuple[str, bytes]],
    *,
    tz: ZoneInfo,
    fmt: str | None = None,
    provider: str = "",
    skip_bad_rows: bool = False,
    today: date | None = None,
    allow_past: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate one or more files into one catalogue (ids must be unique across them).

    A catalogue in which no course is current is refused unless `allow_past`."""
    # "Today" is the bot's, in TIMEZONE, not the machine's: they differ around midnight.
    today = today or datetime.now(tz).date()
    warnings: list[Problem] = []
    decoded: list[tuple[str, str]] = []
    raw = dict(files)
    for name, data in files:
        binary = what_it_is(name, data)
        if binary:
            return ImportResult((), (Problem(0, "", binary, name),), ())
        try:
            decoded.append((name, _decode(data)))
        except (UnicodeDecodeError, LookupError) as exc:
            line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
            reason = (
                importer.NOT_UTF8_CSV
                if Path(name).suffix.lower() == ".csv"
                else "this is not UTF-8 text; save the file as UTF-8"
            )
            return ImportResult((), (Problem(line, "", reason, _label(name, files, line)),), ())
    kinds = [(name, text, fmt or detect(name, text)) for name, text in decoded]
    pages = [
        (name, found)
        for name, text, kind in kinds
        if kind == "openreferral" and (found := openreferral.page(_json(text))) is not None
    ]
    missing = openreferral.missing_pages(pages)
    if missing is not None:
        warnings.append(missing)
    places: dict[str, dict[str, str]] = {}
    for _, text, kind in kinds:
        if kind == "ncs" and ncs.is_venues(text):
            places.update(ncs.venues(text, warnings))
    chains = [
        _named(
            name,
            files,
            _items(
                name,
                text,
                kind,
                raw=raw[name],
                tz=tz,
                today=today,
                places=places,
                provider=provider,
                warnings=warnings,
            ),
        )
        for name, text, kind in kinds
        if not (kind == "ncs" and ncs.is_venues(text))
    ]
    total = sum(text.count("\n") + 1 for _, text in decoded)
    return importer.validate(
        (item for chain in chains for item in chain),
        tz=tz,
        skip_bad_rows=skip_bad_rows,
        warnings=warnings,
        progress=progress,
        total=total,
        today=today,
        allow_past=allow_past,
    )


def _items(
    name: str,
    text: str,
    kind: str,
    *,
    raw: bytes,
    tz: ZoneInfo,
    today: date,
    places: dict[str, dict[str, str]],
    provider: str,
    warnings: list[Problem],
) -> Iterator[Item]:
    if kind == "ical":
        return ical.items(text, tz=tz, today=today, provider=provider, warnings=warnings)
    if kind == "xcri":
        # From the bytes, so the parser honours the encoding the XML declares (UTF-16 from
        # .NET tools); text that did not come from XML bytes is re-encoded as UTF-8.
        return xcri.items(
            raw if raw.lstrip().startswith((b"<", *_BOMS)) else text.encode(),
            provider_given=provider,
            warnings=warnings,
        )
    if kind == "openreferral":
        return openreferral.items(
            json.loads(text), tz=tz, today=today, provider=provider, warnings=warnings
        )
    if kind == "ncs":
        return ncs.items(text, places=places, provider=provider, today=today, warnings=warnings)
    return importer.items(name, text, warnings)


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BOMS = (*_UTF16_BOMS, b"\xef\xbb\xbf")
_DECLARED = re.compile(rb"""^<\?xml[^>]*encoding=["']([A-Za-z0-9_.-]+)["']""")


def _decode(data: bytes) -> str:
    """UTF-8 text, or the encoding an XML file declares or marks with a byte order mark."""
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16")
    declared = _DECLARED.match(data)
    if declared and declared[1].lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return data.decode(declared[1].decode("ascii"))
    return data.decode("utf-8-sig")


def _named(name: str, files: Sequence[object], items: Iterable[Item]) -> Iterator[Item]:
    """With several files, say which one each record and problem came from."""
    for item in items:
        if len(files) < 2:
            yield item
        elif isinstance(item, Problem):
            yield replace(item, where=_label(name, files, item.line, item.where))
        else:
            line, record = item
            yield line, {**record, WHERE: _label(name, files, line, str(record.get(WHERE, "")))}


def _label(name: str, files: Sequence[object], line: int, where: str = "") -> str:
    inner = where or f"line {line}"
    return f"{name}, {inner}" if len(files) > 1 else where
