"""`manage.py generate_articles N`: N made-up Vietnamese articles, for measuring at scale.

Titles, summaries and bodies are put together from the word lists below (written for this
command, no copied text), in varied lengths; dates spread over 15 years; the existing
categories (sub-categories included) are used, or a few are made; about 60 % of the articles
get a photo and some a second, all pointing at a FEW generated image files (drawn once, with
their renditions made once and shared by every row); about 10 % get related links.

Rows are written with `bulk_create` in batches, so `save()` does not run: every article goes
through `news.services.prepare_for_bulk` (what `save()` would fill), the body markup is made
of plain paragraphs, headings and lists only, and `RichTextField` still sanitizes it on the
way to the database (`get_prep_value`). No revision or audit entry is written.
"""

import random
import sys
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from core import pagecache
from core.images import RENDITION_VERSION
from core.text import vietnamese_slugify
from news.demo.pictures import IMAGE_SIZE, draw_scene
from news.models import Article, ArticleImage, Category, RelatedArticle
from news.services import make_renditions, prepare_for_bulk

YEARS = 15
PHOTO_FILES = ("hall", "podium", "delegates", "counters", "screens", "chart")
PHOTO_FOLDER = "news/generated"

ACTIONS = (
    "Triển khai", "Đẩy mạnh", "Nâng cao hiệu quả", "Tổng kết", "Sơ kết", "Kiểm tra",
    "Rà soát", "Đánh giá", "Hướng dẫn", "Tăng cường", "Công bố", "Tập huấn về",
    "Đôn đốc thực hiện", "Hội nghị bàn về", "Giao ban về", "Khảo sát",
)  # fmt: skip
TOPICS = (
    "cải cách hành chính", "thủ tục hành chính", "dịch vụ công trực tuyến",
    "cơ chế một cửa liên thông", "chỉ số PAR INDEX", "chỉ số SIPAS", "chỉ số PAPI",
    "chỉ số PCI", "chuyển đổi số", "chính quyền điện tử", "văn hoá công vụ",
    "kỷ luật, kỷ cương hành chính", "số hoá hồ sơ", "thanh toán trực tuyến",
    "tinh gọn bộ máy", "vị trí việc làm", "tiếp nhận và trả kết quả", "kiểm soát thủ tục",
    "chữ ký số", "cơ sở dữ liệu dân cư", "phản ánh, kiến nghị của người dân",
)  # fmt: skip
PLACES = (
    "tỉnh Lai Châu", "thành phố Lai Châu", "huyện Tam Đường", "huyện Phong Thổ",
    "huyện Sìn Hồ", "huyện Mường Tè", "huyện Than Uyên", "huyện Tân Uyên",
    "huyện Nậm Nhùn", "Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Sở Tài chính", "các xã, phường",
)  # fmt: skip
SUBJECTS = (
    "UBND tỉnh", "Ban Chỉ đạo cải cách hành chính", "Sở Nội vụ", "các sở, ban, ngành",
    "UBND các huyện", "Trung tâm Phục vụ hành chính công", "cán bộ, công chức",
    "Tổ công tác", "lãnh đạo các đơn vị", "Đoàn kiểm tra", "người dân và doanh nghiệp",
)  # fmt: skip
VERBS = (
    "đã triển khai", "tiếp tục thực hiện", "yêu cầu đẩy mạnh", "đã hoàn thành",
    "đề nghị tập trung", "chủ động phối hợp", "thống nhất nâng cao", "đã rà soát",
    "tích cực hưởng ứng", "kiến nghị sửa đổi", "đánh giá cao", "đặt mục tiêu cải thiện",
)  # fmt: skip
OBJECTS = (
    "chất lượng giải quyết hồ sơ", "tỷ lệ hồ sơ trực tuyến toàn trình",
    "mức độ hài lòng của người dân", "việc công khai thủ tục", "thời gian xử lý hồ sơ",
    "kết quả chấm điểm chỉ số", "kế hoạch cải cách hành chính năm", "quy trình nội bộ",
    "việc số hoá kết quả giải quyết", "hệ thống thông tin giải quyết thủ tục",
    "công tác thông tin, tuyên truyền", "trách nhiệm người đứng đầu",
)  # fmt: skip
TAILS = (
    "trong thời gian tới", "theo đúng kế hoạch", "ngay từ đầu năm", "trên địa bàn tỉnh",
    "một cách thực chất", "so với cùng kỳ năm trước", "theo chỉ đạo của Trung ương",
    "đến hết quý", "tại các điểm tiếp nhận", "để phục vụ người dân tốt hơn",
)  # fmt: skip
NUMBERS = ("95%", "98,5%", "hơn 1.200 hồ sơ", "12 thủ tục", "100%", "87,3 điểm", "27 đơn vị")
HEADINGS = (
    "Kết quả đạt được", "Tồn tại, hạn chế", "Nhiệm vụ thời gian tới", "Một số giải pháp",
    "Ý kiến của đại biểu", "Kiến nghị, đề xuất",
)  # fmt: skip


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Generate N made-up Vietnamese articles (with photos, related links and dates "
            "over 15 years) in batches, to measure the portal with many articles."
        )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help=_("How many articles to make."))
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=None, help=_("Same seed, same text."))

    def handle(self, *args, count, batch_size, seed, **options):
        if count < 0 or batch_size < 1:
            raise CommandError(_("The count must be 0 or more and the batch size 1 or more."))
        self.rng = random.Random(seed)
        self.now = timezone.now()
        top_level_first = F("parent_id").asc(nulls_first=True)
        self.categories = list(Category.objects.order_by(top_level_first, "order", "pk"))
        self.categories = self.categories or make_categories()
        # As on a real portal, the first (news) category holds most articles: 90 %.
        self.category_weights = [90] + [10 / max(len(self.categories) - 1, 1)] * (
            len(self.categories) - 1
        )
        self.photos = ensure_photo_files()
        run = get_random_string(5, "abcdefghijklmnopqrstuvwxyz0123456789")
        started = time.monotonic()
        made_ids: list[int] = []
        progress = Progress(count, stream=sys.stderr, quiet=options["verbosity"] == 0)
        for first in range(0, count, batch_size):
            size = min(batch_size, count - first)
            with transaction.atomic():
                made_ids += self.write_batch(first, size, run, made_ids)
            progress.update(first + size)
        progress.done()
        pagecache.invalidate_all()  # bulk_create() sends no signal
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics for the planner, and a visibility map so that counts and deep
            # pages can be index-only scans (autovacuum would get there, later).
            with connection.cursor() as cursor:
                for model in (Article, ArticleImage, RelatedArticle):
                    cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        if options["verbosity"] >= 1:
            self.stdout.write(
                _("%(count)d articles generated in %(seconds).1f s.")
                % {"count": count, "seconds": time.monotonic() - started}
            )

    def write_batch(self, first: int, size: int, run: str, earlier: list[int]) -> list[int]:
        articles = [
            prepare_for_bulk(self.make_article(number, run))
            for number in range(first, first + size)
        ]
        Article.objects.bulk_create(articles)
        ids = [article.pk for article in articles]
        images, links = [], []
        for article in articles:
            chance = self.rng.random()
            for order in range(2 if chance < 0.15 else 1 if chance < 0.6 else 0):
                images.append(self.make_image(article, order))
            pool = earlier[-5000:] + ids
            if self.rng.random() < 0.1 and len(pool) > 4:
                targets = {self.rng.choice(pool) for _n in range(self.rng.randint(1, 3))}
                links += [
                    RelatedArticle(from_article_id=article.pk, to_article_id=target, order=n)
                    for n, target in enumerate(sorted(targets - {article.pk}))
                ]
        ArticleImage.objects.bulk_create(images)
        RelatedArticle.objects.bulk_create(links)
        return ids

    def make_article(self, number: int, run: str) -> Article:
        rng = self.rng
        title = self.title()
        roll = rng.random()
        status = (
            Article.Status.PUBLISHED
            if roll < 0.96
            else Article.Status.DRAFT
            if roll < 0.98
            else Article.Status.PENDING
            if roll < 0.99
            else Article.Status.UNPUBLISHED
        )
        published_at = self.now - timezone.timedelta(seconds=rng.randint(60, YEARS * 365 * 86400))
        if status == Article.Status.PUBLISHED and rng.random() < 0.005:
            published_at = self.now + timezone.timedelta(days=rng.randint(1, 30))  # scheduled
        return Article(
            title=title,
            slug=f"{vietnamese_slugify(title, max_length=190)}-{run}{number}",
            category=rng.choices(self.categories, self.category_weights)[0],
            summary=self.paragraph(2, 4),
            body=self.body(),
            status=status,
            published_at=published_at if status != Article.Status.DRAFT else None,
            is_featured=rng.random() < 0.01,
        )

    def make_image(self, article: Article, order: int) -> ArticleImage:
        name, record = self.rng.choice(self.photos)
        return ArticleImage(
            article=article,
            image=name,
            width=IMAGE_SIZE[0],
            height=IMAGE_SIZE[1],
            thumbnail=record["files"][0]["jpg"],
            renditions=record,
            caption=self.sentence()[:200],
            alt_text=f"Ảnh minh hoạ: {self.rng.choice(TOPICS)}",
            after_paragraph=self.rng.choice((None, 1, 2, 3)),
            order=order,
        )

    # Text -------------------------------------------------------------------------------------
    def title(self) -> str:
        rng = self.rng
        title = f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} tại {rng.choice(PLACES)}"
        if rng.random() < 0.5:
            title += f" năm {self.now.year - rng.randint(0, YEARS)}"
        if rng.random() < 0.3:
            title += f": {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
        return title

    def sentence(self) -> str:
        rng = self.rng
        words = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        if rng.random() < 0.5:
            words += f" về {rng.choice(TOPICS)}"
        if rng.random() < 0.3:
            words += f", đạt {rng.choice(NUMBERS)}"
        words += f" {rng.choice(TAILS)}."
        return words[0].upper() + words[1:]

    def paragraph(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _n in range(self.rng.randint(low, high)))

    def body(self) -> str:
        rng = self.rng
        parts = []
        for _n in range(rng.choice((2, 3, 4, 5, 6, 8, 12))):
            roll = rng.random()
            if roll < 0.12:
                parts.append(f"<h2>{rng.choice(HEADINGS)}</h2>")
            elif roll < 0.2:
                items = "".join(f"<li>{self.sentence()}</li>" for _n in range(rng.randint(2, 5)))
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append(f"<p>{self.paragraph(1, 6)}</p>")
        return "".join(parts)


def make_categories() -> list[Category]:
    parent = Category.objects.create(name="Tin tức – Sự kiện", order=1)
    return [
        parent,
        Category.objects.create(name="Hoạt động các huyện", parent=parent, order=1),
        Category.objects.create(name="Cải cách thủ tục hành chính", order=2),
        Category.objects.create(name="Chuyển đổi số", order=3),
    ]


def ensure_photo_files() -> list[tuple[str, dict]]:
    """The few photo files every generated article shares, with their renditions, each drawn
    and rendered once (kept from an earlier run when already there)."""
    photos = []
    for scene in PHOTO_FILES:
        name = f"{PHOTO_FOLDER}/{scene}.jpg"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(draw_scene(scene, seed=name)))
        known = (
            ArticleImage.objects.filter(image=name, renditions__version=RENDITION_VERSION)
            .values_list("renditions", flat=True)
            .first()
        )
        if known and all(default_storage.exists(f["jpg"]) for f in known["files"]):
            record = known
        else:
            files = make_renditions(name, storage=default_storage)
            record = {"version": RENDITION_VERSION, "source": name, "files": files}
        photos.append((name, record))
    return photos


class Progress:
    """A plain progress line on stderr: rewritten in place on a terminal, every 10 % else."""

    def __init__(self, total: int, *, stream, quiet: bool = False):
        self.total, self.stream, self.quiet = total, stream, quiet
        self.started = time.monotonic()
        self.tty = stream.isatty()
        self.last_tenth = -1

    def update(self, done: int) -> None:
        if self.quiet or not self.total:
            return
        tenth = done * 10 // self.total
        if not self.tty and tenth == self.last_tenth:
            return
        self.last_tenth = tenth
        rate = done / max(time.monotonic() - self.started, 1e-6)
        line = f"{done:>9,}/{self.total:,} ({done * 100 // self.total:3d}%) {rate:,.0f}/s"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.tty and not self.quiet and self.total:
            self.stream.write("\n")
