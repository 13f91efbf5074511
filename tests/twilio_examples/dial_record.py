from twilio.twiml.voice_response import Dial, VoiceResponse

response = VoiceResponse()
response.dial(
    "415-123-4567",
    record="record-from-ringing-dual",
    recording_status_callback="www.myexample.com",
    action="/handleDialCallStatus",
    method="GET",
    timeout=10,
    caller_id="+15551112222",
)
response.say("I am unreachable")

print(response)
