"""The models of the mobilities app, one module a concern: the call year's unit costs, the planned
flows of proposals, and the slots awarded flows open."""

from .flows import Flow
from .rates import Activity, Direction, IndividualSupportRate, RateTable, ReceivingGroup, SupportKind, TravelBand
from .slots import Slot, SlotStateChange

__all__ = [
    "Activity",
    "Direction",
    "Flow",
    "IndividualSupportRate",
    "RateTable",
    "ReceivingGroup",
    "Slot",
    "SlotStateChange",
    "SupportKind",
    "TravelBand",
]
