"""The organisation chart drawn on the server as inline SVG, the way `indices/charts.py` draws
its charts: this module computes the geometry, `templates/organisation/includes/chart.html`
draws it, and the page gives the same tree as a nested list for screen readers and print.

The chart is an indented tree — each box under and to the right of its parent, joined by an
elbow line — so that any number of boxes at any depth fits a phone's width as well as a
desktop's, with no label shrunk below 12 px. Like the indices' charts it is drawn in two frames
(a wide one for a box of at least `indices.charts.WIDE_FROM` px, a narrow one below), and the
stylesheet shows the one that fits. Coordinates are strings with a dot as decimal separator.
"""

from dataclasses import dataclass, field

from indices.charts import DrawnInFrame, wrap_label


@dataclass(frozen=True)
class TreeFrame:
    name: str
    width: int  # viewBox units
    font_size: int  # at least 12 px where the stylesheet shows this frame (see indices.charts)
    indent: int  # how far right a child's box starts from its parent's
    padding: int = 8
    gap: int = 10  # between a box and the next

    @property
    def char_width(self) -> float:
        return self.font_size * 0.56

    @property
    def line_height(self) -> int:
        return round(self.font_size * 1.3)


WIDE = TreeFrame("wide", width=640, font_size=15, indent=32)
NARROW = TreeFrame("narrow", width=300, font_size=14, indent=18)
FRAMES = (WIDE, NARROW)
MARGIN = 2  # around the drawing, so the boxes' borders are not cut


@dataclass
class TextLine:
    x: str
    y: str
    text: str
    is_note: bool = False


@dataclass
class Box:
    x: str
    y: str
    width: str
    height: str
    depth: int
    lines: list[TextLine] = field(default_factory=list)
    connector: str = ""  # the path from the parent's box, "" for a top box


@dataclass
class TreeLayout(DrawnInFrame):
    frame: TreeFrame
    height: int
    boxes: list[Box]


@dataclass
class TreeChart:
    chart_id: str
    title: str
    layouts: list[TreeLayout]


def _c(value: float) -> str:
    return f"{value:.1f}"


def _walk(nodes, depth=0):
    for node in nodes:
        yield node, depth
        yield from _walk(node.children_list, depth + 1)


def layout_tree(roots, frame: TreeFrame, *, label=str, note=lambda node: "") -> TreeLayout:
    """Place each node of the tree (`roots`, each with `children_list`) in `frame`: its box
    below the previous one, `indent` further right per level, its label and note wrapped to
    the box's width."""
    boxes: list[Box] = []
    # Per node: (x of its box, y of its bottom), for the connectors of its children.
    placed: dict[int, tuple[float, float]] = {}
    y = float(MARGIN)
    for node, depth in _walk(roots):
        x = MARGIN + depth * frame.indent
        width = frame.width - MARGIN - x
        chars = max(8, int((width - 2 * frame.padding) / frame.char_width))
        texts = [(line, False) for line in wrap_label(label(node), chars)]
        node_note = note(node)
        if node_note:
            texts += [(line, True) for line in wrap_label(node_note, chars)]
        height = 2 * frame.padding + len(texts) * frame.line_height
        box = Box(x=_c(x), y=_c(y), width=_c(width), height=_c(height), depth=depth)
        baseline = y + frame.padding + frame.font_size
        for number, (text, is_note) in enumerate(texts):
            box.lines.append(
                TextLine(
                    x=_c(x + frame.padding),
                    y=_c(baseline + number * frame.line_height),
                    text=text,
                    is_note=is_note,
                )
            )
        parent_id = getattr(node, "parent_id", None)
        if parent_id in placed:
            parent_x, parent_bottom = placed[parent_id]
            elbow_x = parent_x + frame.indent / 2
            box.connector = f"M{_c(elbow_x)} {_c(parent_bottom)}V{_c(y + height / 2)}H{_c(x)}"
        placed[node.pk] = (x, y + height)
        boxes.append(box)
        y += height + frame.gap
    return TreeLayout(frame=frame, height=round(y - frame.gap + MARGIN), boxes=boxes)


def organisation_chart(roots, *, title: str, chart_id: str = "so-do-to-chuc", english=False):
    """The chart of the organisation's boxes (`Division.objects.tree()`), in both frames."""
    if english:
        label, note = (lambda n: n.english_name), (lambda n: n.note_en or "")
    else:
        label, note = (lambda n: n.name), (lambda n: n.note)
    return TreeChart(
        chart_id=chart_id,
        title=title,
        layouts=[layout_tree(roots, frame, label=label, note=note) for frame in FRAMES],
    )
