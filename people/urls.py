"""URLs of the people app: the signed-in account's profile and API tokens."""

from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("accounts/profile/", views.ProfileView.as_view(), name="profile"),
    path("accounts/tokens/", views.ApiTokensView.as_view(), name="api_tokens"),
    path(
        "accounts/tokens/<int:pk>/revoke/",
        views.ApiTokenRevokeView.as_view(),
        name="api_token_revoke",
    ),
]
