"""Forms: partners."""
