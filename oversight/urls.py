from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.oversight_page, name="page"),
    path("koppla/", views.question_link, name="question_link"),
]

from oversight import snapshot_views  # noqa: E402

urlpatterns += [
    path("frys/", snapshot_views.snapshot_freeze, name="snapshot_freeze"),
    path("jamfor/", snapshot_views.snapshot_compare, name="snapshot_compare"),
    path("sjalvgranskningar/<int:pk>/", snapshot_views.snapshot_detail, name="snapshot_detail"),
    path("sjalvgranskningar/<int:pk>/pdf/", snapshot_views.snapshot_pdf, name="snapshot_pdf"),
    path("sjalvgranskningar/<int:pk>/word/", snapshot_views.snapshot_docx, name="snapshot_docx"),
]
