"""Staff text in the RSS feed: control characters (which XML cannot hold) never make it a
server error, and a summary is text to the feed reader, never markup."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from core.text import xml_text
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_control_characters_in_staff_text_are_dropped_from_the_feed(client):
    # Found by the stored-XSS browser test: a pasted \x01 made the feed answer 500.
    ArticleFactory(
        title="Hội\x01 nghị\x0b",
        summary="Tóm\x1f tắt",
        category=CategoryFactory(name="Chuyên\x08 mục"),
    )

    response = client.get(reverse("news:feed"))

    assert response.status_code == 200
    item = ET.fromstring(response.content).find("channel/item")
    assert item.findtext("title") == "Hội nghị"
    assert item.findtext("description") == "Tóm tắt"
    assert item.findtext("category") == "Chuyên mục"


def test_a_summary_is_text_to_the_feed_reader_not_markup(client):
    ArticleFactory(summary='<img src=x onerror="alert(1)"> & <b>đậm</b>')

    response = client.get(reverse("news:feed"))

    # The reader takes the description as HTML: it must be escaped text once unwrapped.
    description = ET.fromstring(response.content).findtext("channel/item/description")
    assert (
        description == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;"
    )


def test_xml_text_keeps_tabs_newlines_and_vietnamese():
    assert xml_text("Lai Châu\t2019\r\nđ\x00\x1f\ufffe") == "Lai Châu\t2019\r\nđ"
