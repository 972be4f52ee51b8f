"""Every public list page has one h1 and never skips a heading level (h1 → h3)."""

from itertools import pairwise

import pytest

from tests.factories import ArticleFactory, CategoryFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db


def heading_levels(response) -> list[int]:
    return [
        int(node.tag[1])
        for node in parse(response.content).iter()
        if node.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
    ]


@pytest.mark.parametrize(
    "path", ["/", "/tin-tuc/", "/tin-tuc/?q=Cải+cách", "/chuyen-muc/ket-qua-cchc/"]
)
def test_headings_start_at_h1_and_skip_no_level(client, path):
    category = CategoryFactory(name="Kết quả CCHC", slug="ket-qua-cchc")
    ArticleFactory(title="Tin cải cách hành chính", category=category, is_featured=True)
    ArticleFactory.create_batch(3, title="Cải cách thủ tục", category=category)

    response = client.get(path)

    assert response.status_code == 200
    levels = heading_levels(response)
    assert levels.count(1) == 1 and levels[0] == 1, levels
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert skips == [], levels
    assert len(levels) > 2  # the cards' titles are headings too
