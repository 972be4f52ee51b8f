"""A small HTML tree for assertions: parse once, then ask for elements, attributes and text.

The standard library's parser is enough here; the point is to assert on elements and their
attributes rather than on substrings of markup that change with whitespace or attribute order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def iter(self):
        """This node's descendant elements, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, class_: str | None = None) -> list[Node]:
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (class_ is None or class_ in (node.attrs.get("class") or "").split())
        ]

    def find(self, tag: str | None = None, *, class_: str | None = None) -> Node:
        found = self.find_all(tag, class_=class_)
        assert found, f"no <{tag or '*'}> (class {class_!r}) in {self!r}"
        return found[0]

    @property
    def tags(self) -> list[str]:
        return [node.tag for node in self.iter()]

    @property
    def element_children(self) -> list[Node]:
        return [child for child in self.children if isinstance(child, Node)]

    def text(self) -> str:
        """The text content with runs of whitespace collapsed, as a reader sees it."""
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID_ELEMENTS:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str | bytes) -> Node:
    if isinstance(html, bytes):
        html = html.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def texts(response, tag, css_class=None) -> list[str]:
    """The text a reader sees in each `tag` (of class `css_class`) of the page."""
    return [node.text() for node in parse(response.content).find_all(tag, class_=css_class)]


def attributes(response, tag, within) -> list[dict]:
    """The attributes of each `tag` inside an element of class `within`."""
    return [
        node.attrs
        for container in parse(response.content).find_all(class_=within)
        for node in container.find_all(tag)
    ]
