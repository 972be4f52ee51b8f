from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

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


# ----------------------------------------------------------------------------------------------
# Free words with autocomplete (tags): the admin's select2 autocomplete, where a word not yet
# known is typed and kept.

NEW_WORD_PREFIX = "new:"


class FreeWordsWidget(AutocompleteSelectMultiple):
    """Django's autocomplete (select2 over the admin's autocomplete view) that also takes new
    words: `free_words.js` sends each new one as "new:<word>", so a number typed as a word is
    never read as the id of an existing one."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        # Not "admin-autocomplete": Django's script would set it up without new words.
        attrs["class"] = attrs["class"].replace("admin-autocomplete", "admin-free-words")
        return attrs

    def optgroups(self, name, value, attr=None):
        """The chosen entries: known ones by id (Django's), then the new words as typed (the
        form shown again after an error)."""
        known = [v for v in value if str(v).isdecimal()]
        groups = super().optgroups(name, known, attr)
        options = groups[0][1]
        for word in value:
            if str(word).startswith(NEW_WORD_PREFIX):
                label = str(word)[len(NEW_WORD_PREFIX) :]
                options.append(self.create_option(name, word, label, True, len(options)))
        return groups

    @property
    def media(self):
        # Deferred: it runs after jQuery and select2, wherever the merge of the form's media
        # puts it.
        return super().media + forms.Media(js=[forms.Script("admin/js/free_words.js", defer=True)])


class FreeWordsField(forms.ModelMultipleChoiceField):
    """Entries chosen by id, or typed as new words ("new:<word>", or any value that is not an
    id). A word is looked up by the model's `for_word(word)` (which finds the entry the word
    names, however typed, or gives an unsaved one); unsaved entries are saved with the form
    (`FreeWordsAdminMixin`)."""

    def clean(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not value:
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        ids, words = [], []
        for item in value:
            item = str(item).replace("\x00", "").strip()
            if item.startswith(NEW_WORD_PREFIX):
                words.append(item[len(NEW_WORD_PREFIX) :])
            elif item.isdecimal():
                ids.append(item)
            elif item:
                words.append(item)
        chosen = list(super().clean(ids)) if ids else []
        model = self.queryset.model
        for word in words:
            entry = model.for_word(word)  # raises ValidationError for a word with no letter
            if entry.pk is None and any(e.pk is None and e.slug == entry.slug for e in chosen):
                continue
            if entry.pk is None or entry.pk not in {e.pk for e in chosen}:
                chosen.append(entry)
        self.run_validators(chosen)
        return chosen

    def has_changed(self, initial, data):
        return super().has_changed(initial, [d for d in (data or []) if str(d).isdecimal()]) or any(
            not str(d).isdecimal() for d in (data or [])
        )
