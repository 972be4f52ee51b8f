"""The two-factor device (django-otp's TOTPDevice) in Vietnamese, in the admin and wherever its
fields are named.

django-otp names its fields and writes their help texts as plain English strings, which no
catalog can translate, and its admin titles its fieldsets the same way. Here each field gets a
translatable name and help text (`name_device_fields`, run by the app config's `ready()`), and
the admin a subclass that translates the rest.

The help texts' msgids are django-otp's own texts, word for word: migrations compare a field's
help text with the one they recorded (with translation off, a lazy msgid equals it), so no
migration follows. A text that django-otp has since changed is left alone, and the test that
renders the form in Vietnamese reports it. Field names are free: migrations do not record a
name that was not given to the field itself.
"""

from django.utils.translation import gettext_lazy, gettext_noop

# Field: (name, django-otp's help text).
DEVICE_FIELDS = {
    "user": (gettext_noop("user"), gettext_noop("The user that this device belongs to.")),
    "name": (gettext_noop("device name"), gettext_noop("The human-readable name of this device.")),
    "confirmed": (gettext_noop("confirmed"), gettext_noop("Is this device ready for use?")),
    "throttling_failure_timestamp": (
        gettext_noop("last failed attempt"),
        gettext_noop(
            "A timestamp of the last failed verification attempt. Null if last attempt succeeded."
        ),
    ),
    "throttling_failure_count": (
        gettext_noop("failed attempts in a row"),
        gettext_noop("Number of successive failed attempts."),
    ),
    "created_at": (
        gettext_noop("created"),
        gettext_noop("The date and time when this device was initially created in the system."),
    ),
    "last_used_at": (
        gettext_noop("last used"),
        gettext_noop("The most recent date and time this device was used."),
    ),
    "key": (
        gettext_noop("secret key"),
        gettext_noop("A hex-encoded secret key of up to 40 bytes."),
    ),
    "step": (gettext_noop("time step"), gettext_noop("The time step in seconds.")),
    "t0": (
        gettext_noop("start time (t0)"),
        gettext_noop("The Unix time at which to begin counting steps."),
    ),
    "digits": (gettext_noop("digits"), gettext_noop("The number of digits to expect in a token.")),
    "tolerance": (
        gettext_noop("tolerance"),
        gettext_noop("The number of time steps in the past or future to allow."),
    ),
    "drift": (
        gettext_noop("clock drift"),
        gettext_noop("The number of time steps the prover is known to deviate from our clock."),
    ),
    "last_t": (
        gettext_noop("last time step verified"),
        gettext_noop(
            "The t value of the latest verified token. The next token must be at a higher time "
            "step."
        ),
    ),
}

# django-otp's fieldset titles in its device admin, and ours.
FIELDSET_TITLES = {
    "Identity": gettext_lazy("Device and user"),
    "Timestamps": gettext_lazy("Dates"),
    "Configuration": gettext_lazy("Configuration"),
    "State": gettext_lazy("State"),
    "Throttling": gettext_lazy("Failed attempts"),
}


def name_device_fields(model) -> None:
    """Give the device model's fields translatable names and help texts."""
    for name, (verbose_name, help_text) in DEVICE_FIELDS.items():
        field = model._meta.get_field(name)
        field.verbose_name = gettext_lazy(verbose_name)
        if field.help_text == help_text:
            field.help_text = gettext_lazy(help_text)
