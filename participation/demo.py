"""Demo content of citizens' participation: topics, a few answered questions and feedback, and a
draft open for comment. No personal data: demo submissions carry no name, email or phone."""

from datetime import timedelta

from django.utils import timezone

from core.demo import Tally, sync_row

from .models import Draft, Submission, Topic

TOPICS = ["Thủ tục hành chính", "Dịch vụ công trực tuyến", "Chỉ số hài lòng (SIPAS)"]

# (code, kind, topic, procedure, text, answer)
ANSWERS = [
    (
        "DEM2QA0001",
        Submission.Kind.QUESTION,
        "Dịch vụ công trực tuyến",
        "",
        "Tôi có thể nộp hồ sơ đăng ký hộ kinh doanh qua mạng thay vì đến Trung tâm Phục vụ "
        "hành chính công của tỉnh không? Nếu được thì nhận kết quả ở đâu?",
        "<p>Được. Hồ sơ đăng ký hộ kinh doanh nộp trực tuyến trên Cổng dịch vụ công; kết quả "
        "có thể nhận qua bưu điện hoặc tại bộ phận một cửa cấp huyện, tuỳ lựa chọn khi nộp.</p>",
    ),
    (
        "DEM2QA0002",
        Submission.Kind.QUESTION,
        "Chỉ số hài lòng (SIPAS)",
        "",
        "Chỉ số SIPAS của tỉnh năm 2018 là bao nhiêu và người dân góp phần cải thiện nó thế nào?",
        "<p>Năm 2018 chỉ số SIPAS của tỉnh đạt 74,95 %, đứng thứ 55/63, giảm 5 bậc so với năm "
        "2017. Ý kiến, phản ánh của người dân về từng thủ tục giúp các đơn vị biết sự hài lòng "
        "bị mất ở khâu nào để khắc phục.</p>",
    ),
    (
        "DEM2FB0001",
        Submission.Kind.FEEDBACK,
        "Thủ tục hành chính",
        "Cấp đổi giấy phép lái xe",
        "Khi cấp đổi giấy phép lái xe, bộ phận tiếp nhận yêu cầu nộp thêm bản sao giấy khám "
        "sức khoẻ cũ không có trong danh mục hồ sơ đã công bố.",
        "<p>Sở Giao thông vận tải đã kiểm tra và chấn chỉnh bộ phận tiếp nhận: hồ sơ chỉ gồm "
        "các giấy tờ trong danh mục đã công bố, không yêu cầu thêm giấy tờ khác.</p>",
    ),
]


def load() -> dict[str, Tally]:
    topics, submissions, drafts = Tally(), Tally(), Tally()
    by_name = {}
    for order, name in enumerate(TOPICS):
        by_name[name] = sync_row(
            Topic, lookup={"name": name}, values={"order": order}, tally=topics
        )
    now = timezone.now()
    for code, kind, topic, procedure, text, answer in ANSWERS:
        submission = sync_row(
            Submission,
            lookup={"code": code},
            values={
                "kind": kind,
                "topic": by_name[topic],
                "procedure": procedure,
                "text": text,
                "answer": answer,
                "status": Submission.Status.PUBLISHED,
            },
            tally=submissions,
        )
        if submission.published_at is None:
            Submission.objects.filter(pk=submission.pk).update(answered_at=now, published_at=now)
    title = "Dự thảo Kế hoạch nâng cao chỉ số hài lòng của người dân (SIPAS)"
    if Draft.objects.filter(title=title).exists():
        drafts.unchanged += 1
    else:
        Draft.objects.create(
            title=title,
            summary=(
                "<p>Dự thảo đề ra các việc các sở, ngành và UBND huyện, thành phố làm để nâng "
                "chỉ số hài lòng về sự phục vụ hành chính: khảo sát người dân sau mỗi hồ sơ, "
                "công khai thời hạn giải quyết, rút ngắn thời gian chờ tại bộ phận một cửa.</p>"
            ),
            opens_at=now - timedelta(days=3),
            closes_at=now + timedelta(days=60),
        )
        drafts.created += 1
    return {"topics": topics, "submissions": submissions, "drafts": drafts}
