"""Editing "Giới thiệu" in the admin: through the admin's own forms, by the roles allowed to,
with photos checked and re-encoded and who changed what recorded."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from indices.models import Unit
from organisation.models import AboutPage, Committee, CommitteeMember, Division, Person, UnitOffice
from tests.admin_forms import inline_management
from tests.factories import image_bytes, uploaded_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return Unit.objects.create(name="Sở Tư pháp", kind=Unit.Kind.DEPARTMENT)


def person_form(unit, **overrides):
    return {
        "name": "Lò Văn Sơn",
        "title": "Giám đốc Sở",
        "kind": "leader",
        "unit": str(unit.pk),
        "workplace": "",
        "office_phone": "0213 3 876 555",
        "email": "ld.sotp@laichau.gov.vn",
        "title_en": "Director",
        "workplace_en": "",
        "order": "1",
        "is_shown": "on",
        **overrides,
    }


def test_a_person_added_and_changed_in_the_admin_records_who_did_it(
    admin_client, admin_user, unit, tmp_path
):
    with override_settings(MEDIA_ROOT=tmp_path):
        photo = uploaded_image("chan-dung.png", "PNG", size=(300, 400))
        response = admin_client.post(
            reverse("admin:organisation_person_add"), {**person_form(unit), "photo": photo}
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        person = Person.objects.get()
        assert (person.created_by, person.updated_by) == (admin_user, admin_user)
        # Stored as re-encoded pixels under a generated name, never the uploader's.
        assert person.photo.name.startswith("people/") and "chan-dung" not in person.photo.name
        with Image.open(person.photo.path) as stored:
            assert stored.format == "PNG" and stored.size == (300, 400)

        response = admin_client.post(
            reverse("admin:organisation_person_change", args=[person.pk]),
            person_form(unit, title="Phó Giám đốc Sở"),
        )
        assert response.status_code == 302
    person.refresh_from_db()
    assert person.title == "Phó Giám đốc Sở"
    assert LogEntry.objects.filter(object_id=str(person.pk), action_flag=CHANGE).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anh.png", b"<html><script>alert(1)</script></html>"),
        ("anh.jpg", b"%PDF-1.4 not an image"),
        ("anh.png", image_bytes("PNG")[:40]),  # cut short
    ],
)
def test_a_photo_that_is_not_an_image_is_refused(admin_client, unit, tmp_path, name, content):
    with override_settings(MEDIA_ROOT=tmp_path):
        response = admin_client.post(
            reverse("admin:organisation_person_add"),
            {**person_form(unit), "photo": SimpleUploadedFile(name, content, "image/png")},
        )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"]
    assert not Person.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_the_about_page_is_one_record_edited_with_sanitized_rich_text(admin_client, admin_user):
    assert AboutPage.load().pk is None  # a visit never writes
    page = AboutPage.load_or_create()
    change_url = reverse("admin:organisation_aboutpage_change", args=[page.pk])
    assert admin_client.get(reverse("admin:organisation_aboutpage_changelist")).url == change_url
    assert admin_client.get(reverse("admin:organisation_aboutpage_add")).status_code == 403
    response = admin_client.post(
        change_url,
        {
            "title": "Giới thiệu",
            "summary": "Cơ quan thường trực cải cách hành chính.",
            "functions": '<p onclick="steal()">Tham mưu.</p><script>alert(1)</script>',
            "agency": "",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.functions == "<p>Tham mưu.</p>"
    assert page.updated_by == admin_user


def test_a_unit_office_and_a_chart_box_through_the_admin(admin_client, unit):
    response = admin_client.post(
        reverse("admin:organisation_unitoffice_add"),
        {
            "unit": str(unit.pk),
            "name_en": "Department of Justice",
            "address": "Phường Đông Phong, thành phố Lai Châu",
            "address_en": "",
            "phone": "0213 3 876 200",
            "email": "sotp@laichau.gov.vn",
            "website": "sotp.laichau.gov.vn",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert UnitOffice.objects.get().website == "https://sotp.laichau.gov.vn"

    top = Division.objects.create(name="UBND tỉnh")
    child = Division.objects.create(name="Sở Tư pháp", parent=top)
    # A box cannot be put under its own descendant.
    response = admin_client.post(
        reverse("admin:organisation_division_change", args=[top.pk]),
        {"name": "UBND tỉnh", "parent": str(child.pk), "order": "0"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]


def test_a_committee_with_members_through_the_admin(admin_client, unit):
    head = Person.objects.create(name="Tao Văn Hải", title="Chủ tịch UBND tỉnh")
    member = Person.objects.create(name="Lò Thị Mai", title="Giám đốc Sở", unit=unit)
    response = admin_client.post(
        reverse("admin:organisation_committee_add"),
        {
            "name": "Ban Chỉ đạo cải cách hành chính tỉnh",
            "name_en": "",
            "description": "",
            "order": "1",
            **inline_management("members", 2),
            "members-0-person": str(head.pk),
            "members-0-role": "head",
            "members-0-order": "1",
            "members-1-person": str(member.pk),
            "members-1-role": "member",
            "members-1-order": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    committee = Committee.objects.get()
    assert [(m.person, m.role) for m in committee.members.all()] == [
        (head, CommitteeMember.Role.HEAD),
        (member, CommitteeMember.Role.MEMBER),
    ]


@pytest.mark.parametrize(
    ("role_fixture", "allowed"),
    [("site_admin", True), ("publisher", True), ("editor", False)],
)
def test_who_may_edit_the_organisation(client, request, role_fixture, allowed):
    client.force_login(request.getfixturevalue(role_fixture))
    for model in ("aboutpage", "division", "unitoffice", "person", "committee"):
        url = reverse(f"admin:organisation_{model}_changelist")
        status = client.get(url).status_code
        assert (status in {200, 302}) is allowed, (model, status)
    # A site administrator edits the English page's introduction too.
    if role_fixture == "site_admin":
        assert client.get(reverse("admin:core_englishpage_changelist")).status_code == 302
