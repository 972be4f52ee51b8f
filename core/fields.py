from django import forms
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django_ckeditor_5.fields import CKEditor5Field

from .files import save_to_storage
from .images import IMAGE_ACCEPT, clean_image
from .sanitizer import sanitize_html, validate_uploaded_images
from .text import html_to_text, search_text


class RichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is sanitized on the way to the database.

    `pre_save` cleans the instance's value (so `save()`, the admin and imports store clean
    HTML and the instance shows what was stored); `get_prep_value` cleans values that bypass
    `pre_save`, such as `QuerySet.update()` and `bulk_create()`.
    """

    default_validators = [validate_uploaded_images]

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return sanitize_html(value) if value else value


class ImageUploadFormField(forms.FileField):
    """The form side of `CleanImageField`: the upload is judged by `core.images.clean_image`
    (only the JPEG, PNG, WebP and GIF readers ever parse it — Django's own `ImageField` form
    field would try every reader Pillow has), and errors are shown next to the field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", IMAGE_ACCEPT)

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            clean_image(file)
        return file


class CleanImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # FieldFile.save, with the write noted for clean-up should the surrounding save fail.
        name = self.field.generate_filename(self.instance, name)
        self.name = save_to_storage(self.storage, name, content, max_length=self.field.max_length)
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()

    save.alters_data = True


class CleanImageField(models.ImageField):
    """An image field that stores only re-encoded pixels (`core.images.clean_image`).

    A new upload is checked by decoding it and written again by Pillow before it reaches
    storage: EXIF and GPS data, comments and anything appended to the file are dropped. The
    write is noted (`core.files`) so that a save failing later deletes the file again.
    """

    attr_class = CleanImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = clean_image(file)
            file.save(f"image.{clean.extension}", ContentFile(clean.content), save=False)
        return file


class SearchTextField(models.TextField):
    """A folded copy of another field's text, for the site search (`core.search`): its words
    without diacritics or case, one space apart (`core.text.search_text`).

    `pre_save` computes it from `source` — a field, or a method returning text — (stripped of
    markup when `html`), so `save()`,
    `bulk_create()` and the admin keep it current; a model with such fields should inherit
    `SearchableModel`, which also keeps it current on `save(update_fields=[source, …])`.
    `QuerySet.update()` of the source skips it — call `save()` instead.
    """

    def __init__(self, *args, source: str, html: bool = False, **kwargs):
        self.source, self.html = source, html
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"], kwargs["html"] = self.source, self.html
        for key, value in {"editable": False, "blank": True, "default": ""}.items():
            if kwargs.get(key, value) == value:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def folded(self, model_instance) -> str:
        value = getattr(model_instance, self.source)
        value = (value() if callable(value) else value) or ""  # a field, or a method
        return search_text(html_to_text(value) if self.html else value)

    def pre_save(self, model_instance, add):
        value = self.folded(model_instance)
        setattr(model_instance, self.attname, value)
        return value


class SearchableModel(models.Model):
    """Keeps a model's `SearchTextField`s current when it is saved with `update_fields`."""

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            named = set(update_fields)
            named |= {
                field.name
                for field in self._meta.concrete_fields
                if isinstance(field, SearchTextField)
                # A method source may read anything: refreshed on every save.
                and (field.source in named or callable(getattr(self, field.source)))
            }
            update_fields = named
        super().save(*args, update_fields=update_fields, **kwargs)
