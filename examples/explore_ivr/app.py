"""A three-level phone menu for the explorer, clean and with planted faults.

``app`` is the clean menu: every key either leads somewhere or says it is not an
option, silence says goodbye, and a transfer to the operator ends in voicemail when
nobody answers. ``faulty_app`` is the same menu with five faults planted, each of
which ``laml explore`` finds with the keys that reach it:

- key 3 at the main menu makes the app fail (500);
- key 4 at the main menu is not handled: the caller hears the menu again, exactly
  as if they had pressed nothing;
- key 5 at the main menu redirects between two pages forever;
- ``/old-menu`` is a route that nothing links to any more;
- a busy operator ends the call without a word.

    laml explore examples.explore_ivr.app:faulty_app --entry /voice
"""

from __future__ import annotations

from flask import Flask, Response, request

from laml import VoiceResponse

MenuTree = dict[str, "MenuTree | str"]

TREE: MenuTree = {
    "1": {  # sales
        "1": {"1": "New orders are taken from nine to five.", "2": "Our catalogue is online."},
        "2": {"1": "Business plans start at ten dollars.", "2": "Volume discounts apply."},
    },
    "2": {  # support
        "1": {"1": "Restart the device and try again.", "2": "Check the cable."},
        "2": {"1": "Your ticket is being handled.", "2": "Tickets close after a week."},
    },
}
NAMES = {"1": "sales", "2": "support"}
OPERATOR = "+15557770000"


def cxml(document: VoiceResponse) -> Response:
    return Response(str(document), mimetype="text/xml")


def menu_at(path: str) -> MenuTree | str:
    node: MenuTree | str = TREE
    for key in path:
        assert isinstance(node, dict)
        node = node[key]
    return node


def menu_document(path: str) -> VoiceResponse:
    node = menu_at(path)
    assert isinstance(node, dict)
    document = VoiceResponse()
    choices = ". ".join(f"For option {key}, press {key}" for key in sorted(node))
    gather = document.gather(num_digits=1, action=f"/menu?at={path}", timeout=5)
    if not path:
        gather.say("Welcome to Example Corp. For sales, press 1. For support, press 2.")
        gather.say("For the operator, press 0.")
    else:
        gather.say(choices + ". To go back, press 9.")
        document.say("Returning to the main menu.")
        document.redirect("/voice")
    return document


def create_app(plant_faults: bool = False) -> Flask:
    app = Flask("explore_ivr_faulty" if plant_faults else "explore_ivr")

    @app.post("/voice")
    def voice() -> Response:
        document = menu_document("")
        if plant_faults:
            document.redirect("/voice")
        else:
            document.say("We did not hear a choice. Goodbye.")
            document.hangup()
        return cxml(document)

    @app.post("/menu")
    def menu() -> Response:
        path = request.args.get("at", "")
        key = request.form.get("Digits", "")
        document = VoiceResponse()
        if request.args.get("show"):
            return cxml(menu_document(path))
        if not key:
            document.say("Returning to the main menu.")
            document.redirect("/voice")
            return cxml(document)
        if not path and key == "0":
            document.say("Connecting you to the operator.")
            document.dial(OPERATOR, action="/operator-status", timeout=20)
            return cxml(document)
        if plant_faults and not path and key == "3":
            raise RuntimeError("the sales database is down")
        if plant_faults and not path and key == "4":
            document.redirect("/voice")  # forgot to handle the key
            return cxml(document)
        if plant_faults and not path and key == "5":
            document.redirect("/loop-a")
            return cxml(document)
        if path and key == "9":
            document.redirect(f"/menu?at={path[:-1]}&show=1" if len(path) > 1 else "/voice")
            return cxml(document)
        node = menu_at(path)
        assert isinstance(node, dict)
        target = node.get(key)
        if target is None:
            document.say("Sorry, that is not an option.")
            document.redirect(f"/menu?at={path}&show=1" if path else "/voice")
        elif isinstance(target, str):
            document.say(target)
            document.say("Thank you for calling. Goodbye.")
            document.hangup()
        else:
            return cxml(menu_document(path + key))
        return cxml(document)

    @app.post("/operator-status")
    def operator_status() -> Response:
        document = VoiceResponse()
        status = request.form.get("DialCallStatus")
        if status == "completed":
            document.say("Thank you for calling. Goodbye.")
            document.hangup()
        elif plant_faults and status == "busy":
            document.hangup()
        else:
            document.say("The operator cannot take your call. Please leave a message.")
            document.record(action="/voicemail-saved", max_length=60)
        return cxml(document)

    @app.post("/voicemail-saved")
    def voicemail_saved() -> Response:
        document = VoiceResponse()
        document.say("Your message is saved. Goodbye.")
        document.hangup()
        return cxml(document)

    if plant_faults:

        @app.post("/loop-a")
        def loop_a() -> Response:
            document = VoiceResponse()
            document.redirect("/loop-b")
            return cxml(document)

        @app.post("/loop-b")
        def loop_b() -> Response:
            document = VoiceResponse()
            document.redirect("/loop-a")
            return cxml(document)

        @app.post("/old-menu")
        def old_menu() -> Response:
            document = VoiceResponse()
            document.say("This menu has moved.")
            return cxml(document)

    return app


app = create_app()
faulty_app = create_app(plant_faults=True)
