from django_ckeditor_5.fields import CKEditor5Field

from .sanitizer import sanitize_html, validate_uploaded_images


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
