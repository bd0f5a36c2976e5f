from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer

from accounts.models import User
from accounts.selectors import active_roles


class RoleSerializer(serializers.Serializer):
    role = serializers.CharField()
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "position", "roles"]

    def get_roles(self, user) -> list[dict]:
        return RoleSerializer(active_roles(user), many=True).data


class TokenRequestSerializer(AuthTokenSerializer):
    """DRF's own serializer, with the username capped at the length a username can have: a
    longer one would reach the failed-sign-in bookkeeping (axes, audit) and fail there."""

    username = serializers.CharField(
        label=_("Username"),
        max_length=User._meta.get_field("username").max_length,
        write_only=True,
    )
