"""The application checked against the call's limits before it goes in: its total within the call's
envelope, every flow's duration within its activity's range and priced, every partner in a country
KA171 funds, every proposal submitted by its coordinators."""

from django.utils.translation import gettext as _

from icm_portal.formatting import euros
from mobilities import budget
from projects.models import ProposalState
from projects.regions import partner_country_problem


def limit_problems(*, call, summary, flows, proposals):
    """What keeps the application from matching the call's limits: a list of messages, empty when none."""
    problems = []
    if not proposals:
        problems.append(_("The application holds no proposal yet."))
    total = summary.figures.total
    if call.envelope and total > call.envelope:
        problems.append(
            _("The application asks %(total)s, more than the call's envelope of %(envelope)s.")
            % {"total": euros(total), "envelope": euros(call.envelope)}
        )
    titles = {proposal.pk: proposal.title for proposal in proposals}
    for proposal in proposals:
        if proposal.partner is None:
            problems.append(_("“%(title)s” has no partner university yet.") % {"title": proposal.title})
        elif problem := partner_country_problem(proposal.partner.country.code):
            problems.append(f"“{proposal.title}”: {problem}")
        if proposal.state in (ProposalState.WITHDRAWN, ProposalState.REJECTED):
            problems.append(
                _("“%(title)s” is “%(state)s” now.") % {"title": proposal.title, "state": proposal.get_state_display()}
            )
        if proposal.state == ProposalState.DRAFT:
            problems.append(
                _("“%(title)s” is still a draft: its coordinators have not submitted it.") % {"title": proposal.title}
            )
    for flow in flows:
        title = titles.get(flow.proposal_id, "")
        try:
            budget.check_duration(flow.activity, flow.days)
        except budget.DurationError as error:
            problems.append(f"“{title}”: {error}")
        if not flow.grant_total:
            problems.append(_("“%(title)s” has a flow that is not priced yet.") % {"title": title})
    if not summary.figures.parts_add_up:
        problems.append(_("Travel, individual and organisational support do not add up to the total."))
    return problems
