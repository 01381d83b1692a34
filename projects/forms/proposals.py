"""Forms: proposals."""
