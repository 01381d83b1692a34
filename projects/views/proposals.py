"""Views: proposals."""
