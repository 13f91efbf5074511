from twilio.twiml.voice_response import Pay, Prompt, VoiceResponse, Say

response = VoiceResponse()
pay = Pay(
    charge_amount="10.00",
    payment_connector="Default_Pay_Connector",
    action="https://your-callback-function-url.com/pay",
    timeout=5,
    max_attempts=2,
    valid_card_types="visa mastercard amex",
)
prompt = Prompt(for_="payment-card-number")
prompt.say("Please enter your credit card number.")
pay.append(prompt)
prompt2 = Prompt(for_="payment-card-number", error_type="invalid-card-number", attempt="1 2")
prompt2.say("That card number is not valid.")
pay.append(prompt2)
response.append(pay)
response.say("Thank you for your payment!")

print(response)
