from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from participation.models import Submission

from .conftest import drawn, question_data
from .factories import AnsweredFactory, DraftFactory, SubmissionFactory

ASK = reverse("participation:ask")
RECEIVED = reverse("participation:received")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _generous_budget(settings):
    settings.PARTICIPATION_POST_BURST = 50


@pytest.mark.django_db
def test_form_page_is_labelled_never_cached_and_says_what_data_is_kept(client, topic):
    response = client.get(ASK)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    for field in ("topic", "text", "name", "email", "phone", "attachment", "consent"):
        assert f'for="id_{field}"' in html
    assert "365" in html  # the retention period is said


@pytest.mark.django_db
def test_a_question_is_stored_with_a_code_audited_and_mailed(
    client, topic, handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, question_data(topic))
    # Post/redirect/get: the code is shown on a page that a reload does not post again.
    assert response.status_code == 302 and response["Location"] == RECEIVED
    submission = Submission.objects.get()
    assert submission.status == "received" and submission.kind == "question"
    thanks = client.get(RECEIVED)
    assert thanks.status_code == 200 and "no-store" in thanks["Cache-Control"]
    assert submission.display_code in thanks.content.decode()
    assert client.get(RECEIVED).status_code == 200  # a reload shows it again, posts nothing
    assert Submission.objects.count() == 1
    assert AuditEntry.objects.filter(action="submission_received").count() == 1
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["binh@example.vn", "tiepnhan@example.vn"]
    assert submission.display_code in mail.outbox[-1].body


@pytest.mark.django_db
def test_the_thanks_page_shows_only_this_sessions_submission(client):
    SubmissionFactory()
    # Opened directly, with nothing sent from this session: back to the questions, no code shown.
    response = client.get(RECEIVED)
    assert response.status_code == 302 and response["Location"] == reverse("participation:qa-list")


@pytest.mark.django_db
def test_errors_show_next_to_the_field_and_in_a_summary_keeping_the_text(client, topic):
    response = client.post(ASK, question_data(topic, name="", consent="", email="nope"))
    html = response.content.decode()
    assert response.status_code == 200 and not Submission.objects.exists()
    assert 'class="error-summary"' in html
    assert 'id="id_name_error"' in html and 'id="id_consent_error"' in html
    assert "Làm căn cước cho con dưới 14 tuổi" in html


@pytest.mark.django_db
def test_oversize_text_is_a_form_error(client, topic, settings):
    response = client.post(ASK, question_data(topic, text="x" * 6000))
    assert 'id="id_text_error"' in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "reason"),
    [({"website": "http://spam"}, "honeypot"), ({"drawn_at": 1}, "too-fast"),
     ({"drawn_at": "forged"}, "no-timestamp")],
)  # fmt: skip
def test_traps_keep_the_post_as_spam_never_shown(
    client, topic, handler, overrides, reason, django_capture_on_commit_callbacks
):
    if overrides.get("drawn_at") == 1:  # drawn a second ago (at run time, not collection)
        overrides = {"drawn_at": drawn(1)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, question_data(topic, **overrides))
    assert response.status_code == 302 and response["Location"] == RECEIVED  # as for a person
    submission = Submission.objects.get()
    assert (submission.status, submission.spam_reason) == ("spam", reason)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_flood_gets_429_with_nothing_stored(client, topic, settings):
    settings.PARTICIPATION_POST_BURST = 3
    settings.PARTICIPATION_POSTS_PER_MINUTE = 1
    codes = [client.post(ASK, question_data(topic)).status_code for _ in range(200)]
    assert codes[:3] == [302, 302, 302]
    assert set(codes[3:]) == {429}
    assert Submission.objects.count() == 3


@pytest.mark.django_db
def test_attachment_checked_by_its_bytes(client, topic):
    fake = SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(ASK, {**question_data(topic), "attachment": fake})
    assert 'id="id_attachment_error"' in response.content.decode()
    assert not Submission.objects.exists()
    real = SimpleUploadedFile("scan.bin", PDF, "application/octet-stream")
    client.post(ASK, {**question_data(topic), "attachment": real})
    submission = Submission.objects.get()
    assert submission.attachment.name.endswith(".pdf")
    assert submission.attachment.path.startswith(str(submission.attachment.storage.location))


@pytest.mark.django_db
def test_published_answers_are_listed_searched_and_show_no_personal_data(client, topic):
    shown = AnsweredFactory(topic=topic, text="Cấp đổi giấy phép lái xe ở đâu?")
    AnsweredFactory(text="Câu hỏi khác về hộ tịch")
    SubmissionFactory(text="Chưa trả lời: cấp đổi giấy phép")  # received only
    response = client.get(reverse("participation:qa-list"), {"q": "giay phep"})
    html = response.content.decode()
    assert shown.title in html and "hộ tịch" not in html and "Chưa trả lời" not in html
    detail = client.get(shown.get_absolute_url()).content.decode()
    assert "Hồ sơ gồm đơn đề nghị" in detail
    for personal in (shown.name, shown.email, shown.phone, shown.code):
        assert personal not in html and personal not in detail
    search = client.get(reverse("search:results"), {"q": "giay phep lai xe"}).content.decode()
    assert shown.get_absolute_url() in search and shown.name not in search


@pytest.mark.django_db
def test_unpublished_pairs_are_not_found(client):
    assert client.get(SubmissionFactory().get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_lookup_needs_code_and_the_contact_given(client):
    submission = AnsweredFactory(status="answered", published_at=None)
    url = reverse("participation:lookup")
    assert client.get(url)["Cache-Control"].startswith(("max-age=0", "no-"))
    wrong = client.post(url, {"code": submission.code, "contact": "other@example.vn"})
    assert "Hồ sơ gồm" not in wrong.content.decode()
    for contact in ("HOA@example.vn", "0912345678"):
        html = client.post(url, {"code": submission.display_code.lower(), "contact": contact})
        assert "Hồ sơ gồm đơn đề nghị" in html.content.decode()


@pytest.mark.django_db
def test_lookup_is_rate_limited(client, settings):
    settings.PARTICIPATION_POST_BURST = 2
    url = reverse("participation:lookup")
    codes = [client.post(url, {"code": "X", "contact": "y"}).status_code for _ in range(10)]
    assert 429 in codes


@pytest.mark.django_db
def test_a_draft_opens_and_closes_by_the_clock(client, time_machine):
    now = timezone.now()
    draft = DraftFactory(opens_at=now + timedelta(hours=1), closes_at=now + timedelta(days=2))
    comment_url = reverse("participation:draft-comment", args=[draft.slug])
    assert client.get(draft.get_absolute_url()).status_code == 404  # not yet open
    time_machine.move_to(now + timedelta(hours=2))
    assert client.get(comment_url).status_code == 200
    data = {"text": "Đề nghị rút ngắn thời hạn", "name": "A", "consent": "on",
            "drawn_at": drawn()}  # fmt: skip
    assert client.post(comment_url, data).status_code == 302
    assert "1" in client.get(draft.get_absolute_url()).content.decode()
    time_machine.move_to(now + timedelta(days=3))
    refused = client.post(comment_url, {**data, "drawn_at": drawn()})
    assert refused.status_code == 403
    assert "Đã hết thời gian lấy ý kiến" in refused.content.decode()
    assert draft.comments.count() == 1


@pytest.mark.django_db
def test_comments_are_published_only_when_chosen_without_personal_data(client, handler):
    draft = DraftFactory()
    hidden = SubmissionFactory(kind="comment", draft=draft, topic=None, text="Ý kiến riêng")
    shown = AnsweredFactory(kind="comment", draft=draft, topic=None, text="Ý kiến công khai")
    html = client.get(draft.get_absolute_url()).content.decode()
    assert shown.text in html and hidden.text not in html and shown.name not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/hoi-dap/", "/gop-y-du-thao/"])
def test_list_pages_cost_the_same_queries_for_2_or_12_rows(client, settings, url):
    """No query per row (N+1): the same count with 2 rows as with 12."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        AnsweredFactory(kind="feedback", procedure="Cấp phép xây dựng")
        DraftFactory()
    client.get(url)
    few = count()
    for _ in range(10):
        AnsweredFactory(kind="feedback", procedure="Cấp phép xây dựng")
        DraftFactory()
    client.get(url)  # the shared fragments (menu, footer) are drawn again after a write
    assert count() == few
