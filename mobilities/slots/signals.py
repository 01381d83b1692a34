"""What the slots tell the apps above them: ``slot_opened`` (sender: Slot; ``slot``, ``by``), sent
inside the transaction that opens the slot, so that what it causes (invitations) commits with it."""

from django.dispatch import Signal

slot_opened = Signal()
