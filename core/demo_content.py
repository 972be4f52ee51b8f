"""Demo content of the core app: the footer's links to related agencies' portals and the
English page's introduction (its structure and contacts are the organisation's demo records).
Written for this portal; `load()` can run any number of times (core.demo.sync_row).
"""

from django.db import transaction

from .demo import Tally, sync_row
from .models import AgencyLink, EnglishPage

AGENCY_LINKS = (
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Bộ Nội vụ", "https://moha.gov.vn/"),
    ("Cổng Thông tin điện tử tỉnh Lai Châu", "https://laichau.gov.vn/"),
    (
        "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lai Châu",
        "https://dichvucong.laichau.gov.vn/",
    ),
)

ENGLISH_PAGE = {
    "title": "Administrative Reform Portal of Lai Chau Province",
    "description": (
        "Who runs the administrative reform portal of Lai Chau province, how the reform work is "
        "organised, and how to reach the office."
    ),
    "introduction": (
        "<p>This website is the information channel of Lai Chau province on public "
        "administrative reform. It publishes news on the reform programme, the results of the "
        "province and of its departments and districts in the national reform indices (PAR "
        "INDEX, SIPAS, PAPI and PCI), and guidance for citizens and businesses dealing with "
        "public services. Most content is in Vietnamese; this page summarises the essentials "
        "in English.</p>"
    ),
}


@transaction.atomic
def load() -> dict[str, Tally]:
    links, english = Tally(), Tally()
    for order, (name, url) in enumerate(AGENCY_LINKS, start=1):
        sync_row(
            AgencyLink,
            lookup={"url": url},
            values={"name": name, "order": order, "is_active": True},
            tally=links,
        )
    sync_row(EnglishPage, lookup={}, values=ENGLISH_PAGE, tally=english)
    return {"Liên kết cổng thông tin": links, "Trang tiếng Anh": english}
