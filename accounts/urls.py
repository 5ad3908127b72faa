from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.edit_profile, name="edit_profile"),
    path("welcome/", views.welcome, name="welcome"),
    path("delete/", views.delete_account, name="delete_account"),
    path("<str:username>/", views.profile, name="profile"),
]
