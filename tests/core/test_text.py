"""Vietnamese slugs: readable ASCII addresses, unique, and stable once an article is public."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from core.text import unique_slug, vietnamese_slugify
from news.models import Article, Category
from tests.factories import ArticleFactory, CategoryFactory

# Each Vietnamese vowel with its six tones (none, huyền, sắc, hỏi, ngã, nặng).
VOWELS_WITH_TONES = {
    "a": "aàáảãạ",
    "ă": "ăằắẳẵặ",
    "â": "âầấẩẫậ",
    "e": "eèéẻẽẹ",
    "ê": "êềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọ",
    "ô": "ôồốổỗộ",
    "ơ": "ơờớởỡợ",
    "u": "uùúủũụ",
    "ư": "ưừứửữự",
    "y": "yỳýỷỹỵ",
}
BASE_LETTER = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hội nghị trực tuyến phân tích chỉ số", "hoi-nghi-truc-tuyen-phan-tich-chi-so"),
        ("Đường Điện Biên", "duong-dien-bien"),
        ("đổi mới ĐỒNG BỘ", "doi-moi-dong-bo"),
        (
            "Chỉ số PAR INDEX 2018: Lai Châu xếp thứ 42/63",
            "chi-so-par-index-2018-lai-chau-xep-thu-4263",
        ),
        ("  Cải cách   hành chính — năm 2019!  ", "cai-cach-hanh-chinh-nam-2019"),
        ("Ứng dụng CNTT, dịch vụ công mức độ 3 & 4", "ung-dung-cntt-dich-vu-cong-muc-do-3-4"),
        ("Người dân, tổ chức hài lòng", "nguoi-dan-to-chuc-hai-long"),
    ],
)
def test_vietnamese_titles_become_ascii_slugs(title, slug):
    assert vietnamese_slugify(title) == slug


@pytest.mark.parametrize(("base", "forms"), VOWELS_WITH_TONES.items())
def test_every_tone_mark_is_removed_in_both_cases(base, forms):
    plain = BASE_LETTER.get(base, base)
    for letter in forms:
        assert vietnamese_slugify(letter) == plain, letter
        assert vietnamese_slugify(letter.upper()) == plain, letter.upper()


def test_decomposed_input_gives_the_same_slug():
    title = "Hội nghị trực tuyến về Đề án 30"
    decomposed = unicodedata.normalize("NFD", title)
    assert decomposed != title
    assert (
        vietnamese_slugify(decomposed)
        == vietnamese_slugify(title)
        == "hoi-nghi-truc-tuyen-ve-de-an-30"
    )


@pytest.mark.parametrize("letter", ["đ", "Đ"])
def test_d_with_stroke_becomes_d(letter):
    assert vietnamese_slugify(f"{letter}ạt") == "dat"


@pytest.mark.parametrize("title", ["!!!", "— … —", "?", "“”", "   "])
def test_a_title_without_letters_gives_an_empty_slug(title):
    assert vietnamese_slugify(title) == ""


def test_slug_is_cut_to_max_length_without_a_trailing_hyphen():
    slug = vietnamese_slugify("Hội nghị trực tuyến phân tích", max_length=9)
    assert slug == "hoi-nghi"  # "hoi-nghi-" cut at 9, trailing hyphen dropped


def test_article_slug_is_made_from_the_title(db):
    article = ArticleFactory(title="Hội nghị trực tuyến phân tích chỉ số")
    assert article.slug == "hoi-nghi-truc-tuyen-phan-tich-chi-so"
    assert article.get_absolute_url().endswith("/hoi-nghi-truc-tuyen-phan-tich-chi-so/")


def test_colliding_titles_get_numbered_slugs(db):
    slugs = [ArticleFactory(title="Hội nghị giao ban quý III").slug for _ in range(4)]
    assert slugs == [
        "hoi-nghi-giao-ban-quy-iii",
        "hoi-nghi-giao-ban-quy-iii-2",
        "hoi-nghi-giao-ban-quy-iii-3",
        "hoi-nghi-giao-ban-quy-iii-4",
    ]


def test_a_longer_slug_sharing_the_prefix_does_not_count_as_a_collision(db):
    ArticleFactory(title="Hội nghị 2")  # slug "hoi-nghi-2"
    assert ArticleFactory(title="Hội nghị").slug == "hoi-nghi"
    assert ArticleFactory(title="Hội nghị").slug == "hoi-nghi-3"


def test_unique_slug_does_not_collide_with_the_instance_itself(db):
    article = ArticleFactory(title="Hội nghị sơ kết")
    assert unique_slug(article, article.title) == "hoi-nghi-so-ket"
    assert unique_slug(Article(), article.title) == "hoi-nghi-so-ket-2"


def test_colliding_category_names_get_numbered_slugs(db):
    first = CategoryFactory(name="Tin tức - Sự kiện")
    second = CategoryFactory(name="Tin tức – sự kiện")
    assert (first.slug, second.slug) == ("tin-tuc-su-kien", "tin-tuc-su-kien-2")


def test_punctuation_only_titles_still_get_unique_non_empty_slugs(db):
    first = ArticleFactory(title="???")
    second = ArticleFactory(title="!!!")
    category = CategoryFactory(name="***")

    assert first.slug
    assert second.slug
    assert first.slug != second.slug
    assert category.slug
    # The slugs are usable in URLs.
    assert first.get_absolute_url() != second.get_absolute_url()
    assert category.get_absolute_url().endswith(f"/{category.slug}/")


def test_slug_of_a_very_long_title_fits_with_its_suffix(db):
    title = "Hội nghị trực tuyến phân tích chỉ số cải cách hành chính " * 6
    first = ArticleFactory(title=title[:300])
    second = ArticleFactory(title=title[:300])

    max_length = Article._meta.get_field("slug").max_length
    assert len(first.slug) <= max_length
    assert len(second.slug) <= max_length
    assert second.slug == f"{first.slug}-2"
    assert Article.objects.filter(slug=second.slug).exists()


def test_explicit_slug_is_kept(db):
    article = ArticleFactory(title="Hội nghị", slug="hoi-nghi-tong-ket-2019")
    assert article.slug == "hoi-nghi-tong-ket-2019"


def test_editing_the_title_of_a_published_article_keeps_its_slug(db):
    article = ArticleFactory(title="Hội nghị trực tuyến phân tích chỉ số")

    article.title = "Hội nghị trực tuyến phân tích chỉ số PAR INDEX năm 2018"
    article.full_clean()
    article.save()

    article.refresh_from_db()
    assert article.slug == "hoi-nghi-truc-tuyen-phan-tich-chi-so"


def test_clean_refuses_a_new_slug_for_a_published_article(db):
    article = ArticleFactory(title="Hội nghị trực tuyến")

    article.slug = "duong-dan-moi"
    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert list(error.value.message_dict) == ["slug"]
    assert Article.objects.get(pk=article.pk).slug == "hoi-nghi-truc-tuyen"


def test_clean_refuses_clearing_the_slug_of_a_published_article(db):
    # A blank slug is regenerated by save() from the (possibly edited) title, so clearing it
    # changes the address of a published article just as much as typing a new one.
    article = ArticleFactory(title="Hội nghị trực tuyến")

    article.title = "Tiêu đề đã sửa"
    article.slug = ""
    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "slug" in error.value.message_dict


def test_clean_allows_changing_the_slug_of_a_draft(db):
    article = ArticleFactory(title="Bản nháp", draft=True)

    article.slug = "ban-nhap-da-sua"
    article.full_clean()
    article.save()

    assert Article.objects.get(pk=article.pk).slug == "ban-nhap-da-sua"


def test_clean_accepts_an_unchanged_slug_of_a_published_article(db):
    article = ArticleFactory(title="Hội nghị trực tuyến")
    article.summary = "Tóm tắt mới"
    article.full_clean()  # must not raise


def test_category_slug_is_kept_when_the_name_changes(db):
    category = CategoryFactory(name="Tin tức")
    category.name = "Tin tức - Sự kiện"
    category.save()
    assert Category.objects.get(pk=category.pk).slug == "tin-tuc"
