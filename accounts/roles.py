"""The three staff roles: Django groups with exactly these permissions.

The groups are created by a data migration (accounts/migrations/0001_roles.py) and their
permissions are put back to exactly this list after every `migrate` (a post_migrate handler in
accounts/apps.py), so a permission added here, or by a new app named in `app_labels`, reaches the
role without further code.
"""

from dataclasses import dataclass

EDITOR = "Biên tập viên"
PUBLISHER = "Người duyệt tin"
SITE_ADMIN = "Quản trị viên"
# Receives, assigns and answers citizens' submissions; the only role seeing their personal data.
HANDLER = "Cán bộ tiếp nhận ý kiến"


@dataclass(frozen=True)
class Role:
    name: str
    permissions: tuple[str, ...] = ()
    # Every permission of these apps, whatever their models (for apps that come later).
    app_labels: tuple[str, ...] = ()


def _crud(app_label: str, model: str, actions=("add", "change", "delete", "view")) -> tuple:
    return tuple(f"{app_label}.{action}_{model}" for action in actions)


EDITOR_PERMISSIONS = (
    *_crud("news", "article"),
    *_crud("news", "articleimage"),
    *_crud("news", "relatedarticle"),
    "news.view_category",
    # Legal documents: editors draft them (publishing needs documents.publish_document).
    *_crud("documents", "document"),
    *_crud("documents", "documentfile"),
    *_crud("documents", "articledocument"),
    *_crud("documents", "articleattachment"),
    "documents.view_documenttype",
    "documents.view_issuer",
    "documents.view_field",
    # Topics and tags: editors put their articles and documents in topics and type tags (a
    # new word makes a tag); publishers and site administrators edit topics and tags.
    "topics.view_topic",
    "topics.view_tag",
)

ROLES = {
    EDITOR: Role(EDITOR, EDITOR_PERMISSIONS),
    PUBLISHER: Role(
        PUBLISHER,
        (
            *EDITOR_PERMISSIONS,
            "news.publish_article",
            *_crud("news", "category"),
            "audit.view_auditentry",
        ),
        app_labels=("indices", "documents", "topics", "organisation"),
    ),
    HANDLER: Role(
        HANDLER,
        ("indices.view_unit", "documents.view_document"),
        app_labels=("participation",),
    ),
    SITE_ADMIN: Role(
        SITE_ADMIN,
        (
            *_crud("auth", "user", actions=("add", "change", "view")),
            *_crud("core", "sitesettings", actions=("change", "view")),
            *_crud("core", "agencylink"),
            *_crud("core", "englishpage", actions=("change", "view")),
            *_crud("topics", "topic"),
            *_crud("topics", "tag"),
            "audit.view_auditentry",
            *_crud("axes", "accessattempt", actions=("view", "delete")),
            *_crud("axes", "accesslog", actions=("view",)),
            *_crud("axes", "accessfailurelog", actions=("view", "delete")),
        ),
        # "Giới thiệu": the organisation, its people and contacts, and the English page's.
        app_labels=("organisation",),
    ),
}
ROLE_NAMES = tuple(ROLES)


def role_permissions(role: Role, permission_model):
    """The Permission rows `role` should have (those that exist in this database)."""
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for dotted in role.permissions:
        app_label, codename = dotted.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    if role.app_labels:
        wanted |= Q(content_type__app_label__in=role.app_labels)
    return permission_model.objects.filter(wanted)


def sync_roles(apps=None) -> None:
    """Create the role groups if missing and give each exactly its permissions.

    `apps` is the historical app registry in a migration, the real one otherwise.
    """
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in ROLES.values():
        group, _ = group_model.objects.get_or_create(name=role.name)
        group.permissions.set(role_permissions(role, permission_model))


def role_of(user) -> str | None:
    """The name of `user`'s role, or None (uses a prefetch of `groups` when there is one)."""
    names = [group.name for group in user.groups.all() if group.name in ROLES]
    return names[0] if names else None


def is_site_admin(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=SITE_ADMIN).exists()
    )
