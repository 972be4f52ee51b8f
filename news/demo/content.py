"""The news demo content: site settings, categories and articles written for this portal.

Figures stated by the 2019 conference article and the 2018/2022 province indices follow the
project brief; every other figure (case counts, targets, unit results) is sample data made up
for the demo.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CONFERENCE_SLUG = "hoi-nghi-truc-tuyen-phan-tich-cac-chi-so-cchc-nam-2018"
# A notice with a deadline, expired since: out of the lists, its page says it has expired.
EXPIRED_NOTICE_SLUG = "thong-bao-nhan-y-kien-du-thao-ke-hoach-cai-cach-hanh-chinh-nam-2023"


def _at(year, month, day, hour, minute, second) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM)


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: str
    order: int
    description: str = ""
    parent: str | None = None  # slug of the parent category


@dataclass(frozen=True)
class DemoImage:
    scene: str  # one of SCENES
    caption: str
    alt_text: str
    after_paragraph: int | None = None


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    category: str  # category slug
    published_at: datetime
    summary: str
    blocks: tuple[str, ...]  # top-level blocks of the body, numbered from 1 by after_paragraph
    images: tuple[DemoImage, ...] = ()
    related: tuple[str, ...] = ()  # slugs of the admin-chosen related articles, in order
    is_featured: bool = False
    expires_at: datetime | None = None  # "hết hạn hiển thị": out of every list from then on

    @property
    def body(self) -> str:
        return "\n".join(self.blocks)


SITE_SETTINGS = {
    "site_name": "Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu",
    "short_name": "CCHC Lai Châu",
    "owner": "Sở Nội vụ tỉnh Lai Châu",
    "responsible_person": "Giám đốc Sở Nội vụ tỉnh Lai Châu",
    "address": (
        "Tầng 3, Nhà C, Khu Trung tâm hành chính – chính trị tỉnh, phường Đông Phong, "
        "thành phố Lai Châu, tỉnh Lai Châu"
    ),
    "phone": "0213 3 876 000",
    "email": "cchc.snv@laichau.gov.vn",
    "domain": "cchc.laichau.gov.vn",
}

CATEGORIES = (
    DemoCategory(
        slug="tin-tuc-su-kien",
        name="Tin tức – Sự kiện",
        order=1,
        description="Tin hoạt động cải cách hành chính của tỉnh và các cơ quan, đơn vị.",
    ),
    DemoCategory(
        slug="ket-qua-cchc",
        name="Kết quả CCHC",
        order=2,
        description=(
            "Kết quả các chỉ số cải cách hành chính của tỉnh và của các sở, ban, ngành, "
            "UBND các huyện, thành phố."
        ),
    ),
    DemoCategory(
        slug="chi-so-papi-pci",
        name="Chỉ số PAPI, PCI",
        order=1,
        parent="ket-qua-cchc",
        description=(
            "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) và Chỉ số năng lực "
            "cạnh tranh cấp tỉnh (PCI)."
        ),
    ),
    DemoCategory(
        slug="cai-cach-thu-tuc-hanh-chinh",
        # TTHC: the usual short form of "thủ tục hành chính", as CCHC is of "cải cách hành
        # chính"; the name is a menu item, and the menu holds one line at 1280 px.
        name="Cải cách TTHC",
        order=3,
        description=(
            "Cải cách thủ tục hành chính (TTHC): kiểm soát thủ tục hành chính, cơ chế một cửa, "
            "một cửa liên thông."
        ),
    ),
    DemoCategory(
        slug="chuyen-doi-so",
        name="Chuyển đổi số",
        order=4,
        description="Chính quyền điện tử, dịch vụ công trực tuyến và chuyển đổi số.",
    ),
    DemoCategory(
        slug="van-ban-chi-dao",
        name="Văn bản chỉ đạo",
        order=5,
        description="Kế hoạch, chỉ thị, văn bản chỉ đạo, điều hành về cải cách hành chính.",
    ),
)

ARTICLES = (
    DemoArticle(
        slug=CONFERENCE_SLUG,
        title=(
            "Hội nghị trực tuyến phân tích, đánh giá các chỉ số cải cách hành chính "
            "năm 2018 của tỉnh"
        ),
        category="ket-qua-cchc",
        published_at=_at(2019, 7, 11, 17, 1, 36),
        is_featured=True,
        summary=(
            "Ngày 10/7/2019, UBND tỉnh tổ chức hội nghị trực tuyến phân tích, đánh giá kết quả "
            "Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng về sự phục vụ hành chính "
            "(SIPAS) và Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2018, "
            "từ đó bàn giải pháp cải thiện thứ hạng của tỉnh trong những năm tới."
        ),
        blocks=(
            "<p>Hội nghị được tổ chức tại điểm cầu chính ở trụ sở UBND tỉnh, kết nối trực tuyến "
            "tới điểm cầu của UBND 8 huyện, thành phố. Tham dự có lãnh đạo các sở, ban, ngành "
            "tỉnh, lãnh đạo UBND các huyện, thành phố cùng công chức phụ trách công tác cải cách "
            "hành chính của các cơ quan, đơn vị.</p>",
            "<p>Theo báo cáo của Sở Nội vụ, năm 2018 ba chỉ số do Trung ương đánh giá và công bố "
            "có kết quả không đồng đều: Chỉ số PAPI cải thiện mạnh, trong khi Chỉ số cải cách "
            "hành chính và Chỉ số hài lòng về sự phục vụ hành chính đều giảm bậc so với năm "
            "2017.</p>",
            "<h2>Kết quả ba chỉ số cấp tỉnh năm 2018</h2>",
            '<figure class="table"><table><thead><tr><th scope="col">Chỉ số</th>'
            '<th scope="col">Kết quả năm 2018</th><th scope="col">Xếp hạng năm 2018</th>'
            '<th scope="col">So với năm 2017</th></tr></thead><tbody>'
            "<tr><td>Chỉ số cải cách hành chính (PAR INDEX)</td><td>72,23 điểm</td>"
            "<td>58/63</td><td>Giảm 1 bậc (năm 2017 xếp thứ 57)</td></tr>"
            "<tr><td>Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)</td><td>74,95%</td>"
            "<td>55/63</td><td>Giảm 5 bậc (năm 2017 xếp thứ 50)</td></tr>"
            "<tr><td>Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)</td>"
            "<td>44,42 điểm</td><td>26/63</td><td>Tăng 37 bậc (năm 2017 xếp thứ 63)</td></tr>"
            "</tbody></table></figure>",
            "<p>Cụ thể, Chỉ số cải cách hành chính năm 2018 của tỉnh đạt 72,23 điểm, xếp thứ "
            "58/63 tỉnh, thành phố, giảm 1 bậc so với năm 2017 (xếp thứ 57). Chỉ số hài lòng về "
            "sự phục vụ hành chính đạt 74,95%, xếp thứ 55/63, giảm 5 bậc (năm 2017 xếp thứ 50). "
            "Điểm sáng là Chỉ số PAPI đạt 44,42 điểm, xếp thứ 26/63, tăng 37 bậc so với năm "
            "2017, khi tỉnh đứng cuối bảng xếp hạng.</p>",
            "<p>Phân tích từng lĩnh vực cho thấy tỉnh còn bị mất điểm ở một số tiêu chí: việc "
            "thực hiện kế hoạch cải cách hành chính ở một số nơi chưa đầy đủ, còn hồ sơ giải "
            "quyết quá hạn, tỷ lệ hồ sơ nộp qua mạng thấp và người dân chưa thật sự hài lòng với "
            "thái độ phục vụ của công chức ở một số bộ phận một cửa.</p>",
            "<h2>Chỉ số cải cách hành chính của các cơ quan, đơn vị</h2>",
            "<p>Cùng với các chỉ số do Trung ương công bố, hằng năm tỉnh tự đánh giá, xác định "
            "Chỉ số cải cách hành chính của các sở, ban, ngành và UBND các huyện, thành phố. Năm "
            "2018, ở khối sở, ban, ngành, Sở Tài chính dẫn đầu với 86,50%, tiếp theo là Sở Giao "
            "thông vận tải với 85,88%; thấp nhất là Sở Y tế với 65,04%.</p>",
            "<p>Ở khối UBND các huyện, thành phố, huyện Mường Tè đạt kết quả cao nhất với "
            "82,41%, đứng thứ hai là thành phố Lai Châu với 79,43%; huyện Phong Thổ có kết quả "
            "thấp nhất, đạt 71,19%.</p>",
            "<p>Tại hội nghị, đại biểu các cơ quan, đơn vị thảo luận thẳng thắn về nguyên nhân "
            "của những hạn chế, chia sẻ cách làm ở những lĩnh vực đạt kết quả tốt và đề xuất "
            "giải pháp khắc phục những tiêu chí còn bị mất điểm.</p>",
            "<h2>Người đứng đầu chịu trách nhiệm về kết quả cải cách hành chính</h2>",
            "<p>Kết luận hội nghị, lãnh đạo UBND tỉnh ghi nhận sự cố gắng của các cơ quan, đơn vị, "
            "đồng thời yêu cầu trong thời gian tới tập trung vào các nhiệm vụ sau:</p>",
            "<ul><li>Người đứng đầu các cơ quan, đơn vị trực tiếp chỉ đạo và chịu trách nhiệm về "
            "kết quả cải cách hành chính của cơ quan, đơn vị mình;</li>"
            "<li>Xây dựng kế hoạch khắc phục cụ thể đối với từng tiêu chí, tiêu chí thành phần "
            "bị mất điểm, hoàn thành trong năm 2019;</li>"
            "<li>Công khai đầy đủ thủ tục hành chính, giải quyết hồ sơ đúng hẹn và xin lỗi người "
            "dân, tổ chức khi để hồ sơ quá hạn;</li>"
            "<li>Tăng cường ứng dụng công nghệ thông tin, mở rộng dịch vụ công trực tuyến mức độ "
            "3, 4;</li>"
            "<li>Chấn chỉnh kỷ luật, kỷ cương hành chính và thái độ phục vụ của cán bộ, công "
            "chức, viên chức.</li></ul>",
            "<p>Sở Nội vụ được giao theo dõi, đôn đốc việc thực hiện và định kỳ báo cáo UBND "
            "tỉnh kết quả khắc phục của từng cơ quan, đơn vị.</p>",
        ),
        images=(
            DemoImage(
                scene="podium",
                caption="Lãnh đạo UBND tỉnh chủ trì, phát biểu chỉ đạo tại hội nghị.",
                alt_text=(
                    "Lãnh đạo UBND tỉnh đứng phát biểu tại bục diễn giả, phía sau là phông nền "
                    "hội nghị màu đỏ."
                ),
                after_paragraph=2,
            ),
            DemoImage(
                scene="hall",
                caption="Quang cảnh hội nghị tại điểm cầu chính của tỉnh.",
                alt_text=(
                    "Hội trường với nhiều hàng ghế đại biểu hướng lên sân khấu, hai bên là màn "
                    "hình kết nối các điểm cầu."
                ),
                after_paragraph=5,
            ),
            DemoImage(
                scene="delegates",
                caption="Đại diện lãnh đạo một sở phát biểu thảo luận tại hội nghị.",
                alt_text="Một đại biểu ngồi tại bàn hội nghị, cầm micro phát biểu ý kiến.",
                after_paragraph=10,
            ),
        ),
        related=(
            "lai-chau-tang-37-bac-chi-so-papi-nam-2018",
            "ke-hoach-do-luong-su-hai-long-cua-nguoi-dan-nam-2019",
            "ban-chi-dao-cai-cach-hanh-chinh-tinh-hop-phien-quy-iii-nam-2019",
        ),
    ),
    DemoArticle(
        slug="ke-hoach-do-luong-su-hai-long-cua-nguoi-dan-nam-2019",
        title=(
            "Ban hành Kế hoạch đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ "
            "của cơ quan hành chính nhà nước năm 2019"
        ),
        category="van-ban-chi-dao",
        published_at=_at(2019, 3, 15, 9, 12, 40),
        summary=(
            "UBND tỉnh ban hành kế hoạch khảo sát, đo lường mức độ hài lòng của người dân, tổ "
            "chức đối với sự phục vụ của các cơ quan hành chính nhà nước trên địa bàn tỉnh năm "
            "2019, nhằm đánh giá khách quan chất lượng cung ứng dịch vụ hành chính công."
        ),
        blocks=(
            "<p>Theo kế hoạch, việc đo lường được thực hiện bằng phiếu khảo sát phát trực tiếp "
            "cho người dân, đại diện tổ chức đã giao dịch và nhận kết quả giải quyết thủ tục "
            "hành chính tại Trung tâm Phục vụ hành chính công tỉnh, bộ phận một cửa cấp huyện và "
            "cấp xã.</p>",
            "<h2>Nội dung đo lường</h2>",
            "<p>Phiếu khảo sát được xây dựng theo năm yếu tố của Chỉ số hài lòng về sự phục vụ "
            "hành chính (SIPAS) do Bộ Nội vụ hướng dẫn:</p>",
            "<ul><li>Tiếp cận dịch vụ hành chính công;</li>"
            "<li>Thủ tục hành chính;</li>"
            "<li>Công chức trực tiếp giải quyết công việc;</li>"
            "<li>Kết quả cung ứng dịch vụ;</li>"
            "<li>Việc tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị.</li></ul>",
            "<p>Mỗi yếu tố gồm những tiêu chí cụ thể như thời gian đi lại, mức độ công khai thủ "
            "tục, thái độ và năng lực của công chức, thời hạn trả kết quả hay việc phản hồi ý "
            "kiến của người dân. Phiếu được thiết kế ngắn gọn, dễ hiểu, kèm hướng dẫn để người "
            "dân tự điền.</p>",
            "<h2>Tổ chức thực hiện</h2>",
            "<p>Sở Nội vụ chủ trì, phối hợp với UBND các huyện, thành phố chọn mẫu khảo sát bảo "
            "đảm tính đại diện theo lĩnh vực, địa bàn và đối tượng; tổng hợp, phân tích kết quả "
            "và báo cáo UBND tỉnh trong quý IV năm 2019. Kết quả đo lường là một căn cứ để xác "
            "định Chỉ số cải cách hành chính của các cơ quan, đơn vị.</p>",
        ),
        images=(
            DemoImage(
                scene="counters",
                caption="Người dân làm thủ tục tại Trung tâm Phục vụ hành chính công tỉnh.",
                alt_text=(
                    "Các quầy tiếp nhận hồ sơ có đánh số, phía trước là người dân ngồi chờ "
                    "đến lượt."
                ),
                after_paragraph=1,
            ),
        ),
    ),
    DemoArticle(
        slug="lai-chau-tang-37-bac-chi-so-papi-nam-2018",
        title="Chỉ số PAPI năm 2018: Lai Châu tăng 37 bậc",
        category="chi-so-papi-pci",
        published_at=_at(2019, 4, 3, 15, 20, 5),
        summary=(
            "Theo báo cáo Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2018 "
            "vừa được công bố, Lai Châu đạt 44,42 điểm, xếp thứ 26/63 tỉnh, thành phố, tăng 37 "
            "bậc so với năm 2017."
        ),
        blocks=(
            "<p>PAPI phản ánh trải nghiệm và cảm nhận của người dân về hiệu quả quản trị, hành "
            "chính công và cung ứng dịch vụ công của chính quyền các cấp. Chỉ số do Chương "
            "trình Phát triển Liên hợp quốc (UNDP) phối hợp với các đối tác trong nước thực "
            "hiện, dựa trên khảo sát xã hội học với người dân được chọn ngẫu nhiên ở tất cả các "
            "tỉnh, thành phố.</p>",
            "<p>Từ năm 2018, PAPI được đo lường trên 8 chỉ số nội dung, mỗi chỉ số có thang điểm "
            "từ 0 đến 10, tổng điểm tối đa là 80. Bên cạnh sáu chỉ số nội dung quen thuộc, năm "
            "nay lần đầu có thêm hai chỉ số về quản trị môi trường và quản trị điện tử.</p>",
            "<h2>Tám chỉ số nội dung của PAPI</h2>",
            "<ul><li>Tham gia của người dân ở cấp cơ sở;</li>"
            "<li>Công khai, minh bạch trong việc ra quyết định;</li>"
            "<li>Trách nhiệm giải trình với người dân;</li>"
            "<li>Kiểm soát tham nhũng trong khu vực công;</li>"
            "<li>Thủ tục hành chính công;</li>"
            "<li>Cung ứng dịch vụ công;</li>"
            "<li>Quản trị môi trường;</li>"
            "<li>Quản trị điện tử.</li></ul>",
            "<p>Năm 2017, Lai Châu đứng cuối bảng xếp hạng (63/63). Với 44,42 điểm, kết quả năm "
            "2018 đưa tỉnh lên vị trí 26/63, là bước cải thiện rõ rệt trong đánh giá của người "
            "dân về chính quyền các cấp.</p>",
            "<p>Sở Nội vụ đề nghị các cơ quan, đơn vị nghiên cứu kỹ báo cáo, nhất là những chỉ "
            "số nội dung còn thấp, để có giải pháp cải thiện ngay trong năm 2019.</p>",
        ),
        images=(
            DemoImage(
                scene="chart",
                caption="Thứ hạng PAPI của tỉnh cải thiện rõ rệt trong năm 2018.",
                alt_text="Biểu đồ cột minh họa kết quả chỉ số tăng dần qua các năm.",
                after_paragraph=2,
            ),
        ),
        related=(CONFERENCE_SLUG, "chi-so-papi-va-pci-nam-2022-cua-tinh"),
    ),
    DemoArticle(
        slug="ban-chi-dao-cai-cach-hanh-chinh-tinh-hop-phien-quy-iii-nam-2019",
        title="Ban Chỉ đạo cải cách hành chính tỉnh họp phiên thường kỳ quý III năm 2019",
        category="tin-tuc-su-kien",
        published_at=_at(2019, 9, 20, 16, 45, 10),
        summary=(
            "Ban Chỉ đạo cải cách hành chính tỉnh họp đánh giá kết quả thực hiện nhiệm vụ cải "
            "cách hành chính 9 tháng đầu năm 2019 và thống nhất những nhiệm vụ trọng tâm cần "
            "hoàn thành trong các tháng cuối năm."
        ),
        blocks=(
            "<p>Theo báo cáo của cơ quan thường trực Ban Chỉ đạo, 9 tháng đầu năm, các cơ quan, "
            "đơn vị đã triển khai đầy đủ kế hoạch cải cách hành chính năm 2019; công tác kiểm "
            "soát thủ tục hành chính được quan tâm; việc tiếp nhận, giải quyết hồ sơ tại Trung "
            "tâm Phục vụ hành chính công tỉnh và bộ phận một cửa các cấp dần đi vào nền nếp.</p>",
            "<p>Bên cạnh kết quả đạt được, một số nhiệm vụ còn chậm tiến độ, tỷ lệ hồ sơ nộp "
            "trực tuyến còn thấp, việc khắc phục các tiêu chí bị mất điểm trong Chỉ số cải cách "
            "hành chính năm 2018 ở một số nơi chưa quyết liệt.</p>",
            "<p>Phát biểu kết luận phiên họp, Trưởng Ban Chỉ đạo nhấn mạnh:</p>",
            "<blockquote><p>Cải cách hành chính phải được đo bằng sự hài lòng của người dân và "
            "doanh nghiệp. Người đứng đầu mỗi cơ quan, đơn vị phải trực tiếp chỉ đạo, kiểm tra "
            "và chịu trách nhiệm về kết quả của cơ quan, đơn vị mình.</p></blockquote>",
            "<p>Ban Chỉ đạo yêu cầu trong quý IV, các thành viên tăng cường kiểm tra công vụ, "
            "nhất là tại bộ phận một cửa cấp huyện, cấp xã; rà soát, hoàn thiện tài liệu kiểm "
            "chứng phục vụ đánh giá Chỉ số cải cách hành chính năm 2019; đẩy mạnh tuyên truyền "
            "để người dân biết và sử dụng dịch vụ công trực tuyến.</p>",
        ),
        images=(
            DemoImage(
                scene="hall",
                caption="Quang cảnh phiên họp Ban Chỉ đạo cải cách hành chính tỉnh.",
                alt_text="Các thành viên Ban Chỉ đạo ngồi theo hàng trong phòng họp lớn.",
                after_paragraph=2,
            ),
            DemoImage(
                scene="delegates",
                caption="Thành viên Ban Chỉ đạo thảo luận tại phiên họp.",
                alt_text="Đại biểu ngồi tại bàn họp có biển tên, một người cầm micro phát biểu.",
                after_paragraph=4,
            ),
        ),
        related=(CONFERENCE_SLUG, "ke-hoach-do-luong-su-hai-long-cua-nguoi-dan-nam-2019"),
    ),
    DemoArticle(
        slug="day-manh-cung-cap-dich-vu-cong-truc-tuyen-muc-do-3-4",
        title="Đẩy mạnh cung cấp và sử dụng dịch vụ công trực tuyến mức độ 3, 4",
        category="chuyen-doi-so",
        published_at=_at(2020, 6, 18, 9, 40, 15),
        summary=(
            "Để tăng tỷ lệ hồ sơ được tiếp nhận, giải quyết qua mạng, UBND tỉnh yêu cầu các sở, "
            "ngành và UBND các huyện, thành phố rà soát, đưa thêm thủ tục hành chính lên cung cấp "
            "trực tuyến mức độ 3, 4 và hướng dẫn người dân sử dụng."
        ),
        blocks=(
            "<p>Dịch vụ công trực tuyến mức độ 3 cho phép người dân, doanh nghiệp nộp hồ sơ qua "
            "mạng; ở mức độ 4, việc nộp phí, lệ phí và nhận kết quả cũng được thực hiện trực "
            "tuyến hoặc qua dịch vụ bưu chính. Người dân không phải đến cơ quan nhà nước nhiều "
            "lần, tiết kiệm thời gian và chi phí đi lại, nhất là ở những xã vùng cao, xa trung "
            "tâm.</p>",
            "<h2>Những việc cần làm ngay</h2>",
            "<ul><li>Rà soát danh mục thủ tục hành chính, ưu tiên đưa lên trực tuyến những thủ "
            "tục có nhiều hồ sơ;</li>"
            "<li>Kết nối Cổng dịch vụ công của tỉnh với Cổng Dịch vụ công quốc gia để người dân "
            "tra cứu được tình trạng hồ sơ;</li>"
            "<li>Bố trí công chức tại bộ phận một cửa hướng dẫn người dân tạo tài khoản và nộp "
            "hồ sơ qua mạng;</li>"
            "<li>Tuyên truyền trên báo, đài, trang thông tin điện tử và mạng xã hội về lợi ích "
            "của dịch vụ công trực tuyến.</li></ul>",
            "<p>Sở Thông tin và Truyền thông được giao theo dõi, đôn đốc và hằng quý báo cáo UBND "
            "tỉnh tỷ lệ hồ sơ trực tuyến của từng cơ quan, đơn vị. Kết quả này được dùng khi "
            "chấm điểm lĩnh vực hiện đại hóa hành chính trong Chỉ số cải cách hành chính của các "
            "cơ quan, đơn vị.</p>",
        ),
        images=(
            DemoImage(
                scene="screens",
                caption="Cổng dịch vụ công của tỉnh giúp người dân nộp hồ sơ mọi lúc, mọi nơi.",
                alt_text=(
                    "Màn hình lớn hiển thị bảng số liệu và biểu đồ, phía trước là một máy tính "
                    "xách tay."
                ),
                after_paragraph=1,
            ),
        ),
    ),
    DemoArticle(
        slug="ket-qua-thuc-hien-co-che-mot-cua-mot-cua-lien-thong-nam-2020",
        title="Kết quả thực hiện cơ chế một cửa, một cửa liên thông năm 2020",
        category="cai-cach-thu-tuc-hanh-chinh",
        published_at=_at(2020, 12, 28, 10, 5, 22),
        summary=(
            "Năm 2020, việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ "
            "tục hành chính trên địa bàn tỉnh tiếp tục chuyển biến tích cực; phần lớn hồ sơ được "
            "giải quyết đúng và trước hạn."
        ),
        blocks=(
            "<p>Đến nay, tất cả sở, ban, ngành, UBND các huyện, thành phố và UBND các xã, "
            "phường, thị trấn đã tổ chức bộ phận một cửa theo quy định. Trung tâm Phục vụ hành "
            "chính công tỉnh là đầu mối tiếp nhận, trả kết quả phần lớn thủ tục hành chính thuộc "
            "thẩm quyền giải quyết của cấp tỉnh.</p>",
            "<h2>Những kết quả nổi bật</h2>",
            "<ul><li>Danh mục thủ tục hành chính của các cấp được công khai đầy đủ tại nơi tiếp "
            "nhận và trên Cổng dịch vụ công của tỉnh;</li>"
            "<li>Trên 98% hồ sơ được giải quyết đúng và trước hạn;</li>"
            "<li>Các cơ quan gửi văn bản xin lỗi người dân, tổ chức đối với mọi hồ sơ trễ "
            "hạn;</li>"
            "<li>Nhiều thủ tục liên thông giữa các cấp, các ngành được giải quyết nhanh hơn thời "
            "hạn quy định.</li></ul>",
            "<p>Tuy vậy, cơ sở vật chất của bộ phận một cửa ở một số xã còn thiếu; việc số hóa "
            "hồ sơ, kết quả giải quyết thủ tục hành chính mới ở bước đầu; một số công chức chưa "
            "thành thạo phần mềm một cửa điện tử.</p>",
            "<p>Năm 2021, tỉnh tiếp tục rà soát, đơn giản hóa thủ tục hành chính, tăng số thủ "
            "tục tiếp nhận qua dịch vụ bưu chính công ích và trực tuyến, đồng thời tập huấn kỹ "
            "năng giao tiếp, ứng xử cho công chức làm việc tại bộ phận một cửa.</p>",
        ),
        images=(
            DemoImage(
                scene="counters",
                caption="Bộ phận tiếp nhận và trả kết quả thủ tục hành chính.",
                alt_text="Dãy quầy tiếp nhận hồ sơ có công chức ngồi sau màn hình máy tính.",
                after_paragraph=1,
            ),
        ),
        related=(
            "day-manh-cung-cap-dich-vu-cong-truc-tuyen-muc-do-3-4",
            "trung-tam-phuc-vu-hanh-chinh-cong-tinh-so-lieu-thang-11-nam-2021",
        ),
    ),
    DemoArticle(
        slug="cong-bo-chi-so-cai-cach-hanh-chinh-nam-2020-cua-cac-co-quan-don-vi",
        title=(
            "Công bố Chỉ số cải cách hành chính năm 2020 của các sở, ban, ngành và UBND các "
            "huyện, thành phố"
        ),
        category="ket-qua-cchc",
        published_at=_at(2021, 3, 26, 14, 10, 0),
        summary=(
            "UBND tỉnh công bố kết quả xác định Chỉ số cải cách hành chính năm 2020 của 28 cơ "
            "quan, đơn vị: 15 đơn vị xếp loại tốt, 10 đơn vị xếp loại khá và 3 đơn vị xếp loại "
            "trung bình; không có đơn vị xếp loại yếu."
        ),
        blocks=(
            "<p>Việc đánh giá được thực hiện đối với 20 sở, ban, ngành tỉnh và UBND 8 huyện, "
            "thành phố, trên cơ sở tự chấm điểm của các cơ quan, đơn vị, kết quả thẩm định của "
            "Hội đồng thẩm định và kết quả điều tra xã hội học.</p>",
            '<figure class="table"><table><thead><tr><th scope="col">Xếp loại</th>'
            '<th scope="col">Số cơ quan, đơn vị</th><th scope="col">Tỷ lệ</th></tr></thead>'
            "<tbody><tr><td>Tốt</td><td>15</td><td>53,6%</td></tr>"
            "<tr><td>Khá</td><td>10</td><td>35,7%</td></tr>"
            "<tr><td>Trung bình</td><td>3</td><td>10,7%</td></tr>"
            "<tr><td>Yếu</td><td>0</td><td>0%</td></tr>"
            "<tr><td><strong>Tổng cộng</strong></td><td><strong>28</strong></td>"
            "<td><strong>100%</strong></td></tr></tbody></table></figure>",
            "<p>Kết quả cho thấy phần lớn cơ quan, đơn vị đã quan tâm triển khai nhiệm vụ cải "
            "cách hành chính. Tuy nhiên, khoảng cách giữa đơn vị có kết quả cao nhất và thấp "
            "nhất còn lớn; tỷ lệ hồ sơ trực tuyến và mức độ hài lòng của người dân vẫn là những "
            "tiêu chí bị mất điểm ở nhiều nơi.</p>",
            "<p>UBND tỉnh yêu cầu các cơ quan, đơn vị phân tích kỹ kết quả, xây dựng kế hoạch "
            "khắc phục và dùng kết quả Chỉ số cải cách hành chính làm căn cứ đánh giá người đứng "
            "đầu, bình xét thi đua, khen thưởng năm 2020.</p>",
        ),
        images=(
            DemoImage(
                scene="chart",
                caption="Kết quả xếp loại Chỉ số cải cách hành chính năm 2020.",
                alt_text="Biểu đồ cột so sánh kết quả của các nhóm cơ quan, đơn vị.",
                after_paragraph=2,
            ),
        ),
        related=(CONFERENCE_SLUG,),
    ),
    DemoArticle(
        slug="trung-tam-phuc-vu-hanh-chinh-cong-tinh-so-lieu-thang-11-nam-2021",
        title=(
            "Trung tâm Phục vụ hành chính công tỉnh: số liệu tiếp nhận, giải quyết hồ sơ tháng "
            "11 năm 2021"
        ),
        category="cai-cach-thu-tuc-hanh-chinh",
        published_at=_at(2021, 12, 3, 8, 30, 0),
        summary=(
            "Trong tháng 11/2021, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận 2.146 hồ sơ "
            "thủ tục hành chính, trong đó 40,7% hồ sơ được nộp trực tuyến; 99,7% hồ sơ đã giải "
            "quyết bảo đảm đúng hạn."
        ),
        blocks=(
            "<p>Trong số 2.146 hồ sơ tiếp nhận trong tháng, có 873 hồ sơ nộp qua Cổng dịch vụ "
            "công của tỉnh. Đến hết ngày 30/11/2021, các cơ quan đã giải quyết 2.063 hồ sơ, "
            "trong đó 2.056 hồ sơ đúng hạn; 83 hồ sơ đang trong thời hạn giải quyết.</p>",
            '<figure class="table"><table><thead><tr><th scope="col">Cơ quan</th>'
            '<th scope="col">Tiếp nhận</th><th scope="col">Đã giải quyết</th>'
            '<th scope="col">Đúng hạn</th><th scope="col">Trễ hạn</th>'
            '<th scope="col">Đang giải quyết</th></tr></thead><tbody>'
            "<tr><td>Sở Kế hoạch và Đầu tư</td><td>412</td><td>398</td><td>398</td><td>0</td>"
            "<td>14</td></tr>"
            "<tr><td>Sở Giao thông vận tải</td><td>736</td><td>729</td><td>729</td><td>0</td>"
            "<td>7</td></tr>"
            "<tr><td>Sở Tư pháp</td><td>318</td><td>301</td><td>299</td><td>2</td>"
            "<td>17</td></tr>"
            "<tr><td>Sở Tài nguyên và Môi trường</td><td>164</td><td>142</td><td>138</td>"
            "<td>4</td><td>22</td></tr>"
            "<tr><td>Sở Xây dựng</td><td>97</td><td>88</td><td>88</td><td>0</td>"
            "<td>9</td></tr>"
            "<tr><td>Các sở, ngành khác</td><td>419</td><td>405</td><td>404</td><td>1</td>"
            "<td>14</td></tr>"
            "<tr><td><strong>Tổng cộng</strong></td><td><strong>2.146</strong></td>"
            "<td><strong>2.063</strong></td><td><strong>2.056</strong></td>"
            "<td><strong>7</strong></td><td><strong>83</strong></td></tr>"
            "</tbody></table></figure>",
            "<p>Đối với 7 hồ sơ trễ hạn, các cơ quan liên quan đã gửi thư xin lỗi và hẹn lại "
            "thời gian trả kết quả cho người dân, tổ chức. Trung tâm tiếp tục duy trì đường dây "
            "nóng và hòm thư góp ý để tiếp nhận phản ánh, kiến nghị.</p>",
        ),
        images=(
            DemoImage(
                scene="counters",
                caption="Người dân đến giao dịch tại Trung tâm Phục vụ hành chính công tỉnh.",
                alt_text="Sảnh giao dịch với các quầy đánh số và hàng ghế chờ.",
                after_paragraph=1,
            ),
            DemoImage(
                scene="screens",
                caption="Theo dõi tình trạng giải quyết hồ sơ trên hệ thống một cửa điện tử.",
                alt_text="Màn hình hiển thị biểu đồ số lượng hồ sơ theo tháng.",
                after_paragraph=3,
            ),
        ),
        related=("ket-qua-thuc-hien-co-che-mot-cua-mot-cua-lien-thong-nam-2020",),
    ),
    DemoArticle(
        slug="ke-hoach-chuyen-doi-so-trong-co-quan-nha-nuoc-nam-2022",
        title="Lai Châu ban hành kế hoạch chuyển đổi số trong các cơ quan nhà nước năm 2022",
        category="chuyen-doi-so",
        published_at=_at(2022, 2, 22, 10, 20, 0),
        summary=(
            "Kế hoạch đặt mục tiêu đưa hoạt động của các cơ quan nhà nước lên môi trường số, lấy "
            "người dân và doanh nghiệp làm trung tâm, gắn chuyển đổi số với cải cách hành "
            "chính."
        ),
        blocks=(
            "<p>Chuyển đổi số trong cơ quan nhà nước không chỉ là mua sắm thiết bị hay phần mềm "
            "mà là thay đổi cách làm việc: văn bản được xử lý trên môi trường mạng, dữ liệu được "
            "chia sẻ giữa các cơ quan để người dân không phải nộp lại giấy tờ đã có.</p>",
            "<h2>Một số chỉ tiêu chủ yếu</h2>",
            "<ul><li>Văn bản trao đổi giữa các cơ quan nhà nước (trừ văn bản mật) được gửi, nhận "
            "dưới dạng điện tử và ký số;</li>"
            "<li>Hồ sơ công việc ở cấp tỉnh và cấp huyện được xử lý trên môi trường mạng;</li>"
            "<li>Các cuộc họp của UBND tỉnh với cấp huyện được tổ chức trực tuyến khi phù "
            "hợp;</li>"
            "<li>Kết quả giải quyết thủ tục hành chính còn hiệu lực được số hóa và lưu trữ để "
            "dùng lại.</li></ul>",
            "<h2>Giải pháp thực hiện</h2>",
            "<p>Tỉnh tập trung hoàn thiện hạ tầng mạng, nền tảng chia sẻ dữ liệu, bảo đảm an "
            "toàn thông tin; bồi dưỡng kỹ năng số cho cán bộ, công chức; đưa kết quả chuyển đổi "
            "số vào tiêu chí đánh giá, xếp loại cơ quan, đơn vị và người đứng đầu.</p>",
        ),
        images=(
            DemoImage(
                scene="screens",
                caption="Hệ thống thông tin phục vụ chỉ đạo, điều hành trên môi trường số.",
                alt_text="Màn hình lớn hiển thị các biểu đồ, các điểm kết nối mạng xung quanh.",
                after_paragraph=1,
            ),
            DemoImage(
                scene="hall",
                caption="Cuộc họp trực tuyến giữa UBND tỉnh với các huyện, thành phố.",
                alt_text="Phòng họp với các hàng ghế và màn hình hiển thị các điểm cầu.",
                after_paragraph=4,
            ),
        ),
        related=("day-manh-cung-cap-dich-vu-cong-truc-tuyen-muc-do-3-4",),
    ),
    DemoArticle(
        slug="nganh-noi-vu-tong-ket-cong-tac-nam-2022-trien-khai-nhiem-vu-nam-2023",
        title="Ngành Nội vụ tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023",
        category="tin-tuc-su-kien",
        published_at=_at(2022, 12, 30, 8, 29, 56),
        summary=(
            "Sở Nội vụ tổ chức hội nghị tổng kết công tác nội vụ năm 2022, đánh giá kết quả trên "
            "các lĩnh vực tổ chức bộ máy, biên chế, cải cách hành chính, thi đua, khen thưởng và "
            "triển khai nhiệm vụ trọng tâm năm 2023."
        ),
        blocks=(
            "<p>Năm 2022, ngành Nội vụ đã tham mưu cho cấp ủy, chính quyền các cấp hoàn thành "
            "khối lượng lớn công việc, nhiều nhiệm vụ được đánh giá cao cả về tiến độ và chất "
            "lượng.</p>",
            "<h2>Kết quả nổi bật năm 2022</h2>",
            "<ul><li>Tiếp tục sắp xếp tổ chức bộ máy các cơ quan, đơn vị theo hướng tinh gọn, "
            "hoạt động hiệu lực, hiệu quả;</li>"
            "<li>Quản lý chặt chẽ biên chế, thực hiện tinh giản biên chế theo lộ trình;</li>"
            "<li>Tổ chức tuyển dụng, nâng ngạch công chức công khai, minh bạch;</li>"
            "<li>Chỉ đạo quyết liệt công tác cải cách hành chính, cải thiện các chỉ số của "
            "tỉnh;</li>"
            "<li>Làm tốt công tác thi đua, khen thưởng, văn thư, lưu trữ và tôn giáo.</li></ul>",
            "<p>Hội nghị cũng chỉ ra một số hạn chế như việc chuyển đổi số trong quản lý hồ sơ "
            "cán bộ, công chức còn chậm; chất lượng tham mưu ở một số lĩnh vực chưa đồng đều.</p>",
            "<h2>Nhiệm vụ năm 2023</h2>",
            "<p>Năm 2023, ngành Nội vụ tập trung nâng cao chất lượng đội ngũ cán bộ, công chức, "
            "viên chức; đẩy mạnh cải cách hành chính gắn với chuyển đổi số; tăng cường kỷ luật, "
            "kỷ cương hành chính và phấn đấu cải thiện thứ hạng các chỉ số của tỉnh.</p>",
        ),
        images=(
            DemoImage(
                scene="podium",
                caption="Lãnh đạo Sở Nội vụ báo cáo tại hội nghị tổng kết.",
                alt_text="Người phát biểu đứng sau bục có hoa, phía sau là phông nền màu đỏ.",
                after_paragraph=1,
            ),
            DemoImage(
                scene="hall",
                caption="Quang cảnh hội nghị tổng kết công tác nội vụ năm 2022.",
                alt_text="Hội trường đông đại biểu ngồi theo hàng hướng lên sân khấu.",
                after_paragraph=4,
            ),
        ),
        related=(
            "ke-hoach-cai-cach-hanh-chinh-nam-2023",
            "cong-bo-chi-so-cai-cach-hanh-chinh-nam-2020-cua-cac-co-quan-don-vi",
        ),
    ),
    DemoArticle(
        slug="ke-hoach-cai-cach-hanh-chinh-nam-2023",
        title="UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2023",
        category="van-ban-chi-dao",
        published_at=_at(2023, 1, 9, 15, 45, 30),
        summary=(
            "Kế hoạch xác định các nhiệm vụ cải cách hành chính trọng tâm năm 2023, giao rõ cơ "
            "quan chủ trì, thời hạn hoàn thành và sản phẩm của từng nhiệm vụ."
        ),
        blocks=(
            "<p>Mục tiêu của kế hoạch là xây dựng nền hành chính phục vụ, lấy sự hài lòng của "
            "người dân, doanh nghiệp làm thước đo, đồng thời cải thiện thứ hạng Chỉ số cải cách "
            "hành chính, Chỉ số hài lòng về sự phục vụ hành chính, PAPI và PCI của tỉnh.</p>",
            "<h2>Nhiệm vụ trọng tâm</h2>",
            "<ul><li>Cải cách thể chế: rà soát, hoàn thiện văn bản quy phạm pháp luật của "
            "tỉnh;</li>"
            "<li>Cải cách thủ tục hành chính: cắt giảm thời gian giải quyết, tăng hồ sơ trực "
            "tuyến;</li>"
            "<li>Cải cách tổ chức bộ máy hành chính nhà nước;</li>"
            "<li>Cải cách chế độ công vụ, nâng cao chất lượng đội ngũ cán bộ, công chức;</li>"
            "<li>Cải cách tài chính công;</li>"
            "<li>Xây dựng, phát triển chính quyền điện tử, chính quyền số.</li></ul>",
            "<p>Các sở, ban, ngành và UBND các huyện, thành phố xây dựng kế hoạch của cơ quan, "
            "đơn vị mình trước ngày 31/01/2023, định kỳ báo cáo kết quả về Sở Nội vụ để tổng "
            "hợp, báo cáo UBND tỉnh.</p>",
        ),
    ),
    DemoArticle(
        slug="chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24",
        title="Chỉ số cải cách hành chính năm 2022 của tỉnh xếp thứ 24/63",
        category="ket-qua-cchc",
        published_at=_at(2023, 6, 2, 15, 30, 12),
        is_featured=True,
        summary=(
            "Theo kết quả Bộ Nội vụ công bố, Chỉ số cải cách hành chính năm 2022 của tỉnh đạt "
            "86,29 điểm, xếp thứ 24/63 tỉnh, thành phố; Chỉ số hài lòng về sự phục vụ hành chính "
            "đạt 79,34%, xếp thứ 35/63."
        ),
        blocks=(
            "<p>Đây là kết quả cao nhất của tỉnh kể từ khi các chỉ số được công bố, phản ánh sự "
            "vào cuộc của cả hệ thống chính trị trong công tác cải cách hành chính những năm "
            "gần đây.</p>",
            '<figure class="table"><table><thead><tr><th scope="col">Chỉ số</th>'
            '<th scope="col">Năm 2018</th><th scope="col">Năm 2022</th></tr></thead><tbody>'
            "<tr><td>Chỉ số cải cách hành chính (PAR INDEX)</td>"
            "<td>72,23 điểm – xếp thứ 58</td><td>86,29 điểm – xếp thứ 24</td></tr>"
            "<tr><td>Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)</td>"
            "<td>74,95% – xếp thứ 55</td><td>79,34% – xếp thứ 35</td></tr>"
            "</tbody></table></figure>",
            "<p>So với năm 2018, Chỉ số cải cách hành chính của tỉnh tăng 34 bậc, Chỉ số hài "
            "lòng về sự phục vụ hành chính tăng 20 bậc.</p>",
            "<h2>Tiếp tục duy trì, cải thiện thứ hạng</h2>",
            "<p>Để giữ vững và nâng cao kết quả, UBND tỉnh yêu cầu các cơ quan, đơn vị phân tích "
            "từng lĩnh vực, tiêu chí còn bị mất điểm; tiếp tục đơn giản hóa thủ tục hành chính, "
            "đẩy mạnh dịch vụ công trực tuyến và nâng cao chất lượng phục vụ tại bộ phận một "
            "cửa các cấp.</p>",
        ),
        images=(
            DemoImage(
                scene="chart",
                caption="Các chỉ số cải cách hành chính của tỉnh cải thiện qua các năm.",
                alt_text="Biểu đồ cột tăng dần kèm mũi tên hướng lên.",
                after_paragraph=3,
            ),
        ),
        related=(
            CONFERENCE_SLUG,
            "chi-so-papi-va-pci-nam-2022-cua-tinh",
            "cong-bo-chi-so-cai-cach-hanh-chinh-nam-2020-cua-cac-co-quan-don-vi",
        ),
    ),
    DemoArticle(
        slug="chi-so-papi-va-pci-nam-2022-cua-tinh",
        title="Công bố Chỉ số PAPI và Chỉ số PCI năm 2022 của tỉnh",
        category="chi-so-papi-pci",
        published_at=_at(2023, 5, 12, 10, 15, 45),
        summary=(
            "Năm 2022, Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) của Lai Châu "
            "đạt 42,69 điểm, xếp thứ 27/63; Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) đạt 62,05 "
            "điểm, xếp thứ 57/63."
        ),
        blocks=(
            "<p>PAPI đo lường cảm nhận của người dân về hiệu quả quản trị và hành chính công, "
            "còn PCI do Liên đoàn Thương mại và Công nghiệp Việt Nam (VCCI) thực hiện, phản ánh "
            "đánh giá của doanh nghiệp về môi trường kinh doanh và chất lượng điều hành kinh tế "
            "của chính quyền cấp tỉnh.</p>",
            "<h2>Mười chỉ số thành phần của PCI</h2>",
            "<ul><li>Gia nhập thị trường;</li>"
            "<li>Tiếp cận đất đai;</li>"
            "<li>Tính minh bạch;</li>"
            "<li>Chi phí thời gian;</li>"
            "<li>Chi phí không chính thức;</li>"
            "<li>Cạnh tranh bình đẳng;</li>"
            "<li>Tính năng động của chính quyền tỉnh;</li>"
            "<li>Dịch vụ hỗ trợ doanh nghiệp;</li>"
            "<li>Đào tạo lao động;</li>"
            "<li>Thiết chế pháp lý và an ninh trật tự.</li></ul>",
            "<p>Kết quả PCI cho thấy môi trường kinh doanh của tỉnh còn nhiều việc phải cải "
            "thiện. UBND tỉnh giao Sở Kế hoạch và Đầu tư chủ trì phân tích từng chỉ số thành "
            "phần của PCI; Sở Nội vụ chủ trì phân tích các chỉ số nội dung của PAPI, đề xuất "
            "giải pháp cụ thể cho năm 2023.</p>",
        ),
        images=(
            DemoImage(
                scene="delegates",
                caption="Đại diện doanh nghiệp nêu ý kiến tại hội nghị đối thoại với chính quyền.",
                alt_text="Đại biểu ngồi tại bàn có biển tên, một người cầm micro phát biểu.",
                after_paragraph=1,
            ),
            DemoImage(
                scene="chart",
                caption="Kết quả các chỉ số thành phần được phân tích để tìm giải pháp cải thiện.",
                alt_text="Biểu đồ cột nhiều màu minh họa điểm các chỉ số thành phần.",
                after_paragraph=3,
            ),
        ),
        related=(
            "lai-chau-tang-37-bac-chi-so-papi-nam-2018",
            "chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24",
        ),
    ),
    DemoArticle(
        slug=EXPIRED_NOTICE_SLUG,
        title="Thông báo nhận ý kiến góp ý dự thảo Kế hoạch cải cách hành chính năm 2023",
        category="tin-tuc-su-kien",
        published_at=_at(2022, 11, 21, 8, 0, 0),
        expires_at=_at(2022, 12, 5, 17, 0, 0),
        summary=(
            "Sở Nội vụ đề nghị các sở, ban, ngành, UBND các huyện, thành phố gửi ý kiến góp ý "
            "dự thảo Kế hoạch cải cách hành chính năm 2023 của tỉnh trước 17 giờ ngày "
            "05/12/2022."
        ),
        blocks=(
            "<p>Để kịp trình UBND tỉnh ban hành kế hoạch trước ngày 31/12/2022, Sở Nội vụ đã "
            "hoàn thiện dự thảo Kế hoạch cải cách hành chính năm 2023, gồm các nhiệm vụ về cải "
            "cách thể chế, thủ tục hành chính, tổ chức bộ máy, công vụ, tài chính công và chính "
            "quyền số.</p>",
            "<p>Ý kiến góp ý gửi bằng văn bản về Sở Nội vụ (qua Phòng Cải cách hành chính) hoặc "
            "qua hệ thống quản lý văn bản điều hành trước 17 giờ ngày 05/12/2022. Quá thời hạn "
            "trên, đơn vị không có ý kiến được hiểu là thống nhất với dự thảo.</p>",
        ),
    ),
)
