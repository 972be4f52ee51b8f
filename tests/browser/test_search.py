import pytest

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_citizen_searches_from_the_header_box_and_opens_the_first_hit(page, live_server, width):
    first = ArticleFactory(
        title="Kế hoạch cải cách hành chính năm 2023",
        summary="UBND tỉnh ban hành kế hoạch.",
        body="<p>Nội dung kế hoạch.</p>",
    )
    ArticleFactory(
        title="Tin khác",
        summary="Về công tác cải cách hành chính của tỉnh.",
        body="<p>" + "Đoạn văn dài. " * 60 + "</p>",
    )
    page.set_viewport_size({"width": width, "height": 800})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + "/")

    page.get_by_role("searchbox").first.fill("cai cach hanh chinh")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=cai+cach+hanh+chinh")

    assert page.locator("h1").inner_text() == "Kết quả tìm kiếm “cai cach hanh chinh”"
    assert page.locator(".search-hit h2").all_inner_texts() == [first.title, "Tin khác"]
    assert page.locator(".search-hit").first.locator("h2 mark").all_inner_texts() == [
        "cải",
        "cách",
        "hành",
        "chính",
    ]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the search page is {overflow}px wider than a {width}px screen"

    page.locator(".search-hit h2 a").first.click()
    page.wait_for_url(f"**{first.get_absolute_url()}")
    assert page.locator("h1").inner_text() == first.title
    assert errors == []
