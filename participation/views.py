"""Public pages of citizens' participation.

Lists and answers are ordinary cached pages (core.pagecache watches the models). Every page
with a form carries a CSRF token and is never cached (`never_cache`, and the token's cookie
already keeps the page cache away). Posts spend the client's budget (core.ratelimit) before
anything is read or stored.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.pagecache import query_params
from core.pagination import DeepPaginator

from . import services
from .forms import CommentForm, FeedbackForm, LookupForm, QuestionForm
from .models import Draft, Submission, Topic

PER_PAGE = 20
# The session key naming the submission just received, read by the "received" page.
RECEIVED_SESSION_KEY = "participation_received"
KIND_PARAM = {"hoi-dap": Submission.Kind.QUESTION, "phan-anh": Submission.Kind.FEEDBACK}


def _over_budget(request, bucket: str):
    """The 429 answer when the client has spent its posts, else None."""
    decision = ratelimit.take(
        bucket,
        ratelimit.client_address(request),
        burst=settings.PARTICIPATION_POST_BURST,
        per_minute=settings.PARTICIPATION_POSTS_PER_MINUTE,
    )
    return None if decision.allowed else ratelimit.too_many_requests(decision.retry_after)


@query_params("q", "chu-de", "loai", "page")
def qa_list(request):
    answers = Submission.objects.answers().select_related("topic").order_by("-published_at")
    topics = list(Topic.objects.all())
    topic = next((t for t in topics if t.slug == request.GET.get("chu-de")), None)
    if topic is not None:
        answers = answers.filter(topic=topic)
    kind = KIND_PARAM.get(request.GET.get("loai", ""))
    if kind:
        answers = answers.filter(kind=kind)
    query = " ".join(request.GET.get("q", "").split())[:200]
    if query:
        answers = answers.search(query)
    page = DeepPaginator(answers, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/qa_list.html",
        {
            "page_obj": page,
            "answers": page.object_list,
            "topics": topics,
            "topic": topic,
            "kind": request.GET.get("loai", "") if kind else "",
            "query": query,
            "feedback_answers": Submission.objects.answers()
            .filter(kind=Submission.Kind.FEEDBACK)
            .order_by("-published_at")[:5],
        },
    )


@query_params()
def qa_detail(request, pk):
    submission = get_object_or_404(Submission.objects.answers().select_related("topic"), pk=pk)
    return render(request, "participation/qa_detail.html", {"submission": submission})


def _submission_form(request, form_class, template, context, *, draft=None):
    context = {**context, "retention_days": settings.PARTICIPATION_RETENTION_DAYS}
    if request.method == "POST":
        refused = _over_budget(request, "participation-post")
        if refused is not None:
            return refused
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            spam = form.spam_reason()
            submission = services.receive(form, spam_reason=spam, draft=draft)
            # Post/redirect/get: reloading the thanks page never posts again. A script is told
            # the same as a person: nothing shows it was caught.
            request.session[RECEIVED_SESSION_KEY] = submission.pk
            return redirect("participation:received")
    else:
        form = form_class()
    return render(request, template, {**context, "form": form})


@query_params()
@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    return _submission_form(
        request, QuestionForm, "participation/submission_form.html", {"kind": "question"}
    )


@query_params()
@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    return _submission_form(
        request, FeedbackForm, "participation/submission_form.html", {"kind": "feedback"}
    )


@query_params()
@never_cache
@require_http_methods(["GET", "HEAD"])
def received(request):
    """The thanks page with the lookup code of what this visitor's session just sent."""
    pk = request.session.get(RECEIVED_SESSION_KEY)
    submission = Submission.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if submission is None:  # opened directly, or the session has expired
        return redirect("participation:qa-list")
    return render(request, "participation/thanks.html", {"submission": submission})


@query_params()
@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    submission = None
    searched = False
    if request.method == "POST":
        decision = ratelimit.take(
            "participation-lookup",
            ratelimit.client_address(request),
            burst=settings.PARTICIPATION_POST_BURST * 2,
            per_minute=settings.PARTICIPATION_POSTS_PER_MINUTE * 5,
        )
        if not decision.allowed:
            return ratelimit.too_many_requests(decision.retry_after)
        form = LookupForm(request.POST)
        if form.is_valid():
            searched = True
            submission = services.find(form.cleaned_data["code"], form.cleaned_data["contact"])
    else:
        form = LookupForm()
    return render(
        request,
        "participation/lookup.html",
        {"form": form, "submission": submission, "searched": searched},
    )


# --- Drafts for comment --------------------------------------------------------------------


@query_params("page")
def draft_list(request):
    drafts = Draft.objects.published().select_related("document")
    page = DeepPaginator(drafts, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/draft_list.html",
        {"page_obj": page, "drafts": page.object_list, "now": timezone.now()},
    )


def _published_draft(slug):
    return get_object_or_404(Draft.objects.published().select_related("document"), slug=slug)


@query_params()
def draft_detail(request, slug):
    draft = _published_draft(slug)
    comments = draft.comments.published().order_by("published_at")
    return render(
        request,
        "participation/draft_detail.html",
        {
            "draft": draft,
            "is_open": draft.is_open(),
            "comment_count": draft.comments.exclude(status=Submission.Status.SPAM).count(),
            "comments": comments,
        },
    )


@query_params()
@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def draft_comment(request, slug):
    draft = _published_draft(slug)
    if not draft.is_open():
        # Closed (or a post racing the closing time): refused, nothing stored.
        return render(request, "participation/draft_closed.html", {"draft": draft}, status=403)
    return _submission_form(
        request,
        CommentForm,
        "participation/submission_form.html",
        {"kind": "comment", "draft": draft},
        draft=draft,
    )
