"""Django project answering SignalWire's webhooks: a voice menu and an SMS auto-reply.

Minimal on purpose: ``settings.py``, ``urls.py`` and ``views.py``, no database.

    pip install 'laml-cxml[django]'
    SIGNALWIRE_SIGNING_KEY=PSK_... DJANGO_SETTINGS_MODULE=examples.django_app.settings \\
        python -m django runserver 8000
"""
