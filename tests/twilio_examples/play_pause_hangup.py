from twilio.twiml.voice_response import Pause, Play, VoiceResponse

response = VoiceResponse()
response.pause(length=5)
response.play("https://api.twilio.com/cowbell.mp3", loop=10)
response.play("", digits="wwww3")
response.say("Hello, goodbye", voice="woman", language="en-GB", loop=2)
response.hangup()

print(response)
