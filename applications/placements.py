"""Placements: a selected applicant's stay on actual dates, and its grant as ``mobilities.budget``
computes it with the Beneficiary Module's day count.

The stay must lie within its slot's period and last as long as the slot and the activity allow;
the grant is priced with the rates of the slot's call, the flow's distance band and the home
university's receiving-country group, and stored on the placement, so that every page and the
Beneficiary Module export show the same figures.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from icm_portal.roles import can_manage_slot
from mobilities import budget
from mobilities.services import distance_between, rates_for_call, receiving_group_of
from projects.partners import home_institution
from projects.placements import flow_against_award

from .models import Application, ApplicationState, Placement


@dataclass(frozen=True)
class StayFigures:
    """What a stay's dates give: the days counted, the funded travel days and the grant."""

    counted_days: int
    travel_days: int
    grant: budget.ParticipantGrant


def _check_within_slot(slot, start_date, end_date):
    errors = {}
    if start_date < slot.earliest_start:
        errors["start_date"] = _("The stay starts on %(start)s at the earliest, as the slot says.") % {
            "start": date_format(slot.earliest_start)
        }
    if end_date > slot.latest_end:
        errors["end_date"] = _("The stay ends on %(end)s at the latest, as the slot says.") % {
            "end": date_format(slot.latest_end)
        }
    if end_date < start_date:
        errors["end_date"] = _("The end of the stay comes before its start.")
    if errors:
        raise ValidationError(errors)


def price_stay(slot, *, start_date, end_date, travel_days=None, green_travel=False, rates=None, home=None):
    """The figures of a stay in ``slot`` from ``start_date`` to ``end_date``; nothing is saved.

    Raises ``ValidationError`` keyed by the field at fault: dates outside the slot's period, a
    duration outside the slot's range or the activity's, travel days beyond what is funded.
    ``rates`` and ``home`` may be passed when known (else three queries and one).
    """
    _check_within_slot(slot, start_date, end_date)
    flow = slot.flow
    rates = rates or rates_for_call(flow.proposal.call)
    home = home or home_institution()
    distance = flow.distance_km
    if distance is None:
        distance = distance_between(home, flow.proposal.partner)
    is_staff = flow.activity in budget.STAFF_ACTIVITIES
    if is_staff and travel_days is None:
        travel_days = rates.travel_days_standard
    try:
        days, grant = budget.placement_grant(
            rates,
            activity=flow.activity,
            direction=flow.direction,
            distance_km=distance,
            start=start_date,
            end=end_date,
            green=green_travel,
            travel_days=travel_days if is_staff else None,
            receiving_group=receiving_group_of(home),
        )
    except budget.BudgetError as exc:
        field = exc.parameter if exc.parameter in ("end_date", "travel_days") else None
        raise ValidationError({field or "__all__": str(exc)}) from exc
    if not slot.min_days <= days <= slot.max_days:
        raise ValidationError(
            {
                "end_date": _(
                    "These dates count %(days)s days; a stay in this slot lasts from %(min)s to %(max)s days."
                )
                % {"days": days, "min": slot.min_days, "max": slot.max_days}
            }
        )
    return StayFigures(counted_days=days, travel_days=travel_days if is_staff else 0, grant=grant)


def set_figures(placement, figures):
    """Set a stay's figures on a placement (not saved): what the pages and the export show."""
    placement.counted_days = figures.counted_days
    placement.travel_days = figures.travel_days
    placement.individual_support = figures.grant.individual_support
    placement.travel = figures.grant.travel
    placement.grant = figures.grant.total
    return placement


def _locked_application(application_id, by):
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("slot__flow__proposal__call", "slot__flow__proposal__partner")
        .prefetch_related("slot__flow__proposal__co_coordinators")
        .get(pk=application_id)
    )
    if not can_manage_slot(by, application.slot):
        raise PermissionDenied
    return application


def save_placement(*, application_id, start_date, end_date, travel_days=None, green_travel=False, by, only_new=False):
    """Make the placement of a selected application, or change its dates, travel days and green
    travel; the grant is recomputed and stored. Only the slot's coordinator and IR staff may.

    Returns ``(placement, created)``. Raises ``ValidationError`` as ``price_stay`` does, and when the
    application is not selected (a placement, once made, stays editable).
    """
    with transaction.atomic():
        application = _locked_application(application_id, by)
        placement = Placement.objects.filter(application=application).first()
        if only_new and placement is not None:
            raise ValidationError(_("This application has a placement already."), code="placed")
        if placement is None and application.state != ApplicationState.SELECTED:
            raise ValidationError(
                _("Only a selected applicant gets a placement; this application is “%(state)s”.")
                % {"state": application.get_state_display()},
                code="not_selected",
            )
        created = placement is None
        if created:
            placement = Placement(application=application, created_by=by)
        figures = price_stay(
            application.slot,
            start_date=start_date,
            end_date=end_date,
            travel_days=travel_days,
            green_travel=green_travel,
        )
        placement.start_date, placement.end_date, placement.green_travel = start_date, end_date, bool(green_travel)
        set_figures(placement, figures)
        placement.save()
        return placement, created


def make_placement(*, application_id, start_date, end_date, travel_days=None, green_travel=False, by):
    """A new placement of a selected application; refused when it has one already."""
    placement, _created = save_placement(
        application_id=application_id,
        start_date=start_date,
        end_date=end_date,
        travel_days=travel_days,
        green_travel=green_travel,
        by=by,
        only_new=True,
    )
    return placement


def recompute_placement(*, placement_id, by):
    """Price a placement again on its stored dates (the rates or the flow's distance changed)."""
    placement = Placement.objects.get(pk=placement_id)
    placement, _created = save_placement(
        application_id=placement.application_id,
        start_date=placement.start_date,
        end_date=placement.end_date,
        travel_days=placement.travel_days,
        green_travel=placement.green_travel,
        by=by,
    )
    return placement


def application_for_placement(application_id):
    """An application with its slot, flow, project, call and placement, for the placement page (two queries)."""
    return (
        Application.objects.select_related(
            "slot__flow__proposal__call", "slot__flow__proposal__partner", "slot__host_unit", "placement"
        )
        .prefetch_related("slot__flow__proposal__co_coordinators")
        .filter(pk=application_id)
        .first()
    )


def flow_standing(flow, *, stored=None, shown=None):
    """Where a flow stands against its award (``projects.placements``), with ``shown`` (a preview
    of new dates, not saved) counted in place of the ``stored`` placement; None without an award."""
    standing = flow_against_award(flow.pk)
    if standing is None or shown is None or shown is stored:
        return standing
    total = standing.placements_total - (stored.grant if stored is not None else Decimal("0")) + shown.grant
    count = standing.placements + (0 if stored is not None else 1)
    return replace(standing, placements=count, placements_total=total)
