"""Who runs administrative reform in the province and how to reach them (Decree 42/2022/NĐ-CP
puts a state portal's organisation, functions, leaders and contacts first).

The records here are the one source of the Vietnamese "Giới thiệu" pages and of the English
page (`/en/`): English names and titles are optional fields on the same rows, falling back to
the Vietnamese ones. The units are the reform indices' units (`indices.Unit`): this app adds
their contact details and people, and reads their merges and results from there — the
dependency goes one way, organisation → indices.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import CleanImageField, RichTextField, SearchableModel, SearchTextField
from core.images import generated_image_path, validate_image_file
from core.models import ContentManagedModel
from indices.models import Unit


class AboutPage(ContentManagedModel, SearchableModel):
    """The one "Giới thiệu" page: the office's functions and duties, and which unit it is."""

    title = models.CharField(_("title"), max_length=200, default="Giới thiệu")
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences, shown under the title and by search engines."),
    )
    functions = RichTextField(_("functions and duties"), blank=True)
    agency = models.ForeignKey(
        Unit,
        verbose_name=_("agency running the portal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The unit that runs administrative reform and this portal (the Department of Home "
            "Affairs): its leaders and contacts head the page and the English page."
        ),
    )
    search_title = SearchTextField(source="title")
    search_summary = SearchTextField(source="summary")
    search_functions = SearchTextField(source="functions", html=True)

    class Meta:
        verbose_name = _("About page")
        verbose_name_plural = _("About page")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("about:index")

    @classmethod
    def load(cls) -> "AboutPage":
        """The page's record, or an unsaved one with the defaults: a visit never writes (a
        write would drop every cached page)."""
        return cls.objects.select_related("agency").order_by("pk").first() or cls()

    @classmethod
    def load_or_create(cls) -> "AboutPage":
        """The page's record, created with defaults if there is none (for the admin)."""
        return cls.objects.order_by("pk").first() or cls.objects.create()


class DivisionQuerySet(models.QuerySet):
    def tree(self) -> list["Division"]:
        """The chart's roots in order, each with `children_list` (and theirs) filled: one
        query, whatever the depth."""
        nodes = list(self.select_related("unit").order_by("order", "name"))
        by_parent: dict[int | None, list[Division]] = {}
        for node in nodes:
            node.children_list = []
            by_parent.setdefault(node.parent_id, []).append(node)
        for node in nodes:
            node.children_list = by_parent.get(node.pk, [])
        return by_parent.get(None, [])


class Division(ContentManagedModel):
    """A box of the organisation chart: a body, a board or a division, under its parent."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_('A few words under the name, e.g. "standing body of the reform".'),
    )
    note_en = models.CharField(_("note in English"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Empty for the top of the chart."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The assessed unit this box stands for, if any: the page links to it."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("box of the organisation chart")
        verbose_name_plural = _("organisation chart")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("about:index") + "#so-do"

    @property
    def english_name(self) -> str:
        return self.name_en or self.name

    def clean(self):
        # No box may end up under itself (a loop would have no top and never be drawn).
        seen = {self.pk} if self.pk else set()
        parent = self.parent
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": _("A box cannot be placed under itself.")})
            seen.add(parent.pk)
            parent = parent.parent


class UnitOffice(ContentManagedModel):
    """Where and how to reach a unit's office: public work contacts."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="office"
    )
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_en = models.CharField(_("address in English"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(
        _("website"),
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )

    class Meta:
        verbose_name = _("unit contact details")
        verbose_name_plural = _("units' contact details")
        ordering = ["unit__kind", "unit__order", "unit__name"]

    def __str__(self):
        return str(self.unit)

    def get_absolute_url(self):
        return reverse("about:unit", kwargs={"slug": self.unit.slug})

    @property
    def english_name(self) -> str:
        return self.name_en or self.unit.name


def person_photo_upload_to(instance, filename):
    return generated_image_path("people", filename, file=instance.photo.file)


class PersonQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_shown=True)

    def leaders(self):
        return self.shown().filter(kind=Person.Kind.LEADER)

    def contacts(self):
        return self.shown().filter(kind=Person.Kind.CONTACT)


class Person(ContentManagedModel, SearchableModel):
    """A leader or contact person with their work contacts (public information; nothing
    private is kept: no home address, no personal phone)."""

    class Kind(models.TextChoices):
        LEADER = "leader", _("Leader")
        CONTACT = "contact", _("Contact person")
        MEMBER = "member", _("Committee member only")

    name = models.CharField(_("full name"), max_length=120)
    title = models.CharField(
        _("title"), max_length=200, help_text=_('Position, e.g. "Director of the Department".')
    )
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONTACT)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    workplace = models.CharField(
        _("workplace"),
        max_length=200,
        blank=True,
        help_text=_(
            "For someone outside the assessed units, e.g. the provincial People's Committee."
        ),
    )
    workplace_en = models.CharField(_("workplace in English"), max_length=200, blank=True)
    office_phone = models.CharField(
        _("office phone"), max_length=50, blank=True, help_text=_("Work number only.")
    )
    email = models.EmailField(_("work email"), blank=True)
    photo = CleanImageField(
        _("photo"),
        upload_to=person_photo_upload_to,
        validators=[validate_image_file],
        blank=True,
        help_text=_("Optional. JPEG, PNG or WebP, at most 10 MB; a portrait, about 400 px wide."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_shown = models.BooleanField(_("shown"), default=True)
    search_name = SearchTextField(source="name")
    search_title = SearchTextField(source="title")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("leaders and contact persons")
        ordering = ["order", "name"]
        indexes = [models.Index(fields=["unit", "kind", "order"], name="person_unit_kind_idx")]

    def __str__(self):
        return f"{self.name} ({self.title})"

    def get_absolute_url(self):
        if self.unit_id:
            return reverse("about:unit", kwargs={"slug": self.unit.slug}) + f"#nguoi-{self.pk}"
        return reverse("about:index") + f"#nguoi-{self.pk}"

    @property
    def workplace_name(self) -> str:
        return self.unit.name if self.unit_id else self.workplace

    @property
    def workplace_name_en(self) -> str:
        """The workplace in English (fetch `unit__office` with the person to save queries)."""
        if self.unit_id:
            office = office_of(self.unit)
            return office.english_name if office else self.unit.name
        return self.workplace_en or self.workplace

    @property
    def english_title(self) -> str:
        return self.title_en or self.title


def office_of(unit) -> UnitOffice | None:
    """The unit's contact details, or None when it has none."""
    try:
        return unit.office
    except UnitOffice.DoesNotExist:
        return None


def people_in_order() -> Prefetch:
    return Prefetch("people", queryset=Person.objects.shown().order_by("kind", "order", "name"))


class Committee(ContentManagedModel):
    """A steering body such as the province's Steering Committee for administrative reform
    (Ban Chỉ đạo CCHC tỉnh), with its members in order."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description = RichTextField(
        _("description"),
        blank=True,
        help_text=_("What it does and the decision that set it up."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("about:index") + f"#ban-{self.pk}"

    @property
    def english_name(self) -> str:
        return self.name_en or self.name


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head")
        STANDING_DEPUTY = "standing_deputy", _("Standing deputy head")
        DEPUTY = "deputy", _("Deputy head")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    # English labels for the English page (the UI labels are translated to Vietnamese).
    ROLE_ENGLISH = {
        Role.HEAD: "Head",
        Role.STANDING_DEPUTY: "Standing deputy head",
        Role.DEPUTY: "Deputy head",
        Role.MEMBER: "Member",
        Role.SECRETARY: "Secretary",
    }

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="committee_member_once")
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person.name}"

    @property
    def role_en(self) -> str:
        return self.ROLE_ENGLISH.get(self.role, self.role)


def committees_with_members():
    """Every committee with its members in order, each with its person and their unit."""
    members = CommitteeMember.objects.select_related("person__unit__office").order_by("order", "pk")
    return Committee.objects.prefetch_related(Prefetch("members", queryset=members))


def units_with_contacts():
    """Every unit with its office, its successor and its shown people, by kind and order."""
    return (
        Unit.objects.select_related("office", "successor")
        .prefetch_related(people_in_order())
        .order_by("kind", "order", "name")
    )
