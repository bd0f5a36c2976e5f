from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from reports.schedule import ensure_periodic_drafts


class Command(BaseCommand):
    help = "Create the default schedule of the periodic report drafts (existing rows are kept)."

    def handle(self, *args, **options):
        created = ensure_periodic_drafts(CrontabSchedule, PeriodicTask)
        for name in created:
            self.stdout.write(f"created: {name}")
        if not created:
            self.stdout.write("the schedule exists already")
