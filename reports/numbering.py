"""Document numbers: "Số: 05/BC-UBND", one series per symbol, restarting at 01 each year
(Decree 30/2020; domain R41)."""

from reports.enums import ReportScope
from reports.models import ReportNumberRegister

PROVINCE_SYMBOL = "BC-UBND"


def symbol_for(run) -> str:
    """Province reports are the People's Committee's (BC-UBND); a cluster/block report is
    numbered in its own register (BC-<group code>)."""
    if run.scope == ReportScope.GROUP:
        return f"BC-{run.group.code}".upper()[:32]
    return PROVINCE_SYMBOL


def next_number(*, year: int, symbol: str) -> int:
    """Take the next number of the yearly register. Must run inside the caller's transaction:
    the register row stays locked until it commits, so two finalisations never share one."""
    ReportNumberRegister.objects.bulk_create(
        [ReportNumberRegister(year=year, symbol=symbol)], ignore_conflicts=True
    )
    register = ReportNumberRegister.objects.select_for_update().get(year=year, symbol=symbol)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number
