"""URLs: partners."""

urlpatterns = []
