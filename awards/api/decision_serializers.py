"""Serializers of the decisions API (awards/api/decisions.py)."""

from rest_framework import serializers

from awards.enums import AwardLevel, AwardMethod, IndividualCategory, SignerCapacity, SubjectType
from awards.models import AwardRecord, AwardType, Decision
from clusters.models import OrgUnit


class AwardRecordSerializer(serializers.ModelSerializer):
    decision_number = serializers.CharField(source="decision.number_label", read_only=True)
    decided_on = serializers.DateField(source="decision.decided_on", read_only=True)
    award_type_code = serializers.CharField(source="award_type.code", read_only=True)
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    level = serializers.CharField(source="award_type.level", read_only=True)
    subject_type_label = serializers.CharField(source="get_subject_type_display", read_only=True)
    unit = serializers.IntegerField(source="unit_id", read_only=True, allow_null=True)
    is_revoked = serializers.SerializerMethodField()

    class Meta:
        model = AwardRecord
        fields = [
            "id",
            "decision",
            "decision_number",
            "decided_on",
            "nominee",
            "award_type",
            "award_type_code",
            "award_type_name",
            "level",
            "subject_type",
            "subject_type_label",
            "name",
            "honorific",
            "birth_year",
            "position",
            "workplace",
            "org_unit",
            "proposer_unit",
            "unit",
            "individual_category",
            "is_enterprise",
            "method",
            "year",
            "cash_amount",
            "sort_order",
            "is_revoked",
            "revoked_at",
            "revoked_reason",
        ]
        read_only_fields = fields

    def get_is_revoked(self, record) -> bool:
        return record.revoked_at is not None


class DecisionSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    # A plain string ("draft" or "issued"): several apps name an enum "status" and the schema
    # would need ENUM_NAME_OVERRIDES in the settings to tell them apart.
    status = serializers.CharField(read_only=True, help_text="draft | issued")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    number_label = serializers.CharField(read_only=True)
    line_count = serializers.IntegerField(read_only=True)
    total_amount = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "level",
            "level_label",
            "title",
            "symbol",
            "number",
            "number_label",
            "decided_on",
            "issuer",
            "status",
            "status_label",
            "issued_at",
            "signer_name",
            "signer_title",
            "signer_capacity",
            "line_count",
            "total_amount",
            "sha256",
        ]
        read_only_fields = fields


class DecisionDetailSerializer(DecisionSerializer):
    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "reason", "preamble", "recipients"]
        read_only_fields = fields


class DecisionCreateSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=AwardLevel.choices)
    title = serializers.CharField(max_length=400)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    preamble = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    recipients = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    symbol = serializers.CharField(max_length=32, required=False, allow_blank=True)
    issuer = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_capacity = serializers.ChoiceField(
        choices=SignerCapacity.choices, required=False, allow_blank=True
    )


class DecisionUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=400, required=False)
    reason = serializers.CharField(required=False, allow_blank=True)
    preamble = serializers.CharField(required=False, allow_blank=True)
    recipients = serializers.CharField(required=False, allow_blank=True)
    symbol = serializers.CharField(max_length=32, required=False, allow_blank=True)
    issuer = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_capacity = serializers.ChoiceField(
        choices=SignerCapacity.choices, required=False, allow_blank=True
    )


class IssueInputSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1)
    decided_on = serializers.DateField()
    signer_name = serializers.CharField(max_length=255)
    signer_title = serializers.CharField(max_length=255)
    signer_capacity = serializers.ChoiceField(
        choices=SignerCapacity.choices, required=False, allow_blank=True, default=""
    )


class AddLinesInputSerializer(serializers.Serializer):
    nominees = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1)


class DecisionLineInputSerializer(serializers.Serializer):
    award_type = serializers.SlugRelatedField(slug_field="code", queryset=AwardType.objects.all())
    subject_type = serializers.ChoiceField(choices=SubjectType.choices)
    name = serializers.CharField(max_length=255)
    year = serializers.IntegerField(min_value=1945, max_value=2100)
    method = serializers.ChoiceField(choices=AwardMethod.choices, default=AwardMethod.REGULAR)
    org_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    proposer_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    honorific = serializers.ChoiceField(
        choices=[("", ""), ("Ông", "Ông"), ("Bà", "Bà")], required=False, default=""
    )
    birth_year = serializers.IntegerField(
        min_value=1900, max_value=2100, required=False, allow_null=True
    )
    position = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    workplace = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    individual_category = serializers.ChoiceField(
        choices=[("", ""), *IndividualCategory.choices], required=False, default=""
    )
    is_enterprise = serializers.BooleanField(required=False, default=False)


class RevokeInputSerializer(serializers.Serializer):
    reason = serializers.CharField()
