"""Backup and restore of a whole installation: one .tar.gz archive holding

- `database.json`: every row of every model, in Django's JSON serialization with natural keys
  for content types, permissions and groups (which `migrate` makes itself, under ids of its
  own), so that it loads into SQLite or PostgreSQL alike;
- `media/…`: every file under MEDIA_ROOT;
- `manifest.json`: the SHA-256 checksum and size of every other member.

Restoring checks the whole archive before it changes anything, then loads the rows and writes
the files in one database transaction.
"""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.utils.translation import gettext as _

FORMAT = "cchc-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024
# Rows `migrate` and the running site make by themselves: rebuilt, not backed up (sessions are
# log-ins on this machine, not content).
NOT_BACKED_UP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
# Backed up without their ids: matched by natural key to the rows `migrate` made (the roles).
MATCHED_BY_NATURAL_KEY = {"auth.group"}
# Rows an installation nobody has used yet may already have: they do not make it "not empty".
MADE_BY_AN_EMPTY_INSTALLATION = {"auth.group", "core.sitesettings"}


class BackupError(Exception):
    """The archive cannot be restored here; nothing was changed."""


def backed_up_models() -> list:
    """Every model whose rows are backed up, in an order that loads (dependencies first)."""
    app_list = {
        app_config: [
            model
            for model in app_config.get_models()
            if model._meta.label_lower not in NOT_BACKED_UP
            and not model._meta.proxy
            and model._meta.managed
        ]
        for app_config in apps.get_app_configs()
        if app_config.models_module is not None
    }
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to milliseconds, which would
    change every timestamp (and the order of rows saved in the same millisecond)."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class _BackupSerializer(JSONSerializer):
    """JSON with natural foreign keys, and natural primary keys for the roles only."""

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        if obj._meta.label_lower in MATCHED_BY_NATURAL_KEY:
            data.pop("pk", None)
        return data


class _Rows:
    """Every backed-up row, counted as it is read."""

    def __init__(self):
        self.count = 0

    def __iter__(self) -> Iterator:
        for model in backed_up_models():
            for row in model._base_manager.order_by(model._meta.pk.name).iterator():
                self.count += 1
                yield row


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(media_root: Path) -> list[tuple[str, Path]]:
    """(name in the archive, path) of every regular file under MEDIA_ROOT, sorted."""
    if not media_root.is_dir():
        return []
    return sorted(
        (MEDIA_PREFIX + path.relative_to(media_root).as_posix(), path)
        for path in media_root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


@dataclass
class BackupSummary:
    path: Path
    objects: int
    media_files: int
    size: int


def write_backup(output: Path) -> BackupSummary:
    """Write the archive to `output` (readable by its owner only), in one piece: it appears
    under its name only once complete."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="cchc-backup-") as work_dir:
        dump = Path(work_dir) / DATABASE
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                # One snapshot of every table, while the site keeps writing (inside a caller's
                # transaction, that transaction's view is used).
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            rows = _Rows()
            with open(dump, "w", encoding="utf-8") as stream:
                _BackupSerializer().serialize(
                    rows, stream=stream, use_natural_foreign_keys=True, cls=_ExactJSONEncoder
                )
        members = [(DATABASE, dump), *media_files(media_root)]
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database_vendor": connection.vendor,
            "objects": rows.count,
            "members": {
                name: {"sha256": _sha256(path), "size": path.stat().st_size}
                for name, path in members
            },
        }
        manifest_path = Path(work_dir) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = output.with_name(output.name + ".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        os.replace(partial, output)
    return BackupSummary(
        path=output, objects=rows.count, media_files=len(members) - 1, size=output.stat().st_size
    )


# --- Restoring ---------------------------------------------------------------------------


def _check_member_name(member: tarfile.TarInfo) -> str:
    name = member.name
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
    ):
        raise BackupError(
            _("The archive holds a file with an unsafe name: %(name)s") % {"name": name}
        )
    if not member.isfile():
        raise BackupError(
            _("The archive holds something other than a plain file: %(name)s") % {"name": name}
        )
    if name not in (MANIFEST, DATABASE) and not name.startswith(MEDIA_PREFIX):
        raise BackupError(_("The archive holds an unexpected file: %(name)s") % {"name": name})
    return name


def unpack_verified(archive: Path, into: Path) -> dict:
    """Unpack the archive into the empty folder `into`, checking every member against the
    manifest; answers the manifest. Raises BackupError for anything amiss."""
    found: dict[str, dict] = {}
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                name = _check_member_name(member)
                if name in found:
                    raise BackupError(
                        _("The archive holds the same file twice: %(name)s") % {"name": name}
                    )
                target = into / "members" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                source = tar.extractfile(member)
                with source, open(target, "wb") as sink:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        sink.write(chunk)
                found[name] = {"sha256": digest.hexdigest(), "size": size}
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(
            _("This is not a backup archive, or it is damaged: %(error)s") % {"error": error}
        ) from error

    if MANIFEST not in found:
        raise BackupError(_("The archive has no manifest: it was not made by `backup`."))
    try:
        manifest = json.loads((into / "members" / MANIFEST).read_text(encoding="utf-8"))
        listed = manifest["members"]
        valid = (
            manifest["format"] == FORMAT
            and isinstance(listed, dict)
            and all(
                isinstance(entry, dict) and {"sha256", "size"} <= entry.keys()
                for entry in listed.values()
            )
        )
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise BackupError(_("The archive's manifest is unreadable."))
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("The archive is of version %(version)s; this portal reads version %(ours)s.")
            % {"version": manifest.get("version"), "ours": VERSION}
        )
    del found[MANIFEST]
    for name in sorted(listed.keys() - found.keys()):
        raise BackupError(_("A file of the archive is missing: %(name)s") % {"name": name})
    for name in sorted(found.keys() - listed.keys()):
        raise BackupError(
            _("The archive holds a file its manifest does not list: %(name)s") % {"name": name}
        )
    for name in sorted(found):
        if found[name] != {"sha256": listed[name]["sha256"], "size": listed[name]["size"]}:
            raise BackupError(
                _("A file of the archive is damaged (its checksum differs): %(name)s")
                % {"name": name}
            )
    if DATABASE not in found:
        raise BackupError(_("The archive holds no database dump."))
    return manifest


def content_rows() -> dict[str, int]:
    """Rows of content in this installation, by model (empty: nothing but what `migrate` and a
    first visit make)."""
    counts = {}
    for model in backed_up_models():
        label = model._meta.label_lower
        if label in MADE_BY_AN_EMPTY_INSTALLATION:
            continue
        count = model._base_manager.count()
        if count:
            counts[label] = count
    return counts


@dataclass
class RestoreSummary:
    objects: int
    media_files: int


def restore_backup(archive: Path, *, force: bool = False) -> RestoreSummary:
    """Bring this installation to the state saved in `archive`.

    Refuses (BackupError, nothing changed) a damaged archive, and an installation that has
    content unless `force`, which first deletes every row (the files under MEDIA_ROOT that the
    archive also holds are replaced, the others left as they are)."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="cchc-restore-") as work_dir:
        work = Path(work_dir)
        manifest = unpack_verified(Path(archive), work)
        members = work / "members"
        restored_files = (
            sorted(
                (path.relative_to(members / "media").as_posix(), path)
                for path in (members / "media").rglob("*")
                if path.is_file()
            )
            if (members / "media").is_dir()
            else []
        )

        if not force:
            existing = content_rows()
            if existing:
                listed = ", ".join(f"{label} ({count})" for label, count in existing.items())
                raise BackupError(
                    _(
                        "This installation is not empty (%(rows)s). Restore into a new, migrated "
                        "database, or add --force to replace everything in it."
                    )
                    % {"rows": listed}
                )
            for relative, path in restored_files:
                current = media_root / relative
                if current.exists() and _sha256(current) != _sha256(path):
                    raise BackupError(
                        _(
                            "MEDIA_ROOT already holds a different file %(name)s; add --force to "
                            "replace it."
                        )
                        % {"name": relative}
                    )

        written: list[Path] = []
        try:
            with transaction.atomic():
                if force:
                    call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(members / DATABASE), verbosity=0)
                _reset_sequences()
                for relative, path in restored_files:
                    target = media_root / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    partial = target.with_name(target.name + ".restoring")
                    shutil.copyfile(path, partial)
                    os.chmod(partial, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
                    if not target.exists():
                        written.append(target)
                    os.replace(partial, target)
        except BaseException:
            for target in written:
                target.unlink(missing_ok=True)
            raise
        cache.clear()
    return RestoreSummary(objects=manifest.get("objects", 0), media_files=len(restored_files))


def _reset_sequences() -> None:
    """PostgreSQL: the id sequences start after the restored ids (no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
