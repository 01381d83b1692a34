"""A proposal from its draft to its decision: the lifecycle, drafting and pricing, submission,
withdrawal and return, attachments, reviews, decisions, and the reads of proposals."""
