"""Register URLs."""

urlpatterns = []
