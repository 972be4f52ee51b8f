from django.utils.functional import SimpleLazyObject

from core import pagecache

from .models import Category


def menu_categories(request):
    # Lazy: pages that do not draw the menu (the admin, JSON answers) pay no query; and cached
    # until content changes, so the pages that do draw it pay none either once one has.
    return {
        "menu_categories": SimpleLazyObject(
            lambda: pagecache.remember("menu-categories", lambda: list(Category.objects.menu()))
        )
    }
