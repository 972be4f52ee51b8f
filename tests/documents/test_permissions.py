"""Documents have the roles of articles: editors draft, publishers publish. Each role × action
through the admin with real POSTs (allowed → 302 and done; refused → 403 and nothing done),
plus anonymous and plain staff, the audit trail and the revisions."""

from datetime import date

import pytest
from django.urls import reverse
from reversion.models import Version

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
from audit.models import AuditEntry
from documents.models import Document
from tests.admin_forms import inline_management
from tests.documents.factories import DocumentFactory, DocumentTypeFactory, IssuerFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
Status = Document.Status


def form(document=None, **overrides):
    data = {
        "number": document.number if document else "99/KH-UBND",
        "summary": document.summary if document else "Kế hoạch thử quyền",
        "doc_type": str(document.doc_type_id if document else DocumentTypeFactory().pk),
        "issuer": str(document.issuer_id if document else IssuerFactory().pk),
        "signer": "",
        "issued_on": "01/06/2019",
        "effective_on": "",
        "expires_on": "",
        **inline_management("files", 0),
    }
    data.update(overrides)
    return data


def change_url(document):
    return reverse("admin:documents_document_change", args=[document.pk])


def create(client, actor):
    response = client.post(reverse("admin:documents_document_add"), form())
    created = Document.objects.filter(number="99/KH-UBND").first()
    return response, created is not None and created.status == Status.DRAFT


def create_and_publish(client, actor):
    response = client.post(reverse("admin:documents_document_add"), form(_publish="1"))
    return response, Document.objects.published().filter(number="99/KH-UBND").exists()


def edit_own_draft(client, actor):
    document = DocumentFactory(status=Status.DRAFT, created_by=actor)
    response = client.post(change_url(document), form(document, summary="Đã sửa"))
    document.refresh_from_db()
    return response, document.summary == "Đã sửa"


def edit_others_draft(client, actor):
    document = DocumentFactory(status=Status.DRAFT, created_by=StaffFactory(role=EDITOR))
    response = client.post(change_url(document), form(document, summary="Đã sửa"))
    document.refresh_from_db()
    return response, document.summary == "Đã sửa"


def edit_own_published(client, actor):
    document = DocumentFactory(created_by=actor)
    response = client.post(change_url(document), form(document, summary="Đã sửa"))
    document.refresh_from_db()
    return response, document.summary == "Đã sửa"


def publish(client, actor):
    document = DocumentFactory(status=Status.DRAFT, created_by=actor)
    response = client.post(change_url(document), form(document, _publish="1"))
    document.refresh_from_db()
    return response, document.status == Status.PUBLISHED


def unpublish(client, actor):
    document = DocumentFactory(created_by=actor)
    response = client.post(change_url(document), form(document, _unpublish="1"))
    document.refresh_from_db()
    return response, document.status == Status.DRAFT


def delete_published(client, actor):
    document = DocumentFactory(created_by=actor)
    response = client.post(
        reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"}
    )
    return response, not Document.objects.filter(pk=document.pk).exists()


def manage_lists(client, actor):
    response = client.post(
        reverse("admin:documents_issuer_add"), {"name": "Sở Tư pháp", "slug": "", "order": "0"}
    )
    from documents.models import Issuer

    return response, Issuer.objects.filter(name="Sở Tư pháp").exists()


ACTIONS = {
    "create": create,
    "create and publish": create_and_publish,
    "edit own draft": edit_own_draft,
    "edit other's draft": edit_others_draft,
    "edit own published": edit_own_published,
    "publish": publish,
    "unpublish": unpublish,
    "delete published": delete_published,
    "manage lists": manage_lists,
}

#                         anon   staff  editor publisher site admin
MATRIX = {
    "create":             (False, False, True,  True,  False),
    "create and publish": (False, False, False, True,  False),
    "edit own draft":     (False, False, True,  True,  False),
    "edit other's draft": (False, False, False, True,  False),
    "edit own published": (False, False, False, True,  False),
    "publish":            (False, False, False, True,  False),
    "unpublish":          (False, False, False, True,  False),
    "delete published":   (False, False, False, True,  False),
    "manage lists":       (False, False, False, True,  False),
}  # fmt: skip
ROLES = {"anonymous": None, "staff": "", "editor": EDITOR, "publisher": PUBLISHER}
ROLES["site_admin"] = SITE_ADMIN
CASES = [
    pytest.param(role, action, allowed, id=f"{label}-{action}")
    for action, row in MATRIX.items()
    for (label, role), allowed in zip(ROLES.items(), row, strict=True)
]


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_role_may_or_may_not(client, role, action, allowed):
    actor = None
    if role is not None:
        actor = StaffFactory(username="nguoithu", role=role or None)
        client.force_login(actor)

    response, done = ACTIONS[action](client, actor)

    if allowed:
        assert response.status_code == 302, getattr(response, "context", None) and (
            response.context.get("errors")
        )
        assert done
    elif role is None:
        assert response.status_code == 302  # to the login page
        assert "/quan-tri/login/" in response["Location"]
        assert not done
    else:
        assert response.status_code == 403
        assert not done


def test_publishing_is_audited_and_keeps_a_revision(client, publisher):
    client.force_login(publisher)
    client.post(reverse("admin:documents_document_add"), form())
    document = Document.objects.get(number="99/KH-UBND")
    client.post(change_url(document), form(document, _publish="1"))
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED and document.published_at is not None
    actions = list(
        AuditEntry.objects.for_object(document).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["document_created", "document_published"]
    assert Version.objects.get_for_object(document).count() >= 2


def test_the_admin_finds_a_number_without_its_slash_and_filters_by_validity(client, publisher):
    DocumentFactory(number="1234/QĐ-UBND", summary="Quyết định công bố")
    DocumentFactory(
        number="5/QĐ-UBND",
        summary="Kế hoạch",
        issued_on=date(2019, 1, 1),
        expires_on=date(2019, 6, 1),
    )
    client.force_login(publisher)
    url = reverse("admin:documents_document_changelist")
    for query in ["1234 QĐ-UBND", "1234/QĐ-UBND", "cong bo"]:
        response = client.get(url, {"q": query})
        assert [d.number for d in response.context["cl"].result_list] == ["1234/QĐ-UBND"]
    response = client.get(url, {"validity": "expired"})
    assert [d.number for d in response.context["cl"].result_list] == ["5/QĐ-UBND"]
    for hostile in [{"year": "abc"}, {"validity": "x"}, {"q": "\x00"}, {"year": "99999999999"}]:
        assert client.get(url, hostile).status_code in {200, 302}


def test_the_publisher_has_every_documents_permission_and_the_editor_cannot_publish():
    from django.contrib.auth.models import Group

    def perms(name):
        return {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=name).permissions.all()
        }

    assert "documents.publish_document" in perms(PUBLISHER)
    assert "documents.publish_document" not in perms(EDITOR)
    assert "documents.add_document" in perms(EDITOR)
    assert "documents.add_issuer" not in perms(EDITOR)


@pytest.mark.parametrize("role", [EDITOR, PUBLISHER])
def test_the_admin_pages_open_for_both_roles(client, role):
    from documents.processing import process_stored_file
    from tests.documents.factories import document_file, encrypted_pdf_bytes

    actor = StaffFactory(username="nguoithu", role=role)
    document = DocumentFactory(status=Status.DRAFT, created_by=actor)
    stored = document_file(document, encrypted_pdf_bytes())
    process_stored_file(type(stored), stored.pk)
    client.force_login(actor)
    for url in [
        reverse("admin:documents_document_changelist"),
        reverse("admin:documents_document_add"),
        change_url(document),
        reverse("admin:news_article_add"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    content = client.get(change_url(document)).content.decode()
    assert "có mật khẩu" in content  # the file's flag is shown beside it
    buttons = 'name="_publish"' in client.get(change_url(document)).content.decode()
    assert buttons == (role == PUBLISHER)
