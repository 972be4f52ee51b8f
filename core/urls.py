from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("tai-anh-len/", views.editor_image_upload, name="editor-image-upload"),
]
