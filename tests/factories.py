"""factory_boy factories for the portal's models."""

import io
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from indices.models import (
    Component,
    ComponentResult,
    GradeThresholds,
    Index,
    ProvinceResult,
    Unit,
    UnitResult,
)
from news.models import Article, ArticleImage, Category, RelatedArticle


def image_bytes(image_format: str = "PNG", size=(64, 48), color=(180, 20, 27)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def uploaded_image(name: str = "anh.png", image_format: str = "PNG", **kwargs):
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, image_bytes(image_format, **kwargs), content_type=content_type)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@laichau.gov.vn")
    password = factory.django.Password("mat-khau-thu-nghiem-2019")


class StaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        """`StaffFactory(permissions=["news.change_article", ...])`."""
        from django.contrib.auth.models import Permission

        if not create or not extracted:
            return
        for dotted in extracted:
            app_label, codename = dotted.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        """`StaffFactory(role=EDITOR)`: a member of that role's group (made by the migration)."""
        from django.contrib.auth.models import Group

        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    show_in_menu = True


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Tin cải cách hành chính số {n}")
    category = factory.SubFactory(CategoryFactory)
    summary = "Tóm tắt bài viết về cải cách hành chính."
    body = "<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    image = factory.LazyFunction(lambda: uploaded_image("anh.png"))
    alt_text = "Toàn cảnh hội nghị"
    caption = factory.Sequence(lambda n: f"Chú thích ảnh {n}")
    order = factory.Sequence(lambda n: n)


class RelatedArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedArticle

    from_article = factory.SubFactory(ArticleFactory)
    to_article = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(lambda n: n)


# ----------------------------------------------------------------------------------------------
# Indices


class IndexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Index
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"INDEX_{n}")
    name = factory.LazyAttribute(lambda index: f"Chỉ số {index.code}")
    abbreviation = factory.LazyAttribute(lambda index: index.code.replace("_", " "))
    maximum_score = Decimal("100")
    order = factory.Sequence(lambda n: n)


class ComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Component

    index = factory.SubFactory(IndexFactory)
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    maximum_score = Decimal("10")
    order = factory.Sequence(lambda n: n)


class ProvinceResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProvinceResult

    index = factory.SubFactory(IndexFactory)
    year = 2018
    score = Decimal("72.23")
    rank = 58


class ComponentResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComponentResult

    province_result = factory.SubFactory(ProvinceResultFactory)
    component = factory.SubFactory(
        ComponentFactory, index=factory.SelfAttribute("..province_result.index")
    )
    score = Decimal("5.5")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    kind = Unit.Kind.DEPARTMENT
    order = factory.Sequence(lambda n: n)


class UnitResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitResult

    unit = factory.SubFactory(UnitFactory)
    year = 2018
    score = Decimal("80.00")


class GradeThresholdsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradeThresholds
        django_get_or_create = ["year"]

    year = 2015
    good_from = Decimal("80")
    fair_from = Decimal("70")
    average_from = Decimal("50")
