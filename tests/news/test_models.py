from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError

from accounts.roles import PUBLISHER
from news.models import Article, ArticleImage, Category, RelatedArticle
from news.services import publish_articles, unpublish_articles
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    RelatedArticleFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2019, 7, 11, 17, 0, tzinfo=HANOI)


class TestPublished:
    @time_machine.travel(NOW, tick=False)
    def test_only_published_articles_whose_time_has_come_are_public(self):
        past = ArticleFactory(published_at=NOW - timedelta(days=1))
        just_now = ArticleFactory(published_at=NOW)
        ArticleFactory(published_at=NOW + timedelta(seconds=1))  # scheduled
        ArticleFactory(draft=True)
        ArticleFactory(status=Article.Status.DRAFT, published_at=NOW - timedelta(days=2))

        assert set(Article.objects.published()) == {past, just_now}

    def test_a_scheduled_article_becomes_public_when_its_time_comes_without_any_job(self):
        with time_machine.travel(NOW, tick=False):
            scheduled = ArticleFactory(published_at=NOW + timedelta(minutes=5))
            assert not Article.objects.published().filter(pk=scheduled.pk).exists()
            annotated = Article.objects.with_is_public().get(pk=scheduled.pk)
            assert not annotated.is_public
            assert annotated.is_scheduled
        with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
            assert Article.objects.published().filter(pk=scheduled.pk).exists()
            annotated = Article.objects.with_is_public().get(pk=scheduled.pk)
            assert annotated.is_public
            assert not annotated.is_scheduled

    @time_machine.travel(NOW, tick=False)
    def test_is_public_annotation_agrees_with_published_for_every_case(self):
        ArticleFactory(published_at=NOW - timedelta(days=1))
        ArticleFactory(published_at=NOW)
        ArticleFactory(published_at=NOW + timedelta(seconds=1))
        ArticleFactory(draft=True)
        ArticleFactory(status=Article.Status.DRAFT, published_at=NOW - timedelta(days=2))
        public = set(Article.objects.published().values_list("pk", flat=True))
        flags = dict(Article.objects.with_is_public().values_list("pk", "is_public"))
        assert {pk for pk, flag in flags.items() if flag} == public
        assert len(public) == 2
        draft = Article.objects.with_is_public().get(published_at__isnull=True)
        assert draft.is_public is False and not draft.is_scheduled

    @time_machine.travel(NOW, tick=False)
    def test_publishing_without_a_time_takes_now(self):
        article = ArticleFactory(draft=True)
        article.status = Article.Status.PUBLISHED
        article.save()
        assert article.published_at == NOW

    @time_machine.travel(NOW, tick=False)
    def test_bulk_publish_keeps_a_scheduled_time_and_fills_a_missing_one(self):
        scheduled = ArticleFactory(
            status=Article.Status.DRAFT, published_at=NOW + timedelta(days=1)
        )
        undated = ArticleFactory(draft=True)
        untouched = ArticleFactory(draft=True)
        actor = StaffFactory(role=PUBLISHER)
        selected = Article.objects.filter(pk__in=[scheduled.pk, undated.pk])
        assert publish_articles(articles=selected, actor=actor) == 2
        scheduled.refresh_from_db()
        undated.refresh_from_db()
        untouched.refresh_from_db()
        assert scheduled.status == undated.status == Article.Status.PUBLISHED
        assert scheduled.published_at == NOW + timedelta(days=1)
        assert undated.published_at == NOW
        assert scheduled.updated_by == undated.updated_by == actor
        assert untouched.status == Article.Status.DRAFT

    def test_bulk_unpublish_hides_articles_and_records_who(self):
        article = ArticleFactory()
        actor = StaffFactory(role=PUBLISHER)
        assert unpublish_articles(articles=Article.objects.filter(pk=article.pk), actor=actor) == 1
        assert not Article.objects.published().exists()
        article.refresh_from_db()
        assert article.updated_by == actor

    def test_in_category_includes_subcategories(self):
        parent = CategoryFactory()
        child = CategoryFactory(parent=parent)
        other = CategoryFactory()
        in_parent, in_child = ArticleFactory(category=parent), ArticleFactory(category=child)
        ArticleFactory(category=other)
        assert set(Article.objects.in_category(parent)) == {in_parent, in_child}
        assert set(Article.objects.in_category(child)) == {in_child}


class TestCategory:
    def test_only_one_level_of_parents(self):
        grandparent = CategoryFactory()
        parent = CategoryFactory(parent=grandparent)
        child = Category(name="Cháu", parent=parent)
        with pytest.raises(Exception) as error:
            child.full_clean()
        assert "parent" in error.value.message_dict

    def test_a_category_cannot_be_its_own_parent(self):
        category = CategoryFactory()
        category.parent = category
        with pytest.raises(Exception) as error:
            category.full_clean()
        assert "parent" in error.value.message_dict

    def test_a_parent_with_children_cannot_become_a_child(self):
        parent = CategoryFactory()
        CategoryFactory(parent=parent)
        parent.parent = CategoryFactory()
        with pytest.raises(Exception) as error:
            parent.full_clean()
        assert "parent" in error.value.message_dict

    def test_menu_lists_top_level_menu_categories_in_order(self):
        second = CategoryFactory(name="B", order=2)
        first = CategoryFactory(name="A", order=1)
        CategoryFactory(name="Ẩn", show_in_menu=False)
        CategoryFactory(name="Con", parent=first)
        assert list(Category.objects.menu()) == [first, second]

    def test_slug_from_vietnamese_name(self):
        assert CategoryFactory(name="Kết quả CCHC").slug == "ket-qua-cchc"


class TestRelatedForDisplay:
    def test_chosen_related_come_first_in_their_order_then_newest_of_same_category(self):
        category = CategoryFactory()
        article = ArticleFactory(category=category, published_at=NOW)
        other_category_pick = ArticleFactory(published_at=NOW - timedelta(days=30))
        older_pick = ArticleFactory(category=category, published_at=NOW - timedelta(days=20))
        newest_same = ArticleFactory(category=category, published_at=NOW - timedelta(days=1))
        second_same = ArticleFactory(category=category, published_at=NOW - timedelta(days=2))
        RelatedArticleFactory(from_article=article, to_article=other_category_pick, order=2)
        RelatedArticleFactory(from_article=article, to_article=older_pick, order=1)

        related = article.related_for_display()

        assert related == [older_pick, other_category_pick, newest_same, second_same]

    def test_fills_up_to_five_and_never_shows_itself_or_unpublished(self):
        category = CategoryFactory()
        article = ArticleFactory(category=category)
        draft = ArticleFactory(category=category, draft=True)
        scheduled = ArticleFactory(category=category, published_at=NOW.replace(year=2999))
        RelatedArticleFactory(from_article=article, to_article=draft, order=0)
        RelatedArticleFactory(from_article=article, to_article=scheduled, order=1)
        same_category = ArticleFactory.create_batch(7, category=category)

        related = article.related_for_display()

        assert len(related) == 5
        assert article not in related
        assert draft not in related
        assert scheduled not in related
        assert set(related) <= set(same_category)
        assert related == sorted(related, key=lambda a: (a.published_at, a.pk), reverse=True)

    def test_a_chosen_article_is_not_repeated_by_the_fill_in(self):
        category = CategoryFactory()
        article = ArticleFactory(category=category)
        pick = ArticleFactory(category=category)
        RelatedArticleFactory(from_article=article, to_article=pick)
        assert article.related_for_display() == [pick]

    def test_database_refuses_a_duplicate_link(self):
        article, other = ArticleFactory(), ArticleFactory()
        RelatedArticle.objects.create(from_article=article, to_article=other)
        with pytest.raises(IntegrityError):
            RelatedArticle.objects.create(from_article=article, to_article=other)

    def test_database_refuses_a_self_link(self):
        article = ArticleFactory()
        with pytest.raises(IntegrityError):
            RelatedArticle.objects.create(from_article=article, to_article=article)


class TestBodyWithFigures:
    def test_photos_are_placed_after_the_block_they_ask_for_and_the_rest_at_the_end(self):
        article = ArticleFactory(body="<p>Một</p><h2>Hai</h2><p>Ba</p>")
        after_first = ArticleImageFactory(article=article, after_paragraph=1, order=1)
        at_end = ArticleImageFactory(article=article, after_paragraph=None, order=2)
        past_end = ArticleImageFactory(article=article, after_paragraph=9, order=3)
        after_third = ArticleImageFactory(article=article, after_paragraph=3, order=0)

        parts = [(part.html, part.image) for part in article.body_with_figures()]

        assert parts == [
            ("<p>Một</p>", None),
            ("", after_first),
            ("<h2>Hai</h2>", None),
            ("<p>Ba</p>", None),
            ("", after_third),
            ("", at_end),
            ("", past_end),
        ]

    def test_cover_image_is_the_first_photo_in_order(self):
        article = ArticleFactory()
        second = ArticleImageFactory(article=article, order=5)
        first = ArticleImageFactory(article=article, order=1)
        assert article.cover_image == first
        assert second.order > first.order
        assert ArticleFactory().cover_image is None

    def test_the_database_refuses_a_photo_without_alt_text(self):
        photo = ArticleImageFactory()
        with pytest.raises(IntegrityError):
            ArticleImage.objects.filter(pk=photo.pk).update(alt_text="")


class TestLatestByMenuCategory:
    def test_newest_articles_of_each_menu_category_including_subcategories(self):
        news_category = CategoryFactory(name="Tin tức", order=1)
        results = CategoryFactory(name="Kết quả", order=2)
        papi = CategoryFactory(name="PAPI", parent=results)
        CategoryFactory(name="Trống", order=3)  # no articles: no section
        hidden = CategoryFactory(name="Ẩn", show_in_menu=False)
        ArticleFactory(category=hidden)
        news_items = [
            ArticleFactory(category=news_category, published_at=NOW - timedelta(days=day))
            for day in range(5)
        ]
        in_results = ArticleFactory(category=results, published_at=NOW - timedelta(days=3))
        in_papi = ArticleFactory(category=papi, published_at=NOW - timedelta(days=1))
        ArticleFactory(category=results, draft=True)

        sections = Article.objects.latest_by_menu_category(per_category=3)

        assert [section.category for section in sections] == [news_category, results]
        assert sections[0].articles == news_items[:3]
        assert sections[1].articles == [in_papi, in_results]
