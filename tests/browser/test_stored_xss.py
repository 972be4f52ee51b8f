"""Stored XSS: well over 150 script payloads (tests/security/xss_payloads.py) stored in every
text a staff member can fill, then every public page that shows them opened in Chromium.
No payload may run, and the page's DOM may hold nothing that could run one.

The pages are opened with the Content Security Policy switched off (`bypass_csp`): the policy
would stop inline scripts anyway, so this checks the escaping and the sanitizer themselves —
a payload that got through would run and be caught by its marker.
"""

import xml.etree.ElementTree as ET
from collections import Counter
from io import StringIO
from urllib.parse import quote, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client, override_settings

from tests.security.crawler import crawl
from tests.security.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every text a staff member can type, by model. A new content type joins with one line.
# (Related-link titles are the linked articles' titles; the e-mail field refuses markup.)
STAFF_TEXT_FIELDS = [
    ("core.SiteSettings", ["site_name", "short_name", "responsible_person", "owner", "address",
                           "phone", "domain"]),
    ("news.Category", ["name", "description"]),
    ("news.Article", ["title", "summary", "body"]),
    ("news.ArticleImage", ["caption", "alt_text"]),
    ("indices.Index", ["name", "abbreviation", "description", "publisher"]),
    ("indices.Component", ["name"]),
    ("indices.Unit", ["name"]),
    ("indices.ProvinceResult", ["note"]),
    ("indices.UnitResult", ["note"]),
    ("indices.ProvinceTarget", ["note"]),
    ("indices.UnitTarget", ["note"]),
    ("core.AgencyLink", ["name"]),
    ("core.EnglishPage", ["title", "description", "introduction"]),
    ("documents.DocumentType", ["name"]),
    ("documents.Issuer", ["name"]),
    ("documents.Field", ["name"]),
    ("documents.Document", ["number", "summary", "signer"]),
    ("documents.DocumentFile", ["title"]),
    ("participation.Topic", ["name"]),
    ("organisation.AboutPage", ["title", "summary", "functions"]),
    ("organisation.Division", ["name", "name_en", "note", "note_en"]),
    ("organisation.UnitOffice", ["name_en", "address", "address_en", "phone"]),
    ("organisation.Person", ["name", "title", "title_en", "workplace", "workplace_en",
                             "office_phone"]),
    ("organisation.Committee", ["name", "name_en", "description"]),
    ("participation.Draft", ["title", "summary", "report"]),
    ("topics.Topic", ["title", "summary"]),
    ("topics.Tag", ["name"]),
    # Typed by citizens, shown once published: the question, the procedure, and the answer.
    ("participation.Submission", ["text", "procedure", "answer"]),
]  # fmt: skip

# Pages per URL pattern opened in the browser (every article shows every payload in its body).
PAGES_PER_ROUTE = 6
# Reflected too: the search box, with every few payloads.
SEARCH_EVERY = 7

RECORDER = """
window.__xss_hits = [];
window.__xss = (marker) => window.__xss_hits.push(String(marker));
"""

# What the DOM of a public page may never hold, whatever the content: scripts other than the
# portal's own files, event-handler attributes, script URLs, and elements that load or run
# other documents or change where links go.
DOM_PROBLEMS = """
() => {
  const problems = [];
  const urlAttributes = /^(href|xlink:href|src|action|formaction|data|background|poster|srcdoc)$/i;
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) problems.push(`${tag} ${name}`);
      if (urlAttributes.test(name) && /^(javascript|vbscript|data:text\\/html)/.test(value)) {
        problems.push(`${tag} ${name}=${value.slice(0, 40)}`);
      }
      if (name === "srcdoc") problems.push(`${tag} srcdoc`);
      if (name === "style" && /(expression|javascript:|behavior|url\\()/.test(value)) {
        problems.push(`${tag} style=${value.slice(0, 40)}`);
      }
    }
    if (["base", "iframe", "frame", "frameset", "object", "embed", "applet"].includes(tag)) {
      problems.push(tag);
    }
    if (tag === "meta" && element.hasAttribute("http-equiv")) problems.push("meta http-equiv");
    if (tag === "script") {
      const own = element.src && new URL(element.src).origin === location.origin
        && new URL(element.src).pathname.startsWith("/static/");
      let json = false;
      if (element.type === "application/ld+json") {
        try { JSON.parse(element.textContent); json = true; } catch (e) {}
      }
      if (!own && !json) problems.push(`script ${element.outerHTML.slice(0, 60)}`);
    }
  }
  return problems;
}
"""


def store_payloads() -> Counter:
    """Put the payloads in every field of STAFF_TEXT_FIELDS, each row of a model taking the
    next ones that fit the field's length; saved through `save()`, so the sanitizer runs.
    Returns how many places each payload was stored in."""
    placed = Counter()
    for label, field_names in STAFF_TEXT_FIELDS:
        model = apps.get_model(label)
        rows = list(model.objects.order_by("pk"))
        assert rows, f"the demo has no {label}"
        for field_name in field_names:
            limit = model._meta.get_field(field_name).max_length or 20_000
            cursor = 0
            for index, row in enumerate(rows):
                value = f"{index} "
                for _ in range(len(PAYLOADS)):
                    payload = PAYLOADS[cursor % len(PAYLOADS)]
                    if len(value) + len(payload.text) > limit:
                        if len(f"{index} ") + len(payload.text) > limit:
                            cursor += 1  # never fits this field: the next one
                            continue
                        break
                    value += payload.text
                    placed[payload.number] += 1
                    cursor += 1
                setattr(row, field_name, value)
        for row in rows:
            row.save()
    return placed


@pytest.fixture
def stored(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        call_command("load_demo", verbosity=0)
        yield store_payloads()


@pytest.fixture
def browser_context(browser):
    context = browser.new_context(bypass_csp=True, locale="vi-VN")
    context.add_init_script(RECORDER)
    yield context
    context.close()


def check_page(page, url, dialogs) -> list[str]:
    dialogs.clear()
    response = page.goto(url, wait_until="load")
    # Handlers that fire after load (autofocus, animations, media errors) get a moment.
    page.wait_for_timeout(150)
    failures = []
    hits = page.evaluate("window.__xss_hits || []")
    if hits or dialogs:
        failures.append(f"{url}: ran {hits}, alerts {dialogs}")
    if response is not None and "html" in response.headers.get("content-type", ""):
        problems = page.evaluate(DOM_PROBLEMS)
        if problems:
            failures.append(f"{url}: {problems[:10]}")
    return failures


def test_no_stored_payload_runs_on_any_public_page(browser_context, live_server, stored, capsys):
    assert len(PAYLOADS) >= 150
    assert set(stored) == {payload.number for payload in PAYLOADS}, "a payload was stored nowhere"
    client = Client(raise_request_exception=False)
    addresses = crawl(client, per_route=PAGES_PER_ROUTE)
    pages = [
        a
        for a, status in addresses.items()
        if status == 200 and not a.startswith(("/media/", "/static/"))
    ]
    failures = []

    # Feeds and the sitemap, as text: well-formed (nothing broke out of its element), and
    # every description is text for the feed reader (escaped), never markup.
    in_browser = []
    for address in pages:
        response = client.get(address)
        content_type = response["Content-Type"]
        if "html" in content_type or "xml" in content_type:
            in_browser.append(address)  # CSV and JSON are downloads, never run by a browser
        if "xml" not in content_type:
            continue
        root = ET.fromstring(response.content)
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] in {"script", "iframe"}:
                failures.append(f"{address}: a {element.tag} element")
            if element.tag == "description" and "<" in (element.text or ""):
                failures.append(f"{address}: markup in a description: {element.text[:60]!r}")

    searches = [
        f"{path}?q={quote(p.text)}"
        for path in ("/tim-kiem/", "/tin-tuc/")
        for p in PAYLOADS[::SEARCH_EVERY]
    ]
    page = browser_context.new_page()
    page.set_default_timeout(15_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # The checks themselves work: a payload that does run is caught, by marker and in the DOM.
    page.goto(live_server.url + "/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=__xss(1)>')")
    page.wait_for_function("window.__xss_hits.length > 0")
    assert "img onerror" in page.evaluate(DOM_PROBLEMS)

    visited = 0
    for address in in_browser + searches:
        failures += check_page(page, live_server.url + address, dialogs)
        visited += 1

    with capsys.disabled():
        print(
            f"\nstored XSS: {len(PAYLOADS)} payloads in {sum(stored.values())} places "
            f"({sum(len(f) for _, f in STAFF_TEXT_FIELDS)} fields of {len(STAFF_TEXT_FIELDS)} "
            f"models); {visited} pages opened in Chromium "
            f"({len({urlsplit(a).path.split('/')[1] for a in pages})} sections, "
            f"{len(searches)} searches)"
        )
    assert not failures, "\n".join(failures[:30])


def test_no_payload_imported_from_an_old_page_runs(browser_context, live_server, tmp_path):
    """The same payloads in an old page's title, date line, caption and body, brought in by
    `import_portal` from a real server on the loopback: the article's page runs none."""
    from tests.importer.oldsite import OldSite, jpeg, old_page

    site = OldSite()
    try:
        site.add_raw("/Portals/0/a.jpg", jpeg(), "image/jpeg")
        body = "".join(f"<p>{payload.text}</p>" for payload in PAYLOADS)
        body += '<p><img src="/Portals/0/a.jpg"></p><p class="caption">'
        body += "".join(payload.text for payload in PAYLOADS[:20]) + "</p>"
        title = "Tin nhập từ cổng cũ " + PAYLOADS[0].text
        site.add_page("/Default.aspx?tabid=57&ID=1", old_page(title=title, body=body))
        listing = tmp_path / "addresses.txt"
        listing.write_text(site.url("/Default.aspx?tabid=57&ID=1"), encoding="utf-8")
        with override_settings(MEDIA_ROOT=tmp_path / "media"):
            call_command(
                "import_portal", str(listing), "--publish", "--delay=0",
                f"--report={tmp_path / 'report.csv'}", stdout=StringIO(),
            )  # fmt: skip
            article = apps.get_model("news.Article").objects.get()
            page = browser_context.new_page()
            dialogs = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            failures = check_page(page, live_server.url + article.get_absolute_url(), dialogs)
    finally:
        site.stop()
    assert not failures, "\n".join(failures)
