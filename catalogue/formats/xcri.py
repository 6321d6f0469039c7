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

from catalogue.fields import is_web_address
from catalogue.formats.common import (
    coordinates_or_warn,
    cost_of_field,
    parse_day,
    postcode_or_warn,
    slug_id,
    text_of,
    web_address_or_warn,
)
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
# The same, as feeds write them in words when they give no code.
MODE_WORDS = (
    ("distance", "online"),
    ("online", "online"),
    ("blended", "blended"),
    ("mixed", "blended"),
    ("campus", "in_person"),
    ("face", "in_person"),
    ("attendance", "in_person"),
    ("classroom", "in_person"),
)
PATTERN_WORDS = (
    ("evening", "evening"),
    ("twilight", "twilight evening"),
    ("weekend", "weekend"),
    ("daytime", "daytime"),
    ("day release", "day release"),
    ("flexible", "flexible"),
    ("customised", "flexible"),
)
LANGUAGES = {"en": "English", "cy": "Welsh", "ar": "Arabic", "ur": "Urdu", "pl": "Polish"}
# Namespaces feeds get slightly wrong, and what they should be.
KNOWN_NAMESPACES = {ns.rstrip("/#"): ns for ns in NS.values()}


def looks_like(text: str) -> bool:
    return text.lstrip().startswith("<") and "xcri.org/profiles/1.2/catalog" in text[:5000]


def items(data: bytes, *, provider_given: str = "", warnings: list[Problem]) -> Iterator[Item]:
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
    except LookupError as exc:  # <?xml encoding="..."?> names an encoding there is none of
        yield Problem(1, "", f"the XML declares an encoding Python does not know ({exc})")
        return
    if root.tag != f"{{{NS['x']}}}catalog":
        yield Problem(1, "", "an XCRI-CAP file has a <catalog> root element" + _namespace(root))
        return
    wrong = _wrong_namespaces(root)
    if wrong:
        yield Problem(1, "", wrong)
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
                record = _record(
                    provider, course, presentation, n, len(presentations), where, warnings
                )
                # --provider fills a gap, never overrides the feed's own provider.
                record["provider"] = record["provider"] or provider_given
                yield 0, record


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
        record["starts_on"] = parse_day(_date(presentation, "mlo:start"))
        record["ends_on"] = parse_day(_date(presentation, "x:end"))
        mode = _coded(presentation, "x:attendanceMode", MODES, MODE_WORDS)
        if mode:
            record["mode"] = mode
        pattern = _coded(presentation, "x:attendancePattern", PATTERNS, PATTERN_WORDS)
        if pattern:
            record["tags"] = [*subjects[1:], pattern]
        cost = cost_of_field(_text(presentation, "mlo:cost"))
        if cost is not None:
            record["cost"] = cost
        language = _text(presentation, "mlo:languageOfInstruction").lower()
        if language:
            record["language"] = LANGUAGES.get(language, language)
        url = _text(presentation, "x:applyTo")
        if is_web_address(url):  # else its course's page (an e-mail address is not a page)
            record["booking_url"] = url
        venue = presentation.find("x:venue/x:provider", NS)
        if venue is not None:
            record["venue"] = _text(venue, "dc:title")
            own = venue.find("mlo:location", NS)
            location = own if own is not None else location
    if location is not None:
        lines = [line for line in _all(location, "mlo:address", own_text=True) if line]
        lat, lon = _coordinates(location)
        if lat and lon:
            record["lat"], record["lon"] = coordinates_or_warn(lat, lon, where, warnings)
        record["address"] = ", ".join([*lines, _text(location, "mlo:town")]).strip(", ")
        record["postcode"] = postcode_or_warn(_text(location, "mlo:postcode"), where, warnings)
        record["contact"] = _text(location, "mlo:phone") or _text(location, "mlo:email")
        record.setdefault("venue", _text(provider, "dc:title"))
    url = str(record.get("booking_url", ""))
    record["booking_url"] = web_address_or_warn(url, where, warnings, "mlo:url")
    return record


def _identifier(course: Element) -> str:
    ids = course.findall("dc:identifier", NS)
    for element in ids:  # the provider's own code reads best in links
        if "internalID" in element.get(XSI_TYPE, ""):
            return (element.text or "").strip()
    first = (ids[0].text or "").strip() if ids else ""
    if "://" in first:  # a course page's address: its last part (and query) names the course
        parts = urlsplit(first)
        path = [part for part in parts.path.split("/") if part]
        name = path[-1] if path else parts.netloc
        return f"{name}-{parts.query}" if parts.query else name
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


def _all(element: Element, path: str, *, own_text: bool = False) -> list[str]:
    """The text of each match; with own_text, leaving out child elements' text (coordinates
    written inside an address are not part of it)."""
    found = element.findall(path, NS)
    if own_text:
        return [" ".join(_own(e).split()) for e in found]
    return [" ".join("".join(e.itertext()).split()) for e in found]


def _own(element: Element) -> str:
    return " ".join([element.text or "", *(child.tail or "" for child in element)])


def _coordinates(location: Element) -> tuple[str, str]:
    """Latitude and longitude written anywhere in a location (W3C geo's lat and long), as
    written: coordinates_or_warn reads them."""
    values = {}
    for element in location.iter():
        local = element.tag.rpartition("}")[2].lower()
        if local in ("lat", "latitude", "long", "longitude", "lon"):
            values[local[:3]] = (element.text or "").strip()
    return values.get("lat", ""), values.get("lon", "")


def _date(element: Element, path: str) -> str:
    """A date from its dtf attribute, or, where a feed gives none, from its text."""
    found = element.find(path, NS)
    if found is None:
        return ""
    return found.get("dtf") or (found.text or "").strip()


def _coded(
    element: Element,
    path: str,
    codes: dict[str, str],
    words: tuple[tuple[str, str], ...],
) -> str:
    """A value given as a code (identifier="DS") or, in feeds that give none, in words
    ("Distance without attendance")."""
    found = element.find(path, NS)
    if found is None:
        return ""
    code = (found.get("identifier") or "").upper()
    if code in codes:
        return codes[code]
    text = " ".join("".join(found.itertext()).split()).lower()
    return next((value for word, value in words if word in text), "")


def _namespace(root: Element) -> str:
    namespace = root.tag.partition("}")[0].lstrip("{") if root.tag.startswith("{") else ""
    if root.tag.rpartition("}")[2] == "catalog":
        return f", in the namespace {NS['x']!r}, not {namespace or 'none'!r}"
    return ""


def _wrong_namespaces(root: Element) -> str:
    """A namespace written slightly wrong ("http://purl.org/dc/elements/1.1", no slash)
    would leave every field empty; say which, instead."""
    used = {e.tag.partition("}")[0].lstrip("{") for e in root.iter() if e.tag.startswith("{")}
    for namespace in sorted(used):
        meant = KNOWN_NAMESPACES.get(namespace.rstrip("/#"))
        if meant and meant != namespace:
            return f"the namespace {namespace!r} should be {meant!r}"
    return ""


_UNSAFE = {
    "DTDForbidden": "a DTD",
    "EntitiesForbidden": "entities",
    "ExternalReferenceForbidden": "external references",
}


def _what(exc: Any) -> str:
    return _UNSAFE.get(type(exc).__name__, "something unsafe")
