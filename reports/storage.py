"""Private storage for rendered reports: outside MEDIA_ROOT, no public URL."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateReportStorage(FileSystemStorage):
    """Reads REPORTS_PRIVATE_ROOT on every use (not once at import), so that a worker started
    with another root, or a test overriding the setting, finds the same files."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.REPORTS_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    # A callable keeps the path out of migrations.
    return PrivateReportStorage()
