"""On PostgreSQL, the stored search vectors of an article's title, and of its title and
summary, each with a GIN index: the site search finds the newest title matches (and title or
summary matches) through an index, however common the words (core.search, "At scale")."""

from django.db import migrations

from core import search


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_merge_search"),
    ]

    operations = [
        search.add_postgresql_search_vector(
            "news",
            "Article",
            key="news",
            column="search_vector_title",
            index="article_search_title_idx",
            tier=0,
        ),
        search.add_postgresql_search_vector(
            "news",
            "Article",
            key="news",
            column="search_vector_head",
            index="article_search_head_idx",
            tier=1,
        ),
    ]
