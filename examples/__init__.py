"""Runnable examples.

Each module's ``build()`` returns a document; ``python -m examples`` prints them all.
"""

EXAMPLES = [
    "ivr_menu",
    "call_forwarding",
    "conference_line",
    "sms_auto_reply",
    "inbound_fax",
    "webhook_app",
    "laml_bins",
]
