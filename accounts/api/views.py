from axes.handlers.proxy import AxesProxyHandler
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import MeSerializer, TokenRequestSerializer


class MeView(APIView):
    """The signed-in user and the roles in force today."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class LockedOut(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"
    default_detail = _(
        "Too many failed sign-in attempts. Try again later, or ask the system administrator "
        "to unlock your account."
    )


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token.

    A locked-out account (django-axes, the same counter as the sign-in page) gets 429 with
    that reason, not the "wrong credentials" answer that would send the user guessing again.
    """

    serializer_class = TokenRequestSerializer

    def post(self, request, *args, **kwargs):
        username = request.data.get("username")
        if isinstance(username, str) and AxesProxyHandler.is_locked(
            request._request, {"username": username}
        ):
            raise LockedOut
        return super().post(request, *args, **kwargs)
