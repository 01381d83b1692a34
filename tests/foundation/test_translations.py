"""Every user-facing string has a Dutch translation, and the compiled catalogue is current."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)', re.MULTILINE)


def _unquote(chunk):
    return "".join(
        line[1:-1].encode("raw_unicode_escape").decode("unicode_escape") for line in chunk.strip().splitlines()
    )


def _catalogue(text):
    """{msgid: [msgstr, …]} of the translated entries, and the msgids left empty or fuzzy."""
    translated, untranslated = {}, []
    for block in text.split("\n\n"):
        fields = {}
        for key, value in ENTRY.findall(block + "\n"):
            fields.setdefault(key, []).append(_unquote(value))
        msgid = fields.get("msgid", [""])[0]
        if not msgid:
            continue
        strings = [v[0] for k, v in fields.items() if k.startswith("msgstr")]
        if "#, fuzzy" in block or not all(strings):
            untranslated.append(msgid)
        else:
            translated[msgid] = strings
    return translated, untranslated


def test_every_entry_of_the_dutch_catalogue_is_translated():
    translated, untranslated = _catalogue(PO.read_text(encoding="utf-8"))
    assert untranslated == []
    assert len(translated) > 500


def test_the_compiled_dutch_catalogue_matches_the_source():
    translated, _ = _catalogue(PO.read_text(encoding="utf-8"))
    singular = {msgid: strings[0] for msgid, strings in translated.items() if len(strings) == 1}
    with translation.override("nl"):
        stale = [msgid for msgid, msgstr in singular.items() if translation.gettext(msgid) != msgstr]
    assert stale == [], "django.mo is older than django.po: run manage.py compilemessages"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext) to extract the strings")
def test_catalogue_holds_every_string_of_the_source(tmp_path):
    copy = tmp_path / "portal"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "node_modules", "staticfiles", "media", "*.sqlite3", "tests"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--ignore", "benchmarks/*"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted, missing = _catalogue((copy / "locale" / "nl" / "LC_MESSAGES" / "django.po").read_text("utf-8"))
    assert missing == [], f"strings without a Dutch translation: {missing[:10]}"
