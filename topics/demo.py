"""Demo topics and tags (`manage.py load_demo`): the yearly announcements of the reform index
with the decisions that published them, the yearly reform plans, and the PAPI results; tags
on the demo articles and documents. Written for the demo; facts from the seed brief."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.demo import Tally, sync_row
from documents.models import Document
from news.models import Article

from .models import Tag, Topic

INDEX_TOPIC_SLUG = "cong-bo-chi-so-cai-cach-hanh-chinh-hang-nam"


@dataclass(frozen=True)
class DemoTopic:
    slug: str
    title: str
    summary: str
    order: int
    articles: tuple[str, ...]  # article slugs
    documents: tuple[str, ...]  # document numbers


TOPICS = (
    DemoTopic(
        INDEX_TOPIC_SLUG,
        "Công bố Chỉ số cải cách hành chính hằng năm",
        "Mỗi năm, Bộ Nội vụ công bố Chỉ số cải cách hành chính (PAR INDEX) của các tỉnh, và "
        "tỉnh công bố chỉ số của các sở, ban, ngành và các huyện, thành phố. Dòng sự kiện này "
        "gom các tin công bố kết quả qua từng năm cùng các quyết định công bố và bộ tiêu chí "
        "đánh giá.",
        1,
        (
            "hoi-nghi-truc-tuyen-phan-tich-cac-chi-so-cchc-nam-2018",
            "cong-bo-chi-so-cai-cach-hanh-chinh-nam-2020-cua-cac-co-quan-don-vi",
            "chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24",
        ),
        ("1154/QĐ-BNV", "780/QĐ-UBND", "312/QĐ-UBND", "455/QĐ-UBND"),
    ),
    DemoTopic(
        "ke-hoach-cai-cach-hanh-chinh-hang-nam",
        "Kế hoạch cải cách hành chính hằng năm",
        "Kế hoạch cải cách hành chính của tỉnh qua các năm và các báo cáo, hội nghị tổng kết "
        "việc thực hiện kế hoạch.",
        2,
        (
            "ke-hoach-cai-cach-hanh-chinh-nam-2023",
            "nganh-noi-vu-tong-ket-cong-tac-nam-2022-trien-khai-nhiem-vu-nam-2023",
            "ban-chi-dao-cai-cach-hanh-chinh-tinh-hop-phien-quy-iii-nam-2019",
        ),
        ("2095/KH-UBND", "3400/KH-UBND"),
    ),
    DemoTopic(
        "chi-so-papi-cua-tinh",
        "Chỉ số PAPI của tỉnh",
        "Kết quả Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) của Lai Châu qua "
        "các năm và chỉ đạo của tỉnh để nâng cao chỉ số.",
        3,
        ("lai-chau-tang-37-bac-chi-so-papi-nam-2018", "chi-so-papi-va-pci-nam-2022-cua-tinh"),
        ("05/CT-UBND",),
    ),
)

# Tags typed on the demo articles and documents (slug or number → words).
ARTICLE_TAGS = {
    "hoi-nghi-truc-tuyen-phan-tich-cac-chi-so-cchc-nam-2018": ("PAR INDEX", "SIPAS", "PAPI"),
    "cong-bo-chi-so-cai-cach-hanh-chinh-nam-2020-cua-cac-co-quan-don-vi": ("PAR INDEX",),
    "chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24": ("PAR INDEX", "cải cách"),
    "lai-chau-tang-37-bac-chi-so-papi-nam-2018": ("PAPI",),
    "chi-so-papi-va-pci-nam-2022-cua-tinh": ("PAPI", "PCI"),
    "day-manh-cung-cap-dich-vu-cong-truc-tuyen-muc-do-3-4": ("dịch vụ công trực tuyến",),
    "ket-qua-thuc-hien-co-che-mot-cua-mot-cua-lien-thong-nam-2020": ("một cửa",),
    "ke-hoach-chuyen-doi-so-trong-co-quan-nha-nuoc-nam-2022": (
        "chuyển đổi số",
        "dịch vụ công trực tuyến",
    ),
    "ke-hoach-cai-cach-hanh-chinh-nam-2023": ("cải cách", "kế hoạch"),
    "ke-hoach-do-luong-su-hai-long-cua-nguoi-dan-nam-2019": ("SIPAS",),
}
DOCUMENT_TAGS = {
    "780/QĐ-UBND": ("PAR INDEX",),
    "1154/QĐ-BNV": ("PAR INDEX",),
    "05/CT-UBND": ("PAR INDEX", "SIPAS", "PAPI"),
    "2095/KH-UBND": ("cải cách", "kế hoạch"),
    "3400/KH-UBND": ("cải cách", "kế hoạch"),
    "60/KH-SNV": ("SIPAS",),
}


def _tag(word: str, tally: Tally) -> Tag:
    tag = Tag.for_word(word)
    if tag.pk is None:
        tag.save()
        tally.created += 1
    else:
        tally.unchanged += 1
    return tag


def _set(relation, wanted: set[int], tally: Tally) -> None:
    if set(relation.values_list("pk", flat=True)) != wanted:
        relation.set(wanted)
        tally.updated += 1


def load() -> dict[str, Tally]:
    topics, tags, links = Tally(), Tally(), Tally()
    articles = {a.slug: a for a in Article.objects.all()}
    documents = {d.number: d for d in Document.objects.all()}
    for demo in TOPICS:
        topic = sync_row(
            Topic,
            lookup={"slug": demo.slug},
            values={"title": demo.title, "summary": demo.summary, "order": demo.order},
            tally=topics,
        )
        wanted_articles = {articles[slug].pk for slug in demo.articles if slug in articles}
        wanted_documents = {documents[n].pk for n in demo.documents if n in documents}
        _set(topic.articles, wanted_articles, links)
        _set(topic.documents, wanted_documents, links)
    words = {word for group in (*ARTICLE_TAGS.values(), *DOCUMENT_TAGS.values()) for word in group}
    by_word = {word: _tag(word, tags) for word in sorted(words)}
    for slug, group in ARTICLE_TAGS.items():
        if slug in articles:
            _set(articles[slug].tags, {by_word[word].pk for word in group}, links)
    for number, group in DOCUMENT_TAGS.items():
        if number in documents:
            _set(documents[number].tags, {by_word[word].pk for word in group}, links)
    return {
        pgettext("story", "Topics"): topics,
        _("Tags"): tags,
        _("Topic and tag links changed"): links,
    }
