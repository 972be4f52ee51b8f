"""The publication workflow mechanism (core.workflow), apart from the types that join it.

A test-only model would need a migration, so the mechanism is tested through a declared set of
states shaped like the citizens' questions to come (received → assigned → answered → published
→ closed, spam), on plain objects and on a real row, and through the two types that use it.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
from audit.models import AuditEntry
from core import workflow
from core.workflow import Transition, Workflow
from documents.models import Document
from news.models import Article
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory, StaffFactory

HANDLE = "news.change_article"  # stands for "may handle questions" (editors have it)
PUBLISH = "news.publish_article"  # publishers have it
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ASSIGNED = "assigned", "Assigned"
    ANSWERED = "answered", "Answered"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"
    SPAM = "spam", "Spam"


class QuestionMove(models.TextChoices):
    ASSIGN = "assign", "Assign"
    ANSWER = "answer", "Answer"
    PUBLISH = "publish", "Publish"
    CLOSE = "close", "Close"
    MARK_SPAM = "mark_spam", "Spam"


S, M = QuestionStatus, QuestionMove


def _answered(obj, move):
    obj.review_comment = move.comment  # a real type would have its own answer field
    move.details = move.comment


QUESTIONS = Workflow(
    states=QuestionStatus,
    public=[S.PUBLISHED, S.CLOSED],
    publish_permission=PUBLISH,
    created_action="q_received",
    edited_action="q_edited",
    deleted_action="q_deleted",
    transitions=[
        Transition(M.ASSIGN, sources=[S.RECEIVED], target=S.ASSIGNED, action="q_assigned",
                   permission=HANDLE),
        Transition(M.ANSWER, sources=[S.ASSIGNED], target=S.ANSWERED, action="q_answered",
                   permission=HANDLE, fields=("review_comment",), effect=_answered,
                   requires_comment="Write the answer."),
        Transition(M.PUBLISH, sources=[S.ANSWERED], target=S.PUBLISHED, action="q_published",
                   permission=PUBLISH),
        Transition(M.CLOSE, sources=[S.ANSWERED, S.PUBLISHED], target=S.CLOSED,
                   action="q_closed", permission=HANDLE),
        Transition(M.MARK_SPAM, sources=[S.RECEIVED, S.ASSIGNED], target=S.SPAM,
                   action="q_spam", permission=HANDLE),
    ],
)  # fmt: skip


@dataclass
class FakeUser:
    perms: set = field(default_factory=set)
    is_active: bool = True
    pk: int = 1

    def has_perm(self, permission):
        return permission in self.perms


@dataclass
class Question:
    """What the workflow reads of an object that is not a row: its status and its name."""

    status: str
    _meta = SimpleNamespace(verbose_name="question")


HANDLER = FakeUser({HANDLE})
PUBLISHER_ = FakeUser({HANDLE, PUBLISH})


# --- A type with its own states, on plain objects -------------------------------------------


@pytest.mark.parametrize(
    ("status", "handler_may", "publisher_may"),
    [
        (S.RECEIVED, ["assign", "mark_spam"], ["assign", "mark_spam"]),
        (S.ASSIGNED, ["answer", "mark_spam"], ["answer", "mark_spam"]),
        (S.ANSWERED, ["close"], ["publish", "close"]),
        (S.PUBLISHED, ["close"], ["close"]),
        (S.CLOSED, [], []),
        (S.SPAM, [], []),
    ],
)
def test_a_type_declares_its_own_states_and_who_moves_them(status, handler_may, publisher_may):
    question = Question(status)
    assert [t.name for t in QUESTIONS.available(question, HANDLER)] == handler_may
    assert [t.name for t in QUESTIONS.available(question, PUBLISHER_)] == publisher_may
    assert QUESTIONS.available(question, FakeUser({HANDLE, PUBLISH}, is_active=False)) == []
    assert QUESTIONS.available(question, FakeUser()) == []


def test_a_transition_knows_its_label_and_sources():
    assign = QUESTIONS[M.ASSIGN]
    assert (assign.name, assign.label, assign.sources) == ("assign", "Assign", {"received"})
    assert QUESTIONS["mark_spam"] is QUESTIONS[M.MARK_SPAM]


def test_the_checks_come_in_order_permission_then_status():
    with pytest.raises(PermissionDenied):  # not allowed, whatever the status
        QUESTIONS.check(Question(S.CLOSED), M.PUBLISH, actor=HANDLER)
    with pytest.raises(ValidationError) as refused:  # allowed, but not from this status
        QUESTIONS.check(Question(S.RECEIVED), M.PUBLISH, actor=PUBLISHER_)
    assert refused.value.code == "invalid_transition"
    assert "“Received”" in refused.value.messages[0] and "(Publish)" in refused.value.messages[0]
    assert QUESTIONS.check(Question(S.ANSWERED), M.PUBLISH, actor=PUBLISHER_).target == "published"


def test_what_is_public_follows_the_declaration():
    assert QUESTIONS.public_condition() == Q(status__in=["closed", "published"])
    assert Document.workflow.public_condition() == Q(status="published")
    assert "published_at__lte" in str(Article.workflow.public_condition())


@pytest.mark.parametrize(
    "broken",
    [
        {"transitions": [Transition("x", sources=["nowhere"], target=S.CLOSED, action="a")]},
        {
            "transitions": [
                Transition("x", sources=[S.RECEIVED], target=S.CLOSED, action="a"),
                Transition("x", sources=[S.ASSIGNED], target=S.CLOSED, action="a"),
            ]
        },
    ],
    ids=["unknown status", "two transitions of one name"],
)
def test_a_declaration_naming_what_does_not_exist_is_refused_at_once(broken):
    with pytest.raises(ImproperlyConfigured):
        Workflow(
            states=QuestionStatus,
            public=[S.PUBLISHED],
            publish_permission=PUBLISH,
            created_action="c",
            edited_action="e",
            deleted_action="d",
            **broken,
        )


# --- Writing: on real rows ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_type_with_its_own_states_moves_a_row_and_audits_each_step():
    """The questions' declaration, made on a real row (an article's table stands in for the
    questions' own): the status, the effect's field, the comment rule and the audit entries."""
    handler, publisher = StaffFactory(role=EDITOR), StaffFactory(role=PUBLISHER)
    row = ArticleFactory(status=S.RECEIVED)

    QUESTIONS.move(row, M.ASSIGN, actor=handler)
    with pytest.raises(ValidationError):
        QUESTIONS.move(row, M.ANSWER, actor=handler, comment="   ")
    with pytest.raises(PermissionDenied):
        QUESTIONS.move(row, M.ANSWER, actor=StaffFactory(role=SITE_ADMIN), comment="Trả lời")
    row.refresh_from_db()
    assert row.status == "assigned"
    QUESTIONS.move(row, M.ANSWER, actor=handler, comment="Hồ sơ nộp tại bộ phận một cửa.")
    QUESTIONS.move(row, M.PUBLISH, actor=publisher)

    row.refresh_from_db()
    assert (row.status, row.review_comment) == ("published", "Hồ sơ nộp tại bộ phận một cửa.")
    entries = AuditEntry.objects.for_object(row).order_by("pk")
    assert list(entries.values_list("action", "actor", "details")) == [
        ("q_assigned", handler.pk, ""),
        ("q_answered", handler.pk, "Hồ sơ nộp tại bộ phận một cửa."),
        ("q_published", publisher.pk, ""),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status", "transition", "refusal"),
    [
        (EDITOR, Document.Status.DRAFT, "publish", PermissionDenied),
        (SITE_ADMIN, Document.Status.PUBLISHED, "unpublish", PermissionDenied),
        (PUBLISHER, Document.Status.DRAFT, "unpublish", ValidationError),
        (PUBLISHER, Document.Status.PUBLISHED, "publish", ValidationError),
    ],
)
def test_a_refused_transition_writes_nothing_and_no_audit_entry(role, status, transition, refusal):
    actor = StaffFactory(role=role)
    document = DocumentFactory(status=status, published_at=None)
    before = Document.objects.filter(pk=document.pk).values().get()

    with pytest.raises(refusal):
        Document.workflow.move(document, transition, actor=actor)

    assert Document.objects.filter(pk=document.pk).values().get() == before
    assert not AuditEntry.objects.exists()
    assert not Version.objects.get_for_object(document).exists()


@pytest.mark.django_db
def test_an_allowed_transition_writes_the_row_its_revision_and_its_audit_entry():
    publisher = StaffFactory(role=PUBLISHER)
    document = DocumentFactory(status=Document.Status.DRAFT, published_at=None)

    Document.workflow.move(document, Document.Transition.PUBLISH, actor=publisher)

    document.refresh_from_db()
    assert document.status == "published" and document.published_at is not None
    assert document.updated_by == publisher
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (
        publisher,
        "document_published",
        str(document.pk),
    )
    assert Version.objects.get_for_object(document).get().revision.comment == "Đã đăng."


@pytest.mark.django_db
def test_the_change_and_its_audit_entry_are_one_transaction(monkeypatch):
    """If the audit entry cannot be written, the transition is not made either."""
    article = ArticleFactory(draft=True, created_by=StaffFactory(role=EDITOR))

    def broken_record(**entry):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(workflow, "_record", broken_record)
    with pytest.raises(RuntimeError):
        Article.workflow.move(article, "publish", actor=StaffFactory(role=PUBLISHER))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.reviewed_by is None


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Article, Document])
def test_editable_by_and_can_be_edited_by_agree_for_every_role_and_status(model):
    factory = ArticleFactory if model is Article else DocumentFactory
    author = StaffFactory(role=EDITOR)
    rows = [
        factory(status=status, created_by=owner)
        for status in model.Status
        for owner in (author, StaffFactory(role=EDITOR))
    ]
    for user in (author, StaffFactory(role=PUBLISHER), StaffFactory(role=SITE_ADMIN)):
        expected = {row.pk for row in rows if row.can_be_edited_by(user)}
        assert set(model.objects.editable_by(user).values_list("pk", flat=True)) == expected
    assert {row.pk for row in rows if row.can_be_edited_by(author)} == {
        row.pk for row in rows if row.created_by == author and row.status != "published"
    }


@pytest.mark.django_db
@time_machine.travel(datetime(2030, 5, 1, 9, 0, tzinfo=HANOI), tick=False)
def test_is_public_on_an_object_agrees_with_published_for_both_types():
    now = timezone.now()
    for status in Article.Status:
        for when in (None, now - timedelta(days=1), now, now + timedelta(seconds=1)):
            ArticleFactory(status=status, published_at=when)
    for status in Document.Status:
        DocumentFactory(status=status)
    for model in (Article, Document):
        public = set(model.objects.published().values_list("pk", flat=True))
        assert public  # the case list holds public rows…
        assert {row.pk for row in model.objects.all() if row.is_public} == public
        annotated = model.objects.with_is_public()
        assert {row.pk for row in annotated if row.is_public} == public
    assert len(public) < Document.objects.count()  # …and rows that are not


@pytest.mark.django_db
def test_the_annotation_is_the_clock_of_a_list():
    """Fetched with `with_is_public(now)`, an object answers for that moment."""
    article = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    assert not article.is_public and article.is_scheduled
    later = Article.objects.with_is_public(timezone.now() + timedelta(hours=2)).get()
    assert later.is_public and not later.is_scheduled


# --- The admin: what the mixin gives a type -------------------------------------------------


@pytest.mark.django_db
def test_the_bulk_actions_are_offered_to_those_who_may_make_them(client, editor, publisher):
    url = reverse("admin:documents_document_changelist")
    client.force_login(editor)
    choices = {name for name, _ in client.get(url).context["action_form"].fields["action"].choices}
    assert not {"publish_selected", "unpublish_selected"} & choices
    client.force_login(publisher)
    choices = {name for name, _ in client.get(url).context["action_form"].fields["action"].choices}
    assert {"publish_selected", "unpublish_selected"} <= choices


@pytest.mark.django_db
def test_documents_published_in_bulk_each_get_their_audit_entry(client, editor, publisher):
    drafts = DocumentFactory.create_batch(2, status=Document.Status.DRAFT, published_at=None)
    DocumentFactory()  # already published: left alone
    url = reverse("admin:documents_document_changelist")
    selected = [str(document.pk) for document in Document.objects.all()]

    client.force_login(editor)  # the action is not theirs: nothing happens
    client.post(url, {"action": "publish_selected", "_selected_action": selected})
    assert Document.objects.published().count() == 1

    client.force_login(publisher)
    client.post(url, {"action": "publish_selected", "_selected_action": selected})
    assert Document.objects.published().count() == 3
    published = AuditEntry.objects.filter(action="document_published")
    assert sorted(published.values_list("object_id", flat=True)) == sorted(
        str(document.pk) for document in drafts
    )


@pytest.mark.django_db
def test_a_button_the_status_does_not_allow_is_a_form_error_for_documents_too(client, publisher):
    """Documents used to ignore such a button (and say the document was published)."""
    from tests.documents.test_permissions import change_url, form

    document = DocumentFactory(summary="Đã đăng")
    client.force_login(publisher)
    response = client.post(change_url(document), form(document, summary="Khác", _publish="1"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    document.refresh_from_db()
    assert document.summary == "Đã đăng" and not AuditEntry.objects.exists()
