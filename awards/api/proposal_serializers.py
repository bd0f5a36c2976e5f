"""Serializers of the award-dossier API. Writes go through awards.services.proposals."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.enums import AwardMethod, DocumentKind
from awards.models import AwardType, Nominee, Proposal, ProposalDocument
from clusters.models import EmulationGroup, OrgUnit


class NomineeSerializer(serializers.ModelSerializer):
    award_type = serializers.PrimaryKeyRelatedField(queryset=AwardType.objects.all())
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    org_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Nominee
        fields = [
            "id",
            "award_type",
            "award_type_name",
            "subject_type",
            "name",
            "org_unit",
            "honorific",
            "birth_year",
            "position",
            "workplace",
            "individual_category",
            "is_enterprise",
            "achievement",
            "sort_order",
            "status",
            "status_label",
            "appraisal_note",
        ]
        read_only_fields = ["status", "appraisal_note"]
        # The service checks the whole nominee (and the model constraints) itself.
        validators: list = []


class DocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ProposalDocument
        fields = [
            "id",
            "kind",
            "kind_label",
            "nominee",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "download_url",
        ]

    @extend_schema_field(serializers.CharField())
    def get_download_url(self, document) -> str:
        return reverse("awards:proposal-document-download", args=[document.pk])


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    nominee = serializers.IntegerField(required=False, allow_null=True)
    file = serializers.FileField()


class MissingDocumentSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    nominee = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_nominee(self, item) -> int | None:
        return item.nominee.pk if item.nominee else None


class ProposalSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    group_name = serializers.CharField(source="group.name", read_only=True, default="")
    method_label = serializers.CharField(source="get_method_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    nominee_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "unit",
            "unit_name",
            "group",
            "group_name",
            "year",
            "method",
            "method_label",
            "title",
            "submission_number",
            "submission_date",
            "status",
            "status_label",
            "submitted_at",
            "is_late",
            "appraised_at",
            "return_reason",
            "rejection_reason",
            "appraiser",
            "nominee_count",
        ]
        read_only_fields = fields


class ProposalDetailSerializer(ProposalSerializer):
    nominees = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    missing_documents = serializers.SerializerMethodField()

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "nominees", "documents", "missing_documents"]
        read_only_fields = fields

    @extend_schema_field(NomineeSerializer(many=True))
    def get_nominees(self, proposal):
        from awards import selectors  # noqa: PLC0415 -- selectors import the forms' models

        return NomineeSerializer(selectors.proposal_nominees(proposal), many=True).data

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, proposal):
        from awards import selectors  # noqa: PLC0415

        return DocumentSerializer(selectors.proposal_documents(proposal), many=True).data

    @extend_schema_field(MissingDocumentSerializer(many=True))
    def get_missing_documents(self, proposal):
        from awards.services.proposals import missing_documents  # noqa: PLC0415

        return MissingDocumentSerializer(missing_documents(proposal), many=True).data


class ProposalCreateSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    group = serializers.PrimaryKeyRelatedField(
        queryset=EmulationGroup.objects.all(), required=False, allow_null=True
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    method = serializers.ChoiceField(choices=AwardMethod.choices)
    title = serializers.CharField(max_length=400)
    submission_number = serializers.CharField(max_length=64, required=False, allow_blank=True)
    submission_date = serializers.DateField(required=False, allow_null=True)


class ProposalUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=400, required=False)
    method = serializers.ChoiceField(choices=AwardMethod.choices, required=False)
    submission_number = serializers.CharField(max_length=64, required=False, allow_blank=True)
    submission_date = serializers.DateField(required=False, allow_null=True)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField()


class FinishInputSerializer(serializers.Serializer):
    rejection_reason = serializers.CharField(required=False, allow_blank=True)


class AppraiseInputSerializer(serializers.Serializer):
    approved = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True)


class FromBallotInputSerializer(serializers.Serializer):
    group = serializers.PrimaryKeyRelatedField(queryset=EmulationGroup.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
