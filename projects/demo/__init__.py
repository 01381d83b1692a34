"""Demo data of the projects app, apart from its production modules: a call modelled on the 2023 call
and its directory, its thirteen proposals, and their reviews (``seed_demo`` runs them in that order)."""
