"""The shared upload check: size, PDF by content, no active content (object streams too), and safe names."""

import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from icm_portal.uploads import check_pdf, pdf_name

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
)


def _pdf(catalog, extra=b""):
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" + extra + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _object_stream(objects, filters=b"/Filter /FlateDecode", encode=zlib.compress):
    body = encode(objects)
    return (
        b"5 0 obj\n<< /Type /ObjStm /N 1 /First 4 "
        + filters
        + b" /Length %d >>\nstream\n" % len(body)
        + body
        + b"\nendstream\nendobj\n"
    )


def _refusal(content, name="letter.pdf"):
    with pytest.raises(ValidationError) as refused:
        check_pdf(SimpleUploadedFile(name, content))
    return refused.value.messages[0]


def test_a_plain_pdf_is_accepted():
    check_pdf(SimpleUploadedFile("letter.pdf", MINIMAL_PDF))


@pytest.mark.parametrize(
    "catalog, name",
    [
        (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "/JS, /JavaScript, /OpenAction"),
        (b"/OpenAction 3 0 R", "/OpenAction"),
        (b"/AA << /O << /S /Launch /F (cmd.exe) >> >>", "/Launch"),
        (b"/Names << /J#61vaScript 4 0 R >>", "/JavaScript"),  # a name spelled with a #xx escape
    ],
)
def test_a_pdf_with_scripts_or_actions_is_refused_saying_which(catalog, name):
    message = _refusal(_pdf(catalog))
    assert "scripts or actions that run when it is opened" in message
    assert f"({name})" in message


def test_javascript_hidden_in_a_compressed_object_stream_is_found():
    message = _refusal(_pdf(b"", _object_stream(b"3 0 << /S /JavaScript /JS (app.alert(1)) >>")))
    assert "(/JS, /JavaScript)" in message


def test_an_uncompressed_object_stream_is_read_too():
    message = _refusal(_pdf(b"", _object_stream(b"3 0 << /Type /Action /S /Launch >>", filters=b"", encode=bytes)))
    assert "(/Launch)" in message


def test_a_clean_compressed_object_stream_is_accepted():
    check_pdf(SimpleUploadedFile("letter.pdf", _pdf(b"", _object_stream(b"3 0 << /Type /Font /Subtype /Type1 >>"))))


@pytest.mark.parametrize(
    "content",
    [
        _pdf(b"", _object_stream(b"garbage", encode=lambda data: b"not zlib at all")),
        _pdf(b"", _object_stream(b"3 0 << >>", filters=b"/Filter /LZWDecode")),
        _pdf(b"", b"9 0 obj\n<< /Filter /Standard /V 2 >>\nendobj\n").replace(
            b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 9 0 R"
        ),
    ],
    ids=["corrupt-stream", "lzw-object-stream", "encrypted"],
)
def test_a_pdf_that_cannot_be_checked_is_refused_saying_why(content):
    assert "cannot check for scripts" in _refusal(content)


def test_a_decompression_bomb_is_refused_not_inflated(monkeypatch):
    monkeypatch.setattr("icm_portal.uploads.MAX_INFLATED_BYTES", 1000)
    content = _pdf(b"", _object_stream(b"3 0 << >>" + b" " * 100_000))
    assert "cannot check for scripts" in _refusal(content)


def test_a_file_above_the_limit_is_refused_with_both_sizes(settings):
    settings.MAX_UPLOAD_BYTES = 100
    assert _refusal(MINIMAL_PDF) == f"The file is {len(MINIMAL_PDF)}\xa0bytes; attachments may be at most 100\xa0bytes."


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00 a Windows program", b"%PDF-1.4\nbut nothing after the header", b"<html></html>"]
)
def test_a_file_that_is_not_a_pdf_by_content_is_refused(content):
    assert _refusal(content, name="letter.pdf").startswith("This file is not a PDF.")


def test_refusals_are_in_the_uploaders_language():
    with translation.override("nl"):
        message = _refusal(_pdf(b"/OpenAction 3 0 R"))
    assert "scripts" in message and "niet" in message


@pytest.mark.parametrize(
    "original, kept",
    [
        ("letter.bat", "letter.pdf"),
        ("letter of support.pdf", "letter of support.pdf"),
        ("Letter.PDF", "Letter.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\me\\brief.exe", "brief.pdf"),
        ('evil"; filename="x.html', "evil filename=x.pdf"),
        ("line\r\nbreak.pdf", "line break.pdf"),
        ("\u202egnp.pdf", "gnp.pdf"),
        ("", "attachment.pdf"),
        (".bat", "bat.pdf"),
        ("brief ëé.pdf", "brief ëé.pdf"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_a_kept_name_is_safe_for_a_header_and_always_ends_in_pdf(original, kept):
    assert pdf_name(original) == kept


def test_an_object_stream_with_a_deeply_nested_dictionary_is_read_too():
    nested = b"/DecodeParms << /A << /B << /C << /D 1 >> >> >> >> /Filter /FlateDecode"
    message = _refusal(_pdf(b"", _object_stream(b"3 0 << /S /JavaScript >>", filters=nested)))
    assert "(/JavaScript)" in message


def test_a_large_pdf_of_many_streams_is_checked_in_reasonable_time():
    import time

    streams = b"".join(
        b"%d 0 obj\n<< /Length 5000 >>\nstream\n" % n + b"x" * 5000 + b"\nendstream\nendobj\n" for n in range(2000)
    )
    content = _pdf(b"", streams)
    started = time.monotonic()
    check_pdf(SimpleUploadedFile("big.pdf", content))
    assert time.monotonic() - started < 5
