from twilio.twiml.voice_response import VoiceResponse

response = VoiceResponse()
response.say("Tom & Jerry say \"hi\" <loudly> 'twice'\ttab")
response.redirect("/next?a=1&b=2", method="GET")
response.dial(caller_id='+1 (555) "quoted" & <tagged>\nline').number("+15551112222")
print(response)
