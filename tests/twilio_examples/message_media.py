from twilio.twiml.messaging_response import Body, Media, Message, MessagingResponse, Redirect

response = MessagingResponse()
message = Message()
message.body("Store Location: 123 Easy St.")
message.media("https://demo.twilio.com/owl.png")
response.append(message)
print(response)

response = MessagingResponse()
response.message(
    "The Robots are coming! Head for the hills!",
    to="+15553331111",
    from_="+15554442222",
    action="/SmsHandler.php",
    method="POST",
)
response.redirect("https://demo.twilio.com/welcome/sms/", method="POST")
print(response)

response = MessagingResponse()
print(response)
