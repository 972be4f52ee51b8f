from django import template

from topics.models import Topic

register = template.Library()

# On an article's page: at most this many topics, each with this many other items.
THREADS_SHOWN = 3
THREAD_ITEMS_SHOWN = 5


@register.inclusion_tag("topics/includes/article_topics.html")
def article_topics(article):
    """An article's tags and, for each of its topics, "Cùng dòng sự kiện": the topic's other
    public articles and documents, newest first. One query (the tags are prefetched with the
    article), and four per topic."""
    tags = sorted(article.tags.all(), key=lambda tag: tag.name)  # prefetched by the view
    threads = []
    for topic in Topic.objects.filter(articles=article)[:THREADS_SHOWN]:
        listing = topic.listing()
        keys = [
            key
            for key in listing.keys(limit=THREAD_ITEMS_SHOWN + 2)
            if not (key[1] == "article" and key[2] == article.pk)
        ]
        items = listing.items(keys[:THREAD_ITEMS_SHOWN], with_images=False)
        if items:
            threads.append({"topic": topic, "items": items, "more": len(keys) > THREAD_ITEMS_SHOWN})
    return {"tags": tags, "threads": threads}
