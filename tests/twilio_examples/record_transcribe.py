from twilio.twiml.voice_response import Record, VoiceResponse

response = VoiceResponse()
response.record(
    transcribe=True,
    transcribe_callback="/handle_transcribe.php",
    timeout=10,
    play_beep=False,
    trim="trim-silence",
)

print(response)
