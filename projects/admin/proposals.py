"""Admin: proposals, their flows, attachments, state changes and reviews."""
