"""Refusing request bodies over the limit before anything reads them."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestBodySizeMiddleware:
    """Answer 413 to a request whose declared body is larger than `MAX_REQUEST_BODY_BYTES`.

    The web server in front should refuse such bodies first (nginx `client_max_body_size`);
    this holds the limit when it does not, before a view, the CSRF check or the upload
    handlers read a byte of the body. (A body sent without a length is cut at the declared
    length by Django, and Django's own `DATA_UPLOAD_MAX_MEMORY_SIZE` caps the form fields.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BODY_BYTES
        if limit and length > limit:
            return HttpResponse(
                _("The request is too large. Uploads may be at most %(size)d MB.")
                % {"size": limit // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
