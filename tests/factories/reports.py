import factory

from reports.enums import ReportKind, ReportPeriod, ReportScope, ReportStatus
from reports.models import ReportNumberRegister, ReportRun


class ReportRunFactory(factory.django.DjangoModelFactory):
    """A run as the services leave it; figures are minimal unless given."""

    class Meta:
        model = ReportRun

    kind = ReportKind.PROVINCE_FINAL
    scope = factory.LazyAttribute(lambda run: ReportKind.scope_of(run.kind))
    period = factory.LazyAttribute(lambda run: ReportKind.period_of(run.kind))
    group = None
    year = 2025
    status = ReportStatus.DONE
    progress = 100
    inputs_hash = factory.Sequence(lambda n: f"{n:064x}")
    data = factory.LazyAttribute(lambda run: {"year": run.year})
    signer_name = "Nguyễn Văn Ký"


class GroupReportRunFactory(ReportRunFactory):
    kind = ReportKind.GROUP_FINAL
    scope = ReportScope.GROUP
    period = ReportPeriod.YEAR


class ReportNumberRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportNumberRegister
        django_get_or_create = ("year", "symbol")

    year = 2025
    symbol = "BC-UBND"
    last_number = 0
