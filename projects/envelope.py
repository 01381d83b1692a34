"""A proposal asking more than its call's whole envelope: warned on the draft form, refused at submission.

An award is at most the request and all awards stay within the envelope, so such a request can
never be granted as asked; it is almost always a typing error in the flows (or a forged form).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from icm_portal.formatting import euros as _euros


def exceeds_envelope(*, call, amount):
    return amount is not None and Decimal(amount) > call.envelope


def envelope_message(*, call, amount):
    """The warning (and the refusal) for a request above the envelope; None within it."""
    if not exceeds_envelope(call=call, amount=amount):
        return None
    return _(
        "This proposal asks for more than the call's whole envelope (%(envelope)s): %(requested)s. "
        "Check the participants and days of its flows; it cannot be submitted like this."
    ) % {"envelope": _euros(call.envelope), "requested": _euros(amount)}


def envelope_problems(*, call, flows):
    """The submission problem, keyed for the flows section, when the priced flows exceed the envelope."""
    message = envelope_message(call=call, amount=sum((flow.grant_total for flow in flows), Decimal("0")))
    return {"flows": [message]} if message else {}
