from datetime import timedelta

import factory
from django.utils import timezone

from participation.models import Draft, Submission, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Chủ đề {n}")


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    kind = Submission.Kind.QUESTION
    topic = factory.SubFactory(TopicFactory)
    text = factory.Sequence(lambda n: f"Thủ tục cấp giấy phép số {n} cần những giấy tờ gì?")
    name = "Nguyễn Thị Hoa"
    email = "hoa@example.vn"
    phone = "0912 345 678"
    consent = True


class AnsweredFactory(SubmissionFactory):
    status = Submission.Status.PUBLISHED
    answer = "<p>Hồ sơ gồm đơn đề nghị và bản sao giấy tờ tùy thân.</p>"
    answered_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    title = factory.Sequence(lambda n: f"Dự thảo kế hoạch cải cách hành chính {n}")
    summary = "<p>Dự thảo lấy ý kiến nhân dân.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
