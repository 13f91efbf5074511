from twilio.twiml.fax_response import FaxResponse, Receive

response = FaxResponse()
response.receive(
    action="/fax/received", media_type="application/pdf", page_size="legal", store_media=False
)

print(response)
