"""No lost work on the article form: a warning before leaving it changed, and the browser's
copy offered back after a closed tab or an expired session (static/admin/js/article_draft.js)."""

import re

import pytest
from django.contrib.sessions.models import Session

from accounts.roles import EDITOR, PUBLISHER
from news.models import Article
from tests.browser.test_admin_paste import FIXTURES, PASTE
from tests.factories import CategoryFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-2019"
ADD = "/quan-tri/news/article/add/"
BODY_TEXT = "Đoạn văn dài soạn trong trình soạn thảo, không được mất."


def _log_in(page, live_server, username):
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))


def _write(page):
    page.locator("#id_title").press_sequentially("Bài viết dài chưa kịp lưu")
    page.fill("#id_summary", "Tóm tắt chưa lưu.")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type(BODY_TEXT)
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('cchc:draft:')"
        " && localStorage.getItem(k).includes('không được mất'))"
    )


@pytest.fixture
def editor_page(page, live_server):
    StaffFactory(username="bientapvien", role=EDITOR)
    CategoryFactory(name="Kết quả CCHC")
    _log_in(page, live_server, "bientapvien")
    return page


def test_leaving_a_changed_article_form_asks_first(editor_page, live_server):
    page = editor_page
    page.goto(live_server.url + ADD)
    _write(page)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)  # let the dialog event arrive; dismissed, the page stays
    assert dialogs == ["beforeunload"]
    assert not page.is_closed()


def test_an_unchanged_form_leaves_without_asking(editor_page, live_server):
    page = editor_page
    page.goto(live_server.url + ADD)
    page.locator(".ck-editor__editable").first.wait_for()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.goto(live_server.url + "/quan-tri/")
    assert dialogs == []


def test_a_closed_tab_comes_back_with_the_text_and_is_submitted(editor_page, live_server):
    page = editor_page
    context = page.context
    page.goto(live_server.url + ADD)
    _write(page)
    page.keyboard.press("Enter")
    page.evaluate(PASTE, (FIXTURES / "word.html").read_text(encoding="utf-8"))
    page.locator(".ck-editor__editable table").wait_for()
    page.wait_for_function("() => Object.values(localStorage).some(v => v.includes('PAR INDEX'))")
    page.close()  # the tab closes before "Lưu"

    page = context.new_page()
    page.goto(live_server.url + ADD)
    bar = page.locator("#article-draft-restore")
    bar.wait_for()
    assert "bản chưa lưu" in bar.inner_text()
    bar.get_by_role("button", name="Khôi phục").click()
    assert BODY_TEXT in page.locator(".ck-editor__editable").first.inner_text()
    assert page.locator(".ck-editor__editable table").count() == 1
    assert page.input_value("#id_title") == "Bài viết dài chưa kịp lưu"
    page.select_option("#id_category", label="Kết quả CCHC")
    page.click("input[name=_submit]")  # "Gửi duyệt"
    page.wait_for_url(re.compile(r"/quan-tri/news/article/$"))

    article = Article.objects.get()
    assert article.status == Article.Status.PENDING
    assert BODY_TEXT in article.body
    assert "<table>" in article.body and "Chỉ số PAR INDEX tăng 5 bậc" in article.body
    # Saved: the browser's copy is gone, and the form no longer offers it.
    assert (
        page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('cchc:draft:'))")
        == []
    )
    page.goto(live_server.url + ADD)
    page.locator(".ck-editor__editable").first.wait_for()
    page.wait_for_timeout(300)
    assert page.locator("#article-draft-restore").is_hidden()


def test_an_expired_session_loses_nothing(editor_page, live_server):
    page = editor_page
    page.goto(live_server.url + ADD)
    _write(page)
    Session.objects.all().delete()  # the session expires while the editor types
    page.select_option("#id_category", label="Kết quả CCHC")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/quan-tri/login/"))
    page.fill("#id_username", "bientapvien")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(re.escape(ADD) + "$"))

    page.get_by_role("button", name="Khôi phục").click()
    page.select_option("#id_category", label="Kết quả CCHC")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/quan-tri/news/article/$"))
    assert BODY_TEXT in Article.objects.get().body


def test_a_submitted_article_is_in_the_publisher_queue_and_gets_published(page, live_server):
    editor = StaffFactory(username="bientapvien", role=EDITOR)
    StaffFactory(username="duyettin", role=PUBLISHER)
    article = Article.objects.create(
        title="Bài chờ duyệt trên trang làm việc",
        category=CategoryFactory(),
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        created_by=editor,
    )
    from news.services import submit_article

    submit_article(article=article, actor=editor)
    _log_in(page, live_server, "duyettin")
    queue = page.locator("#panel-publisher")
    queue.get_by_role("link", name="Bài chờ duyệt trên trang làm việc").click()
    page.click("input[name=_publish]")
    page.wait_for_url(re.compile(r"/quan-tri/news/article/$"))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
