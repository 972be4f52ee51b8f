"""Splitting sanitized rich text into its top-level blocks (paragraphs, headings, tables, …).

Article photos are placed between the blocks of the body, as on the old portal, so the body
has to be cut at block boundaries without re-serializing (and so altering) its HTML.
"""

from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _TopLevelBoundaries(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.depth = 0
        self.boundaries: list[int] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            if self.depth == 0:
                self.boundaries.append(self._offset() + len(self.get_starttag_text()))
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.boundaries.append(self._offset() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            self.boundaries.append(self.text.index(">", self._offset()) + 1)


def split_top_level_blocks(html: str) -> list[str]:
    """`"<p>a</p><ul><li>b</li></ul>"` → `["<p>a</p>", "<ul><li>b</li></ul>"]`.

    Text between blocks stays with the block that follows it; blank pieces are dropped.
    """
    if not html:
        return []
    parser = _TopLevelBoundaries(html)
    parser.feed(html)
    parser.close()
    blocks, start = [], 0
    for end in parser.boundaries:
        blocks.append(html[start:end])
        start = end
    blocks.append(html[start:])
    return [block.strip() for block in blocks if block.strip()]
