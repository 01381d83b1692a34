"""The one check of an uploaded document: size, a PDF by its content, no active content; and its safe name.

Attachments of proposals use it now, CVs and transcripts of applications later. Each refusal
says why, in the language of the person uploading.

What the active-content check reads: every name in the file (``#xx`` escapes decoded), and the
objects inside compressed object streams (``/Type /ObjStm`` with ``/FlateDecode``, the filter
PDF writers use for them). It does not decode other filters (LZW, run-length, or chains of
filters) on object streams; such a stream, and an encrypted file (whose object streams are
encrypted), is refused because it cannot be checked.
"""

import os
import re
import unicodedata
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Names that make a PDF run something when it is opened or clicked.
ACTIVE_NAMES = {b"JavaScript", b"JS", b"OpenAction", b"Launch"}
# Decompressed object streams read at most this much in all: beyond it the file cannot be checked.
MAX_INFLATED_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024

_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj")


class UncheckableError(Exception):
    """Part of the file cannot be decoded, so it cannot be shown to be free of active content."""


def _names(data):
    """The names of a PDF's bytes, with ``#xx`` escapes decoded (``/J#61vaScript`` is ``/JavaScript``)."""
    for match in _NAME.finditer(data):
        yield _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))


def _object_streams(data):
    """The decoded contents of the file's compressed object streams."""
    budget = MAX_INFLATED_BYTES
    for match in _STREAM.finditer(data):
        # The stream's dictionary: what lies between the object's "obj" and "stream", however nested.
        dictionary = data[max(0, data.rfind(b"obj", 0, match.start())) : match.start()]
        names = set(_names(dictionary))
        if b"ObjStm" not in names:
            continue
        filters = names & {b"FlateDecode", b"LZWDecode", b"RunLengthDecode", b"ASCIIHexDecode", b"ASCII85Decode"}
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            raise UncheckableError
        raw = data[start:end]
        if not filters:
            yield raw
            continue
        if filters != {b"FlateDecode"}:
            raise UncheckableError
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(raw, budget + 1)
        except zlib.error as exc:
            raise UncheckableError from exc
        budget -= len(inflated)
        if budget < 0:
            raise UncheckableError
        yield inflated


def active_content(data):
    """The active-content names found in a PDF (a set; empty when none), reading object streams too.

    Raises ``UncheckableError`` when an encrypted file or an object stream hides what it holds.
    """
    names = set(_names(data))
    if b"Encrypt" in names:
        raise UncheckableError
    found = names & ACTIVE_NAMES
    for content in _object_streams(data):
        found |= {name for name in _names(content) if name in ACTIVE_NAMES}
    return found


def is_pdf(data):
    """A PDF by content: the ``%PDF-x.y`` header, at least one object, and the end-of-file marker near the end."""
    return (
        re.match(rb"%PDF-\d\.\d", data[:16]) is not None
        and _OBJECT.search(data) is not None
        and b"%%EOF" in data[-2048:]
    )


def _read(uploaded_file):
    uploaded_file.seek(0)
    data = b"".join(iter(lambda: uploaded_file.read(CHUNK), b""))
    uploaded_file.seek(0)
    return data


def check_pdf(uploaded_file, *, max_bytes=None):
    """Refuse what is not a harmless PDF of at most ``max_bytes`` (MAX_UPLOAD_BYTES), saying why.

    Raises ``ValidationError`` with one message; returns None when the file may be kept.
    """
    max_bytes = max_bytes or settings.MAX_UPLOAD_BYTES
    if uploaded_file.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; attachments may be at most %(max)s.")
            % {"size": filesizeformat(uploaded_file.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    data = _read(uploaded_file)
    if not is_pdf(data):
        raise ValidationError(_("This file is not a PDF. Attach letters and documents as PDF files."), code="not_pdf")
    try:
        found = active_content(data)
    except UncheckableError:
        raise ValidationError(
            _(
                "This PDF is encrypted or compressed in a way the portal cannot check for scripts. "
                "Print it to a new PDF (or export it without a password) and send that."
            ),
            code="uncheckable",
        ) from None
    if found:
        raise ValidationError(
            _(
                "This PDF contains scripts or actions that run when it is opened (%(names)s), which the portal "
                "does not accept. Print it to a new PDF and send that."
            )
            % {"names": ", ".join(sorted("/" + name.decode() for name in found))},
            code="active_content",
        )


def pdf_name(original, *, default="attachment"):
    """The name a document is kept and served under: the uploader's name, made safe, always ending in ``.pdf``.

    No directory, no control or format characters, no quotes, backslashes or semicolons
    (which a Content-Disposition header would have to escape), at most 200 characters.
    """
    base = os.path.basename((original or "").replace("\\", "/"))
    stem = os.path.splitext(base)[0]  # "letter.bat" becomes "letter.pdf": never a second extension
    stem = "".join(
        " " if unicodedata.category(c).startswith(("C", "Z")) else c for c in unicodedata.normalize("NFC", stem)
    )
    stem = re.sub(r'["\\;]', "", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .") or default
    return stem[:196] + ".pdf"
