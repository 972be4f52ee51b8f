"""What is derived once from an uploaded file, after its upload has committed: the page count
and text of a PDF (pypdf) and images of its first pages (pypdfium2) for the in-page preview.

An encrypted or damaged PDF is kept and flagged; the editor's save has already succeeded and
never turns into an error. Each step is skipped when its result already exists, so running it
again (the `rebuild_document_previews` command) redoes only what is missing.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .files import preview_name
from .models import EXTRACTED_TEXT_MAX_CHARS, Document

logger = logging.getLogger(__name__)

PREVIEW_PAGES = 3
PREVIEW_WIDTH = 1000  # pixels: sharp in a 700-pixel column on dense screens
PREVIEW_MAX_HEIGHT = 3000
TEXT_MAX_PAGES = 500


def extract_pdf(data: bytes) -> dict:
    """{"page_count", "text", "is_encrypted", "is_broken"} of a PDF, never raising."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    result = {"page_count": None, "text": "", "is_encrypted": False, "is_broken": False}
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:  # AES without the optional `cryptography` package
                opened = False
            if not opened:
                result["is_encrypted"] = True
                return result
        result["page_count"] = len(reader.pages)
        texts, length = [], 0
        for page in reader.pages[:TEXT_MAX_PAGES]:
            text = page.extract_text() or ""
            texts.append(text)
            length += len(text)
            if length > EXTRACTED_TEXT_MAX_CHARS:
                break
        result["text"] = "\n".join(texts).replace("\x00", "")[:EXTRACTED_TEXT_MAX_CHARS]
    except Exception:
        # pypdf reports malformed files with many kinds of errors (its own, ValueError,
        # KeyError, RecursionError…); each one means "unreadable" to the editor and reader.
        logger.warning("Could not read a PDF", exc_info=True)
        result["is_broken"] = True
    return result


def render_pdf_pages(data: bytes, pages: int = PREVIEW_PAGES) -> list[bytes]:
    """WebP images of the first `pages` pages, at most PREVIEW_WIDTH wide. [] when unreadable."""
    import pypdfium2 as pdfium

    images = []
    try:
        document = pdfium.PdfDocument(data)
    except Exception:  # PdfiumError: damaged, or protected by a password
        return []
    try:
        for index in range(min(pages, len(document))):
            page = document[index]
            try:
                width, height = page.get_size()
                scale = min(PREVIEW_WIDTH / max(width, 1), PREVIEW_MAX_HEIGHT / max(height, 1))
                image = page.render(scale=scale).to_pil().convert("RGB")
            finally:
                page.close()
            buffer = io.BytesIO()
            image.save(buffer, "WEBP", quality=80)
            images.append((buffer.getvalue(), image.width, image.height))
    except Exception:  # PdfiumError, or Pillow failing on a strange bitmap: no preview
        logger.warning("Could not render a PDF page", exc_info=True)
    finally:
        document.close()
    return images


def process_stored_file(model, pk: int, *, force: bool = False) -> bool:
    """Derive the text and previews of one stored file (a DocumentFile or ArticleAttachment).

    Returns whether anything was written. Previews already in storage are reused."""
    stored = model.objects.filter(pk=pk).first()
    if stored is None or not stored.file:
        return False
    if stored.processed_at and not force and _previews_exist(stored):
        return False
    updates = {"processed_at": timezone.now()}
    if stored.kind == "pdf":
        try:
            with stored.file.open("rb") as handle:
                data = handle.read()
        except OSError:
            logger.exception("Stored file %s is missing", stored.file.name)
            model.objects.filter(pk=pk).update(is_broken=True, **updates)
            return True
        facts = extract_pdf(data)
        updates.update(
            page_count=facts["page_count"],
            extracted_text=facts["text"],
            is_encrypted=facts["is_encrypted"],
            is_broken=facts["is_broken"],
        )
        if not facts["is_encrypted"]:
            updates["preview_pages"] = _make_previews(stored, data)
            if facts["page_count"] and not updates["preview_pages"]:
                updates["is_broken"] = True
    model.objects.filter(pk=pk).update(**updates)
    document_id = getattr(stored, "document_id", None)
    if document_id:
        # The document's folded search text includes the extracted text: save it again.
        document = Document.objects.filter(pk=document_id).first()
        if document is not None:
            document.save(update_fields=["search_text"])
    return True


def _previews_exist(stored) -> bool:
    if stored.kind != "pdf" or stored.is_encrypted or stored.is_broken:
        return True
    return bool(stored.preview_pages) and all(
        default_storage.exists(page["name"]) for page in stored.preview_pages
    )


def _make_previews(stored, data: bytes) -> list[dict]:
    """Render the preview pages of `stored` and store them under names derived from its file."""
    pages = []
    for number, (content, width, height) in enumerate(render_pdf_pages(data), start=1):
        name = preview_name(stored.file.name, number)
        if default_storage.exists(name):
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(content))
        pages.append({"name": name, "page": number, "width": width, "height": height})
    return pages
