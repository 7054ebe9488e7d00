"""Home-plan URLs, mounted at /plans/."""

from django.urls import path

from plans import pdf_views
from plans.views import editor, library, versions

app_name = "plans"

urlpatterns = [
    path("episodes/<int:pk>/", versions.episode_plans, name="episode_plans"),
    path("episodes/<int:pk>/generate/", versions.generate, name="generate"),
    path("<int:pk>/", versions.detail, name="detail"),
    path("<int:pk>/edit/", editor.editor, name="editor"),
    path("<int:pk>/issue/", versions.issue, name="issue"),
    path("<int:pk>/revise/", versions.revise, name="revise"),
    path("<int:pk>/pdf/", pdf_views.plan_pdf, name="pdf"),
    path("print/", pdf_views.batch, name="batch"),
    path("rules/", library.rules_page, name="rules"),
    path("library/", library.library, name="library"),
    path("library/new/", library.exercise_create, name="exercise_create"),
    path("library/<int:pk>/edit/", library.exercise_edit, name="exercise_edit"),
]
