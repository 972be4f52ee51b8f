"""How published questions and feedback answers join the site search (`core.search`): the
question and the answer only — never a name, an email, a phone or an attachment."""

from django.utils.translation import gettext_lazy as _

from core import search

from .models import Submission


def register_search():
    search.register(
        Submission.objects.answers,
        key="hoi-dap",
        label=_("Questions and answers"),
        fields={"text": "A", "procedure": "B", "answer": "C"},
        date="published_at",
        snippet_from=("answer", "text"),
        listing=lambda submissions: submissions.select_related("topic"),
        title=lambda submission: submission.title,
    )
