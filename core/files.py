"""Files written to storage during a save that may still fail.

A database rollback cannot take back a file already written to storage. Code that writes files
inside a transaction notes each one with `note_stored`; a caller that may fail after them wraps
the whole save in `discard_stored_files_on_error()`, which deletes them when an error leaves the
block — so a failed save leaves no orphan files behind its rolled-back rows.
"""

import logging
from contextlib import contextmanager, suppress
from contextvars import ContextVar

logger = logging.getLogger(__name__)

_stored: ContextVar[list | None] = ContextVar("stored_files", default=None)


def note_stored(storage, name: str) -> None:
    """Record that `name` was just written to `storage` (kept only inside a block below)."""
    stored = _stored.get()
    if stored is not None:
        stored.append((storage, name))


def delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete %s after a failed save", name)


@contextmanager
def discard_stored_files_on_error():
    """Delete every file noted inside the block if the block raises.

    Blocks nest: files noted in an inner block that succeeded are deleted too when an outer
    one fails afterwards.
    """
    outer = _stored.get()
    stored = []
    token = _stored.set(stored)
    try:
        yield stored
    except BaseException:
        for storage, name in reversed(stored):
            delete_quietly(storage, name)
        raise
    else:
        if outer is not None:
            outer.extend(stored)
    finally:
        _stored.reset(token)


def save_to_storage(storage, name: str, content, max_length=None) -> str:
    """`storage.save`, noting the stored name; a file left half-written by a failed write (a
    full disk) is removed before the error goes on."""
    name = storage.get_available_name(name, max_length=max_length)
    try:
        stored_name = storage.save(name, content, max_length=max_length)
    except OSError:
        with suppress(OSError):
            if storage.exists(name):
                delete_quietly(storage, name)
        raise
    note_stored(storage, stored_name)
    return stored_name
