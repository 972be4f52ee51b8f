"""Demo content for the legal documents register: about ten documents around the seed's story
(the 2019 reform plan, the decisions announcing the 2018 results, the satisfaction survey…).

Their numbers and dates are invented, so every one is marked sample data. Each has a small PDF
drawn at load time at a fixed path under `demo/van-ban/` and reused afterwards; `load()` can run
any number of times without new rows, files or moved timestamps.
"""

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.demo import Tally, sync_row
from news.models import Article

from .models import ArticleDocument, Document, DocumentFile, DocumentType, Field, Issuer
from .pdfgen import make_pdf
from .processing import process_stored_file

FOLDER = "demo/van-ban"
TYPES = ["Quyết định", "Kế hoạch", "Chỉ thị", "Công văn", "Báo cáo", "Thông báo", "Hướng dẫn"]
TYPES += ["Nghị quyết"]
ISSUERS = ["UBND tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu", "Bộ Nội vụ"]
ISSUERS += ["Ban Chỉ đạo cải cách hành chính tỉnh"]
FIELDS = ["Cải cách hành chính", "Cải cách thủ tục hành chính", "Chỉ số cải cách hành chính"]
FIELDS += ["Đo lường sự hài lòng", "Chuyển đổi số", "Tổ chức bộ máy"]
PLAN_2019 = "15/KH-UBND"


@dataclass(frozen=True)
class DemoDocument:
    number: str
    type: str
    issuer: str
    summary: str
    issued_on: date
    signer: str = "Phó Chủ tịch UBND tỉnh"
    effective_on: date | None = None
    expires_on: date | None = None
    fields: tuple[str, ...] = ("Cải cách hành chính",)
    replaces: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # slugs of demo articles that cite it
    body: tuple[str, ...] = ()


DOCUMENTS = [
    DemoDocument(
        "2095/KH-UBND",
        "Kế hoạch",
        "UBND tỉnh Lai Châu",
        "Kế hoạch cải cách hành chính năm 2018 của tỉnh Lai Châu",
        date(2017, 12, 22),
        expires_on=date(2019, 1, 1),
        body=("Muc tieu: nang cao chi so PAR INDEX va SIPAS cua tinh.",),
    ),
    DemoDocument(
        PLAN_2019,
        "Kế hoạch",
        "UBND tỉnh Lai Châu",
        "Kế hoạch cải cách hành chính năm 2019 của tỉnh Lai Châu",
        date(2019, 1, 8),
        expires_on=date(2020, 1, 1),
        fields=("Cải cách hành chính", "Cải cách thủ tục hành chính"),
        articles=("ban-chi-dao-cai-cach-hanh-chinh-tinh-hop-phien-quy-iii-nam-2019",),
        body=(
            "I. Muc dich, yeu cau: cai thien thu hang PAR INDEX (58/63 nam 2018).",
            "II. Nhiem vu: cai cach the che, thu tuc hanh chinh, to chuc bo may,",
            "che do cong vu, tai chinh cong, xay dung chinh quyen dien tu.",
        ),
    ),
    DemoDocument(
        "60/KH-SNV",
        "Kế hoạch",
        "Sở Nội vụ tỉnh Lai Châu",
        "Kế hoạch đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
        "hành chính nhà nước năm 2019",
        date(2019, 3, 15),
        signer="Giám đốc Sở Nội vụ",
        expires_on=date(2020, 1, 1),
        fields=("Đo lường sự hài lòng", "Chỉ số cải cách hành chính"),
        articles=("ke-hoach-do-luong-su-hai-long-cua-nguoi-dan-nam-2019",),
        body=("Khao sat SIPAS tai cac so, ban, nganh va UBND cac huyen, thanh pho.",),
    ),
    DemoDocument(
        "1154/QĐ-BNV",
        "Quyết định",
        "Bộ Nội vụ",
        "Quyết định phê duyệt và công bố Chỉ số cải cách hành chính năm 2018 của các bộ, cơ "
        "quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
        date(2019, 5, 21),
        signer="Bộ trưởng Bộ Nội vụ",
        fields=("Chỉ số cải cách hành chính",),
        articles=("hoi-nghi-truc-tuyen-phan-tich-cac-chi-so-cchc-nam-2018",),
        body=("PAR INDEX 2018: Lai Chau dat 72,23 diem, xep thu 58/63.",),
    ),
    DemoDocument(
        "780/QĐ-UBND",
        "Quyết định",
        "UBND tỉnh Lai Châu",
        "Quyết định công bố Chỉ số cải cách hành chính năm 2018 của các sở, ban, ngành và Ủy "
        "ban nhân dân các huyện, thành phố",
        date(2019, 6, 28),
        fields=("Chỉ số cải cách hành chính",),
        articles=("hoi-nghi-truc-tuyen-phan-tich-cac-chi-so-cchc-nam-2018",),
        body=(
            "So Tai chinh 86,50%; So Giao thong van tai 85,88%; So Y te 65,04%.",
            "Huyen Muong Te 82,41%; thanh pho Lai Chau 79,43%; huyen Phong Tho 71,19%.",
        ),
    ),
    DemoDocument(
        "312/QĐ-UBND",
        "Quyết định",
        "UBND tỉnh Lai Châu",
        "Quyết định ban hành Bộ tiêu chí xác định Chỉ số cải cách hành chính của các sở, ban, "
        "ngành và Ủy ban nhân dân các huyện, thành phố",
        date(2018, 3, 20),
        fields=("Chỉ số cải cách hành chính",),
    ),
    DemoDocument(
        "455/QĐ-UBND",
        "Quyết định",
        "UBND tỉnh Lai Châu",
        "Quyết định ban hành Bộ tiêu chí xác định Chỉ số cải cách hành chính của các sở, ban, "
        "ngành và Ủy ban nhân dân các huyện, thành phố (thay thế Quyết định số 312/QĐ-UBND)",
        date(2020, 4, 10),
        effective_on=date(2020, 5, 1),
        fields=("Chỉ số cải cách hành chính",),
        replaces=("312/QĐ-UBND",),
        articles=("cong-bo-chi-so-cai-cach-hanh-chinh-nam-2020-cua-cac-co-quan-don-vi",),
    ),
    DemoDocument(
        "05/CT-UBND",
        "Chỉ thị",
        "UBND tỉnh Lai Châu",
        "Chỉ thị về đẩy mạnh cải cách hành chính, nâng cao chỉ số PAR INDEX, SIPAS và PAPI",
        date(2019, 8, 2),
        signer="Chủ tịch UBND tỉnh",
        fields=("Cải cách hành chính", "Chỉ số cải cách hành chính"),
    ),
    DemoDocument(
        "3400/KH-UBND",
        "Kế hoạch",
        "UBND tỉnh Lai Châu",
        "Kế hoạch cải cách hành chính năm 2023 của tỉnh Lai Châu",
        date(2022, 12, 28),
        expires_on=date(2024, 1, 1),
        articles=("ke-hoach-cai-cach-hanh-chinh-nam-2023",),
    ),
    DemoDocument(
        "1850/KH-UBND",
        "Kế hoạch",
        "UBND tỉnh Lai Châu",
        "Kế hoạch chuyển đổi số trong cơ quan nhà nước tỉnh Lai Châu năm 2022",
        date(2022, 6, 6),
        expires_on=date(2023, 1, 1),
        fields=("Chuyển đổi số",),
        articles=("ke-hoach-chuyen-doi-so-trong-co-quan-nha-nuoc-nam-2022",),
    ),
    DemoDocument(
        "25/BC-SNV",
        "Báo cáo",
        "Sở Nội vụ tỉnh Lai Châu",
        "Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2022",
        date(2022, 12, 15),
        signer="Giám đốc Sở Nội vụ",
    ),
]


def _named(model, names: list[str], tally: Tally) -> dict:
    return {
        name: sync_row(model, lookup={"name": name}, values={"order": order}, tally=tally)
        for order, name in enumerate(names, start=1)
    }


def _pdf_path(demo: DemoDocument) -> str:
    return f"{FOLDER}/{demo.number.replace('/', '-').replace('Đ', 'D').lower()}.pdf"


def _pdf_content(demo: DemoDocument) -> bytes:
    first = [
        demo.issuer.upper(),
        f"So: {demo.number}",
        f"Ngay {demo.issued_on:%d/%m/%Y}",
        "",
        demo.type.upper(),
        *_wrap(demo.summary),
        "",
        *demo.body,
        "",
        "(Van ban minh hoa, tao cho du lieu mau cua cong thong tin.)",
    ]
    return make_pdf([first, [f"{demo.number} - trang 2", "Noi nhan: nhu tren."]])


def _wrap(text: str, width: int = 80) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _ensure_pdf(demo: DemoDocument, tally: Tally) -> tuple[str, int]:
    path = _pdf_path(demo)
    if default_storage.exists(path):
        tally.unchanged += 1
        return path, default_storage.size(path)
    content = _pdf_content(demo)
    saved = default_storage.save(path, ContentFile(content))
    if saved != path:
        raise RuntimeError(f"demo document stored as {saved!r} instead of {path!r}")
    tally.created += 1
    return path, len(content)


@transaction.atomic
def load() -> dict[str, Tally]:
    lists, documents, files, pdfs, links = Tally(), Tally(), Tally(), Tally(), Tally()
    types = _named(DocumentType, TYPES, lists)
    issuers = _named(Issuer, ISSUERS, lists)
    fields = _named(Field, FIELDS, lists)
    by_number: dict[str, Document] = {}
    for demo in DOCUMENTS:
        issuer = issuers[demo.issuer]
        document = sync_row(
            Document,
            lookup={"issuer": issuer, "number": demo.number},
            values={
                "summary": demo.summary,
                "doc_type": types[demo.type],
                "signer": demo.signer,
                "issued_on": demo.issued_on,
                "effective_on": demo.effective_on,
                "expires_on": demo.expires_on,
                "is_sample": True,
                "status": Document.Status.PUBLISHED,
            },
            tally=documents,
        )
        if document.published_at is None:
            Document.objects.filter(pk=document.pk).update(published_at=timezone.now())
        wanted_fields = {fields[name].pk for name in demo.fields}
        if set(document.fields.values_list("pk", flat=True)) != wanted_fields:
            document.fields.set(wanted_fields)
        by_number[demo.number] = document
        path, size = _ensure_pdf(demo, pdfs)
        stored = sync_row(
            DocumentFile,
            lookup={"document": document, "order": 0},
            values={
                "file": path,
                "original_name": path.rsplit("/", 1)[-1],
                "kind": "pdf",
                "size": size,
            },
            tally=files,
        )
        if stored.processed_at is None or not stored.preview_pages:
            process_stored_file(DocumentFile, stored.pk)
    for demo in DOCUMENTS:
        document = by_number[demo.number]
        wanted = {by_number[number].pk for number in demo.replaces}
        if set(document.replaces.values_list("pk", flat=True)) != wanted:
            document.replaces.set(wanted)
        for order, slug in enumerate(demo.articles):
            article = Article.objects.filter(slug=slug).first()
            if article is not None:
                sync_row(
                    ArticleDocument,
                    lookup={"article": article, "document": document},
                    values={"order": order},
                    tally=links,
                )
    return {
        _("Document types, issuing bodies and fields"): lists,
        _("Legal documents"): documents,
        _("Document files"): files,
        _("Document PDF files"): pdfs,
        _("Related documents of articles"): links,
    }
