"""XCRI-CAP 1.2 XML: catalog > provider > course > presentation. Each presentation is a
course here (its dates, mode, cost and venue differ); a presentation without a venue takes
its provider's address. Untrusted XML: DTDs and entities are refused outright."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from catalogue.formats.common import cost_from_text, parse_day, postcode_or_warn, slug_id, text_of
from catalogue.importer import WHERE, Item, Problem

NS = {
    "x": "http://xcri.org/profiles/1.2/catalog",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "mlo": "http://purl.org/net/mlo",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = f"{{{NS['xsi']}}}type"
# attendanceMode codes -> canonical mode
MODES = {
    "CM": "in_person",
    "NC": "in_person",
    "WB": "in_person",
    "DA": "blended",
    "MM": "blended",
    "DS": "online",
    "ON": "online",
}
# attendancePattern codes -> words residents search by
PATTERNS = {
    "DT": "daytime",
    "EV": "evening",
    "TW": "twilight evening",
    "DR": "day release",
    "WE": "weekend",
    "CS": "flexible",
}
LANGUAGES = {"en": "English", "cy": "Welsh", "ar": "Arabic", "ur": "Urdu", "pl": "Polish"}


def looks_like(text: str) -> bool:
    return text.lstrip().startswith("<") and "xcri.org/profiles/1.2/catalog" in text[:5000]


def items(data: bytes, *, warnings: list[Problem]) -> Iterator[Item]:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        yield Problem(
            1,
            "",
            f"refused for safety: the XML declares {_what(exc)}; catalogue files never need it",
        )
        return
    except ParseError as exc:
        line, column = exc.position
        yield Problem(line, "", f"not well-formed XML (column {column})")
        return
    if root.tag != f"{{{NS['x']}}}catalog":
        yield Problem(1, "", "an XCRI-CAP file has a <catalog> root element")
        return
    for p_number, provider in enumerate(root.findall("x:provider", NS), start=1):
        provider_name = _text(provider, "dc:title")
        provider_where = f"provider {p_number}" + (
            f" ({provider_name[:40]})" if provider_name else ""
        )
        for c_number, course in enumerate(provider.findall("x:course", NS), start=1):
            presentations = course.findall("x:presentation", NS) or [None]
            for n, presentation in enumerate(presentations, start=1):
                where = f"{provider_where}, course {c_number}"
                if len(presentations) > 1:
                    where += f", presentation {n}"
                yield (
                    0,
                    _record(
                        provider, course, presentation, n, len(presentations), where, warnings
                    ),
                )


def _record(
    provider: Element,
    course: Element,
    presentation: Element | None,
    number: int,
    count: int,
    where: str,
    warnings: list[Problem],
) -> dict[str, object]:
    identifier = _identifier(course)
    if identifier and count > 1:
        identifier = f"{identifier}-{number}"
    subjects = _all(course, "dc:subject")
    title = _text(course, "dc:title") or (
        _text(presentation, "dc:title") if presentation is not None else ""
    )
    record: dict[str, object] = {
        WHERE: where + (f" ({title[:40]})" if title else ""),
        "id": slug_id(identifier),
        "title": title,
        "provider": _text(provider, "dc:title"),
        "description": text_of(_text(course, "x:abstract"), _description(course)),
        "category": subjects[0] if subjects else "",
        "tags": subjects[1:],
        "level": _text(course, "mlo:qualification/dcterms:educationLevel"),
        "booking_url": _text(course, "mlo:url") or _text(provider, "mlo:url"),
    }
    location = provider.find("mlo:location", NS)
    if presentation is not None:
        record["starts_on"] = parse_day(_attr(presentation, "mlo:start", "dtf"))
        record["ends_on"] = parse_day(_attr(presentation, "x:end", "dtf"))
        mode = _code(presentation, "x:attendanceMode")
        if mode in MODES:
            record["mode"] = MODES[mode]
        pattern = _code(presentation, "x:attendancePattern")
        if pattern in PATTERNS:
            record["tags"] = [*subjects[1:], PATTERNS[pattern]]
        cost = cost_from_text(_text(presentation, "mlo:cost"))
        if cost is not None:
            record["cost"] = cost
        language = _text(presentation, "mlo:languageOfInstruction").lower()
        if language:
            record["language"] = LANGUAGES.get(language, language)
        url = _text(presentation, "x:applyTo")
        if url.startswith("http"):
            record["booking_url"] = url
        venue = presentation.find("x:venue/x:provider", NS)
        if venue is not None:
            record["venue"] = _text(venue, "dc:title")
            own = venue.find("mlo:location", NS)
            location = own if own is not None else location
    if location is not None:
        lines = _all(location, "mlo:address")
        record["address"] = ", ".join([*lines, _text(location, "mlo:town")]).strip(", ")
        record["postcode"] = postcode_or_warn(_text(location, "mlo:postcode"), where, warnings)
        record["contact"] = _text(location, "mlo:phone") or _text(location, "mlo:email")
        record.setdefault("venue", _text(provider, "dc:title"))
    if not str(record.get("booking_url", "")).startswith("http"):
        record["booking_url"] = ""
    return record


def _identifier(course: Element) -> str:
    ids = course.findall("dc:identifier", NS)
    for element in ids:  # the provider's own code reads best in links
        if "internalID" in element.get(XSI_TYPE, ""):
            return (element.text or "").strip()
    first = (ids[0].text or "").strip() if ids else ""
    if "://" in first:  # a course page's address: its last part names the course
        path = [part for part in urlsplit(first).path.split("/") if part]
        return path[-1] if path else urlsplit(first).netloc
    return first


def _description(course: Element) -> str:
    for element in course.findall("dc:description", NS):
        if not element.get(XSI_TYPE):
            return " ".join(" ".join(element.itertext()).split())
    return ""


def _text(element: Element | None, path: str) -> str:
    if element is None:
        return ""
    found = element.find(path, NS)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _all(element: Element, path: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in element.findall(path, NS)]


def _attr(element: Element, path: str, name: str) -> str:
    found = element.find(path, NS)
    return found.get(name, "") if found is not None else ""


def _code(element: Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.get("identifier") or "").upper() if found is not None else ""


_UNSAFE = {
    "DTDForbidden": "a DTD",
    "EntitiesForbidden": "entities",
    "ExternalReferenceForbidden": "external references",
}


def _what(exc: Any) -> str:
    return _UNSAFE.get(type(exc).__name__, "something unsafe")
