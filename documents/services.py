"""The document workflow: editors draft, publishers publish and unpublish. Each transition is
`Document.workflow.move` (core.workflow): it checks the actor, writes, keeps a revision and
records the audit entry in one transaction."""

from .models import Document

Transition = Document.Transition


def publish_document(*, document: Document, actor, now=None) -> Document:
    """draft → published: the document appears in the register at once."""
    return Document.workflow.move(document, Transition.PUBLISH, actor=actor, now=now)


def unpublish_document(*, document: Document, actor) -> Document:
    """published → draft: the document leaves the register (its address answers 404)."""
    return Document.workflow.move(document, Transition.UNPUBLISH, actor=actor)


def delete_document(*, document: Document, actor) -> None:
    Document.workflow.delete(document, actor=actor)
