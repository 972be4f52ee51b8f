"""What each staff role finds on the admin's first page (`/quan-tri/`).

Every panel is a fixed number of queries whatever the number of articles, results, accounts or
audit entries: counts come from one aggregate, lists are sliced and fetch their related rows
with `select_related`. `tests/dashboard/test_dashboard.py` holds the budget.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from accounts.roles import is_site_admin
from audit.models import AuditEntry
from indices.models import ProvinceResult, UnitResult
from news.models import PUBLISH_PERMISSION, Article
from participation.models import HANDLE_PERMISSION, Submission

LIST_LENGTH = 5
QUEUE_LENGTH = 10
ACCOUNT_ACTIONS = [
    AuditEntry.Action.ACCOUNT_CREATED,
    AuditEntry.Action.ACCOUNT_DEACTIVATED,
    AuditEntry.Action.ACCOUNT_REACTIVATED,
    AuditEntry.Action.ROLE_CHANGED,
    AuditEntry.Action.PASSWORD_RESET,
]
Status = Article.Status


@dataclass
class EditorPanel:
    counts: dict
    drafts: list
    returned: list
    submitted: list
    published: list


@dataclass
class PublisherPanel:
    counts: dict
    queue: list
    scheduled: list
    published: list
    province_results: list
    unit_results: list


@dataclass
class SiteAdminPanel:
    new_accounts: list
    account_changes: list
    lockouts: list
    audit_entries: list


@dataclass
class SubmissionsPanel:
    new: list
    mine: list
    due_soon: list
    overdue: list


@dataclass
class Dashboard:
    editor: EditorPanel | None = None
    publisher: PublisherPanel | None = None
    site_admin: SiteAdminPanel | None = None
    submissions: SubmissionsPanel | None = None
    roles: list = field(default_factory=list)


def editor_panel(user) -> EditorPanel:
    """The articles `user` wrote: drafts, returned with a comment, waiting, published."""
    mine = Article.objects.filter(created_by=user)
    returned = Q(status=Status.DRAFT) & ~Q(review_comment="")
    counts = mine.aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT, review_comment="")),
        returned=Count("pk", filter=returned),
        submitted=Count("pk", filter=Q(status=Status.PENDING)),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
    )
    return EditorPanel(
        counts=counts,
        drafts=list(
            mine.filter(status=Status.DRAFT, review_comment="").order_by("-updated_at")[
                :LIST_LENGTH
            ]
        ),
        returned=list(
            mine.filter(returned)
            .select_related("reviewed_by")
            .order_by("-reviewed_at")[:LIST_LENGTH]
        ),
        submitted=list(mine.filter(status=Status.PENDING).order_by("submitted_at")[:LIST_LENGTH]),
        published=list(
            mine.filter(status=Status.PUBLISHED)
            .with_is_public()
            .order_by("-published_at")[:LIST_LENGTH]
        ),
    )


def publisher_panel(now=None) -> PublisherPanel:
    """The review queue (oldest first), what is scheduled, what went out, the latest results."""
    now = now or timezone.now()
    scheduled = Q(status=Status.PUBLISHED, published_at__gt=now)
    counts = Article.objects.aggregate(
        queue=Count("pk", filter=Q(status=Status.PENDING)),
        scheduled=Count("pk", filter=scheduled),
    )
    return PublisherPanel(
        counts=counts,
        queue=list(
            Article.objects.pending_review()
            .select_related("created_by", "category__parent")
            .order_by("submitted_at", "pk")[:QUEUE_LENGTH]
        ),
        scheduled=list(
            Article.objects.filter(scheduled)
            .select_related("created_by")
            .order_by("published_at", "pk")[:QUEUE_LENGTH]
        ),
        published=list(
            Article.objects.published(now)
            .select_related("created_by")
            .order_by("-published_at", "-pk")[:LIST_LENGTH]
        ),
        province_results=list(
            ProvinceResult.objects.select_related("index", "updated_by").order_by(
                "-updated_at", "-pk"
            )[:LIST_LENGTH]
        ),
        unit_results=list(
            UnitResult.objects.select_related("unit", "updated_by").order_by("-updated_at", "-pk")[
                :LIST_LENGTH
            ]
        ),
    )


def active_lockouts(now=None) -> list:
    """Login lockouts still in force: as many failures as the limit within the cool-off."""
    from axes.models import AccessAttempt

    now = now or timezone.now()
    return list(
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
        ).order_by("-attempt_time")[:QUEUE_LENGTH]
    )


def site_admin_panel(now=None) -> SiteAdminPanel:
    return SiteAdminPanel(
        new_accounts=list(
            get_user_model()
            .objects.prefetch_related("groups")
            .order_by("-date_joined")[:LIST_LENGTH]
        ),
        account_changes=list(
            AuditEntry.objects.filter(action__in=ACCOUNT_ACTIONS).order_by("-at", "-pk")[
                :LIST_LENGTH
            ]
        ),
        lockouts=active_lockouts(now),
        audit_entries=list(AuditEntry.objects.order_by("-at", "-pk")[:QUEUE_LENGTH]),
    )


def dashboard_for(user, now=None) -> Dashboard:
    """The panels of `user`'s roles (a superuser sees all three)."""
    dashboard = Dashboard()
    if user.has_perm("news.add_article"):
        dashboard.editor = editor_panel(user)
    if user.has_perm(PUBLISH_PERMISSION):
        dashboard.publisher = publisher_panel(now)
    if is_site_admin(user):
        dashboard.site_admin = site_admin_panel(now)
    if user.has_perm(HANDLE_PERMISSION):
        dashboard.submissions = submissions_panel(user, now)
    return dashboard


def submissions_panel(user, now=None, limit=10) -> SubmissionsPanel:
    """Citizens' submissions waiting: new ones, those assigned to `user`, and those whose due
    date (feedback, in working days) is near or past."""
    today = timezone.localdate(now)
    waiting = Submission.objects.open_items().select_related("topic").order_by("received_at")
    soon = today + timedelta(days=settings.PARTICIPATION_DUE_SOON_DAYS)
    by_due = waiting.order_by("due_on", "received_at")
    return SubmissionsPanel(
        new=list(waiting.filter(status=Submission.Status.RECEIVED)[:limit]),
        mine=list(waiting.filter(handler=user)[:limit]),
        due_soon=list(by_due.filter(due_on__gte=today, due_on__lte=soon)[:limit]),
        overdue=list(by_due.filter(due_on__lt=today)[:limit]),
    )
