"""Sign-in, sign-out and failed sign-in go to the audit trail (Django's own auth signals)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts import audit_actions
from core.audit import record_audit
from core.http import client_ip


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def audit_signed_in(sender, request, user, **kwargs):
    record_audit(audit_actions.SIGNED_IN, actor=user, target=user, ip_address=client_ip(request))


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def audit_signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    record_audit(audit_actions.SIGNED_OUT, actor=user, target=user, ip_address=client_ip(request))


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    user = get_user_model().objects.filter(username=username).first() if username else None
    record_audit(
        audit_actions.SIGN_IN_FAILED,
        target=user,
        target_label=username,
        after={"username": username},
        ip_address=client_ip(request),
    )
