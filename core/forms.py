from core.text import unique_slug, vietnamese_slugify


class PrefilledSlugFormMixin:
    """For admin forms whose slug the browser prefills from another field (`slug_source`).

    When that prefilled slug is already taken, the next free one (-2, -3, …) is used instead of
    refusing the form: the editor did not choose it. A slug typed by hand that is taken is
    still reported on the slug field.
    """

    slug_source = "title"

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        source = self.cleaned_data.get(self.slug_source, "")
        model = self._meta.model
        max_length = model._meta.get_field("slug").max_length
        if not slug or not source or slug != vietnamese_slugify(source, max_length=max_length):
            return slug
        others = model._default_manager.exclude(pk=self.instance.pk)
        if others.filter(slug=slug).exists():
            return unique_slug(self.instance, source)
        return slug
