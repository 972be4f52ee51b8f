"""The organisation chart's geometry (organisation/chart.py): boxes inside the frame, each
below the previous one and indented by level, labels wrapped to fit, one line per child."""

import pytest

from organisation.chart import FRAMES, organisation_chart
from organisation.models import Division

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    top = Division.objects.create(name="Ủy ban nhân dân tỉnh Lai Châu", order=1)
    office = Division.objects.create(name="Sở Nội vụ", parent=top, order=2, note="Thường trực")
    Division.objects.create(
        name="Phòng Cải cách hành chính và quản trị trang thông tin điện tử của tỉnh",
        name_en="Administrative Reform Division",
        parent=office,
        order=3,
    )
    Division.objects.create(name="Các sở, ban, ngành", parent=top, order=4)
    return Division.objects.tree()


def test_boxes_fit_the_frame_stack_down_and_indent_by_level(tree, django_assert_num_queries):
    with django_assert_num_queries(0):
        chart = organisation_chart(tree, title="Sơ đồ")
    assert [layout.frame for layout in chart.layouts] == list(FRAMES)
    for layout in chart.layouts:
        frame = layout.frame
        assert [box.depth for box in layout.boxes] == [0, 1, 2, 1]
        previous_bottom = 0.0
        for box in layout.boxes:
            x, y, width, height = (float(v) for v in (box.x, box.y, box.width, box.height))
            assert x == 2 + box.depth * frame.indent
            assert x + width <= frame.width
            assert y > previous_bottom
            previous_bottom = y + height
            assert y + height <= layout.height
            longest = max(len(line.text) for line in box.lines)
            assert longest * frame.char_width <= width - 2 * frame.padding + frame.char_width
        assert not layout.boxes[0].connector
        assert all(box.connector for box in layout.boxes[1:])
    narrow = chart.layouts[1]
    assert len(narrow.boxes[2].lines) > 1  # the long name wraps on a phone
    assert narrow.boxes[1].lines[-1].is_note


def test_the_english_chart_uses_english_names_falling_back_to_vietnamese(tree):
    layout = organisation_chart(tree, title="Chart", english=True).layouts[0]
    labels = [" ".join(line.text for line in box.lines if not line.is_note) for box in layout.boxes]
    assert labels == [
        "Ủy ban nhân dân tỉnh Lai Châu",
        "Sở Nội vụ",
        "Administrative Reform Division",
        "Các sở, ban, ngành",
    ]


def test_a_tree_is_read_in_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        roots = Division.objects.tree()
    assert [child.name for child in roots[0].children_list] == ["Sở Nội vụ", "Các sở, ban, ngành"]
