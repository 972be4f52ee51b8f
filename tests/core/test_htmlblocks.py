"""Cutting rich text at its top-level blocks, byte for byte, so photos can sit between them."""

import pytest

from core.htmlblocks import split_top_level_blocks
from core.sanitizer import sanitize_html


@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        pytest.param("<p>Một</p><p>Hai</p>", ["<p>Một</p>", "<p>Hai</p>"], id="paragraphs"),
        pytest.param(
            "<h2>Tiêu đề</h2><p>Đoạn <strong>đậm</strong> và <a href='/x/'>liên kết</a>.</p>",
            ["<h2>Tiêu đề</h2>", "<p>Đoạn <strong>đậm</strong> và <a href='/x/'>liên kết</a>.</p>"],
            id="inline-markup-stays-inside",
        ),
        pytest.param(
            "<p>a</p><ul><li>b<ul><li>c</li><li>d<ol><li>e</li></ol></li></ul></li></ul><p>f</p>",
            [
                "<p>a</p>",
                "<ul><li>b<ul><li>c</li><li>d<ol><li>e</li></ol></li></ul></li></ul>",
                "<p>f</p>",
            ],
            id="nested-lists",
        ),
        pytest.param(
            '<figure class="table"><table><tbody><tr><td colspan="2"><p>ô</p></td></tr>'
            "<tr><td>a</td><td>b</td></tr></tbody></table></figure><p>sau bảng</p>",
            [
                '<figure class="table"><table><tbody><tr><td colspan="2"><p>ô</p></td></tr>'
                "<tr><td>a</td><td>b</td></tr></tbody></table></figure>",
                "<p>sau bảng</p>",
            ],
            id="table-in-figure",
        ),
        pytest.param(
            "<table><colgroup><col span='2'><col></colgroup><tr><td>a<br>b</td></tr></table>",
            ["<table><colgroup><col span='2'><col></colgroup><tr><td>a<br>b</td></tr></table>"],
            id="void-elements-inside-a-block",
        ),
        pytest.param(
            '<p>a</p><img src="/media/a.png" alt="ảnh"><p>b</p>',
            ["<p>a</p>", '<img src="/media/a.png" alt="ảnh">', "<p>b</p>"],
            id="void-element-at-top-level",
        ),
        pytest.param("Dòng một<br>Dòng hai", ["Dòng một<br>", "Dòng hai"], id="br-at-top-level"),
        pytest.param(
            "<p>a</p><br/><hr /><p>b</p>",
            ["<p>a</p>", "<br/>", "<hr />", "<p>b</p>"],
            id="self-closing",
        ),
        pytest.param("Chỉ có chữ", ["Chỉ có chữ"], id="text-only"),
        pytest.param(
            "<p>a</p>chữ lạc<p>b</p>",
            ["<p>a</p>", "chữ lạc<p>b</p>"],
            id="stray-text-joins-the-next-block",
        ),
        pytest.param("mở đầu<p>a</p>", ["mở đầu<p>a</p>"], id="leading-text"),
        pytest.param("<p>a</p>đuôi", ["<p>a</p>", "đuôi"], id="trailing-text"),
        pytest.param(
            "<p>a &amp; b &lt;c&gt; &nbsp;&#8220;d&#x201D;</p><p>&quot;e&quot;</p>",
            ["<p>a &amp; b &lt;c&gt; &nbsp;&#8220;d&#x201D;</p>", "<p>&quot;e&quot;</p>"],
            id="entities-left-untouched",
        ),
        pytest.param(
            '<p\n  class="x">dòng một\ndòng hai</p>\n\n<h3>Tiêu\nđề</h3>\r\n<p>cuối</p>\n',
            ['<p\n  class="x">dòng một\ndòng hai</p>', "<h3>Tiêu\nđề</h3>", "<p>cuối</p>"],
            id="multi-line",
        ),
        pytest.param(
            "<ul>\n  <li>một</li>\n  <li>hai</li>\n</ul>\n<p>ba</p>",
            ["<ul>\n  <li>một</li>\n  <li>hai</li>\n</ul>", "<p>ba</p>"],
            id="indented-multi-line",
        ),
        pytest.param(
            '<p title="a > b">x</p><p>y</p>',
            ['<p title="a > b">x</p>', "<p>y</p>"],
            id="greater-than-in-an-attribute",
        ),
        pytest.param("<p>😀 ồ</p><p>b</p>", ["<p>😀 ồ</p>", "<p>b</p>"], id="astral-characters"),
        pytest.param(
            "<P>Hoa</P><P>thường</P>", ["<P>Hoa</P>", "<P>thường</P>"], id="uppercase-tags"
        ),
        pytest.param("", [], id="empty"),
        pytest.param(None, [], id="none"),
        pytest.param("  \n\t ", [], id="blank"),
    ],
)
def test_split_top_level_blocks(html, blocks):
    assert split_top_level_blocks(html) == blocks


def test_blocks_rejoin_to_the_original_apart_from_whitespace_between_them():
    html = (
        "<h2>Kết quả</h2>\n<p>Đoạn <em>một</em>.</p>\n"
        '<figure class="image"><img src="/media/a.png" alt="a">'
        "<figcaption>c</figcaption></figure>\n"
        "<blockquote><p>trích</p></blockquote>\n<ol><li>x</li></ol>"
    )
    assert "\n".join(split_top_level_blocks(html)) == html


def test_sanitized_editor_output_splits_into_its_blocks():
    body = sanitize_html(
        "<h2>Tiêu đề</h2><p>Một<script>x()</script></p>"
        '<figure class="table"><table><tr><td>a</td></tr></table></figure>'
        "<ul><li>b</li></ul><blockquote><p>c</p></blockquote>"
    )
    blocks = split_top_level_blocks(body)
    assert [block.split(">", 1)[0] + ">" for block in blocks] == [
        "<h2>",
        "<p>",
        '<figure class="table">',
        "<ul>",
        "<blockquote>",
    ]
    assert "".join(blocks) == body
