"""Demo content of the core app: the footer's links to related agencies' portals and the
English page. Written for this portal; `load()` can run any number of times (core.demo.sync_row).
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
    "structure": (
        "<p>The portal is run by the <strong>Department of Home Affairs of Lai Chau "
        "Province</strong>, which advises the Provincial People's Committee on administrative "
        "reform and follows up its implementation across the province.</p>"
        "<ul>"
        "<li><strong>Provincial People's Committee</strong> – sets the annual reform plan and "
        "its targets.</li>"
        "<li><strong>Department of Home Affairs</strong> – coordinates the plan, assesses the "
        "reform results of departments and districts each year, and manages this portal.</li>"
        "<li><strong>Administrative Reform Division</strong> (within the Department) – the "
        "day-to-day contact point: reform reports, the annual ranking of units, and the "
        "editorial team of this website.</li>"
        "<li><strong>Departments, agencies and district-level People's Committees</strong> – "
        "carry out the reform tasks in their own fields and areas.</li>"
        "</ul>"
    ),
    "contacts": (
        "<p><strong>Department of Home Affairs of Lai Chau Province</strong><br>"
        "3rd floor, Building C, Provincial Administrative and Political Centre, Dong Phong "
        "ward, Lai Chau city, Lai Chau province, Viet Nam</p>"
        "<p>Telephone: +84 213 3 876 000<br>"
        "E-mail: cchc.snv@laichau.gov.vn</p>"
        "<p>Office hours: Monday to Friday, 7:30–11:30 and 13:30–17:00 (UTC+7).</p>"
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
