from twilio.twiml.voice_response import Conference, Dial, VoiceResponse

response = VoiceResponse()
dial = Dial()
dial.conference(
    "Room 1234",
    start_conference_on_enter=True,
    end_conference_on_exit=True,
    muted=False,
    beep="onEnter",
    wait_url="http://twimlets.com/holdmusic?Bucket=com.twilio.music.ambient",
    status_callback_event="start end join leave mute hold",
    status_callback="https://myapp.com/events",
    record="record-from-start",
    recording_status_callback="https://myapp.com/recording",
    max_participants=10,
    trim="do-not-trim",
)
response.append(dial)

print(response)
