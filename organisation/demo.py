"""Demo content of "Giới thiệu": the office's functions, the organisation chart, every assessed
unit's contact details, leaders and contact persons, and the province's Steering Committee for
administrative reform.

Written for this portal. Every person, phone number and e-mail address here is invented (the
numbers follow the province's 0213 area code, the addresses its administrative centre); staff
replace them with the real ones in the admin. Runs after `indices.demo.load` (it needs the
units) and any number of times (`core.demo.sync_row`).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from core.demo import Tally, sync_row
from indices.models import Unit

from .models import AboutPage, Committee, CommitteeMember, Division, Person, UnitOffice

AGENCY = "Sở Nội vụ"
CENTRE = "Khu hành chính – chính trị tỉnh, phường Đông Phong, thành phố Lai Châu, tỉnh Lai Châu"
CENTRE_EN = (
    "Provincial Administrative and Political Centre, Dong Phong ward, Lai Chau city, "
    "Lai Chau province"
)

ABOUT_PAGE = {
    "title": "Giới thiệu",
    "summary": (
        "Sở Nội vụ tỉnh Lai Châu là cơ quan thường trực giúp Ủy ban nhân dân tỉnh theo dõi, "
        "đôn đốc công tác cải cách hành chính và quản lý trang thông tin này."
    ),
    "functions": (
        "<h3>Chức năng</h3>"
        "<p>Về cải cách hành chính, Sở Nội vụ tham mưu cho Ủy ban nhân dân tỉnh xây dựng, "
        "triển khai và kiểm tra kế hoạch cải cách hành chính hằng năm và từng giai đoạn; là "
        "đầu mối tổng hợp, báo cáo kết quả của các sở, ban, ngành và địa phương.</p>"
        "<h3>Nhiệm vụ</h3>"
        "<ul>"
        "<li>Soạn thảo kế hoạch cải cách hành chính của tỉnh, theo dõi tiến độ và đề xuất "
        "biện pháp khi một nhiệm vụ chậm.</li>"
        "<li>Tổ chức chấm điểm, xếp hạng chỉ số cải cách hành chính của các cơ quan, đơn vị "
        "trong tỉnh mỗi năm và công bố kết quả.</li>"
        "<li>Phối hợp đo lường sự hài lòng của người dân, tổ chức đối với dịch vụ hành chính "
        "công; phân tích các chỉ số PAR INDEX, SIPAS, PAPI, PCI của tỉnh.</li>"
        "<li>Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị; tổng hợp kiến "
        "nghị và đề xuất khen thưởng.</li>"
        "<li>Thông tin, tuyên truyền về cải cách hành chính; quản trị nội dung trang thông "
        "tin điện tử cải cách hành chính của tỉnh.</li>"
        "<li>Là cơ quan thường trực của Ban Chỉ đạo cải cách hành chính tỉnh.</li>"
        "</ul>"
    ),
}

# The organisation chart: (name, English name, note, English note, parent's name, unit's name).
DIVISIONS = (
    (
        "Ủy ban nhân dân tỉnh Lai Châu",
        "Lai Chau Provincial People's Committee",
        "Chỉ đạo, điều hành công tác cải cách hành chính",
        "Directs the administrative reform",
        None,
        None,
    ),
    (
        "Ban Chỉ đạo cải cách hành chính tỉnh",
        "Provincial Steering Committee for Administrative Reform",
        "Giúp Ủy ban nhân dân tỉnh chỉ đạo, đôn đốc",
        "Steers and follows up on behalf of the Committee",
        "Ủy ban nhân dân tỉnh Lai Châu",
        None,
    ),
    (
        "Sở Nội vụ",
        "Department of Home Affairs",
        "Cơ quan thường trực về cải cách hành chính",
        "Standing body for administrative reform",
        "Ủy ban nhân dân tỉnh Lai Châu",
        "Sở Nội vụ",
    ),
    (
        "Phòng Cải cách hành chính",
        "Administrative Reform Division",
        "Đầu mối tham mưu; quản trị trang thông tin",
        "Day-to-day contact point; runs this website",
        "Sở Nội vụ",
        None,
    ),
    (
        "Văn phòng Sở",
        "Office of the Department",
        "",
        "",
        "Sở Nội vụ",
        None,
    ),
    (
        "Các sở, ban, ngành tỉnh",
        "Provincial departments and agencies",
        "Thực hiện cải cách hành chính trong lĩnh vực được giao",
        "Carry out the reform in their own fields",
        "Ủy ban nhân dân tỉnh Lai Châu",
        None,
    ),
    (
        "Ủy ban nhân dân cấp huyện (đến 30/6/2025)",
        "District-level People's Committees (until 30 June 2025)",
        "Kết quả các năm trước vẫn được lưu",
        "Their past results remain on record",
        "Ủy ban nhân dân tỉnh Lai Châu",
        None,
    ),
    (
        "Ủy ban nhân dân cấp xã",
        "Commune-level People's Committees",
        "Giải quyết thủ tục hành chính gần dân",
        "Handle procedures close to the people",
        "Ủy ban nhân dân tỉnh Lai Châu",
        None,
    ),
)

# Every assessed unit: (name, English name, e-mail box, address of its office).
UNIT_OFFICES = (
    ("Văn phòng UBND tỉnh", "Office of the Provincial People's Committee", "vpubnd", CENTRE),
    ("Sở Nội vụ", "Department of Home Affairs", "sonv", CENTRE),
    ("Sở Tư pháp", "Department of Justice", "sotp", CENTRE),
    ("Sở Tài chính", "Department of Finance", "sotc", CENTRE),
    ("Sở Kế hoạch và Đầu tư", "Department of Planning and Investment", "sokhdt", CENTRE),
    ("Thanh tra tỉnh", "Provincial Inspectorate", "thanhtra", CENTRE),
    ("Sở Giao thông vận tải", "Department of Transport", "sogtvt", CENTRE),
    ("Sở Xây dựng", "Department of Construction", "soxd", CENTRE),
    ("Sở Công Thương", "Department of Industry and Trade", "soct", CENTRE),
    ("Sở Khoa học và Công nghệ", "Department of Science and Technology", "sokhcn", CENTRE),
    (
        "Sở Thông tin và Truyền thông",
        "Department of Information and Communications",
        "sotttt",
        CENTRE,
    ),
    (
        "Sở Tài nguyên và Môi trường",
        "Department of Natural Resources and Environment",
        "sotnmt",
        CENTRE,
    ),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Department of Agriculture and Rural Development",
        "sonnptnt",
        CENTRE,
    ),
    ("Sở Giáo dục và Đào tạo", "Department of Education and Training", "sogddt", CENTRE),
    (
        "Sở Lao động – Thương binh và Xã hội",
        "Department of Labour, Invalids and Social Affairs",
        "soldtbxh",
        CENTRE,
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        "sovhttdl",
        CENTRE,
    ),
    ("Sở Ngoại vụ", "Department of Foreign Affairs", "songv", CENTRE),
    ("Ban Dân tộc", "Ethnic Minorities Committee", "bandt", CENTRE),
    (
        "Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng",
        "Ma Lu Thang Border Gate Economic Zone Authority",
        "bqlkkt",
        "Xã Ma Ly Pho, huyện Phong Thổ, tỉnh Lai Châu",
    ),
    ("Sở Y tế", "Department of Health", "soyt", CENTRE),
    (
        "UBND thành phố Lai Châu",
        "Lai Chau City People's Committee",
        "ubndtp",
        "Đường 30 tháng 4, phường Tân Phong, thành phố Lai Châu, tỉnh Lai Châu",
    ),
    (
        "UBND huyện Tam Đường",
        "Tam Duong District People's Committee",
        "ubndtd",
        "Thị trấn Tam Đường, huyện Tam Đường, tỉnh Lai Châu",
    ),
    (
        "UBND huyện Phong Thổ",
        "Phong Tho District People's Committee",
        "ubndpt",
        "Thị trấn Phong Thổ, huyện Phong Thổ, tỉnh Lai Châu",
    ),
    (
        "UBND huyện Sìn Hồ",
        "Sin Ho District People's Committee",
        "ubndsh",
        "Thị trấn Sìn Hồ, huyện Sìn Hồ, tỉnh Lai Châu",
    ),
    (
        "UBND huyện Mường Tè",
        "Muong Te District People's Committee",
        "ubndmt",
        "Thị trấn Mường Tè, huyện Mường Tè, tỉnh Lai Châu",
    ),
    (
        "UBND huyện Than Uyên",
        "Than Uyen District People's Committee",
        "ubndtu",
        "Thị trấn Than Uyên, huyện Than Uyên, tỉnh Lai Châu",
    ),
    (
        "UBND huyện Tân Uyên",
        "Tan Uyen District People's Committee",
        "ubndtanuyen",
        "Thị trấn Tân Uyên, huyện Tân Uyên, tỉnh Lai Châu",
    ),
    (
        "UBND huyện Nậm Nhùn",
        "Nam Nhun District People's Committee",
        "ubndnn",
        "Thị trấn Nậm Nhùn, huyện Nậm Nhùn, tỉnh Lai Châu",
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "sonnmt",
        CENTRE,
    ),
    (
        "Sở Dân tộc và Tôn giáo",
        "Department of Ethnic Minorities and Religions",
        "sodttg",
        CENTRE,
    ),
)

# Invented names, combined in a fixed order so each run writes the same people.
FAMILY = ("Nguyễn", "Trần", "Lò", "Phạm", "Hoàng", "Tao", "Vũ", "Lường", "Đỗ", "Giàng", "Bùi")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Thu", "Hữu", "Ngọc")
GIVEN = (
    "An", "Bình", "Chung", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hương", "Khánh",
    "Lâm", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm",
    "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến",
)  # fmt: skip

# The CCHC office's own people: (title, English title, kind, e-mail box).
AGENCY_PEOPLE = (
    ("Giám đốc Sở", "Director", Person.Kind.LEADER, "gd.sonv"),
    ("Phó Giám đốc Sở", "Deputy Director", Person.Kind.LEADER, "pgd1.sonv"),
    ("Phó Giám đốc Sở", "Deputy Director", Person.Kind.LEADER, "pgd2.sonv"),
    (
        "Trưởng phòng Cải cách hành chính",
        "Head of the Administrative Reform Division",
        Person.Kind.CONTACT,
        "cchc.sonv",
    ),
    (
        "Chuyên viên Phòng Cải cách hành chính, biên tập trang thông tin",
        "Officer, Administrative Reform Division; editor of this website",
        Person.Kind.CONTACT,
        "bientap.cchc.sonv",
    ),
)
# People of the province's leadership who sit on the committee: (title, English title, box).
PROVINCE_PEOPLE = (
    ("Chủ tịch UBND tỉnh", "Chairperson of the Provincial People's Committee", "ct.ubnd"),
    ("Phó Chủ tịch UBND tỉnh", "Vice Chairperson of the Provincial People's Committee", "pct.ubnd"),
)

COMMITTEE = {
    "name": "Ban Chỉ đạo cải cách hành chính tỉnh Lai Châu",
    "name_en": "Lai Chau Provincial Steering Committee for Administrative Reform",
    "description": (
        "<p>Ban Chỉ đạo do Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban, giúp Ủy ban nhân dân "
        "tỉnh chỉ đạo, đôn đốc và kiểm tra việc thực hiện chương trình cải cách hành chính; "
        "Sở Nội vụ là cơ quan thường trực. Ban họp định kỳ sáu tháng một lần và khi cần.</p>"
    ),
    "order": 1,
}
# The units whose leaders are members, after the province's two leaders and the Director of
# Home Affairs.
COMMITTEE_UNITS = (
    "Văn phòng UBND tỉnh",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Khoa học và Công nghệ",
    "Thanh tra tỉnh",
    "Sở Xây dựng",
)


def invented_name(number: int) -> str:
    return (
        f"{FAMILY[number % len(FAMILY)]} {MIDDLE[(number * 5) % len(MIDDLE)]} "
        f"{GIVEN[(number * 7) % len(GIVEN)]}"
    )


def phone(number: int) -> str:
    """An invented office number in the 0213 area code."""
    return f"0213 3 87{6 + number % 3} {100 + number * 17:03d}"


def email(box: str) -> str:
    return f"{box}@laichau.gov.vn"


@transaction.atomic
def load() -> dict[str, Tally]:
    pages, divisions, offices = Tally(), Tally(), Tally()
    people, committees, members = Tally(), Tally(), Tally()
    units = {unit.name: unit for unit in Unit.objects.all()}
    agency = units.get(AGENCY)

    sync_row(AboutPage, lookup={}, values={**ABOUT_PAGE, "agency": agency}, tally=pages)

    stored: dict[str, Division] = {}
    for order, (name, name_en, note, note_en, parent, unit) in enumerate(DIVISIONS, start=1):
        stored[name] = sync_row(
            Division,
            lookup={"name": name},
            values={
                "name_en": name_en,
                "note": note,
                "note_en": note_en,
                "parent": stored[parent] if parent else None,
                "unit": units.get(unit) if unit else None,
                "order": order,
            },
            tally=divisions,
        )

    leaders: dict[str, Person] = {}
    number = 0
    for index, (name, name_en, box, address) in enumerate(UNIT_OFFICES):
        unit = units.get(name)
        if unit is None:
            continue
        sync_row(
            UnitOffice,
            lookup={"unit": unit},
            values={
                "name_en": name_en,
                "address": address,
                "address_en": CENTRE_EN if address == CENTRE else "",
                "phone": phone(index),
                "email": email(box),
                "website": f"https://{box}.laichau.gov.vn/",
            },
            tally=offices,
        )
        # A unit merged or dissolved keeps its office on record but has no people any more:
        # its page sends readers to its successor.
        if unit.end_year:
            continue
        if name == AGENCY:
            rows = AGENCY_PEOPLE
        else:
            head = "Chánh Văn phòng" if name.startswith("Văn phòng") else "Giám đốc Sở"
            if name.startswith("Thanh tra"):
                head = "Chánh Thanh tra tỉnh"
            elif name.startswith("Ban"):
                head = "Trưởng ban"
            rows = (
                (head, "Head of the unit", Person.Kind.LEADER, f"ld.{box}"),
                (
                    "Chuyên viên phụ trách cải cách hành chính",
                    "Officer in charge of administrative reform",
                    Person.Kind.CONTACT,
                    f"cchc.{box}",
                ),
            )
        for order, (title, title_en, kind, person_box) in enumerate(rows, start=1):
            number += 1
            person = sync_row(
                Person,
                lookup={"email": email(person_box)},
                values={
                    "name": invented_name(number),
                    "title": title,
                    "title_en": title_en,
                    "kind": kind,
                    "unit": unit,
                    "workplace": "",
                    "office_phone": phone(index * 5 + order),
                    "order": order,
                    "is_shown": True,
                },
                tally=people,
            )
            if order == 1:
                leaders[name] = person

    province = []
    for order, (title, title_en, box) in enumerate(PROVINCE_PEOPLE, start=1):
        number += 1
        province.append(
            sync_row(
                Person,
                lookup={"email": email(box)},
                values={
                    "name": invented_name(number),
                    "title": title,
                    "title_en": title_en,
                    "kind": Person.Kind.MEMBER,
                    "unit": None,
                    "workplace": "UBND tỉnh Lai Châu",
                    "workplace_en": "Lai Chau Provincial People's Committee",
                    "office_phone": phone(90 + order),
                    "order": order,
                    "is_shown": True,
                },
                tally=people,
            )
        )

    committee = sync_row(
        Committee,
        lookup={"name": COMMITTEE["name"]},
        values={k: v for k, v in COMMITTEE.items() if k != "name"},
        tally=committees,
    )
    roles = [(province[0], CommitteeMember.Role.HEAD)]
    if AGENCY in leaders:
        roles.append((leaders[AGENCY], CommitteeMember.Role.STANDING_DEPUTY))
    roles.append((province[1], CommitteeMember.Role.DEPUTY))
    roles += [
        (leaders[name], CommitteeMember.Role.MEMBER) for name in COMMITTEE_UNITS if name in leaders
    ]
    secretary = Person.objects.filter(email=email("cchc.sonv")).first()
    if secretary:
        roles.append((secretary, CommitteeMember.Role.SECRETARY))
    for order, (person, role) in enumerate(roles, start=1):
        sync_row(
            CommitteeMember,
            lookup={"committee": committee, "person": person},
            values={"role": role, "order": order},
            tally=members,
        )
    return {
        _("About page"): pages,
        _("Organisation chart"): divisions,
        _("Units' contact details"): offices,
        _("Leaders and contact persons"): people,
        _("Steering committees"): committees,
        _("Committee members"): members,
    }
