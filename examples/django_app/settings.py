"""Settings of the example project: only what a webhook app needs."""

from __future__ import annotations

import os

# Django needs a secret key for its signing features; this project uses none of them.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-project-not-for-production")
DEBUG = False
ALLOWED_HOSTS = [
    "localhost",
    "127.0.0.1",
    "testserver",
    *os.environ.get("ALLOWED_HOSTS", "").split(),
]
ROOT_URLCONF = "examples.django_app.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True

# Webhook signatures (laml.webhooks.django): the key from the API Credentials page.
LAML_SIGNING_KEY = os.environ.get("SIGNALWIRE_SIGNING_KEY")
# Behind a proxy or tunnel: the URL the platform calls, e.g. "https://example.ngrok.app".
LAML_PUBLIC_URL = os.environ.get("LAML_PUBLIC_URL")
