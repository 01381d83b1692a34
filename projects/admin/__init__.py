"""Admin of the projects app, one module a concern."""

from . import catalogue, proposals, reviews  # noqa: F401
