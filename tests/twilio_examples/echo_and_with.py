from twilio.twiml.voice_response import VoiceResponse

with VoiceResponse() as response:
    with response.gather(num_digits=4, action="/pin", finish_on_key="#") as gather:
        gather.say("Enter your PIN, then press pound.", voice="alice")
        gather.pause(length=1)
    response.echo()

print(response.to_xml(xml_declaration=False))
