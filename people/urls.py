"""URLs of the people app: the signed-in account's profile."""

from django.urls import path

from people import views

app_name = "people"
urlpatterns = [path("accounts/profile/", views.ProfileView.as_view(), name="profile")]
