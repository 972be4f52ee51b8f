"""Chart geometry (indices/charts.py): two frames whose text stays at 12 px or more on screen."""

from decimal import Decimal

from indices.charts import NARROW, WIDE, WIDE_FROM, bar_chart, line_chart, wrap_label

LONG_NAME = "Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng"
# What a 360-px screen leaves for a chart: page, main column and chart paddings and borders.
NARROW_BOX_AT_360 = 360 - 2 * 16 - 2 * 16 - 2 * 8 - 2


def test_each_frame_keeps_text_at_12_px_in_the_boxes_it_is_shown_in():
    # The wide frame is shown from WIDE_FROM px of box up; the narrow one down to a 360-px screen.
    assert WIDE.font_size * WIDE_FROM / WIDE.width >= 12
    assert NARROW.font_size * NARROW_BOX_AT_360 / NARROW.width >= 12


def test_labels_wrap_at_spaces_and_keep_every_word():
    lines = wrap_label(LONG_NAME, 20)
    assert lines == ["Ban Quản lý Khu kinh", "tế cửa khẩu Ma Lù", "Thàng"]
    assert " ".join(lines) == LONG_NAME
    assert wrap_label("Sở Y tế", 20) == ["Sở Y tế"]
    assert wrap_label("Siêu-dài-không-có-khoảng-trắng", 10) == ["Siêu-dài-không-có-khoảng-trắng"]


def test_bar_chart_is_drawn_in_both_frames_with_the_same_bars():
    values = [(LONG_NAME, Decimal("86.5"), False), ("Sở Y tế", Decimal("65.04"), True)]
    chart = bar_chart(
        chart_id="c", title="t", description="d", values=values, high=100, suffix=" %"
    )

    wide, narrow = chart.layouts
    assert (wide.name, narrow.name) == ("wide", "narrow")
    for layout in chart.layouts:
        assert [bar.value_label for bar in layout.bars] == ["86,50 %", "65,04 %"]
        assert [bar.label for bar in layout.bars] == [LONG_NAME, "Sở Y tế"]
        previous_bottom = 0.0
        for bar in layout.bars:
            label_ys = [float(line.y) for line in bar.label_lines]
            # label lines, then the bar below them, then the next label below the bar
            assert label_ys[0] - layout.font_size >= previous_bottom
            assert float(bar.bar_y) > label_ys[-1]
            previous_bottom = float(bar.bar_y) + layout.bar_height
            # the longest bar leaves room for its value inside the drawing
            assert float(bar.bar_width) <= layout.width - layout.frame.value_space
        assert layout.height >= previous_bottom
    assert [len(bar.label_lines) for bar in wide.bars] == [1, 1]
    assert [len(bar.label_lines) for bar in narrow.bars] == [2, 1]
    assert chart.has_sample_data and not chart.is_empty


def test_narrow_line_chart_thins_crowded_year_labels_and_alternates_values():
    values = [(str(year), Decimal(60 + year % 7), False) for year in range(2011, 2019)]
    chart = line_chart(chart_id="c", title="t", description="d", values=values, low=0, high=100)

    wide, narrow = chart.layouts
    assert [point.label for point in wide.points] == [str(y) for y in range(2011, 2019)]
    # every other year, always ending with the latest
    assert [point.label for point in narrow.points] == [
        "",
        "2012",
        "",
        "2014",
        "",
        "2016",
        "",
        "2018",
    ]
    assert {point.value_dy for point in wide.points} == {-10}
    assert [point.value_dy < 0 for point in narrow.points[:2]] == [True, False]
    assert [p.value_label for p in narrow.points] == [p.value_label for p in wide.points]


def test_a_missing_year_breaks_the_line_in_every_frame():
    values = [("2016", Decimal(70), False), ("2017", None, False), ("2018", Decimal(72), True)]
    chart = line_chart(chart_id="c", title="t", description="d", values=values, low=0, high=100)
    for layout in chart.layouts:
        assert layout.segments == []  # no run of two values in a row
        assert [point.y == "" for point in layout.points] == [False, True, False]
    assert chart.has_sample_data and not chart.is_empty
    assert line_chart(chart_id="c", title="t", description="d", values=[], low=0, high=100).is_empty
