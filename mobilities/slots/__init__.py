"""Mobility slots: the places an awarded flow opens for people to apply for."""
