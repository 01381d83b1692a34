"""How large a proposal's plan may be: flows per proposal, participants per flow, days per participant.

Generous beside any real KA171 project (the 2023 call: 103 people over 13 projects; the longest
activity 360 days), and small enough that a forged form cannot keep a worker busy or ask millions.
The duration ranges of each activity are checked at submission (``budget.check_duration``).
"""

MAX_FLOWS_PER_PROPOSAL = 20
MAX_PARTICIPANTS_PER_FLOW = 100
MAX_DAYS_PER_PARTICIPANT = 366
