"""URLs: proposals."""

urlpatterns = []
