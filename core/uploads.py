"""Checking an uploaded file before it is stored: size, type by content, SHA-256.

Evidence (scoring) and dossier documents (awards) accept the same kinds of file; the type is read
from the file's first bytes (and, for the Office formats, the parts of the zip), never from its
name or the browser's claim.
"""

import hashlib
import posixpath
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.exceptions import DomainError

ZIP_KINDS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}


def sniff_content_type(upload) -> str | None:
    """PDF, PNG, JPEG, DOCX or XLSX by the file's first bytes; None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for part, (content_type, _ext) in ZIP_KINDS.items():
                if part in names:
                    return content_type
    return None


# The extensions a file of each sniffed type may carry; the first is given to a file whose
# name says otherwise (a PDF named "bao-cao.docx" is kept as "bao-cao.docx.pdf").
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    **{content_type: (f".{ext}",) for content_type, ext in ZIP_KINDS.values()},
}


def name_for(name: str, content_type: str) -> str:
    """`name` with the extension of its real type, cut to 255 characters."""
    stem, ext = posixpath.splitext(name or "")
    allowed = EXTENSIONS[content_type]
    if ext.lower() not in allowed:
        stem, ext = (name or "").rstrip(".") or "file", allowed[0]
    return stem[: 255 - len(ext)] + ext


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload, *, max_bytes: int) -> CheckedUpload:
    """Refuse a file over `max_bytes` or of another type, with a translated message; else
    its name (with the extension of its real type, cut to 255 characters), type, size and
    SHA-256. The file is left rewound."""
    if upload.size > max_bytes:
        raise DomainError(
            _("The file is larger than %(size)s MB.") % {"size": round(max_bytes / 1024 / 1024, 1)},
            code="too_large",
        )
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise DomainError(
            _("Only PDF, PNG, JPEG, DOCX and XLSX files are accepted."), code="bad_type"
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        name=name_for(upload.name, content_type),
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )
