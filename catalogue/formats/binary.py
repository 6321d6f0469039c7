"""Files that are not text at all: a picture, a PDF or a spreadsheet sent (or renamed) as a
catalogue. Named by their first bytes, so the admin is told what the file is and what to send
instead, rather than that it "is not UTF-8"."""

from __future__ import annotations

from pathlib import Path

SAVE_AS_CSV = "in Excel choose Save As > 'CSV UTF-8 (Comma delimited)'"
_KINDS = {".csv": "a CSV", ".json": "a JSON", ".xml": "an XML", ".ics": "an iCalendar"}
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"an old Excel or Word file: {SAVE_AS_CSV}"),
)


def what_it_is(name: str, data: bytes) -> str:
    """Why a file that is no kind of text is refused, or '' when it may be text."""
    found = next((what for magic, what in _MAGIC if data.startswith(magic)), "")
    if not found and data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        if b"xl/" in head:
            found = f"an Excel workbook: {SAVE_AS_CSV}"
        elif b"word/" in head:
            found = "a Word document: send the catalogue as a CSV file"
        else:
            found = "a ZIP archive: unzip it and send the catalogue file inside"
    if not found:
        return ""
    kind = _KINDS.get(Path(name).suffix.lower(), "a catalogue")
    what, _, advice = found.partition(": ")
    return f"this is {what}, not {kind} file" + (f": {advice}" if advice else "")
