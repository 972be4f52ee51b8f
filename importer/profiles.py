"""Profiles: how to read an article page of one old site.

A profile is a TOML file (see `profiles/laichau.toml`, the one shipped for the old Lai Châu
portal) or a Python class: a subclass of `Profile` whose methods may be overridden where CSS
selectors are not enough (`parse_date`, `category_name`, `clean_body`). `load_profile` takes a
shipped profile's name, a path to a `.toml` file, or the dotted path of such a class.
docs/import.md says how to write one.
"""

import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

SHIPPED = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = "laichau"
MERIDIEMS = {"SA": "AM", "CH": "PM"}


@dataclass
class Profile:
    name: str = "custom"
    title: str = "h1"
    date: str = ""
    summary: str = ""
    body: str = "body"
    breadcrumb: str = ""
    caption: str = ""
    drop: list[str] = field(default_factory=lambda: ["script", "style"])
    date_pattern: str = (
        r"(\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?)?)"
    )
    date_formats: list[str] = field(default_factory=lambda: ["%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y"])
    categories: dict[str, str] = field(default_factory=dict)
    default_category: str = ""
    # What the file said, to tell a changed profile (part of each page's content hash).
    source_text: str = ""

    @classmethod
    def from_toml(cls, text: str) -> "Profile":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ImproperlyConfigured(f"The profile is not valid TOML: {error}") from error
        selectors = data.get("selectors", {})
        dates = data.get("date", {})
        categories = dict(data.get("categories", {}))
        default_category = categories.pop("default", "")
        known = {"title", "date", "summary", "body", "breadcrumb", "caption", "drop"}
        unknown = set(selectors) - known
        if unknown:
            raise ImproperlyConfigured(f"Unknown selectors in the profile: {sorted(unknown)}")
        if not selectors.get("body") or not selectors.get("title"):
            raise ImproperlyConfigured("A profile needs at least the title and body selectors.")
        profile = cls(
            name=data.get("name", "custom"),
            categories=categories,
            default_category=default_category,
            source_text=text,
            **dict(selectors.items()),
        )
        if dates.get("pattern"):
            profile.date_pattern = dates["pattern"]
        if dates.get("formats"):
            profile.date_formats = list(dates["formats"])
        try:
            re.compile(profile.date_pattern)
        except re.error as error:
            raise ImproperlyConfigured(f"The date pattern is not valid: {error}") from error
        return profile

    # --- What a subclass may override ----------------------------------------------------

    def parse_date(self, text: str) -> datetime | None:
        """The publication time in the date line `text` (aware, local time), or None."""
        found = re.search(self.date_pattern, text or "", re.IGNORECASE)
        if not found:
            return None
        value = " ".join(found.group(1).split())
        for word, english in MERIDIEMS.items():
            value = re.sub(rf"\b{word}\b", english, value, flags=re.IGNORECASE)
        for date_format in self.date_formats:
            try:
                parsed = datetime.strptime(value, date_format)
            except ValueError:
                continue
            return timezone.make_aware(parsed)
        return None

    def category_name(self, old_name: str) -> str:
        """Our category (slug or name) for the old site's category `old_name`."""
        old_name = " ".join((old_name or "").split())
        if not old_name:
            return self.default_category
        return self.categories.get(old_name, old_name)

    def clean_body(self, body) -> None:
        """Change the body element (lxml) in place before it is read; nothing by default."""

    @property
    def fingerprint(self) -> str:
        return self.source_text or repr(self)


def load_profile(name_or_path: str | None) -> Profile:
    """A shipped profile by name, a `.toml` file, or a `Profile` subclass by dotted path."""
    name_or_path = name_or_path or DEFAULT_PROFILE
    shipped = SHIPPED / f"{name_or_path}.toml"
    if shipped.is_file():
        return Profile.from_toml(shipped.read_text(encoding="utf-8"))
    path = Path(name_or_path)
    if path.suffix == ".toml":
        if not path.is_file():
            raise ImproperlyConfigured(f"No profile file {path}.")
        return Profile.from_toml(path.read_text(encoding="utf-8"))
    try:
        profile_class = import_string(name_or_path)
    except ImportError as error:
        raise ImproperlyConfigured(f"No profile named {name_or_path!r}: {error}") from error
    if not (isinstance(profile_class, type) and issubclass(profile_class, Profile)):
        raise ImproperlyConfigured(f"{name_or_path} is not a subclass of importer.Profile.")
    return profile_class()
