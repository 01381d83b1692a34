"""URLs: review."""

urlpatterns = []
