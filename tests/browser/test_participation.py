"""A citizen asks a question (with and without JavaScript) and gets a code; staff answer and
publish it in the admin; the answer shows at the citizen's lookup and in the site search, and
no name, email or phone is on any public page."""

import re

import pytest

from accounts.roles import HANDLER
from participation.models import Submission
from tests.factories import StaffFactory
from tests.participation.factories import TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-2019"
NAME, EMAIL, PHONE = "Lò Thị Mai", "lothimai@example.vn", "0987 654 321"
QUESTION = "Xin hỏi thủ tục cấp đổi thẻ bảo hiểm y tế bị mất cần những giấy tờ gì?"
ANSWER = "Người dân chỉ cần tờ khai đề nghị cấp lại thẻ, nộp tại cơ quan bảo hiểm xã hội huyện."


def ask(browser, live_server, *, javascript: bool) -> str:
    context = browser.new_context(locale="vi-VN", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + "/hoi-dap/")
    page.get_by_role("link", name="Gửi câu hỏi").first.click()
    page.get_by_label("Chủ đề").select_option(label="Bảo hiểm y tế")
    page.get_by_label("Câu hỏi của bạn").fill(QUESTION)
    page.get_by_label("Họ và tên").fill(NAME)
    page.get_by_label("Thư điện tử").fill(EMAIL)
    page.get_by_label(re.compile("^Điện thoại")).fill(PHONE)
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi").click()
    code = page.locator("#lookup-code").inner_text()
    context.close()
    return code


def public_pages_hold_no_personal_data(page, live_server, urls):
    for url in urls:
        page.goto(live_server.url + url)
        text = page.content()
        for personal in (NAME, EMAIL, PHONE, PHONE.replace(" ", "")):
            assert personal not in text, (url, personal)


def test_ask_answer_publish_lookup_and_search(browser, page, live_server, settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0  # a test fills forms faster than a person
    settings.PARTICIPATION_POST_BURST = 20
    TopicFactory(name="Bảo hiểm y tế")
    StaffFactory(username="tiepnhan", role=HANDLER)

    code = ask(browser, live_server, javascript=False)
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    assert ask(browser, live_server, javascript=True) != code
    submission = Submission.objects.get(code=code.replace("-", ""))
    assert submission.status == "received" and submission.email == EMAIL

    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", "tiepnhan")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))
    assert code in page.locator("#panel-submissions").inner_text()
    page.goto(live_server.url + f"/quan-tri/participation/submission/{submission.pk}/change/")
    page.click("input[name=_assign]")
    page.wait_for_url(re.compile(r"/submission/"))
    page.goto(live_server.url + f"/quan-tri/participation/submission/{submission.pk}/change/")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type(ANSWER)
    page.click("input[name=_answer]")
    page.wait_for_url(re.compile(r"/submission/"))
    page.goto(live_server.url + f"/quan-tri/participation/submission/{submission.pk}/change/")
    page.click("input[name=_publish]")
    page.wait_for_url(re.compile(r"/submission/"))
    submission.refresh_from_db()
    assert submission.status == "published"
    page.context.clear_cookies()

    page.goto(live_server.url + "/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(PHONE)
    page.get_by_role("button", name="Tra cứu").click()
    assert ANSWER in page.locator("#lookup-answer").inner_text()

    page.goto(live_server.url + "/tim-kiem/?q=the+bao+hiem+y+te+bi+mat")
    page.get_by_role("link", name=re.compile("cấp đổi thẻ bảo hiểm y tế")).first.click()
    assert ANSWER in page.content()
    public_pages_hold_no_personal_data(
        page,
        live_server,
        ["/hoi-dap/", submission.get_absolute_url(), "/tim-kiem/?q=bao+hiem", "/sitemap.xml"],
    )
