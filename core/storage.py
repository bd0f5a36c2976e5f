"""Files kept under MEDIA_ROOT/private/<folder> with no public URL: evidence, dossier documents
and decisions are served only by views that check the user's rights first."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateMediaStorage(FileSystemStorage):
    """The location follows MEDIA_ROOT (also when a test changes it); subclasses name the
    folder. Subclasses stay importable by name: migrations refer to them."""

    folder = ""

    @cached_property
    def base_location(self):
        return str(Path(settings.MEDIA_ROOT) / "private" / self.folder)

    @cached_property
    def base_url(self):
        return None
