"""What Word and Google Docs put on the clipboard, turned into the editor's plain markup.

CKEditor's paste-from-Office plugin does most of this in the browser; this pass does it again
on the server (it runs before the sanitizer, for every rich-text value), so a paste that did
not go through the editor — or that the editor left half done — keeps its meaning:

- Word's list paragraphs (`<p style="mso-list:l0 level1 lfo1">` with the bullet or number in
  `<![if !supportLists]>`) become `<ul>`/`<ol>` items; the typed bullet is dropped.
- Google Docs' formatting spans (`font-weight:700`, `font-style:italic`,
  `text-decoration:underline`) become `<strong>`, `<em>`, `<u>`; its `<b id="docs-internal-guid…">`
  wrapper around the whole paste is dropped (it would make everything bold).
- `<h1>` becomes `<h2>` (the page's title is the only `<h1>`), `<h5>`/`<h6>` become `<h4>`.
- Office namespace tags (`<o:p>`, `<v:shape>` …), `<head>`, comments and bookmarks (`<a name>`)
  are dropped. Classes, styles and empty spans go in the sanitizer after this.
"""

import re
from html import escape
from html.parser import HTMLParser

HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}
SKIPPED_CONTENT = {"head", "style", "script", "title", "xml"}
BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "figure",
}  # fmt: skip
VOID = {"br", "img", "col", "hr", "meta", "link", "input", "wbr"}
MSO_LIST = re.compile(r"mso-list\s*:\s*l\d+\s+level\d", re.IGNORECASE)
ORDERED_MARKER = re.compile(r"^\s*(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]")


def _style(attrs) -> str:
    return next((value or "" for name, value in attrs if name == "style"), "").lower()


def _formatting(style: str) -> list[str]:
    """The emphasis tags a Google Docs span's inline style stands for."""
    tags = []
    weight = re.search(r"font-weight\s*:\s*(\w+)", style)
    if weight and (weight.group(1) == "bold" or weight.group(1) in {"600", "700", "800", "900"}):
        tags.append("strong")
    if re.search(r"font-style\s*:\s*italic", style):
        tags.append("em")
    if re.search(r"text-decoration[^;]*underline", style):
        tags.append("u")
    return tags


class _OfficeNormalizer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.closers: list[tuple[str, str]] = []  # (tag seen, what to write at its end)
        self.skip_depth = 0
        self.in_list_marker = False
        self.marker_text = ""
        self.list_start: int | None = None  # index in `out` of the open Word list's tag
        self.in_link = 0

    # Word lists.

    def _close_list(self):
        if self.list_start is not None:
            tag = self.out[self.list_start]
            self.out.append("</ol>" if tag == "<ol>" else "</ul>")
            self.list_start = None

    def unknown_decl(self, data):
        condition = data.strip().lower()
        if condition.startswith("if") and "supportlists" in condition:
            self.in_list_marker = True
            self.marker_text = ""
        elif condition.startswith("endif") and self.in_list_marker:
            self.in_list_marker = False
            if self.list_start is not None and ORDERED_MARKER.match(self.marker_text):
                self.out[self.list_start] = "<ol>"

    # Tags.

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_CONTENT:
            self.skip_depth += 1
            self.closers.append((tag, "\0skip"))
            return
        if self.skip_depth or self.in_list_marker:
            if tag not in VOID:
                self.closers.append((tag, ""))
            return
        if tag in VOID:
            if ":" not in tag:
                self.out.append(self._tag(tag, attrs))
            return
        style = _style(attrs)
        if tag == "p" and MSO_LIST.search(style):
            if self.list_start is None:
                self.list_start = len(self.out)
                self.out.append("<ul>")
            self.out.append("<li>")
            self.closers.append((tag, "</li>"))
            return
        if tag in BLOCKS:
            self._close_list()
        if ":" in tag:  # <o:p>, <v:shape>, <w:sdt> …
            self.closers.append((tag, ""))
            return
        if tag == "b" and any(
            name == "id" and (value or "").startswith("docs-internal-guid") for name, value in attrs
        ):
            self.closers.append((tag, ""))
            return
        names = {name for name, _ in attrs}
        if tag == "a" and "name" in names and "href" not in names:  # Word's bookmarks
            self.closers.append((tag, ""))
            return
        if tag == "span":
            tags = [t for t in _formatting(style) if not (t == "u" and self.in_link)]
            self.out.extend(f"<{t}>" for t in tags)
            self.closers.append((tag, "".join(f"</{t}>" for t in reversed(tags))))
            return
        if tag == "a":
            self.in_link += 1
        tag = HEADING_MAP.get(tag, tag)
        self.out.append(self._tag(tag, attrs))
        self.closers.append((tag, f"</{tag}>"))

    def handle_startendtag(self, tag, attrs):
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        tag = HEADING_MAP.get(tag, tag)
        # Close up to the matching start tag (browsers' clipboard HTML is well nested; Word's
        # sometimes is not, and an unmatched end tag is ignored).
        if not any(seen == tag or HEADING_MAP.get(seen) == tag for seen, _ in self.closers):
            return
        while self.closers:
            seen, closer = self.closers.pop()
            if closer == "\0skip":
                self.skip_depth -= 1
            elif not self.skip_depth:
                self.out.append(closer)
            if seen == "a" and closer == "</a>":
                self.in_link -= 1
            if seen == tag or HEADING_MAP.get(seen) == tag:
                break

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.in_list_marker:
            self.marker_text += data
            return
        if self.list_start is not None and data.strip() and not self._inside("li"):
            self._close_list()
        self.out.append(escape(data, quote=False))

    def _inside(self, closer_tag: str) -> bool:
        return any(closer == f"</{closer_tag}>" for _, closer in self.closers)

    @staticmethod
    def _tag(tag, attrs) -> str:
        rendered = "".join(
            f' {name}="{escape(value, quote=True)}"' if value is not None else f" {name}"
            for name, value in attrs
            if ":" not in name
        )
        return f"<{tag}{rendered}>"

    def result(self) -> str:
        self.close()
        while self.closers:
            _, closer = self.closers.pop()
            if closer != "\0skip" and not self.skip_depth:
                self.out.append(closer)
        self._close_list()
        return "".join(self.out)


EMPTY_EMPHASIS = re.compile(r"<(strong|em|u|b|i)>(\s*)</\1>")


def normalize_pasted_html(value: str) -> str:
    """`value` with Word's and Google Docs' clipboard habits turned into plain markup."""
    parser = _OfficeNormalizer()
    parser.feed(value)
    html = parser.result()
    previous = None
    while previous != html:
        previous, html = html, EMPTY_EMPHASIS.sub(r"\2", html)
    return html
