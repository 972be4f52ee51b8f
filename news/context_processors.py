from django.utils.functional import SimpleLazyObject

from .models import Category


def menu_categories(request):
    # Lazy: pages that do not draw the menu (the admin, JSON answers) pay no query.
    return {"menu_categories": SimpleLazyObject(lambda: list(Category.objects.menu()))}
