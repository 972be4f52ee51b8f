"""`manage.py backup` and `manage.py restore`: the demo site, backed up, wiped and restored, is
the same row for row and file for file; a damaged archive is refused and changes nothing."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import EDITOR, PUBLISHER
from news.models import Article
from tests.factories import ArticleFactory, StaffFactory, uploaded_image
from tests.live import manage, portal_env

# Rows rebuilt by `migrate`, or log-ins of this machine: not in the archive (core.backup).
NOT_COMPARED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
# Made by `migrate` under ids of their own: compared, and referred to, by natural key.
BY_NATURAL_KEY = (ContentType, Permission, Group)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def every_row() -> dict[str, list]:
    """Every row of every model (many-to-many tables included), as values, with the rows that
    `migrate` makes named by their natural key instead of their id."""
    natural = {
        model: {obj.pk: obj.natural_key() for obj in model._base_manager.all()}
        for model in BY_NATURAL_KEY
    }
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in NOT_COMPARED:
            continue
        # The id of a many-to-many link row means nothing: compared by what it links.
        fields = [
            field
            for field in model._meta.concrete_fields
            if not (field.primary_key and model._meta.auto_created)
        ]
        values = []
        for row in model._base_manager.values_list(*(field.attname for field in fields)):
            converted = []
            for field, value in zip(fields, row, strict=True):
                if field.primary_key and model in BY_NATURAL_KEY:
                    value = natural[model][value]
                elif field.is_relation and field.related_model in BY_NATURAL_KEY:
                    value = natural[field.related_model].get(value, value)
                converted.append(value)
            values.append(tuple(converted))
        rows[label] = sorted(values, key=repr)
    return rows


def every_file(media_root: Path) -> dict[str, str]:
    return {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in media_root.rglob("*")
        if path.is_file()
    }


def wipe(media_root: Path):
    """An empty installation: every table emptied (flush makes again what migrate makes), no
    uploaded file."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    media_root.mkdir()


@pytest.mark.django_db(transaction=True)
def test_the_demo_site_backed_up_wiped_and_restored_is_the_same(client, media_root, tmp_path):
    call_command("load_demo", verbosity=0)
    publisher = StaffFactory(username="duyettin", role=PUBLISHER)
    StaffFactory(username="bientap", role=EDITOR)
    client.force_login(publisher)
    upload = client.post(reverse("core:editor-image-upload"), {"upload": uploaded_image()})
    assert upload.status_code == 200
    AccessAttempt.objects.create(
        username="ke-gian", ip_address="203.0.113.7", user_agent="x", failures_since_start=3
    )
    rows_before = every_row()
    files_before = every_file(media_root)
    assert len(files_before) > 10  # the demo photos and the upload
    assert len(rows_before["news.article"]) > 10 and rows_before["auth.user_groups"]
    archive = tmp_path / "sao-luu" / "cchc.tar.gz"

    call_command("backup", output=archive, verbosity=0)
    assert archive.stat().st_mode & 0o777 == 0o600
    wipe(media_root)
    assert every_row() != rows_before and every_file(media_root) == {}
    out = io.StringIO()
    call_command("restore", archive, stdout=out)

    assert every_row() == rows_before
    assert every_file(media_root) == files_before
    assert f"{len(files_before)} " in out.getvalue()
    # The restored site works: new rows get new ids (PostgreSQL's sequences were reset) and a
    # restored article shows its photos.
    newest = max(row[0] for row in rows_before["news.article"])
    assert ArticleFactory().pk > newest
    article = Article.objects.published().filter(images__isnull=False).first()
    assert client.get(article.get_absolute_url()).status_code == 200

    # An installation with content is not overwritten by mistake; --force replaces it.
    with pytest.raises(CommandError, match="không trống"):
        call_command("restore", archive, verbosity=0)
    call_command("restore", archive, force=True, verbosity=0)
    assert every_row() == rows_before
    assert every_file(media_root) == files_before


# --- Damaged archives ------------------------------------------------------------------------


@pytest.fixture
def good_archive(db, media_root, tmp_path):
    article = ArticleFactory()
    article.images.create(image=uploaded_image("anh.png"), caption="Ảnh", alt_text="Ảnh")
    archive = tmp_path / "tot.tar.gz"
    call_command("backup", output=archive, verbosity=0)
    return archive


def members_of(archive: Path) -> dict[str, tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(archive) as tar:
        return {m.name: (m, tar.extractfile(m).read()) for m in tar.getmembers()}


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of the archive whose members `change(members)` rewrote (name → bytes)."""
    contents = {name: data for name, (_, data) in members_of(archive).items()}
    change(contents)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def listed(contents: dict, name: str, data: bytes):
    """Add a member and list it, with its right checksum, in the manifest."""
    contents[name] = data
    manifest = json.loads(contents["manifest.json"])
    manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    contents["manifest.json"] = json.dumps(manifest).encode()


def tamper_database(contents):
    contents["database.json"] = contents["database.json"].replace(b"\xe1\xba\xa2nh", b"Hack")


def drop_photo(contents):
    del contents[next(name for name in contents if name.startswith("media/"))]


def unlisted(contents):
    contents["media/them.jpg"] = b"not listed"


def traversal(contents):
    listed(contents, "media/../../ngoai.txt", b"outside")


def absolute(contents):
    listed(contents, "/tmp/tuyet-doi.txt", b"outside")


def no_manifest(contents):
    del contents["manifest.json"]


def bad_manifest(contents):
    contents["manifest.json"] = b"{not json"


def outside_media(contents):
    listed(contents, "settings.py", b"SECRET_KEY = 'x'")


DAMAGES = {
    "checksum": (tamper_database, "mã kiểm tra không khớp): database.json"),
    "missing": (drop_photo, "thiếu một tệp: media/"),
    "unlisted": (unlisted, "không có trong tệp kê khai: media/them.jpg"),
    "traversal": (traversal, "tên không an toàn: media/../../ngoai.txt"),
    "absolute": (absolute, "tên không an toàn: /tmp/tuyet-doi.txt"),
    "no-manifest": (no_manifest, "không có tệp kê khai"),
    "bad-manifest": (bad_manifest, "Không đọc được tệp kê khai"),
    "outside-media": (outside_media, "tệp không mong đợi: settings.py"),
}


def assert_refused_and_nothing_changed(archive, message, media_root, tmp_path, force=True):
    rows, files = every_row(), every_file(media_root)
    around = sorted(path.name for path in tmp_path.parent.iterdir())
    with pytest.raises(CommandError) as refused:
        call_command("restore", archive, force=force, verbosity=0)
    assert message in str(refused.value)
    assert every_row() == rows
    assert every_file(media_root) == files
    assert sorted(path.name for path in tmp_path.parent.iterdir()) == around
    assert not (tmp_path / "ngoai.txt").exists() and not Path("/tmp/tuyet-doi.txt").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_archive_is_refused_and_changes_nothing(
    good_archive, media_root, tmp_path, damage
):
    change, message = DAMAGES[damage]
    archive = rewrite(good_archive, tmp_path / "hong.tar.gz", change)
    # Even with --force, which would otherwise delete every row first.
    assert_refused_and_nothing_changed(archive, message, media_root, tmp_path)


@pytest.mark.django_db
def test_a_link_inside_the_archive_is_refused(good_archive, media_root, tmp_path):
    archive = tmp_path / "lien-ket.tar.gz"
    shutil.copy(good_archive, archive)
    with tarfile.open(good_archive) as source, tarfile.open(archive, "w:gz") as tar:
        for member in source.getmembers():
            tar.addfile(member, source.extractfile(member))
        link = tarfile.TarInfo("media/passwd.jpg")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    assert_refused_and_nothing_changed(archive, "không phải tệp thông thường", media_root, tmp_path)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["not-a-tar", "truncated", "empty"])
def test_something_that_is_not_a_whole_archive_is_refused(good_archive, media_root, tmp_path, kind):
    archive = tmp_path / "khong-phai.tar.gz"
    data = good_archive.read_bytes()
    archive.write_bytes(
        {"not-a-tar": b"PK\x03\x04 a zip file", "truncated": data[: len(data) // 2], "empty": b""}[
            kind
        ]
    )
    assert_refused_and_nothing_changed(archive, "không phải bản sao lưu", media_root, tmp_path)


@pytest.mark.django_db
def test_a_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không có bản sao lưu"):
        call_command("restore", tmp_path / "khong-co.tar.gz")


@pytest.mark.django_db(transaction=True)
def test_a_different_file_in_media_root_is_not_overwritten_without_force(
    good_archive, media_root, tmp_path
):
    call_command("flush", interactive=False, verbosity=0)
    name = next(n for n in members_of(good_archive) if n.startswith("media/"))
    clash = media_root / name.removeprefix("media/")
    clash.write_bytes(b"a newer file")
    assert_refused_and_nothing_changed(
        good_archive, "MEDIA_ROOT đã có một tệp khác", media_root, tmp_path, force=False
    )


@pytest.mark.django_db
def test_the_archive_restores_into_the_other_database_engine(media_root, tmp_path):
    """Backed up from the suite's database (PostgreSQL in CI), restored into a new SQLite
    database by a separate process: the dump is portable, as the README says."""
    call_command("load_demo", verbosity=0)
    StaffFactory(username="bientap", role=EDITOR)
    archive = tmp_path / "di-chuyen.tar.gz"
    call_command("backup", output=archive, verbosity=0)
    counts = {label: len(rows) for label, rows in every_row().items()}

    env = portal_env(f"sqlite:///{tmp_path / 'moi.sqlite3'}", tmp_path)
    manage("migrate", "--no-input", env=env)
    manage("restore", str(archive), env=env)
    code = (
        "import json; from django.apps import apps; print(json.dumps({m._meta.label_lower: "
        "m._base_manager.count() for m in apps.get_models(include_auto_created=True)}))"
    )
    printed = manage("shell", "--no-imports", "-c", code, env=env).stdout.splitlines()[-1]
    restored = json.loads(printed)
    assert {label: restored[label] for label in counts} == counts
