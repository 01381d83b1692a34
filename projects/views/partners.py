"""Views: partners."""
