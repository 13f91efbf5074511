from twilio.twiml.voice_response import Client, Dial, Identity, Parameter, VoiceResponse

response = VoiceResponse()
dial = Dial()
client = Client()
client.identity("user_jane")
client.parameter(name="FirstName", value="Jane")
client.parameter(name="LastName", value="Doe")
dial.append(client)
response.append(dial)

print(response)
