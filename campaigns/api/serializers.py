from rest_framework import serializers

from campaigns.models import EmulationRegistration, Movement, RegisteredIndividual


class MovementSerializer(serializers.ModelSerializer):
    launcher_level_label = serializers.CharField(
        source="get_launcher_level_display", read_only=True
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    participant_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Movement
        fields = [
            "id",
            "name",
            "launcher_level",
            "launcher_level_label",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "start_year",
            "end_year",
            "start_date",
            "end_date",
            "objectives",
            "launch_document",
            "launched_on",
            "launcher_unit",
            "participant_count",
        ]


class RegisteredIndividualSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegisteredIndividual
        fields = ["id", "full_name", "position", "target_title"]


class RegistrationSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    individual_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = EmulationRegistration
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "movement",
            "status",
            "status_label",
            "collective_titles",
            "individual_count",
            "is_late",
            "first_sent_at",
            "sent_at",
            "return_reason",
            "reviewed_at",
        ]


class RegistrationDetailSerializer(RegistrationSerializer):
    individuals = RegisteredIndividualSerializer(many=True, read_only=True)

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "commitments", "individuals"]


class ReturnInputSerializer(serializers.Serializer):
    reason = serializers.CharField()
