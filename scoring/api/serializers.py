from rest_framework import serializers

from scoring.enums import Stage
from scoring.models import Ballot, BallotCandidate, CriteriaSet, Criterion, Phase


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["kind", "starts_on", "ends_on"]


class CriterionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    is_leaf = serializers.BooleanField(read_only=True)

    class Meta:
        model = Criterion
        fields = [
            "id",
            "code",
            "parent",
            "text",
            "max_points",
            "criterion_type",
            "category",
            "levels",
            "target",
            "cap",
            "evidence_required",
            "movement",
            "is_leaf",
        ]


class CriteriaSetSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaSet
        fields = [
            "id",
            "group",
            "year",
            "period",
            "title",
            "bonus_cap",
            "penalty_cap",
            "discrepancy_margin",
            "tie_break",
            "phases",
        ]


class CriteriaSetDetailSerializer(CriteriaSetSerializer):
    criteria = serializers.SerializerMethodField()

    class Meta(CriteriaSetSerializer.Meta):
        fields = [*CriteriaSetSerializer.Meta.fields, "criteria"]

    def get_criteria(self, obj) -> list[dict]:
        return CriterionSerializer(self.context["nodes"], many=True).data


class LineInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    criterion = serializers.IntegerField()
    value = serializers.CharField(allow_blank=True, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    version = serializers.IntegerField(min_value=0)


class BulkLinesInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    lines = LineInputSerializer(many=True, allow_empty=False, max_length=5000)


class CandidateSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = BallotCandidate
        fields = ["id", "unit", "unit_name", "rank", "total", "is_acclaimed"]


class BallotSerializer(serializers.ModelSerializer):
    candidates = CandidateSerializer(many=True, read_only=True)

    class Meta:
        model = Ballot
        fields = [
            "id",
            "criteria_set",
            "title",
            "seats",
            "quorum",
            "threshold",
            "max_rounds",
            "round",
            "status",
            "outcome",
            "electorate",
            "opened_at",
            "closed_at",
            "candidates",
        ]


class VoteInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    candidates = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
