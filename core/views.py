import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.generic import ListView, TemplateView

from core import selectors
from core.filters import AuditEntryFilter, filtered_or_none
from core.registry import work_items

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    """ "My work": what is waiting for the signed-in user, whatever their role."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        from accounts.selectors import role_labels  # noqa: PLC0415 -- accounts sits above core

        context = super().get_context_data(**kwargs)
        context["roles"] = role_labels(self.request.user)
        context["work_items"] = work_items(self.request.user)
        return context


class AuditListView(PermissionRequiredMixin, ListView):
    permission_required = "core.view_audit_log"
    template_name = "core/audit_list.html"
    paginate_by = 50
    context_object_name = "entries"

    def get_queryset(self):
        self.filterset = AuditEntryFilter(
            self.request.GET or None, queryset=selectors.audit_entries()
        )
        return filtered_or_none(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "down" to an operator
        logger.exception("Health check: database unreachable")
        return "error"
    return "ok"


def _check_redis():
    url = settings.REDIS_URL
    if not url:
        return "not_configured"
    import redis  # noqa: PLC0415 -- only the health check needs a raw client

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except Exception:  # any failure means "down" to an operator
        logger.exception("Health check: Redis unreachable")
        return "error"
    return "ok"


@login_not_required
def healthz(request):
    checks = {"database": _check_database(), "redis": _check_redis()}
    healthy = all(value != "error" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@login_not_required
def error_400(request, exception=None):
    return render(request, "errors/400.html", status=400)


@login_not_required
def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


@login_not_required
def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


@login_not_required
def error_500(request):
    return render(request, "errors/500.html", status=500)
