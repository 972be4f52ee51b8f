"""Django's own messages that Django's Vietnamese catalogs leave untranslated.

Staff and readers meet these validation messages in the admin and in public forms, but
Django's `vi` catalog has no translation for them. `makemessages` only extracts strings from
this project's code, so they are listed here, marked with `gettext_noop` (which translates
nothing), so that they stay in `locale/vi/LC_MESSAGES/django.po`. Our catalog, being in
`LOCALE_PATHS`, takes precedence over Django's.

Each msgid must match Django's source text exactly; nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_MESSAGES = [
    # django.core.validators.ProhibitNullCharactersValidator: every form CharField.
    gettext_noop("Null characters are not allowed."),
    # django.core.validators.validate_slug: the slug fields in the admin.
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    # django.core.validators.FileExtensionValidator: form ImageFields (article photos).
    gettext_noop(
        "File extension “%(extension)s” is not allowed. "
        "Allowed extensions are: %(allowed_extensions)s."
    ),
    # django.forms.utils.from_current_timezone: admin date-time fields (publication time).
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be "
        "ambiguous or it may not exist."
    ),
    # django.db.models.BaseConstraint: model constraints checked by model validation.
    gettext_noop("Constraint “%(name)s” is violated."),
    # django.contrib.auth.password_validation.MinimumLengthValidator: the admin's user forms.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    # django.contrib.admin templates: the change list's filter and the page chrome (some of
    # them read aloud by screen readers).
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Error:"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
]

# django-import-export (the spreadsheet import and export of index results) ships no Vietnamese
# catalog; these are the words of its pages and buttons that staff meet. Our own import page
# (templates/admin/indices/import.html) is translated in full.
IMPORT_EXPORT_MESSAGES = [
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("Format"),
    gettext_noop("Resource"),
    gettext_noop("Submit"),
    gettext_noop("Select all"),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("Export selected %(verbose_name_plural)s"),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items.", "len"),
]
