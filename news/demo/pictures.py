"""Demo photos, drawn with Pillow: no downloads, nothing depends on the machine but Pillow."""

import io
import math
import random
import zlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from core.demo import Tally

IMAGE_SIZE = (1200, 800)
JPEG_QUALITY = 80
RED = (179, 20, 27)
BLUE = (11, 79, 138)
GOLD = (255, 210, 63)
WHITE = (246, 244, 238)
INK = (22, 30, 44)
SKIN = ((233, 196, 166), (214, 170, 134), (196, 150, 112))
HAIR = ((28, 24, 22), (44, 36, 30), (60, 52, 46))
SHIRTS = ((236, 238, 242), (200, 214, 230), (58, 66, 84), (34, 44, 66), (120, 130, 146))


def ensure_image_file(*, path: str, scene: str, seed: str, tally: Tally) -> tuple[int, int]:
    """Draw the photo at `path` unless a file is already there; return its size."""
    if default_storage.exists(path):
        tally.unchanged += 1
        with default_storage.open(path, "rb") as file, Image.open(file) as image:
            return image.size
    saved = default_storage.save(path, ContentFile(draw_scene(scene, seed=seed)))
    if saved != path:
        raise RuntimeError(f"demo photo stored as {saved!r} instead of {path!r}")
    tally.created += 1
    return IMAGE_SIZE


def draw_scene(scene: str, *, seed: str) -> bytes:
    """A JPEG of `scene`; the same scene and seed always give the same picture."""
    rng = random.Random(zlib.crc32(seed.encode()))
    image = SCENES[scene](rng)
    _label(image)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _mix(a, b, t: float):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(top, bottom, size=IMAGE_SIZE) -> Image.Image:
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / (height - 1)))
    return image


def _font(size: int):
    return ImageFont.load_default(size=size)


def _label(image: Image.Image) -> None:
    """The portal's badge bottom left and "ảnh minh họa" (without accents) bottom right."""
    draw = ImageDraw.Draw(image)
    width, height = image.size
    font = _font(24)
    draw.rectangle([24, height - 68, 250, height - 24], fill=RED)
    draw.rectangle([24, height - 68, 32, height - 24], fill=GOLD)
    draw.text((46, height - 46), "CCHC LAI CHAU", font=font, fill=GOLD, anchor="lm")
    small = _font(18)
    draw.rectangle([width - 172, height - 58, width - 24, height - 24], fill=INK)
    draw.text((width - 36, height - 41), "ANH MINH HOA", font=small, fill=WHITE, anchor="rm")


def _star(draw, centre, radius, fill) -> None:
    cx, cy = centre
    points = []
    for index in range(10):
        angle = -math.pi / 2 + index * math.pi / 5
        r = radius if index % 2 == 0 else radius * 0.4
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _person(draw, x, y, scale, rng, *, back=False, shirt=None) -> None:
    """Head and shoulders whose shoulders' bottom centre is (x, y)."""
    shirt = shirt or rng.choice(SHIRTS)
    w, h = 70 * scale, 46 * scale
    draw.rounded_rectangle([x - w / 2, y - h, x + w / 2, y], radius=18 * scale, fill=shirt)
    r = 17 * scale
    head_y = y - h - r * 0.8
    hair = rng.choice(HAIR)
    if back:
        draw.ellipse([x - r, head_y - r, x + r, head_y + r], fill=hair)
    else:
        draw.ellipse([x - r, head_y - r, x + r, head_y + r], fill=rng.choice(SKIN))
        draw.chord([x - r, head_y - r * 1.05, x + r, head_y + r * 0.6], 180, 360, fill=hair)


def _flowers(draw, x, y, rng, *, spread=60) -> None:
    for _ in range(14):
        dx, dy = rng.uniform(-spread, spread), rng.uniform(-18, 18)
        draw.ellipse([x + dx - 16, y + dy - 10, x + dx + 16, y + dy + 10], fill=(46, 110, 60))
    for _ in range(18):
        dx, dy = rng.uniform(-spread * 0.8, spread * 0.8), rng.uniform(-22, 8)
        colour = rng.choice((GOLD, RED, WHITE, (236, 120, 40)))
        draw.ellipse([x + dx - 9, y + dy - 9, x + dx + 9, y + dy + 9], fill=colour)


def _backdrop(draw, box) -> None:
    """The red stage backdrop with a gold star and lines standing for its slogan."""
    left, top, right, bottom = box
    draw.rectangle(box, fill=RED)
    draw.rectangle(box, outline=GOLD, width=6)
    height = bottom - top
    _star(draw, (left + height * 0.55, top + height / 2), height * 0.3, GOLD)
    text_left = left + height * 1.05
    for index, length in enumerate((0.9, 0.75, 0.55)):
        y = top + height * (0.28 + index * 0.2)
        draw.rounded_rectangle(
            [text_left, y, text_left + (right - text_left - 40) * length, y + height * 0.07],
            radius=4,
            fill=GOLD if index == 1 else WHITE,
        )


def _scene_hall(rng) -> Image.Image:
    """A conference hall seen from the back: stage, backdrop, side screens, rows of seats."""
    image = _gradient(_mix(BLUE, INK, 0.35), INK)
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 420), (1200, 420), (1200, 800), (0, 800)], fill=_mix(RED, INK, 0.65))
    _backdrop(draw, (220, 60, 980, 270))
    for left in (30, 1020):  # screens showing the connected sites
        draw.rectangle([left, 90, left + 150, 230], fill=INK, outline=GOLD, width=3)
        for row in range(2):
            for col in range(2):
                x0, y0 = left + 8 + col * 70, 98 + row * 64
                draw.rectangle([x0, y0, x0 + 64, y0 + 58], fill=_mix(BLUE, WHITE, 0.25))
                _person(draw, x0 + 32, y0 + 58, 0.45, rng)
    draw.rectangle([180, 270, 1020, 330], fill=_mix(GOLD, INK, 0.55))  # stage
    for index in range(5):  # the presidium behind its table
        _person(draw, 390 + index * 105, 318, 0.7, rng, shirt=rng.choice(SHIRTS[2:4]))
    draw.rectangle([330, 300, 870, 345], fill=BLUE, outline=_mix(BLUE, WHITE, 0.4), width=3)
    _flowers(draw, 600, 352, rng, spread=90)
    for row in range(6):  # audience, nearer rows bigger
        scale = 0.55 + row * 0.16
        y = 430 + row * 64
        step = 82 * scale
        count = int(1000 / step)
        start = 600 - (count - 1) * step / 2
        for seat in range(count):
            x = start + seat * step
            if abs(x - 600) < 40 * scale:
                continue  # the aisle
            draw.rounded_rectangle(
                [x - 34 * scale, y - 8 * scale, x + 34 * scale, y + 40 * scale],
                radius=6 * scale,
                fill=_mix(RED, INK, 0.35),
            )
            if rng.random() < 0.88:
                _person(draw, x, y + 6 * scale, scale, rng, back=True)
    return image


def _scene_podium(rng) -> Image.Image:
    """A speaker at a lectern with flowers, in front of the red backdrop."""
    image = _gradient(_mix(RED, WHITE, 0.1), _mix(RED, INK, 0.5))
    draw = ImageDraw.Draw(image)
    _backdrop(draw, (40, 60, 1160, 380))
    # the speaker
    draw.rounded_rectangle([560, 330, 820, 560], radius=60, fill=INK)
    draw.polygon([(660, 330), (720, 330), (690, 410)], fill=WHITE)
    draw.polygon([(684, 340), (696, 340), (700, 420), (690, 440), (680, 420)], fill=RED)
    draw.rectangle([668, 290, 712, 335], fill=SKIN[1])
    draw.ellipse([640, 190, 740, 310], fill=SKIN[0])
    draw.chord([636, 182, 744, 270], 180, 360, fill=HAIR[0])
    # the lectern, its emblem and microphone
    draw.polygon([(500, 470), (880, 470), (850, 800), (530, 800)], fill=_mix(GOLD, INK, 0.5))
    draw.rectangle([490, 455, 890, 485], fill=_mix(GOLD, INK, 0.35))
    draw.ellipse([640, 540, 740, 640], fill=RED, outline=GOLD, width=6)
    _star(draw, (690, 590), 32, GOLD)
    draw.line([(760, 460), (720, 330)], fill=(60, 60, 60), width=6)
    draw.ellipse([708, 316, 732, 340], fill=(40, 40, 40))
    _flowers(draw, 690, 730, rng, spread=130)
    return image


def _scene_delegates(rng) -> Image.Image:
    """Delegates at a long table with name plates; the one in the middle holds a microphone."""
    image = _gradient(_mix(BLUE, WHITE, 0.75), _mix(BLUE, WHITE, 0.45))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 40, 1200, 130], fill=RED)
    draw.rectangle([0, 130, 1200, 138], fill=GOLD)
    for index, length in enumerate((700, 460)):
        y = 62 + index * 34
        draw.rounded_rectangle([600 - length / 2, y, 600 + length / 2, y + 14], 4, fill=WHITE)
    for x in (220, 600, 980):
        suit = SHIRTS[1] if x == 600 else rng.choice(SHIRTS[2:])
        _person(draw, x, 560, 2.6, rng, shirt=suit)
    # the speaker's arm and microphone
    draw.line([(640, 540), (680, 470), (640, 400)], fill=SHIRTS[1], width=34, joint="curve")
    draw.line([(640, 400), (610, 330)], fill=(40, 40, 40), width=12)
    draw.ellipse([594, 306, 626, 338], fill=(30, 30, 30))
    # the table, name plates, gooseneck microphones, water
    draw.polygon([(0, 540), (1200, 540), (1200, 800), (0, 800)], fill=BLUE)
    draw.rectangle([0, 530, 1200, 560], fill=WHITE)
    for x in (220, 600, 980):
        draw.polygon([(x - 90, 528), (x + 90, 528), (x + 100, 590), (x - 100, 590)], fill=WHITE)
        draw.rectangle([x - 70, 548, x + 70, 556], fill=RED)
        draw.rectangle([x - 50, 566, x + 50, 572], fill=INK)
        if x != 600:
            draw.line([(x + 120, 530), (x + 110, 470), (x + 60, 440)], fill=(50, 50, 50), width=5)
        draw.rectangle([x - 150, 470, x - 128, 530], fill=_mix(BLUE, WHITE, 0.7))
        draw.rectangle([x - 146, 462, x - 132, 472], fill=BLUE)
    return image


def _scene_counters(rng) -> Image.Image:
    """A public-service centre: numbered counters with clerks, people waiting in front."""
    image = _gradient((242, 238, 228), (214, 222, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 40, 1200, 140], fill=BLUE)
    draw.rectangle([0, 140, 1200, 148], fill=GOLD)
    font = _font(40)
    draw.text((600, 90), "TRUNG TAM PHUC VU HANH CHINH CONG", font=font, fill=WHITE, anchor="mm")
    number_font = _font(34)
    for index in range(5):
        left = 40 + index * 228
        centre = left + 104
        draw.rectangle([centre - 40, 190, centre + 40, 250], fill=RED)
        draw.text((centre, 220), str(index + 1), font=number_font, fill=GOLD, anchor="mm")
        _person(draw, centre, 430, 1.3, rng, shirt=(190, 215, 240))
        draw.rectangle([centre - 58, 330, centre + 10, 392], fill=INK)  # monitor
        draw.rectangle([centre - 30, 392, centre - 18, 412], fill=INK)
        draw.rectangle([left, 410, left + 208, 560], fill=WHITE, outline=BLUE, width=4)
        draw.rectangle([left, 410, left + 208, 432], fill=BLUE)
    draw.polygon([(0, 560), (1200, 560), (1200, 800), (0, 800)], fill=(200, 196, 186))
    for row, y in enumerate((660, 770)):  # waiting chairs and people seen from behind
        for seat in range(7):
            x = 110 + seat * 165 + (row * 40)
            draw.rounded_rectangle([x - 60, y - 50, x + 60, y + 20], radius=10, fill=BLUE)
            if rng.random() < 0.7:
                _person(draw, x, y - 10, 1.4 + row * 0.25, rng, back=True)
    return image


def _scene_screens(rng) -> Image.Image:
    """A dashboard on a big screen, network nodes around it and a laptop in front."""
    image = _gradient(_mix(BLUE, INK, 0.2), INK)
    draw = ImageDraw.Draw(image)
    nodes = [(rng.randint(30, 1170), rng.randint(30, 560)) for _ in range(22)]
    for index, (x, y) in enumerate(nodes):
        a, b = nodes[index - 1], nodes[(index * 7) % len(nodes)]
        draw.line([(x, y), a], fill=_mix(BLUE, WHITE, 0.3), width=2)
        draw.line([(x, y), b], fill=_mix(BLUE, WHITE, 0.2), width=1)
    for x, y in nodes:
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=GOLD)
    draw.rectangle([190, 70, 1010, 520], fill=(238, 242, 248), outline=GOLD, width=8)
    for index in range(4):  # figures at the top of the dashboard
        left = 220 + index * 195
        draw.rectangle([left, 100, left + 170, 170], fill=(RED, BLUE, GOLD, BLUE)[index])
        draw.rectangle([left + 16, 118, left + 110, 130], fill=WHITE)
        draw.rectangle([left + 16, 142, left + 70, 154], fill=WHITE)
    draw.line([(230, 490), (580, 490)], fill=INK, width=3)
    for index in range(7):
        height = rng.randint(80, 270)
        left = 245 + index * 48
        draw.rectangle([left, 490 - height, left + 32, 490], fill=(BLUE, RED)[index % 2])
    points = [(640 + index * 55, 470 - index * 30 - rng.randint(0, 40)) for index in range(7)]
    draw.line([(630, 490), (980, 490)], fill=INK, width=3)
    draw.line(points, fill=RED, width=6, joint="curve")
    for x, y in points:
        draw.ellipse([x - 8, y - 8, x + 8, y + 8], fill=GOLD, outline=RED, width=3)
    draw.rectangle([560, 520, 640, 600], fill=(60, 66, 80))  # the screen's stand
    draw.polygon([(330, 800), (870, 800), (820, 700), (380, 700)], fill=(70, 76, 90))  # laptop
    draw.polygon([(400, 700), (800, 700), (780, 590), (420, 590)], fill=(40, 46, 60))
    draw.polygon([(414, 690), (786, 690), (768, 600), (432, 600)], fill=_mix(BLUE, WHITE, 0.3))
    return image


def _scene_chart(rng) -> Image.Image:
    """A rising bar chart with an arrow: results getting better year after year."""
    image = _gradient(WHITE, (214, 226, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 1200, 110], fill=RED)
    draw.rectangle([0, 110, 1200, 118], fill=GOLD)
    draw.text((600, 56), "CHI SO CAI CACH HANH CHINH", font=_font(44), fill=WHITE, anchor="mm")
    left, bottom, right, top = 140, 690, 1080, 170
    for step in range(1, 6):
        y = bottom - step * (bottom - top) / 5
        draw.line([(left, y), (right, y)], fill=(190, 200, 214), width=2)
    draw.line([(left, top), (left, bottom), (right, bottom)], fill=INK, width=4)
    colours = (BLUE, BLUE, RED, GOLD, RED)
    heights = sorted(rng.uniform(0.3, 0.95) for _ in colours)
    for index, (colour, share) in enumerate(zip(colours, heights, strict=True)):
        x = left + 60 + index * 180
        draw.rectangle([x, bottom - share * (bottom - top), x + 110, bottom], fill=colour)
    tips = [
        (left + 115 + index * 180, bottom - share * (bottom - top) - 40)
        for index, share in enumerate(heights)
    ]
    draw.line(tips, fill=RED, width=8, joint="curve")
    x, y = tips[-1]
    draw.polygon([(x + 40, y - 40), (x - 12, y - 18), (x + 18, y + 12)], fill=RED)
    return image


SCENES = {
    "hall": _scene_hall,
    "podium": _scene_podium,
    "delegates": _scene_delegates,
    "counters": _scene_counters,
    "screens": _scene_screens,
    "chart": _scene_chart,
}
