from rest_framework import serializers

from clusters.enums import GroupKind, GroupLevel, LineageKind, UnitType
from clusters.models import EmulationGroup, GroupMembership, GroupTerm, LineageEvent, OrgUnit


class OrgUnitSerializer(serializers.ModelSerializer):
    unit_type_label = serializers.CharField(source="get_unit_type_display", read_only=True)

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "official_code",
            "name",
            "short_name",
            "unit_type",
            "unit_type_label",
            "parent",
            "valid_from",
            "valid_to",
        ]


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name"]


class UnitInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=255)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    official_code = serializers.CharField(max_length=32, required=False, allow_blank=True)
    unit_type = serializers.ChoiceField(choices=UnitType.choices)
    parent = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_to = serializers.DateField(required=False, allow_null=True)


class UnitUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    official_code = serializers.CharField(max_length=32, required=False, allow_blank=True)
    unit_type = serializers.ChoiceField(choices=UnitType.choices, required=False)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_to = serializers.DateField(required=False, allow_null=True)


class LineageLinkOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = UnitRefSerializer()
    role = serializers.CharField()
    is_partial = serializers.BooleanField()


class LineageEventSerializer(serializers.ModelSerializer):
    links = LineageLinkOutSerializer(many=True, read_only=True)

    class Meta:
        model = LineageEvent
        fields = [
            "id",
            "kind",
            "effective_on",
            "decision_ref",
            "note",
            "old_name",
            "new_name",
            "links",
        ]


class LineageEventInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[c for c in LineageKind.choices if c[0] != LineageKind.RENAME]
    )
    effective_on = serializers.DateField()
    decision_ref = serializers.CharField(max_length=255, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    predecessors = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), many=True, required=False
    )
    partial_predecessors = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), many=True, required=False
    )
    successors = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True)
    close_predecessors = serializers.BooleanField(required=False, default=False)


class GroupTermSerializer(serializers.ModelSerializer):
    head = UnitRefSerializer(source="head_unit")
    deputy = UnitRefSerializer(source="deputy_unit", allow_null=True)

    class Meta:
        model = GroupTerm
        fields = ["id", "year", "head", "deputy", "decision_ref"]


class MembershipSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()

    class Meta:
        model = GroupMembership
        fields = ["id", "year", "unit"]


class EmulationGroupSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = EmulationGroup
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "kind_label",
            "level",
            "level_label",
            "description",
            "decision_ref",
            "valid_from",
            "valid_to",
        ]


class EmulationGroupDetailSerializer(EmulationGroupSerializer):
    """The group with the members, head and deputy of one year (`?year=`)."""

    year = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()
    term = serializers.SerializerMethodField()

    class Meta(EmulationGroupSerializer.Meta):
        fields = [*EmulationGroupSerializer.Meta.fields, "year", "members", "term"]

    def get_year(self, obj) -> int:
        return self.context["year"]

    def get_members(self, obj) -> list[dict]:
        return MembershipSerializer(self.context["members"], many=True).data

    def get_term(self, obj) -> dict | None:
        term = self.context["term"]
        return GroupTermSerializer(term).data if term else None


class GroupInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=GroupKind.choices)
    level = serializers.ChoiceField(choices=GroupLevel.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    decision_ref = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)
    valid_to = serializers.DateField(required=False, allow_null=True, default=None)


class GroupUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False)
    kind = serializers.ChoiceField(choices=GroupKind.choices, required=False)
    level = serializers.ChoiceField(choices=GroupLevel.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    decision_ref = serializers.CharField(max_length=255, required=False, allow_blank=True)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_to = serializers.DateField(required=False, allow_null=True)


class MemberInputSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    year = serializers.IntegerField(min_value=1990, max_value=2100)


class TermInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    head_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    deputy_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    decision_ref = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


class CopyYearInputSerializer(serializers.Serializer):
    from_year = serializers.IntegerField(min_value=1990, max_value=2100)


class SkippedSerializer(serializers.Serializer):
    group = serializers.CharField()
    unit = serializers.CharField()
    reason = serializers.CharField()


class CopyReportSerializer(serializers.Serializer):
    from_year = serializers.IntegerField()
    to_year = serializers.IntegerField()
    memberships_created = serializers.IntegerField()
    terms_created = serializers.IntegerField()
    already_there = serializers.IntegerField()
    skipped = SkippedSerializer(many=True)
