"""Catalogues and states of the awards app (domain §2, §4.2, §5.2, §11).

Allowed transitions are `nonmember` constants on each status enum; the services enforce them.
"""

from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AwardLevel(models.TextChoices):
    """Who decides: the State (President, Prime Minister: form 0602), the province (chairman of
    the Provincial People's Committee: form 0603) or the grassroots (department heads, commune
    chairmen)."""

    STATE = "state", _("State level")
    PROVINCE = "province", _("Provincial level")
    GRASSROOTS = "grassroots", _("Grassroots level")


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Award form")


class SubjectType(models.TextChoices):
    """Form 0602 rows 06/08/09 and 0603 rows 02/04/05."""

    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")
    INDIVIDUAL = "individual", _("Individual")


class IndividualCategory(models.TextChoices):
    """The five individual rows of forms 0602 (10–14) and 0603 (06–10)."""

    PROVINCIAL_LEADER = "provincial_leader", _("Leader at ministry/province level or above")
    DEPARTMENT_LEADER = "department_leader", _("Leader at department/agency level")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    OTHER_MANAGER = "other_manager", _("Other manager from deputy head of division up")
    FRONTLINE = "frontline", _("Front-line worker (worker, farmer, staff without a post)")


class AwardMethod(models.TextChoices):
    """Method / category of an award (Law Art. 8; forms 0602 rows 15–21, 0603 rows 11–17)."""

    REGULAR = "regular", _("Regular (merit)")
    THEMATIC = "thematic", pgettext_lazy("award method", "Thematic")
    AD_HOC = "ad_hoc", _("Ad-hoc")
    FOREIGN = "foreign", _("Foreign relations")
    CONTRIBUTION = "contribution", _("Career contribution")
    SENIORITY = "seniority", _("Seniority")
    RESISTANCE = "resistance", _("Resistance")


class StatisticsColumn(models.TextChoices):
    """Where an award type is counted in the statistical forms (forms.md §1.4–1.5). Columns 2, 5
    and 9 of form 0602 expand to one column per award type."""

    NONE = "", _("Not in the statistical forms")
    F0602_ORDER_MEDAL = "0602:2", _("0602 col. 2: orders and medals")
    F0602_HCM_PRIZE = "0602:3", _("0602 col. 3: Ho Chi Minh Prize")
    F0602_STATE_PRIZE = "0602:4", _("0602 col. 4: State Prize")
    F0602_HONORARY_TITLE = "0602:5", _("0602 col. 5: State honorary titles")
    F0602_GOVERNMENT_FLAG = "0602:6", _("0602 col. 6: Emulation flag of the Government")
    F0602_PM_CERTIFICATE = "0602:7", _("0602 col. 7: Prime Minister's certificate of merit")
    F0602_NATIONAL_FIGHTER = "0602:8", _("0602 col. 8: National emulation fighter")
    F0602_OTHER = "0602:9", _("0602 col. 9: other forms")
    F0603_CERTIFICATE = "0603:2", _("0603 col. 2: certificate of merit")
    F0603_FIGHTER = "0603:3", _("0603 col. 3: provincial emulation fighter")
    F0603_FLAG = "0603:4", _("0603 col. 4: provincial emulation flag")
    F0603_BADGE = "0603:5", _("0603 col. 5: commemorative badge")


class DocumentKind(models.TextChoices):
    """Attachment kinds of a dossier (domain §4.1; the vendor's codes)."""

    SUBMISSION = "submission", _("Submission letter (tờ trình)")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    MINUTES = "minutes", _("Council minutes with the ballot result")
    INITIATIVE = "initiative", _("Initiative recognition")
    SCIENCE = "science", _("Accepted science project")
    CERTIFICATE = "certificate", _("Certificate of the achievement")
    CLEARANCE = "clearance", _("Clearance by the competent agencies")
    OTHER = "other", _("Other document")


class ProposalStatus(models.TextChoices):
    """The provincial dossier workflow (domain §4.2), without the council, Party opinion and
    central stages, which come with the council issue."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_APPRAISAL = "under_appraisal", _("Under appraisal")
    RETURNED = "returned", _("Returned for completion")
    APPRAISED = "appraised", _("Appraised")
    REJECTED = "rejected", _("Rejected")
    DECIDED = "decided", _("Decided")

    TRANSITIONS = nonmember(
        {
            "draft": frozenset({"submitted"}),
            "submitted": frozenset({"under_appraisal", "returned"}),
            "under_appraisal": frozenset({"returned", "appraised", "rejected"}),
            "returned": frozenset({"submitted"}),
            "appraised": frozenset({"decided"}),
            "rejected": frozenset(),
            "decided": frozenset(),
        }
    )
    EDITABLE = nonmember(frozenset({"draft", "returned"}))


class NomineeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved at appraisal")
    NOT_APPROVED = "not_approved", _("Not approved")
    AWARDED = "awarded", _("Awarded")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("decision", "Draft")
    ISSUED = "issued", _("Issued")

    TRANSITIONS = nonmember({"draft": frozenset({"issued"}), "issued": frozenset()})


class SignerCapacity(models.TextChoices):
    """Signature block prefixes (Decree 30/2020)."""

    DIRECT = "", _("Signs in own name")
    ON_BEHALF = "TM.", _("TM. (on behalf of the collective)")
    DEPUTY = "KT.", _("KT. (deputy signing for the head)")
