"""Typing tags on the article form in real Chromium: an existing tag found without diacritics,
a new word kept (static/admin/js/free_words.js over Django's autocomplete)."""

import re

import pytest

from accounts.roles import EDITOR
from news.models import Article
from tests.browser.test_admin_drafts import _log_in
from tests.factories import CategoryFactory, StaffFactory
from topics.models import Tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_picks_a_tag_typed_without_diacritics_and_adds_a_new_one(page, live_server):
    editor = StaffFactory(username="bientapvien", role=EDITOR)
    existing = Tag.for_word("cải cách hành chính")
    existing.save()
    article = Article.objects.create(
        title="Bài có thẻ",
        category=CategoryFactory(),
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        created_by=editor,
    )
    _log_in(page, live_server, "bientapvien")
    page.goto(f"{live_server.url}/quan-tri/news/article/{article.pk}/change/")
    tags = page.locator(".field-tags .select2-container")
    tags.click()
    search = tags.locator(".select2-search__field")
    search.press_sequentially("cai cach")
    page.locator(".select2-results__option", has_text="cải cách hành chính").click()
    tags.click()
    search.press_sequentially("chỉ số 2025")
    page.locator(".select2-results__option", has_text="chỉ số 2025").first.wait_for()
    search.press("Enter")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/quan-tri/news/article/$"))
    assert sorted(article.tags.values_list("name", flat=True)) == [
        "chỉ số 2025",
        "cải cách hành chính",
    ]
    assert Tag.objects.count() == 2
