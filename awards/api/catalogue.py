"""API of the award catalogue: award types, required documents, base salaries and dossier
deadlines. Every signed-in caller reads; writes need awards.manage_catalogue and go through
the same services as the pages (awards/services/catalogue.py)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from awards import selectors
from awards.enums import AwardLevel, AwardMethod, DocumentKind, SubjectType
from awards.models import AwardType, BaseSalary, RequiredDocument, SubmissionDeadline
from awards.services import catalogue as services

MANAGE = "awards.manage_catalogue"


# ---------------------------------------------------------------- serializers


class AwardTypeSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    statistics_column_label = serializers.CharField(
        source="get_statistics_column_display", read_only=True
    )
    amount_collective = serializers.SerializerMethodField(
        help_text=_("Coefficient × today's base salary, in đồng.")
    )
    amount_individual = serializers.SerializerMethodField(
        help_text=_("Coefficient × today's base salary, in đồng.")
    )
    amount_household = serializers.SerializerMethodField(
        help_text=_("Coefficient × today's base salary, in đồng.")
    )

    class Meta:
        model = AwardType
        fields = [
            "id",
            *services.AWARD_TYPE_FIELDS,
            "level_label",
            "kind_label",
            "statistics_column_label",
            "amount_collective",
            "amount_individual",
            "amount_household",
        ]

    def _amount(self, award_type: AwardType, subject: str) -> int | None:
        return selectors.cash_amount(
            award_type.coefficient_for(subject), self.context.get("base_salary")
        )

    def get_amount_collective(self, award_type: AwardType) -> int | None:
        return self._amount(award_type, SubjectType.COLLECTIVE)

    def get_amount_individual(self, award_type: AwardType) -> int | None:
        return self._amount(award_type, SubjectType.INDIVIDUAL)

    def get_amount_household(self, award_type: AwardType) -> int | None:
        return self._amount(award_type, SubjectType.HOUSEHOLD)


class AwardTypeInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardType
        fields = list(services.AWARD_TYPE_FIELDS)
        # The service checks the code with its own message.
        extra_kwargs = {"code": {"validators": []}}


class RequiredDocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = RequiredDocument
        fields = ["id", "award_type", *services.REQUIRED_DOCUMENT_FIELDS, "kind_label"]


class RequiredDocumentInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = ["award_type", *services.REQUIRED_DOCUMENT_FIELDS]


class RequiredDocumentUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = list(services.REQUIRED_DOCUMENT_FIELDS)


class EndRequiredDocumentSerializer(serializers.Serializer):
    last_day = serializers.DateField(help_text=_("The last day the document is required."))


class BaseSalarySerializer(serializers.ModelSerializer):
    class Meta:
        model = BaseSalary
        fields = ["id", "valid_from", "amount", "legal_basis"]
        extra_kwargs = {"valid_from": {"validators": []}}


class SubmissionDeadlineSerializer(serializers.ModelSerializer):
    method_label = serializers.CharField(source="get_method_display", read_only=True)

    class Meta:
        model = SubmissionDeadline
        fields = ["id", "year", "method", "method_label", "due_on", "note"]


class SubmissionDeadlineInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    method = serializers.ChoiceField(choices=AwardMethod.choices)
    due_on = serializers.DateField()
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class SubmissionDeadlineUpdateSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


# ---------------------------------------------------------------- filters


class AwardTypeFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=AwardLevel.choices)
    active = django_filters.BooleanFilter()

    class Meta:
        model = AwardType
        fields = ["level", "kind", "active"]


class RequiredDocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)
    in_force_on = django_filters.DateFilter(
        method="filter_in_force_on", label=_("in force on (YYYY-MM-DD)")
    )

    class Meta:
        model = RequiredDocument
        fields = ["award_type", "kind", "per_nominee", "in_force_on"]

    def filter_in_force_on(self, queryset, name, value):
        return queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=value),
            Q(valid_to__isnull=True) | Q(valid_to__gte=value),
        )


class SubmissionDeadlineFilter(django_filters.FilterSet):
    method = django_filters.ChoiceFilter(choices=AwardMethod.choices)

    class Meta:
        model = SubmissionDeadline
        fields = ["year", "method"]


# ---------------------------------------------------------------- views


class CatalogueViewSet(viewsets.ModelViewSet):
    """Reads for every signed-in caller; writes for awards.manage_catalogue only."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def check_manage(self) -> None:
        if not self.request.user.has_perm(MANAGE):
            raise PermissionDenied

    def _input(self, serializer_class, *, partial: bool = False, instance=None):
        self.check_manage()
        data = serializer_class(instance=instance, data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        return data.validated_data


class AwardTypeViewSet(CatalogueViewSet):
    """The award catalogue, State level first; amounts are at today's base salary."""

    queryset = AwardType.objects.all()
    serializer_class = AwardTypeSerializer
    filterset_class = AwardTypeFilter
    ordering_fields = ["name", "code", "sort_order"]

    def get_queryset(self):
        return selectors.award_types()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["base_salary"] = selectors.base_salary_on(timezone.localdate())
        return context

    def _output(self, award_type, status_code=status.HTTP_200_OK):
        award_type = selectors.award_types().get(pk=award_type.pk)
        return Response(self.get_serializer(award_type).data, status=status_code)

    @extend_schema(request=AwardTypeInputSerializer, responses={201: AwardTypeSerializer})
    def create(self, request, *args, **kwargs):
        values = self._input(AwardTypeInputSerializer)
        award_type = services.create_award_type(actor=request.user, **values)
        return self._output(award_type, status.HTTP_201_CREATED)

    @extend_schema(request=AwardTypeInputSerializer, responses=AwardTypeSerializer)
    def update(self, request, *args, **kwargs):
        award_type = self.get_object()
        values = self._input(
            AwardTypeInputSerializer, partial=kwargs.get("partial", False), instance=award_type
        )
        award_type = services.update_award_type(award_type, actor=request.user, **values)
        return self._output(award_type)

    @extend_schema(request=AwardTypeInputSerializer, responses=AwardTypeSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        award_type = self.get_object()
        self.check_manage()
        services.delete_award_type(award_type, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RequiredDocumentViewSet(CatalogueViewSet):
    """Required documents of the award types; filter by `award_type` and `in_force_on`. A row
    that has been in force is ended (POST …/end/), not deleted."""

    queryset = RequiredDocument.objects.all()
    serializer_class = RequiredDocumentSerializer
    filterset_class = RequiredDocumentFilter
    ordering_fields = ["valid_from", "kind"]

    def get_queryset(self):
        return RequiredDocument.objects.order_by("award_type_id", "kind", "-valid_from", "pk")

    def _output(self, document, status_code=status.HTTP_200_OK):
        document.refresh_from_db()
        return Response(RequiredDocumentSerializer(document).data, status=status_code)

    @extend_schema(
        request=RequiredDocumentInputSerializer, responses={201: RequiredDocumentSerializer}
    )
    def create(self, request, *args, **kwargs):
        values = dict(self._input(RequiredDocumentInputSerializer))
        award_type = values.pop("award_type")
        document = services.add_required_document(award_type, actor=request.user, **values)
        return self._output(document, status.HTTP_201_CREATED)

    @extend_schema(request=RequiredDocumentUpdateSerializer, responses=RequiredDocumentSerializer)
    def update(self, request, *args, **kwargs):
        document = self.get_object()
        values = self._input(
            RequiredDocumentUpdateSerializer,
            partial=kwargs.get("partial", False),
            instance=document,
        )
        document = services.update_required_document(document, actor=request.user, **values)
        return self._output(document)

    @extend_schema(request=RequiredDocumentUpdateSerializer, responses=RequiredDocumentSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        document = self.get_object()
        self.check_manage()
        services.delete_required_document(document, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=EndRequiredDocumentSerializer, responses=RequiredDocumentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        document = self.get_object()
        values = self._input(EndRequiredDocumentSerializer)
        document = services.end_required_document(
            document, actor=request.user, last_day=values["last_day"]
        )
        return self._output(document)


class BaseSalaryViewSet(CatalogueViewSet):
    """The dated base salary (lương cơ sở), the latest first."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    queryset = BaseSalary.objects.all()
    serializer_class = BaseSalarySerializer
    ordering_fields = ["valid_from"]

    def get_queryset(self):
        return selectors.base_salaries()

    @extend_schema(request=BaseSalarySerializer, responses={201: BaseSalarySerializer})
    def create(self, request, *args, **kwargs):
        values = self._input(BaseSalarySerializer)
        row = services.add_base_salary(actor=request.user, **values)
        return Response(BaseSalarySerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=BaseSalarySerializer, responses=BaseSalarySerializer)
    def update(self, request, *args, **kwargs):
        row = self.get_object()
        values = self._input(
            BaseSalarySerializer, partial=kwargs.get("partial", False), instance=row
        )
        values = {
            "valid_from": values.get("valid_from", row.valid_from),
            "amount": values.get("amount", row.amount),
            "legal_basis": values.get("legal_basis", row.legal_basis),
        }
        row = services.update_base_salary(row, actor=request.user, **values)
        return Response(BaseSalarySerializer(row).data)

    @extend_schema(request=BaseSalarySerializer, responses=BaseSalarySerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class SubmissionDeadlineViewSet(CatalogueViewSet):
    """The yearly dossier deadlines per award method. POST sets the deadline of a year and
    method, replacing the one it had."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    queryset = SubmissionDeadline.objects.all()
    serializer_class = SubmissionDeadlineSerializer
    filterset_class = SubmissionDeadlineFilter
    ordering_fields = ["year", "due_on"]

    def get_queryset(self):
        return selectors.submission_deadlines()

    @extend_schema(
        request=SubmissionDeadlineInputSerializer,
        responses={200: SubmissionDeadlineSerializer, 201: SubmissionDeadlineSerializer},
    )
    def create(self, request, *args, **kwargs):
        values = self._input(SubmissionDeadlineInputSerializer)
        existed = selectors.deadline_for(values["year"], values["method"]) is not None
        deadline = services.set_submission_deadline(actor=request.user, **values)
        return Response(
            SubmissionDeadlineSerializer(deadline).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=SubmissionDeadlineUpdateSerializer, responses=SubmissionDeadlineSerializer
    )
    def update(self, request, *args, **kwargs):
        deadline = self.get_object()
        values = self._input(
            SubmissionDeadlineUpdateSerializer, partial=bool(kwargs.get("partial"))
        )
        deadline = services.set_submission_deadline(
            actor=request.user,
            year=deadline.year,
            method=deadline.method,
            due_on=values.get("due_on", deadline.due_on),
            note=values.get("note", deadline.note),
        )
        return Response(SubmissionDeadlineSerializer(deadline).data)

    @extend_schema(
        request=SubmissionDeadlineUpdateSerializer, responses=SubmissionDeadlineSerializer
    )
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


router = SimpleRouter()
router.register("award-types", AwardTypeViewSet, basename="award-type")
router.register("required-documents", RequiredDocumentViewSet, basename="required-document")
router.register("base-salaries", BaseSalaryViewSet, basename="base-salary")
router.register("dossier-deadlines", SubmissionDeadlineViewSet, basename="dossier-deadline")
urlpatterns = router.urls
