"""A minimal Django project (settings, URLs, views) for the call simulator's tests."""

from __future__ import annotations

import django
from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="tests-only",
        ALLOWED_HOSTS=["example.com"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_TZ=True,
    )
    django.setup()

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from laml import VoiceResponse


@csrf_exempt
def voice(request: HttpRequest) -> HttpResponse:
    document = VoiceResponse()
    document.gather(num_digits=1, action="/django/menu").say("Press 1 to hear the hours.")
    return HttpResponse(str(document), content_type="text/xml")


@csrf_exempt
def menu(request: HttpRequest) -> HttpResponse:
    document = VoiceResponse()
    if request.POST.get("Digits") == "1":
        document.say("We are open nine to five.")
    else:
        document.say("Goodbye.")
    document.hangup()
    return HttpResponse(str(document), content_type="text/xml")


urlpatterns = [path("django/voice", voice), path("django/menu", menu)]


def application() -> object:
    """The WSGI application, with this module as the URL configuration."""
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()
