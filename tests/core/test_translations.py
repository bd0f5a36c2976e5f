"""The Vietnamese catalogue is complete and is the one Django actually uses.

Source strings (msgids) are English; ``locale/vi/LC_MESSAGES/django.po`` must translate every
one of them (a missing or fuzzy entry silently shows English to Vietnamese users).
"""

import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.unit

VI_PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _unescape(text):
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def parse_po(path):
    """Return the entries of a .po file as dicts: msgid, msgid_plural, msgstr list, flags."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"flags": set(), "fields": {}, "obsolete": False}
        current = None
        for line in block.strip().splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and current:
                entry["fields"][current] += _unescape(line[1:-1])
            elif match := _KEYWORD.match(line):
                current = match.group(1)
                entry["fields"][current] = _unescape(match.group(2))
        fields = entry["fields"]
        if "msgid" not in fields or entry["obsolete"]:
            continue
        entries.append(
            {
                "msgctxt": fields.get("msgctxt"),
                "msgid": fields["msgid"],
                "msgid_plural": fields.get("msgid_plural"),
                "msgstr": [
                    value for key, value in sorted(fields.items()) if key.startswith("msgstr")
                ],
                "flags": entry["flags"],
            }
        )
    return entries


def _header(entries):
    header = next(entry for entry in entries if entry["msgid"] == "")
    return dict(
        line.split(": ", 1) for line in header["msgstr"][0].splitlines() if ": " in line
    ), header


def _messages(entries):
    return [entry for entry in entries if entry["msgid"] != ""]


def test_translations_vi_header_declares_utf8_and_one_plural_form():
    header, entry = _header(parse_po(VI_PO))
    assert header.get("Language") == "vi"
    assert header.get("Content-Type") == "text/plain; charset=UTF-8"
    assert header.get("Plural-Forms") == "nplurals=1; plural=0;"
    assert "fuzzy" not in entry["flags"], "the header is fuzzy: msgfmt would ignore it"


def test_translations_vi_every_entry_is_translated():
    untranslated = [
        entry["msgid"]
        for entry in _messages(parse_po(VI_PO))
        if not entry["msgstr"] or any(not value.strip() for value in entry["msgstr"])
    ]
    assert not untranslated, f"{len(untranslated)} untranslated msgid(s) in {VI_PO}: {untranslated}"


def test_translations_vi_no_entry_is_fuzzy():
    fuzzy = [entry["msgid"] for entry in parse_po(VI_PO) if "fuzzy" in entry["flags"]]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entr(y/ies) in {VI_PO} (Django ignores them): {fuzzy}"


def test_translations_vi_plural_entries_have_exactly_one_form():
    wrong = [
        entry["msgid"]
        for entry in _messages(parse_po(VI_PO))
        if entry["msgid_plural"] is not None and len(entry["msgstr"]) != 1
    ]
    assert not wrong, f"plural entries must have only msgstr[0] in Vietnamese: {wrong}"


def test_translations_vi_keep_placeholders_and_are_nfc():
    wrong_placeholders, not_nfc = [], []
    for entry in _messages(parse_po(VI_PO)):
        expected = sorted(_PLACEHOLDER.findall(entry["msgid"]))
        for value in entry["msgstr"]:
            if value and sorted(_PLACEHOLDER.findall(value)) != expected:
                wrong_placeholders.append(entry["msgid"])
            if unicodedata.normalize("NFC", value) != value:
                not_nfc.append(entry["msgid"])
    assert not wrong_placeholders, f"placeholders changed in translation of: {wrong_placeholders}"
    assert not not_nfc, f"translations not in Unicode NFC: {not_nfc}"


def test_translations_en_header_declares_utf8_and_two_plural_forms():
    header, _entry = _header(parse_po(EN_PO))
    assert header.get("Content-Type") == "text/plain; charset=UTF-8"
    assert header.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize(
    ("msgid", "vietnamese"),
    [
        ("My work", "Việc của tôi"),
        ("Sign in", "Đăng nhập"),
        ("Sign out", "Đăng xuất"),
        ("Audit log", "Nhật ký hệ thống"),
        ("Emulation cluster", "Cụm thi đua"),
        ("Emulation block", "Khối thi đua"),
    ],
)
def test_translations_key_strings_render_in_vietnamese_and_stay_english(msgid, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(msgid) == vietnamese, (
            "the compiled catalogue is missing or stale: run manage.py compilemessages"
        )
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_translations_blocktranslate_placeholders_render_in_vietnamese():
    template = Template(
        "{% load i18n %}{% blocktranslate trimmed with number=2 total=5 %}"
        "Page {{ number }} of {{ total }}{% endblocktranslate %}"
    )
    with translation.override("vi"):
        assert template.render(Context()) == "Trang 2/5"
    with translation.override("en"):
        assert template.render(Context()) == "Page 2 of 5"
