from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from accounts.models import RoleAssignment, User
from demo.loader import DemoModeRequiredError, load_demo


class Command(BaseCommand):
    help = "Load the Hưng Yên demo data and demo users (demo mode only; safe to run twice)."

    def handle(self, *args, **options):
        try:
            changed = load_demo()
        except DemoModeRequiredError as exc:
            raise CommandError(
                "Demo data is loaded only in demo mode: set DEMO_MODE=true (make run does)."
            ) from exc
        self.stdout.write(f"Demo data: {changed} object(s) created or changed.")
        self.stdout.write("Demo accounts (password from DEMO_PASSWORD):")
        users = User.objects.order_by("date_joined", "pk").prefetch_related(
            Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("unit"))
        )
        for user in users:
            roles = "; ".join(
                f"{a.get_role_display()} — {a.unit.short_name or a.unit.name}"
                for a in user.role_assignments.all()
            )
            self.stdout.write(f"  {user.username:<16} {roles}")
