from twilio.twiml.voice_response import Reject, VoiceResponse

response = VoiceResponse()
response.reject(reason="busy")
print(response)

response = VoiceResponse()
response.redirect("http://pigeons.com/twiml.xml", method="POST")
print(response)

response = VoiceResponse()
response.leave()
print(response)
