"""The fixture pages: one like the seed page, then the awkward ones. Our own wording."""

from .oldsite import OldSite, jpeg, old_page

SEED = "/Default.aspx?tabid=57&ID=120"
OTHER = "/Default.aspx?tabid=57&ID=121"
SEED_TITLE = "Hội nghị công bố chỉ số cải cách hành chính năm 2018 của tỉnh"
CAPTION_1 = "Đồng chí Phó Chủ tịch UBND tỉnh phát biểu tại hội nghị"
CAPTION_2 = "Quang cảnh hội trường hội nghị"

SEED_BODY = f"""
<p>Chiều ngày 10/7/2019, tỉnh tổ chức hội nghị công bố kết quả các chỉ số năm 2018.</p>
<p style="text-align:center"><img src="/Portals/0/Images/2019/hoi-nghi-1.jpg" alt=""></p>
<p class="caption"><em>{CAPTION_1}</em></p>
<p>Chỉ số PAR INDEX năm 2018 đạt 72,23 điểm, xếp thứ 58/63 tỉnh, thành phố.</p>
<p>Chỉ số SIPAS đạt 74,95%, chỉ số PAPI đạt 44,42 điểm,
tăng 37 bậc. Xem thêm
<a href="{OTHER}">kết quả năm trước</a> và
<a href="/Portals/0/Images/2019/hoi-nghi-2.jpg">ảnh lớn</a>.</p>
<table class="image"><tr><td><img src="/Portals/0/Images/2019/hoi-nghi-2.jpg"></td></tr>
<tr><td>{CAPTION_2}</td></tr></table>
<p>Sở Tài chính dẫn đầu khối sở, ban, ngành với 86,50%; huyện Mường Tè dẫn đầu khối huyện.</p>
"""


def build(site: OldSite) -> dict[str, str]:
    """Serve every fixture page and photo; returns {name: path}."""
    site.add_raw("/Portals/0/Images/2019/hoi-nghi-1.jpg", jpeg((200, 30, 30)), "image/jpeg")
    site.add_raw("/Portals/0/Images/2019/hoi-nghi-2.jpg", jpeg((30, 30, 200)), "image/jpeg")
    site.add_raw("/Portals/0/broken.jpg", b"\xff\xd8\xff\xe0 not really a picture", "image/jpeg")
    site.add_page(SEED, old_page(title=SEED_TITLE, body=SEED_BODY))
    site.add_page(
        OTHER,
        old_page(
            title="Kết quả chỉ số cải cách hành chính năm 2017",
            date_line="(Ngày đăng :20/05/2018 9:15:00 SA)",
            body=f'<p>Năm 2017 tỉnh xếp thứ 57. Xem <a href="{SEED}">tin năm 2018</a>.</p>',
        ),
    )
    paths = {"seed": SEED, "other": OTHER}
    awkward = {
        "no_date": old_page(
            title="Thông báo lịch tiếp công dân", date_line=None, body="<p>Lịch tiếp dân.</p>"
        ),
        "other_date": old_page(
            title="Kế hoạch đo lường sự hài lòng",
            date_line="Cập nhật: 2020-03-05 14:30",
            body="<p>Kế hoạch khảo sát người dân.</p>",
        ),
        "photo_404": old_page(
            title="Thống kê của Trung tâm phục vụ hành chính công",
            body='<p>Số hồ sơ tiếp nhận tăng.</p><p><img src="/Portals/0/missing.jpg"></p>'
            '<p class="caption">Ảnh không còn</p>',
        ),
        "broken_image": old_page(
            title="Chuyển đổi số trong cải cách hành chính",
            body="<p>Triển khai dịch vụ công trực tuyến.</p>"
            '<p><img src="/Portals/0/broken.jpg"></p>',
        ),
        "styled": old_page(
            title="Hội nghị tổng kết ngành Nội vụ",
            body='<div style="font-family:Tahoma"><font face="Arial" color="red">'
            '<p style="margin:0;color:blue" onclick="alert(1)">Tổng kết năm của ngành.</p>'
            "<script>window.__xss('imported')</script>"
            '<p><span style="font-size:13pt">Phương hướng năm tới.</span>'
            '<a href="javascript:alert(2)">xem</a></p></font></div>',
        ),
        "cp1258": old_page(
            title="Công bố chỉ số PCI",
            charset="windows-1258",
            body="<p>Chỉ số năng lực cạnh tranh cấp tỉnh được công bố.</p>",
        ),
        "utf16": old_page(
            title="Họp Ban chỉ đạo cải cách hành chính",
            charset="utf-16",
            body="<p>Ban chỉ đạo họp phiên thường kỳ.</p>",
        ),
        "no_title": old_page(title="", body="<p>Trang không có tiêu đề.</p>"),
    }
    for number, (name, html) in enumerate(awkward.items(), start=200):
        path = f"/Default.aspx?tabid=57&ID={number}"
        if name == "cp1258":
            site.add_page(path, html, charset="windows-1258")
        elif name == "utf16":
            site.add_raw(path, b"\xff\xfe" + html.encode("utf-16-le"), "text/html")
        else:
            site.add_page(path, html)
        paths[name] = path
    # Enormous: over the page limit the tests set (--max-page-bytes).
    huge = old_page(title="Trang rất lớn", body="<p>Một đoạn văn dài.</p>" * 200_000)
    paths["enormous"] = "/Default.aspx?tabid=57&ID=299"
    site.add_page(paths["enormous"], huge)
    paths["gone"] = "/Default.aspx?tabid=57&ID=298"  # 404 on the old site
    return paths
