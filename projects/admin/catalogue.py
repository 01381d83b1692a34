"""Admin: calls, call contacts, institutions and units."""
