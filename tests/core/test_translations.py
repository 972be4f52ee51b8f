"""The Vietnamese catalog: complete, compiled, and keyed by English msgids."""

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# Vietnamese letters outside ASCII: a msgid holding one was written in Vietnamese.
VIETNAMESE_LETTER = re.compile(r"[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header excluded (enough of the format for our catalog)."""
    entries, entry, target = [], Entry(), None

    def finish():
        nonlocal entry, target
        if entry.msgid or entry.msgstr or entry.obsolete:
            entries.append(entry)
        entry, target = Entry(), None

    for raw_line in path.read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):  # continuation of the keyword before
            value = ast.literal_eval(line)
        else:
            target, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
        if target == "msgid":
            entry.msgid += value
        elif target == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif target == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif target == "msgstr":
            entry.msgstr[0] = entry.msgstr.get(0, "") + value
        elif target and target.startswith("msgstr["):
            index = int(target[len("msgstr[") : -1])
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
        else:
            raise ValueError(f"{path}: unexpected line {raw_line!r}")
    finish()
    return [entry for entry in entries if entry.msgid or entry.obsolete]


ENTRIES = parse_po(PO_FILE)


def label(entry: Entry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def test_the_catalog_and_its_compiled_form_are_in_the_repository():
    assert PO_FILE.is_file()
    assert MO_FILE.is_file(), "run `make messages` to compile the catalog"
    assert len(ENTRIES) > 100


def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete():
    untranslated = [label(e) for e in ENTRIES if not e.msgstr or not all(e.msgstr.values())]
    fuzzy = [label(e) for e in ENTRIES if "fuzzy" in e.flags]
    obsolete = [label(e) for e in ENTRIES if e.obsolete]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    assert not obsolete, f"obsolete: {obsolete}"


def test_msgids_are_english():
    vietnamese = [
        label(e)
        for e in ENTRIES
        if VIETNAMESE_LETTER.search(e.msgid + (e.msgid_plural or "") + (e.msgctxt or ""))
    ]
    assert not vietnamese, f"msgids written in Vietnamese: {vietnamese}"


MSGFMT = shutil.which("msgfmt")


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_catalog_and_finds_nothing_missing():
    result = subprocess.run(
        [MSGFMT, "--check", "--statistics", "--output-file=/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr
    assert "untranslated" not in result.stderr
    assert f"{len(ENTRIES)} translated messages" in result.stderr


@pytest.mark.parametrize("entry", ENTRIES, ids=label)
def test_the_compiled_catalog_gives_each_translation(entry):
    """Fails when django.mo is older than django.po: run `make messages`."""
    with translation.override("vi"):
        if entry.msgid_plural is not None:
            if entry.msgctxt is not None:
                got = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
            else:
                got = translation.ngettext(entry.msgid, entry.msgid_plural, 1)
        elif entry.msgctxt is not None:
            got = translation.pgettext(entry.msgctxt, entry.msgid)
        else:
            got = translation.gettext(entry.msgid)
    assert got == entry.msgstr[0]
