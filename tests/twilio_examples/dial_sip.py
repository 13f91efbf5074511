from twilio.twiml.voice_response import Dial, VoiceResponse, Sip

response = VoiceResponse()
dial = Dial()
dial.sip(
    "sip:kate@example.com",
    status_callback_event="initiated ringing answered completed",
    status_callback="https://myapp.com/calls/events",
    status_callback_method="POST",
    username="admin",
    password="1234",
)
response.append(dial)

print(response)
