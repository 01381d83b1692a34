"""The public open places: the list of open slots with its filters, and a page per slot."""
