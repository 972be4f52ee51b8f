"""What changed between two revisions of an article (django-reversion keeps them)."""

import difflib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from reversion.models import Version

from core.htmlblocks import split_top_level_blocks

from .models import Article, ArticleImage, Category, RelatedArticle

CONTENT_FIELDS = ("title", "slug", "category", "summary", "body", "published_at", "is_featured")


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    lines: list[tuple[str, str]]  # (" ", "-" or "+", text) pairs of a line diff


def versions_of(article: Article):
    """The article's revisions, newest first."""
    return Version.objects.get_for_object(article).select_related("revision__user").order_by("-pk")


def snapshot(version: Version) -> dict[str, list[str]]:
    """The revision's content as readable lines per field (photos and related links included)."""
    data = version.field_dict
    lines: dict[str, list[str]] = {}
    for name in CONTENT_FIELDS:
        value = data.get(name)
        if name == "category":
            category = Category.objects.filter(pk=data.get("category_id")).first()
            lines[name] = [str(category) if category else "—"]
        elif name == "body":
            lines[name] = [
                " ".join(strip_tags(block).split()) or block
                for block in split_top_level_blocks(value or "")
            ]
        else:
            lines[name] = [str(value) if value not in (None, "") else "—"]
    related = version.revision.version_set.all()
    lines["images"] = sorted(
        f"{item['order']}. {item['image']} — {item['caption']} ({item['alt_text']})"
        for item in _field_dicts(related, ArticleImage, "article_id", version.object_id)
    )
    links = list(_field_dicts(related, RelatedArticle, "from_article_id", version.object_id))
    titles = dict(
        Article.objects.filter(pk__in=[item["to_article_id"] for item in links]).values_list(
            "pk", "title"
        )
    )
    lines["related_links"] = sorted(
        f"{item['order']}. {titles.get(item['to_article_id'], item['to_article_id'])}"
        for item in links
    )
    return lines


def _field_dicts(versions, model, fk_attname: str, article_id: str):
    content_type = ContentType.objects.get_for_model(model)
    for version in versions:
        if version.content_type_id != content_type.pk:
            continue
        data = version.field_dict
        if str(data.get(fk_attname)) == article_id:
            yield data


FIELD_LABELS = {
    **{name: Article._meta.get_field(name).verbose_name for name in CONTENT_FIELDS},
    "images": ArticleImage._meta.verbose_name_plural,
    "related_links": Article._meta.get_field("related_articles").verbose_name,
}


def compare(old: Version, new: Version) -> list[FieldChange]:
    """The fields that differ between two revisions, each with a line diff."""
    before, after = snapshot(old), snapshot(new)
    changes = []
    for name, label in FIELD_LABELS.items():
        if before[name] == after[name]:
            continue
        lines = [
            (line[0], line[2:])
            for line in difflib.ndiff(before[name], after[name])
            if not line.startswith("?")
        ]
        changes.append(FieldChange(name=name, label=label, lines=lines))
    return changes
