"""Runnable examples.

Each module's ``build()`` returns a document; ``python -m examples`` prints them all.
The web apps answering webhooks (``flask_app``, ``django_app``, ``fastapi_app``) need
their framework installed and are exercised by their own tests.
"""

EXAMPLES = [
    "ivr_menu",
    "call_forwarding",
    "conference_line",
    "sms_auto_reply",
    "inbound_fax",
    "laml_bins",
]
