"""The indices demo content: the four indices, their components, the province's results and
the province's own assessment of its units.

Figures come in two kinds, kept apart here so that nobody mixes them up:
- published figures (`../shared/brief/seed-page.md`, `../shared/brief/indices.md`): the 2017
  ranks and the 2018 scores and ranks of PAR INDEX, SIPAS and PAPI, the 2022 scores and ranks
  of all four indices, and the six named unit scores of 2018. They are loaded with
  `is_sample=False`;
- invented figures that fill the charts (earlier years, PCI before 2022, every component score
  and a few components' provincial averages, who leads and supports each component, targets,
  every other unit score). They are loaded with `is_sample=True`, and pages that show one say
  so.

Invented figures must not contradict the published ones: in 2018 Sở Tài chính stays the best
department and Sở Y tế the lowest, huyện Mường Tè the best district and huyện Phong Thổ the
lowest. Component scores follow their index's total: PAR INDEX fields and PAPI dimensions add
up exactly to the published score of the year (72.23 and 44.42 in 2018, 86.29 and 42.69 in
2022); the five SIPAS elements average exactly the published percentage (74.95 in 2018, 79.34
in 2022; the official figure is weighted, the demo keeps the plain mean so that a reader can
check it); PCI sub-indices are weighted in reality and the demo does not invent weights, so
their plain sum is not the total (it lies 0.7 to 3.4 points above it every year).

After 2018 the demo knows only the 2022 official results of the four indices, linked to the
two 2022 announcement articles, with an invented 2022 breakdown of each: 2019–2021 are years
without data, shown as gaps, and a 2019 spreadsheet import is what the admin demo shows.

PAR INDEX changed its method in 2021. Fields that carried on under the same name keep one
component from 2018 on (so their pages show 2018 and 2022 side by side); the three that were
replaced end in 2020 and their successors start in 2021 (cải cách chế độ công vụ after đội ngũ
cán bộ, công chức, viên chức; cải cách tài chính công after đổi mới cơ chế tài chính; xây dựng
và phát triển Chính phủ điện tử, Chính phủ số after hiện đại hóa hành chính). Each method's
maxima add up to 100. The names and maxima of both methods are not confirmed against the
ministry's decisions: treat them as sample, like the figures on them. Components are found by
index and name on every run, so a database loaded with an earlier demo (the 2018–2020 fields
ending in 2020) has their years updated in place, keeping their rows and addresses (slugs).

The 2022 weakest components across the indices (lowest share of the maximum) tell a different
story from 2018's: e-governance in PAPI, access to land in PCI and the digital-government field
of PAR INDEX; Sở Thông tin và Truyền thông leads two of them.

Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng has no 2016 score (its first assessed year is
2017), so 2016 ranks 19 departments and 2017 ranks 20: the 2017 department changes compare
scores and say why, while 2018 (20 and 20) compares ranks. This changes no published figure.
"""

from dataclasses import dataclass, field
from decimal import Decimal

D = Decimal


@dataclass(frozen=True)
class DemoComponent:
    name: str
    maximum: Decimal
    first_year: int | None = None
    last_year: int | None = None


@dataclass(frozen=True)
class DemoIndex:
    code: str
    slug: str
    name: str
    abbreviation: str
    publisher: str
    score_unit: str
    maximum: Decimal
    order: int
    description: str
    components: tuple[DemoComponent, ...]


@dataclass(frozen=True)
class DemoResult:
    """One index's result in one year. `components` lists component scores in component order
    (always sample data); `announced` links the result to the news conference article."""

    code: str
    year: int
    score: Decimal | None
    rank: int | None
    is_sample: bool
    components: tuple[Decimal, ...] = ()
    announced: bool = False
    note: str = ""
    #: The slug of another announcing article (the 2022 results), when not the conference.
    article: str = ""


@dataclass(frozen=True)
class DemoUnit:
    """A unit and its invented scores by year (all sample data)."""

    name: str
    kind: str
    is_active: bool
    sample_scores: dict[int, Decimal] = field(default_factory=dict)
    end_year: int | None = None
    #: The name of the unit it was merged into (`DEPARTMENTS_MERGED_2025`).
    successor: str | None = None


INDICES = (
    DemoIndex(
        code="PAR_INDEX",
        slug="par-index",
        name="Chỉ số cải cách hành chính",
        abbreviation="PAR INDEX",
        publisher=("Bộ Nội vụ, cơ quan thường trực Ban Chỉ đạo cải cách hành chính của Chính phủ"),
        score_unit="points",
        maximum=D("100"),
        order=1,
        description=(
            "Chỉ số cải cách hành chính cho thấy mỗi bộ và mỗi tỉnh, thành phố trực thuộc "
            "Trung ương đã triển khai cải cách hành chính đến đâu trong năm. Bộ Nội vụ xác "
            "định chỉ số hằng năm trên thang 100 điểm và xếp hạng cả 63 tỉnh, thành phố. Theo "
            "phương pháp áp dụng cho giai đoạn 2018–2020, việc chấm điểm chia thành 8 lĩnh vực "
            "với 43 tiêu chí và 95 tiêu chí thành phần. Từ năm 2021 chỉ số được chấm theo phương "
            "pháp mới, trong đó một số lĩnh vực được đổi tên và điều chỉnh nội dung."
        ),
        # Two methods: 2018–2020 and from 2021 (see the module docstring). Each replaced field
        # sits just before its successor, so that each year lists its eight fields in order.
        components=(
            DemoComponent("Chỉ đạo, điều hành cải cách hành chính", D("12"), 2018),
            DemoComponent("Văn bản quy phạm pháp luật", D("9"), 2018),
            DemoComponent("Cải cách thủ tục hành chính", D("13"), 2018),
            DemoComponent("Cải cách tổ chức bộ máy", D("9"), 2018),
            DemoComponent("Đội ngũ cán bộ, công chức, viên chức", D("14"), 2018, 2020),
            DemoComponent("Cải cách chế độ công vụ", D("13"), 2021),
            DemoComponent("Đổi mới cơ chế tài chính", D("9"), 2018, 2020),
            DemoComponent("Cải cách tài chính công", D("8"), 2021),
            DemoComponent("Hiện đại hóa hành chính", D("12"), 2018, 2020),
            DemoComponent("Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", D("14"), 2021),
            DemoComponent("Tác động của cải cách hành chính", D("22"), 2018),
        ),
    ),
    DemoIndex(
        code="SIPAS",
        slug="sipas",
        name="Chỉ số hài lòng về sự phục vụ hành chính",
        abbreviation="SIPAS",
        publisher="Bộ Nội vụ",
        score_unit="percent",
        maximum=D("100"),
        order=2,
        description=(
            "Chỉ số hài lòng về sự phục vụ hành chính đo tỷ lệ người dân và tổ chức hài lòng "
            "với dịch vụ hành chính công mà cơ quan nhà nước cung cấp cho họ. Kết quả được "
            "tính từ ý kiến của những người đã trực tiếp giải quyết thủ tục hành chính và được "
            "thể hiện bằng phần trăm. Chỉ số gồm 5 yếu tố, từ khâu tiếp cận dịch vụ đến việc "
            "tiếp nhận và xử lý góp ý, phản ánh, kiến nghị."
        ),
        components=(
            DemoComponent("Tiếp cận dịch vụ", D("100")),
            DemoComponent("Thủ tục hành chính", D("100")),
            DemoComponent("Công chức trực tiếp giải quyết công việc", D("100")),
            DemoComponent("Kết quả dịch vụ", D("100")),
            DemoComponent("Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị", D("100")),
        ),
    ),
    DemoIndex(
        code="PAPI",
        slug="papi",
        name="Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh",
        abbreviation="PAPI",
        publisher=(
            "Chương trình Phát triển Liên hợp quốc (UNDP) phối hợp với Trung tâm Nghiên cứu "
            "phát triển và Hỗ trợ cộng đồng (CECODES), trung tâm nghiên cứu của Mặt trận Tổ "
            "quốc Việt Nam và Công ty Real-Time Analytics (RTA)"
        ),
        score_unit="points",
        maximum=D("80"),
        order=3,
        description=(
            "Chỉ số PAPI ghi nhận người dân đánh giá thế nào về việc chính quyền địa phương "
            "quản trị, điều hành và cung ứng dịch vụ công, dựa trên trải nghiệm của chính họ. "
            "Từ năm 2018 chỉ số có 8 nội dung, mỗi nội dung tối đa 10 điểm, tổng tối đa 80 "
            "điểm; trước đó có 6 nội dung với tổng tối đa 60 điểm. Báo cáo PAPI xếp các tỉnh "
            "vào bốn nhóm: cao nhất, trung bình cao, trung bình thấp và thấp nhất."
        ),
        components=(
            DemoComponent("Tham gia của người dân ở cấp cơ sở", D("10")),
            DemoComponent("Công khai, minh bạch trong việc ra quyết định", D("10")),
            DemoComponent("Trách nhiệm giải trình với người dân", D("10")),
            DemoComponent("Kiểm soát tham nhũng trong khu vực công", D("10")),
            DemoComponent("Thủ tục hành chính công", D("10")),
            DemoComponent("Cung ứng dịch vụ công", D("10")),
            DemoComponent("Quản trị môi trường", D("10"), first_year=2018),
            DemoComponent("Quản trị điện tử", D("10"), first_year=2018),
        ),
    ),
    DemoIndex(
        code="PCI",
        slug="pci",
        name="Chỉ số năng lực cạnh tranh cấp tỉnh",
        abbreviation="PCI",
        publisher="Liên đoàn Thương mại và Công nghiệp Việt Nam (VCCI)",
        score_unit="points",
        maximum=D("100"),
        order=4,
        description=(
            "Chỉ số năng lực cạnh tranh cấp tỉnh phản ánh chất lượng điều hành kinh tế và môi "
            "trường kinh doanh của chính quyền tỉnh qua đánh giá của doanh nghiệp. Chỉ số gồm "
            "10 chỉ số thành phần, mỗi chỉ số tối đa 10 điểm, được cộng theo trọng số thành "
            "tổng điểm trên thang 100. VCCI công bố điểm số và thứ hạng của các tỉnh, thành phố "
            "mỗi năm."
        ),
        components=(
            DemoComponent("Gia nhập thị trường", D("10")),
            DemoComponent("Tiếp cận đất đai", D("10")),
            DemoComponent("Tính minh bạch", D("10")),
            DemoComponent("Chi phí thời gian", D("10")),
            DemoComponent("Chi phí không chính thức", D("10")),
            DemoComponent("Cạnh tranh bình đẳng", D("10")),
            DemoComponent("Tính năng động", D("10")),
            DemoComponent("Chính sách hỗ trợ doanh nghiệp", D("10")),
            DemoComponent("Đào tạo lao động", D("10")),
            DemoComponent("Thiết chế pháp lý", D("10")),
        ),
    ),
)

# The news demo's articles that announced the 2022 results.
ARTICLE_2022_PAR = "chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24"
ARTICLE_2022_PAPI = "chi-so-papi-va-pci-nam-2022-cua-tinh"

RANK_FROM_CHANGE_NOTE = (
    "Năm 2017 chỉ có thứ hạng: thứ hạng này suy ra từ mức tăng, giảm bậc được công bố cùng "
    "kết quả năm 2018."
)


def _scores(*values: str) -> tuple[Decimal, ...]:
    return tuple(D(value) for value in values)


PROVINCE_RESULTS = (
    # PAR INDEX: 2013–2016 invented; 2017 rank and 2018 score and rank published.
    DemoResult("PAR_INDEX", 2013, D("71.35"), 54, is_sample=True),
    DemoResult("PAR_INDEX", 2014, D("69.86"), 58, is_sample=True),
    DemoResult("PAR_INDEX", 2015, D("72.60"), 52, is_sample=True),
    DemoResult("PAR_INDEX", 2016, D("70.94"), 56, is_sample=True),
    DemoResult("PAR_INDEX", 2017, None, 57, is_sample=False, note=RANK_FROM_CHANGE_NOTE),
    DemoResult(
        "PAR_INDEX",
        2018,
        D("72.23"),
        58,
        is_sample=False,
        announced=True,
        # Invented field scores (the field names themselves are unconfirmed); sum 72.23.
        components=_scores("10.25", "6.80", "9.90", "7.05", "9.60", "6.45", "8.10", "14.08"),
    ),
    # SIPAS started in 2017: no earlier year.
    DemoResult("SIPAS", 2017, None, 50, is_sample=False, note=RANK_FROM_CHANGE_NOTE),
    DemoResult(
        "SIPAS",
        2018,
        D("74.95"),
        55,
        is_sample=False,
        announced=True,
        # Invented element scores; their average is 74.95.
        components=_scores("73.80", "76.12", "77.05", "75.40", "72.38"),
    ),
    # PAPI: 2013–2016 invented on the six-dimension scale (at most 60 points then).
    DemoResult("PAPI", 2013, D("33.87"), 55, is_sample=True),
    DemoResult("PAPI", 2014, D("33.12"), 59, is_sample=True),
    DemoResult("PAPI", 2015, D("32.95"), 60, is_sample=True),
    DemoResult("PAPI", 2016, D("33.40"), 58, is_sample=True),
    DemoResult("PAPI", 2017, None, 63, is_sample=False, note=RANK_FROM_CHANGE_NOTE),
    DemoResult(
        "PAPI",
        2018,
        D("44.42"),
        26,
        is_sample=False,
        announced=True,
        # Invented dimension scores; sum 44.42.
        components=_scores("5.40", "5.62", "5.48", "6.71", "7.32", "7.44", "3.91", "2.54"),
    ),
    # PCI: no published figure in the brief before 2022, so those years are invented. The
    # sub-indices are weighted in reality: their plain sum is not the total.
    DemoResult(
        "PCI",
        2015,
        D("55.08"),
        59,
        is_sample=True,
        components=_scores(
            "8.12", "6.05", "5.48", "6.70", "4.92", "4.85", "4.31", "4.86", "5.02", "5.54"
        ),
    ),
    DemoResult(
        "PCI",
        2016,
        D("55.93"),
        57,
        is_sample=True,
        components=_scores(
            "8.25", "6.31", "5.60", "6.88", "5.10", "5.23", "4.76", "5.05", "5.37", "5.80"
        ),
    ),
    DemoResult(
        "PCI",
        2017,
        D("59.52"),
        51,
        is_sample=True,
        components=_scores(
            "8.40", "6.62", "5.95", "7.12", "5.64", "5.48", "5.35", "5.41", "5.70", "6.12"
        ),
    ),
    DemoResult(
        "PCI",
        2018,
        D("60.17"),
        53,
        is_sample=True,
        components=_scores(
            "8.51", "6.74", "6.08", "7.25", "5.92", "5.66", "5.58", "5.63", "5.85", "6.30"
        ),
    ),
    # 2022: the official results as reported in the press, with invented breakdowns. The
    # weakest three of the year: PAPI's e-governance (32.6 % of its maximum), PCI's access to
    # land (49.5 %) and PAR INDEX's digital-government field (51.0 %); every other component
    # is above 52 %.
    DemoResult(
        "PAR_INDEX",
        2022,
        D("86.29"),
        24,
        is_sample=False,
        article=ARTICLE_2022_PAR,
        # Invented field scores of the method from 2021; sum 86.29.
        components=_scores("11.40", "8.42", "12.22", "8.55", "11.70", "7.36", "7.14", "19.50"),
    ),
    DemoResult(
        "SIPAS",
        2022,
        D("79.34"),
        35,
        is_sample=False,
        article=ARTICLE_2022_PAR,
        # Invented element scores; their average is 79.34.
        components=_scores("78.10", "80.25", "81.62", "80.48", "76.25"),
    ),
    DemoResult(
        "PAPI",
        2022,
        D("42.69"),
        27,
        is_sample=False,
        article=ARTICLE_2022_PAPI,
        # Invented dimension scores; sum 42.69.
        components=_scores("5.30", "5.35", "5.28", "6.05", "6.30", "5.91", "5.24", "3.26"),
    ),
    DemoResult(
        "PCI",
        2022,
        D("62.05"),
        57,
        is_sample=False,
        article=ARTICLE_2022_PAPI,
        # Invented sub-index scores; their plain sum is 63.25.
        components=_scores(
            "7.85", "4.95", "5.92", "7.36", "6.48", "6.05", "5.64", "5.88", "6.02", "7.10"
        ),
    ),
)


@dataclass(frozen=True)
class DemoTarget:
    """The province's target on one index for one year (invented: always sample data)."""

    code: str
    year: int
    score: Decimal | None
    rank: int | None


# Invented 2022 targets, so the overview shows targets met and missed, and 2023 targets, set
# after the 2022 results and not yet assessed in the demo, so the pages show what the province
# aims for next; the real ones are set each year in the province's reform plan and entered by
# staff.
TARGETS = (
    DemoTarget("PAR_INDEX", 2022, D("85.00"), 30),
    DemoTarget("SIPAS", 2022, D("80.00"), 30),
    DemoTarget("PAPI", 2022, D("44.00"), 25),
    DemoTarget("PCI", 2022, D("63.00"), 50),
    DemoTarget("PAR_INDEX", 2023, D("87.50"), 20),
    DemoTarget("SIPAS", 2023, D("81.00"), 30),
    DemoTarget("PAPI", 2023, D("43.50"), 25),
    DemoTarget("PCI", 2023, None, 50),
)


@dataclass(frozen=True)
class DemoUnitTarget:
    """A unit's target for one year (invented: always sample data)."""

    unit: str
    year: int
    score: Decimal | None
    rank: int | None


# Invented 2018 targets, so the unit pages and the 2018 ranking show targets met and missed;
# the real ones are set in the province's yearly reform plan and entered by staff. Against
# the 2018 figures: Sở Tài chính is first with 86.50 (met, 1.50 above; rank met exactly),
# Sở Nội vụ fourth with 84.10 (both missed), Sở Y tế 65.04 (missed by 4.96), huyện Mường Tè
# first (met exactly), huyện Than Uyên 78.15 (met, 1.15 above), huyện Phong Thổ eighth with
# 71.19 (missed by 3.81 and by 2 places).
UNIT_TARGETS = (
    DemoUnitTarget("Sở Tài chính", 2018, D("85.00"), 1),
    DemoUnitTarget("Sở Nội vụ", 2018, D("85.00"), 3),
    DemoUnitTarget("Sở Y tế", 2018, D("70.00"), None),
    DemoUnitTarget("UBND huyện Mường Tè", 2018, None, 1),
    DemoUnitTarget("UBND huyện Than Uyên", 2018, D("77.00"), None),
    DemoUnitTarget("UBND huyện Phong Thổ", 2018, D("75.00"), 6),
)

DEPARTMENT = "department"
DISTRICT = "district"
# The district level was abolished on 1 July 2025 (`../shared/brief/indices.md`).
DISTRICTS_LAST_YEAR = 2025
# Departments merged in the 2025 reorganisation (from 1 March 2025), as the national plan paired
# them in every province, with the unit each was merged into; two of those are new units, with
# no result yet, whose profiles link their predecessors' history. The province's own decision
# is the authority: staff correct a pairing in the admin (a unit's last year and successor).
DEPARTMENTS_LAST_YEAR_MERGED = 2025
DEPARTMENTS_MERGED_2025 = {
    "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
    "Sở Giao thông vận tải": "Sở Xây dựng",
    "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
    "Sở Lao động – Thương binh và Xã hội": "Sở Nội vụ",
    "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
    "Ban Dân tộc": "Sở Dân tộc và Tôn giáo",
}

# Who leads (and supports) each component, in every year with a breakdown of that index
# (PCI's 2016 and 2017 only in part, so that their pages show a lead can change) and in 2022
# for every component of the method in force. Invented (the province's real assignment is in
# its yearly reform plan): always sample data. The 2022 leads are departments: the districts
# were still units in 2022 but do not answer for a province-wide field.
# {year: {index code: [(component name, lead unit, (supporting units, …)), …]}}
RESPONSIBILITIES = {
    2016: {
        "PCI": [
            ("Gia nhập thị trường", "Sở Kế hoạch và Đầu tư", ()),
            ("Tiếp cận đất đai", "Sở Tài nguyên và Môi trường", ("Sở Xây dựng",)),
        ],
    },
    2017: {
        "PCI": [
            ("Gia nhập thị trường", "Sở Kế hoạch và Đầu tư", ("Sở Tư pháp",)),
            ("Tiếp cận đất đai", "Sở Tài nguyên và Môi trường", ("Sở Xây dựng",)),
            ("Chi phí không chính thức", "Sở Nội vụ", ()),
        ],
    },
    2018: {
        "PAR_INDEX": [
            ("Chỉ đạo, điều hành cải cách hành chính", "Sở Nội vụ", ("Văn phòng UBND tỉnh",)),
            ("Văn bản quy phạm pháp luật", "Sở Tư pháp", ()),
            ("Cải cách thủ tục hành chính", "Văn phòng UBND tỉnh", ("Sở Tư pháp",)),
            ("Cải cách tổ chức bộ máy", "Sở Nội vụ", ()),
            ("Đội ngũ cán bộ, công chức, viên chức", "Sở Nội vụ", ()),
            ("Đổi mới cơ chế tài chính", "Sở Tài chính", ("Sở Kế hoạch và Đầu tư",)),
            (
                "Hiện đại hóa hành chính",
                "Sở Thông tin và Truyền thông",
                ("Sở Khoa học và Công nghệ",),
            ),
            ("Tác động của cải cách hành chính", "Sở Nội vụ", ("Văn phòng UBND tỉnh",)),
        ],
        "SIPAS": [
            ("Tiếp cận dịch vụ", "Văn phòng UBND tỉnh", ()),
            ("Thủ tục hành chính", "Văn phòng UBND tỉnh", ("Sở Tư pháp",)),
            ("Công chức trực tiếp giải quyết công việc", "Sở Nội vụ", ()),
            ("Kết quả dịch vụ", "Văn phòng UBND tỉnh", ()),
            ("Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị", "Thanh tra tỉnh", ()),
        ],
        "PAPI": [
            ("Tham gia của người dân ở cấp cơ sở", "Sở Nội vụ", ()),
            ("Công khai, minh bạch trong việc ra quyết định", "Sở Nội vụ", ()),
            ("Trách nhiệm giải trình với người dân", "Thanh tra tỉnh", ()),
            ("Kiểm soát tham nhũng trong khu vực công", "Thanh tra tỉnh", ()),
            ("Thủ tục hành chính công", "Văn phòng UBND tỉnh", ()),
            ("Cung ứng dịch vụ công", "Sở Y tế", ("Sở Giáo dục và Đào tạo",)),
            ("Quản trị môi trường", "Sở Tài nguyên và Môi trường", ()),
            ("Quản trị điện tử", "Sở Thông tin và Truyền thông", ()),
        ],
        "PCI": [
            ("Gia nhập thị trường", "Sở Kế hoạch và Đầu tư", ()),
            ("Tiếp cận đất đai", "Sở Tài nguyên và Môi trường", ()),
            ("Tính minh bạch", "Văn phòng UBND tỉnh", ()),
            ("Chi phí thời gian", "Sở Kế hoạch và Đầu tư", ()),
            ("Chi phí không chính thức", "Thanh tra tỉnh", ()),
            ("Cạnh tranh bình đẳng", "Sở Kế hoạch và Đầu tư", ()),
            ("Tính năng động", "Sở Kế hoạch và Đầu tư", ()),
            ("Chính sách hỗ trợ doanh nghiệp", "Sở Kế hoạch và Đầu tư", ("Sở Công Thương",)),
            ("Đào tạo lao động", "Sở Lao động – Thương binh và Xã hội", ()),
            ("Thiết chế pháp lý", "Sở Tư pháp", ()),
        ],
    },
    # A field that carried on keeps its 2018 lead; each new field's lead is the department
    # that led the field it replaced.
    2022: {
        "PAR_INDEX": [
            ("Chỉ đạo, điều hành cải cách hành chính", "Sở Nội vụ", ("Văn phòng UBND tỉnh",)),
            ("Văn bản quy phạm pháp luật", "Sở Tư pháp", ()),
            ("Cải cách thủ tục hành chính", "Văn phòng UBND tỉnh", ("Sở Tư pháp",)),
            ("Cải cách tổ chức bộ máy", "Sở Nội vụ", ()),
            ("Cải cách chế độ công vụ", "Sở Nội vụ", ()),
            ("Cải cách tài chính công", "Sở Tài chính", ("Sở Kế hoạch và Đầu tư",)),
            (
                "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
                "Sở Thông tin và Truyền thông",
                ("Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"),
            ),
            ("Tác động của cải cách hành chính", "Sở Nội vụ", ("Văn phòng UBND tỉnh",)),
        ],
        "SIPAS": [
            ("Tiếp cận dịch vụ", "Văn phòng UBND tỉnh", ()),
            ("Thủ tục hành chính", "Văn phòng UBND tỉnh", ("Sở Tư pháp",)),
            ("Công chức trực tiếp giải quyết công việc", "Sở Nội vụ", ()),
            ("Kết quả dịch vụ", "Văn phòng UBND tỉnh", ()),
            ("Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị", "Thanh tra tỉnh", ()),
        ],
        "PAPI": [
            ("Tham gia của người dân ở cấp cơ sở", "Sở Nội vụ", ()),
            ("Công khai, minh bạch trong việc ra quyết định", "Sở Nội vụ", ()),
            ("Trách nhiệm giải trình với người dân", "Thanh tra tỉnh", ()),
            ("Kiểm soát tham nhũng trong khu vực công", "Thanh tra tỉnh", ()),
            ("Thủ tục hành chính công", "Văn phòng UBND tỉnh", ()),
            ("Cung ứng dịch vụ công", "Sở Y tế", ("Sở Giáo dục và Đào tạo",)),
            ("Quản trị môi trường", "Sở Tài nguyên và Môi trường", ()),
            ("Quản trị điện tử", "Sở Thông tin và Truyền thông", ("Văn phòng UBND tỉnh",)),
        ],
        "PCI": [
            ("Gia nhập thị trường", "Sở Kế hoạch và Đầu tư", ()),
            ("Tiếp cận đất đai", "Sở Tài nguyên và Môi trường", ("Sở Xây dựng",)),
            ("Tính minh bạch", "Văn phòng UBND tỉnh", ()),
            ("Chi phí thời gian", "Sở Kế hoạch và Đầu tư", ()),
            ("Chi phí không chính thức", "Thanh tra tỉnh", ()),
            ("Cạnh tranh bình đẳng", "Sở Kế hoạch và Đầu tư", ()),
            ("Tính năng động", "Sở Kế hoạch và Đầu tư", ()),
            ("Chính sách hỗ trợ doanh nghiệp", "Sở Kế hoạch và Đầu tư", ("Sở Công Thương",)),
            ("Đào tạo lao động", "Sở Lao động – Thương binh và Xã hội", ()),
            ("Thiết chế pháp lý", "Sở Tư pháp", ()),
        ],
    },
}

# Invented provincial averages of a few components (the average of every province ranked that
# year), so that component pages compare the province with the country. They sit on invented
# component scores and are sample data like them; no published figure is involved.
# {(index code, year): {component name: average}}
COMPONENT_AVERAGES = {
    ("PCI", 2015): {"Gia nhập thị trường": D("8.35"), "Tiếp cận đất đai": D("6.21")},
    ("PCI", 2016): {"Gia nhập thị trường": D("8.41"), "Tiếp cận đất đai": D("6.30")},
    ("PCI", 2017): {"Gia nhập thị trường": D("8.38"), "Tiếp cận đất đai": D("6.52")},
    ("PCI", 2018): {"Gia nhập thị trường": D("8.47"), "Tiếp cận đất đai": D("6.68")},
    ("PAR_INDEX", 2018): {
        "Cải cách thủ tục hành chính": D("10.62"),
        "Hiện đại hóa hành chính": D("8.04"),
    },
    ("PCI", 2022): {"Gia nhập thị trường": D("7.52"), "Tiếp cận đất đai": D("6.15")},
    ("PAR_INDEX", 2022): {
        "Cải cách thủ tục hành chính": D("11.86"),
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số": D("9.48"),
    },
}

# The 2018 unit scores that were published (the 2018 results conference).
PUBLISHED_UNIT_SCORES_2018 = {
    "Sở Tài chính": D("86.50"),
    "Sở Giao thông vận tải": D("85.88"),
    "Sở Y tế": D("65.04"),
    "UBND huyện Mường Tè": D("82.41"),
    "UBND thành phố Lai Châu": D("79.43"),
    "UBND huyện Phong Thổ": D("71.19"),
}
PUBLISHED_YEAR = 2018


def _unit(name, kind, scores: tuple[str, ...], *, years=(2016, 2017, 2018)) -> DemoUnit:
    """`scores` are the invented scores of `years`; a unit whose 2018 score was published
    lists only 2016 and 2017 (the 2018 figure comes from PUBLISHED_UNIT_SCORES_2018)."""
    successor = DEPARTMENTS_MERGED_2025.get(name)
    if kind == DISTRICT:
        end_year = DISTRICTS_LAST_YEAR  # abolished; its results stay as history
    else:
        end_year = DEPARTMENTS_LAST_YEAR_MERGED if successor else None
    return DemoUnit(
        name=name,
        kind=kind,
        is_active=end_year is None,
        end_year=end_year,
        successor=successor,
        sample_scores={year: D(score) for year, score in zip(years, scores, strict=True)},
    )


def _published(name, kind, scores: tuple[str, ...]) -> DemoUnit:
    return _unit(name, kind, scores, years=(2016, 2017))


# Invented 2018 scores lie strictly between the published lowest and second-best of the same
# kind (departments: 65.04 < x < 85.88; districts: 71.19 < x < 79.43), so the published best
# and lowest stay best and lowest.
UNITS = (
    _unit("Văn phòng UBND tỉnh", DEPARTMENT, ("80.15", "82.40", "84.72")),
    _unit("Sở Nội vụ", DEPARTMENT, ("79.80", "81.95", "84.10")),
    _unit("Sở Tư pháp", DEPARTMENT, ("77.35", "80.12", "83.56")),
    _published("Sở Tài chính", DEPARTMENT, ("81.20", "83.05")),
    _unit("Sở Kế hoạch và Đầu tư", DEPARTMENT, ("78.64", "79.90", "82.87")),
    _unit("Thanh tra tỉnh", DEPARTMENT, ("74.10", "76.85", "81.34")),
    _published("Sở Giao thông vận tải", DEPARTMENT, ("79.05", "82.70")),
    _unit("Sở Xây dựng", DEPARTMENT, ("72.48", "75.16", "79.62")),
    _unit("Sở Công Thương", DEPARTMENT, ("73.92", "74.40", "78.05")),
    _unit("Sở Khoa học và Công nghệ", DEPARTMENT, ("71.60", "73.85", "77.48")),
    _unit("Sở Thông tin và Truyền thông", DEPARTMENT, ("75.30", "77.02", "80.25")),
    _unit("Sở Tài nguyên và Môi trường", DEPARTMENT, ("70.84", "72.35", "76.13")),
    _unit("Sở Nông nghiệp và Phát triển nông thôn", DEPARTMENT, ("69.75", "71.08", "74.90")),
    _unit("Sở Giáo dục và Đào tạo", DEPARTMENT, ("71.12", "73.27", "75.66")),
    _unit("Sở Lao động – Thương binh và Xã hội", DEPARTMENT, ("68.40", "70.55", "73.21")),
    _unit("Sở Văn hóa, Thể thao và Du lịch", DEPARTMENT, ("67.95", "69.80", "72.44")),
    _unit("Sở Ngoại vụ", DEPARTMENT, ("70.05", "71.90", "74.02")),
    _unit("Ban Dân tộc", DEPARTMENT, ("66.20", "68.75", "70.38")),
    # First assessed in 2017: the two years rank different numbers of departments.
    _unit(
        "Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng",
        DEPARTMENT,
        ("66.35", "68.57"),
        years=(2017, 2018),
    ),
    _published("Sở Y tế", DEPARTMENT, ("62.35", "63.90")),
    _published("UBND thành phố Lai Châu", DISTRICT, ("78.20", "80.05")),
    _unit("UBND huyện Tam Đường", DISTRICT, ("73.45", "75.10", "77.86")),
    _published("UBND huyện Phong Thổ", DISTRICT, ("68.90", "70.32")),
    _unit("UBND huyện Sìn Hồ", DISTRICT, ("70.15", "71.84", "74.27")),
    _published("UBND huyện Mường Tè", DISTRICT, ("74.60", "77.95")),
    _unit("UBND huyện Than Uyên", DISTRICT, ("75.80", "76.40", "78.15")),
    _unit("UBND huyện Tân Uyên", DISTRICT, ("71.35", "73.60", "75.92")),
    _unit("UBND huyện Nậm Nhùn", DISTRICT, ("69.40", "72.15", "73.08")),
    # Formed in the 2025 reorganisation: no result yet, their predecessors' history linked.
    _unit("Sở Nông nghiệp và Môi trường", DEPARTMENT, (), years=()),
    _unit("Sở Dân tộc và Tôn giáo", DEPARTMENT, (), years=()),
)

# A starting row: Tốt from 80 %, Khá from 70 %, Trung bình from 50 %, Yếu below. Provinces set
# their own thresholds, so staff edit or add rows in the admin.
GRADE_THRESHOLDS = (
    {"year": 2016, "good_from": D("80"), "fair_from": D("70"), "average_from": D("50")},
)
