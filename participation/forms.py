"""The citizens' forms: a question, feedback on a procedure, a comment on a draft, the lookup.

Each sending form carries two traps for scripts, neither visible nor read aloud to a person: a
honeypot field (hidden, labelled "leave empty", out of the tab order) and a signed time of
when the form was drawn. A post filling the honeypot, without a valid time, or sent sooner
than `PARTICIPATION_MIN_FILL_SECONDS` after the form was drawn is kept with status spam.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .files import ATTACHMENT_ACCEPT, check_attachment
from .models import Submission, Topic, normalize_code

TIMESTAMP_SALT = "participation.form-drawn-at"


def form_timestamp() -> str:
    return signing.dumps(time.time(), salt=TIMESTAMP_SALT)


class SubmissionForm(forms.ModelForm):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    drawn_at = forms.CharField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("I agree that my personal data is processed as described above."),
        required=True,
        error_messages={"required": _("Your consent is needed to send the form.")},
    )

    kind = None  # Submission.Kind of the subclass

    class Meta:
        model = Submission
        fields = ["text", "name", "email", "phone", "consent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["drawn_at"] = form_timestamp()
        self.fields["name"].required = True
        self.fields["name"].label = _("Your name")
        self.fields["email"].help_text = _("Optional: to be told of the answer by email.")
        self.fields["phone"].help_text = _("Optional: to look up the answer with it.")
        self.fields["text"].max_length = settings.PARTICIPATION_TEXT_MAX_CHARS
        self.fields["text"].widget.attrs["maxlength"] = settings.PARTICIPATION_TEXT_MAX_CHARS
        if "attachment" in self.fields:
            self.fields["attachment"].widget.attrs["accept"] = ATTACHMENT_ACCEPT
            self.fields["attachment"].help_text = _(
                "Optional: one PDF file or image (JPEG, PNG, WebP), at most %(size)s MB."
            ) % {"size": settings.PARTICIPATION_ATTACHMENT_MAX_BYTES // (1024 * 1024)}

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        limit = settings.PARTICIPATION_TEXT_MAX_CHARS
        if len(text) > limit:
            raise forms.ValidationError(
                _("The text is too long (%(length)d characters; at most %(limit)d).")
                % {"length": len(text), "limit": limit}
            )
        return text

    def clean_phone(self):
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        digits = [ch for ch in phone if ch.isdigit()]
        if phone and (len(digits) < 8 or any(ch not in "0123456789 +.-()" for ch in phone)):
            raise forms.ValidationError(_("Enter a phone number (digits only)."))
        return phone

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if file and not getattr(file, "_committed", False):
            check_attachment(file)
        return file

    def spam_reason(self) -> str:
        """Why this post is a script's, or "" (read after `is_valid()`)."""
        if self.data.get("website"):
            return "honeypot"
        try:
            drawn_at = signing.loads(self.data.get("drawn_at", ""), salt=TIMESTAMP_SALT)
        except signing.BadSignature:
            return "no-timestamp"
        if time.time() - float(drawn_at) < settings.PARTICIPATION_MIN_FILL_SECONDS:
            return "too-fast"
        return ""

    def save(self, commit=True):
        submission = super().save(commit=False)
        submission.kind = self.kind
        if commit:
            submission.save()
        return submission


class QuestionForm(SubmissionForm):
    kind = Submission.Kind.QUESTION

    class Meta(SubmissionForm.Meta):
        fields = ["topic", "text", "name", "email", "phone", "attachment", "consent"]
        widgets = SubmissionForm.Meta.widgets
        labels = {"text": _("Your question")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].required = True
        self.fields["topic"].queryset = Topic.objects.all()


class FeedbackForm(SubmissionForm):
    kind = Submission.Kind.FEEDBACK

    class Meta(SubmissionForm.Meta):
        fields = ["topic", "procedure", "text", "name", "email", "phone", "attachment", "consent"]
        widgets = SubmissionForm.Meta.widgets
        labels = {"text": _("What went wrong, and what you propose")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].required = True
        self.fields["topic"].required = True


class CommentForm(SubmissionForm):
    kind = Submission.Kind.COMMENT

    class Meta(SubmissionForm.Meta):
        fields = ["text", "name", "email", "phone", "consent"]
        widgets = SubmissionForm.Meta.widgets
        labels = {"text": _("Your comment")}


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Lookup code"), max_length=20)
    contact = forms.CharField(
        label=_("The email or phone number you gave"),
        max_length=254,
    )

    def clean_code(self):
        return normalize_code(self.cleaned_data["code"])

    def clean_contact(self):
        return self.cleaned_data["contact"].strip()
