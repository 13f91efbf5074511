from twilio.twiml.voice_response import Connect, Stream, Start, Stop, VoiceResponse

response = VoiceResponse()
start = Start()
start.stream(
    name="Example Audio Stream", url="wss://mystream.ngrok.io/audiostream", track="both_tracks"
)
response.append(start)
response.say("The stream has started.")
stop = Stop()
stop.stream(name="Example Audio Stream")
response.append(stop)
connect = Connect(action="/after-stream")
stream = connect.stream(url="wss://mystream.ngrok.io/example")
stream.parameter(name="FirstName", value="Jane")
response.append(connect)
connect = Connect()
connect.room("DailyStandup", participant_identity="alice")
response.append(connect)

print(response)
