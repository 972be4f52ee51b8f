"""The "Hướng dẫn" page: the sections of the user's roles, in Vietnamese, for staff only."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/quan-tri/huong-dan/"


def test_an_editor_reads_how_to_write_and_submit_only(client, editor):
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert "Dành cho biên tập viên" in html
    assert "Khôi phục" in html
    # The workflow drawn as a picture, with the statuses and buttons named as in the form.
    assert '<svg viewBox="0 0 760 170" role="img"' in html
    assert "Gửi duyệt" in html and "Trả lại tác giả" in html
    assert "Dành cho người duyệt tin" not in html
    assert "Dành cho quản trị viên" not in html


def test_a_publisher_reads_writing_and_publishing(client, publisher):
    client.force_login(publisher)
    html = client.get(URL).content.decode()
    assert "Dành cho biên tập viên" in html
    assert "Hẹn giờ" in html and "Nhập kết quả chỉ số" in html
    assert "Dành cho quản trị viên" not in html


def test_a_site_admin_reads_accounts_and_security(client, site_admin):
    client.force_login(site_admin)
    html = client.get(URL).content.decode()
    assert "Dành cho quản trị viên" in html
    assert "Dành cho biên tập viên" not in html
    assert "workflow-title" not in html


def test_the_dashboard_links_to_the_guide(client, editor):
    client.force_login(editor)
    assert URL in client.get("/quan-tri/").content.decode()


def test_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/login/")
