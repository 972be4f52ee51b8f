"""The budget per client (core.ratelimit): what counts, what never does, the 429 page, who a
client is, and the token bucket itself — on the memory cache and on Redis."""

import threading
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core import ratelimit
from core.models import SiteSettings
from core.pagecache import HEADER
from tests.core.test_redis_cache import redis_cache  # noqa: F401 — a fixture
from tests.factories import ArticleFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db

BURST = 3


@pytest.fixture(autouse=True)
def limited(settings, time_machine):
    # A stopped clock: no token comes back while a slow machine serves the test's requests.
    time_machine.move_to("2026-01-05 08:00:00+07:00", tick=False)
    SiteSettings.load()
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMIT_BURST = BURST
    settings.RATE_LIMIT_PER_MINUTE = 60  # one a second
    settings.TRUSTED_PROXIES = []


def search(client, words, **extra):
    return client.get("/tin-tuc/", {"q": words}, **extra)


def spend_the_burst(client, **extra):
    for number in range(BURST):
        assert search(client, f"tu khoa {number}", **extra).status_code == 200


class TestWhatCounts:
    def test_misses_past_the_burst_get_429_decided_before_any_query(
        self, client, django_assert_num_queries
    ):
        spend_the_burst(client)
        with django_assert_num_queries(0):
            refused = search(client, "mot tu khoa moi")
        assert refused.status_code == 429
        assert 1 <= int(refused["Retry-After"]) <= 2
        assert refused["Cache-Control"] == "no-store"
        page = parse(refused.content)
        (heading,) = [node.text() for node in page.find_all("h1")]
        assert heading == "Quá nhiều yêu cầu"
        assert page.find_all("header", class_="site-header")  # the site's look

    def test_refusals_are_not_logged_one_by_one(self, client, caplog):
        spend_the_burst(client)
        with caplog.at_level("WARNING", logger="django.request"):
            for number in range(5):
                assert search(client, f"lu {number}").status_code == 429
        assert not [r for r in caplog.records if "Too Many Requests" in r.getMessage()]

    def test_404s_count_too(self, client):
        for number in range(BURST):
            assert client.get(f"/tin-tuc/khong-co-{number}/").status_code == 404
        assert client.get("/tin-tuc/khong-co-nua/").status_code == 429

    def test_the_bucket_refills(self, client, time_machine):
        spend_the_burst(client)
        assert search(client, "mot").status_code == 429
        time_machine.shift(timedelta(seconds=1.1))
        assert search(client, "hai").status_code == 200
        assert search(client, "ba").status_code == 429

    def test_cache_hits_are_never_limited(self, client):
        ArticleFactory()
        client.get("/", REMOTE_ADDR="203.0.113.9")  # cached by another visitor
        spend_the_burst(client)
        for _ in range(20):
            response = client.get("/?utm_source=x")
            assert response.status_code == 200
            assert response[HEADER] == "hit"

    def test_staff_the_admin_static_files_and_the_health_check_are_never_limited(
        self, client, publisher
    ):
        spend_the_burst(client)
        assert search(client, "het").status_code == 429
        assert client.get(reverse("admin:login")).status_code == 200
        assert client.get("/healthz").status_code == 200
        assert client.get("/static/css/site.css").status_code == 200
        client.force_login(publisher)
        for number in range(10):
            assert search(client, f"bien tap {number}").status_code == 200

    def test_each_client_has_its_own_budget(self, client):
        spend_the_burst(client, REMOTE_ADDR="203.0.113.7")
        assert search(client, "x", REMOTE_ADDR="203.0.113.7").status_code == 429
        assert search(client, "x", REMOTE_ADDR="203.0.113.8").status_code == 200

    def test_switched_off(self, client, settings):
        settings.RATE_LIMIT_ENABLED = False
        for number in range(BURST + 5):
            assert search(client, f"tu {number}").status_code == 200


class TestBehindAProxy:
    def test_the_forwarded_address_counts_only_from_a_trusted_proxy(self, client, settings):
        # Not trusted: every address it claims is one client, the proxy itself.
        for number in range(BURST):
            search(client, f"a{number}", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
        assert search(client, "b", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429

        settings.TRUSTED_PROXIES = ["127.0.0.1"]
        assert search(client, "c", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 200


def address(remote, forwarded=None, trusted=()):
    from django.test import override_settings

    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(TRUSTED_PROXIES=list(trusted)):
        return ratelimit.client_address(RequestFactory().get("/", **extra))


class TestClientAddress:
    def test_remote_address_alone(self):
        assert address("203.0.113.5") == "203.0.113.5"
        assert address("203.0.113.5", "198.51.100.1") == "203.0.113.5"

    def test_trusted_proxy_gives_the_right_most_untrusted_hop(self):
        # The client wrote "1.1.1.1" itself; our nginx appended the address it saw.
        assert address("127.0.0.1", "1.1.1.1, 198.51.100.1", ["127.0.0.1"]) == "198.51.100.1"
        # Two proxies of ours (a load balancer, then nginx).
        trusted = ["127.0.0.1", "10.0.0.0/8"]
        assert address("127.0.0.1", "198.51.100.1, 10.1.2.3", trusted) == "198.51.100.1"
        # Nothing forwarded, or garbage: the proxy's own address.
        assert address("127.0.0.1", "", ["127.0.0.1"]) == "127.0.0.1"
        assert address("127.0.0.1", "not-an-address", ["127.0.0.1"]) == "127.0.0.1"

    def test_an_ipv6_client_is_its_64(self):
        assert address("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
        assert address("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
        assert address("::ffff:203.0.113.5") == "203.0.113.5"


class TestBucket:
    def test_burst_then_the_rate(self, time_machine):
        taken = [ratelimit.take("t", "c", burst=5, per_minute=30).allowed for _ in range(7)]
        assert taken == [True] * 5 + [False] * 2
        refused = ratelimit.take("t", "c", burst=5, per_minute=30)
        assert refused.retry_after == pytest.approx(2.0)
        time_machine.shift(timedelta(seconds=2))
        assert ratelimit.take("t", "c", burst=5, per_minute=30).allowed
        time_machine.shift(timedelta(hours=1))  # full again, never above the burst
        assert sum(ratelimit.take("t", "c", burst=5, per_minute=30).allowed for _ in range(9)) == 5

    @pytest.mark.redis
    def test_on_redis_the_bucket_is_atomic_across_workers(self, redis_cache):  # noqa: F811
        """16 threads (as many workers) take from one bucket at once: exactly the burst is
        allowed, no more."""
        results = []
        barrier = threading.Barrier(16)

        def worker():
            barrier.wait()
            for _ in range(5):
                results.append(ratelimit.take("t", "c", burst=20, per_minute=1).allowed)

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results.count(True) == 20
        refused = ratelimit.take("t", "c", burst=20, per_minute=1)
        assert not refused.allowed and 50 < refused.retry_after <= 60
        client, prefix = redis_cache
        (key,) = client.keys(f"{prefix}:*ratelimit:t:c")
        assert 0 < client.ttl(key) <= 20 * 60

    @pytest.mark.redis
    def test_through_the_site_on_redis(self, client, settings, redis_cache):  # noqa: F811
        settings.RATE_LIMIT_PER_MINUTE = 1  # Redis's clock runs: no token back meanwhile
        spend_the_burst(client)
        assert search(client, "mot tu khoa moi").status_code == 429
