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

# Third-party apps' model names in the admin (their apps' own names are set in accounts/apps.py).
# django-axes marks them for translation but ships no Vietnamese catalog; Django 5.x's admin
# index adds table headers for screen readers that Django's `vi` catalog leaves in English.
ADMIN_NAME_MESSAGES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    # django.contrib.sessions: Django's `vi` catalog leaves the app's name in English.
    gettext_noop("Sessions"),
    # django-reversion's app and models, named in the permission lists of the role pages.
    gettext_noop("Reversion"),
    gettext_noop("revision"),
    gettext_noop("revisions"),
    gettext_noop("version"),
    gettext_noop("versions"),
    # django-axes' columns, filters and actions on those pages.
    gettext_noop("Username"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Path"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Access lock out"),
    gettext_noop("Locked Out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Expiration"),
    gettext_noop("Expires At"),
    gettext_noop("Not set"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Session key hash (sha256)"),
    # django/contrib/admin/templates/admin/app_list.html
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # django/contrib/admin: the change list's check boxes, read aloud by screen readers.
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
]
