"""Pages that combine apps, composed above them all: the home page (open calls), the call overview
(the review's figures with the interest registrations). The only part of icm_portal that imports apps."""
