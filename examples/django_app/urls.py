"""Routes of the example project."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("voice", views.voice),
    path("voice/choice", views.choice),
    path("sms", views.sms),
]
