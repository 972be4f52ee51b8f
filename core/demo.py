"""Helpers for demo-content loaders: write a row only when it differs, and count what was done.

Each app's demo loader (`news.demo.load`, …) uses `sync_row`, so that `manage.py load_demo`
can run any number of times without new rows or moved `updated_at` timestamps.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _


@dataclass
class Tally:
    """How many rows (or files) a loader created, changed and found already as wanted."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self):
        return _(
            "%(total)d (created %(created)d, updated %(updated)d, unchanged %(unchanged)d)"
        ) % {
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def sync_row(model: type[models.Model], *, lookup: dict, values: dict, tally: Tally):
    """Make the row found by `lookup` hold `values`: create it, update only what differs, or
    leave it untouched (so auto-updated timestamps stay put when nothing changed)."""
    instance = model.objects.filter(**lookup).order_by("pk").first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        tally.created += 1
        return instance
    changed = [name for name, value in values.items() if not holds(instance, name, value)]
    if not changed:
        tally.unchanged += 1
        return instance
    for name in changed:
        setattr(instance, name, values[name])
    instance.full_clean()
    auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    instance.save(update_fields=[*changed, *auto_now])
    tally.updated += 1
    return instance


def holds(instance: models.Model, name: str, value) -> bool:
    """Whether `instance` already stores `value` in field `name` (as the database would)."""
    model_field = instance._meta.get_field(name)
    if model_field.many_to_one:
        return getattr(instance, model_field.attname) == (value.pk if value else None)
    if isinstance(model_field, models.FileField):
        return getattr(instance, name).name == value
    # The value as it would be stored (a rich-text field sanitizes it on the way).
    return getattr(instance, name) == model_field.get_prep_value(value)
