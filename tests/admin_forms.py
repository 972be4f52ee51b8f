"""POST data for the admin's article form, as the browser sends it."""


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(category, **overrides):
    data = {
        "title": "Đánh giá chỉ số hài lòng năm 2019",
        "slug": "",
        "category": str(category.pk),
        "summary": "Kết quả khảo sát sự hài lòng của người dân.",
        "body": "<p>Đoạn một.</p><script>alert(1)</script><p>Đoạn hai.</p>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        **inline_management("images", 0),
        **inline_management("related_links", 0),
        # Inlines that the documents app adds to the article admin.
        **inline_management("document_links", 0),
        **inline_management("attachments", 0),
    }
    data.update(overrides)
    return data


def article_change_form(article, **overrides):
    """The change form of `article` (one without photos or related links) as it stands."""
    current = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
    }
    return article_form(article.category, **{**current, **overrides})
