from twilio.twiml.voice_response import Enqueue, VoiceResponse

response = VoiceResponse()
enqueue = Enqueue(None, workflow_sid="WW0123456789abcdef0123456789abcdef")
enqueue.task('{"account_number":"12345abcdef"}')
response.append(enqueue)
response.enqueue("support", wait_url="wait-music.xml", action="/queue-result", max_queue_size=25)

print(response)
