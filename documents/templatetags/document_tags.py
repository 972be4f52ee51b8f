from django import template

from documents.models import ArticleAttachment, Document

register = template.Library()


@register.inclusion_tag("documents/includes/article_documents.html")
def article_documents(article):
    """An article's "Văn bản liên quan" (published documents, in the editor's order) and its
    attachments with their preview, in two queries."""
    related = (
        Document.objects.published()
        .filter(article_links__article=article)
        .order_by("article_links__order", "article_links__pk")
    )
    return {
        "related_documents": list(related),
        "attachments": list(ArticleAttachment.objects.filter(article=article)),
    }
