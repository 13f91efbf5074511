"""What SignalWire documents for each element: its XML attribute names.

A table shared by the element tests and the validation tests; written from
SignalWire's reference pages, independently of the code under test.
"""

from __future__ import annotations

import laml
from laml import Node

# What SignalWire documents for each element (tag, in its context): XML attribute names.
# Written from SignalWire's reference pages, independently of the code under test.
SIGNALWIRE_ATTRIBUTES: dict[type[Node], set[str]] = {
    laml.VoiceResponse: set(),
    laml.Connect: {"action"},
    laml.Denoise: set(),
    laml.Dial: {
        "action", "answerOnBridge", "callerId", "callerName", "hangupOnStar", "method", "record",
        "recordingStatusCallback", "recordingStatusCallbackEvent", "recordingStatusCallbackMethod",
        "recordingStorageUrl", "recordingStorageUrlMethod", "recordingTrack", "ringTone",
        "timeLimit", "timeout", "trim",
    },
    laml.Echo: {"timeout"},
    laml.Enqueue: {"action", "method", "waitUrl", "waitUrlMethod"},
    laml.Gather: {
        "action", "actionOnEmptyResult", "enhanced", "finishOnKey", "hints", "input", "language",
        "method", "numDigits", "partialResultCallback", "partialResultCallbackMethod",
        "profanityFilter", "speechModel", "speechTimeout", "timeout",
    },
    laml.Hangup: set(),
    laml.Leave: set(),
    laml.Pause: {"length"},
    laml.Pay: {
        "paymentConnectorUrl", "minPostalCodeLength", "securityCode", "action", "chargeAmount",
        "currency", "description", "input", "language", "maxAttempts", "paymentMethod",
        "postalCode", "statusCallback", "timeout", "tokenType", "validCardTypes",
    },
    laml.Play: {"digits", "loop"},
    laml.Record: {
        "action", "finishOnKey", "maxLength", "method", "playBeep", "recordingStatusCallback",
        "recordingStatusCallbackEvent", "recordingStatusCallbackMethod", "storageUrl",
        "storageUrlMethod", "timeout", "transcribe", "transcribeCallback", "trim",
    },
    laml.Redirect: {"method"},
    laml.Refer: {"action", "method"},
    laml.Reject: {"reason"},
    laml.Say: {"language", "loop", "voice"},
    laml.Sms: {"action", "from", "method", "statusCallback", "to"},
    laml.Start: set(),
    laml.Stop: set(),
    laml.Conference: {
        "beep", "coach", "endConferenceOnExit", "eventCallbackUrl", "maxParticipants", "muted",
        "record", "recordingStatusCallback", "recordingStatusCallbackEvent",
        "recordingStatusCallbackMethod", "startConferenceOnEnter", "statusCallback",
        "statusCallbackEvent", "statusCallbackMethod", "trim", "waitMethod", "waitUrl",
        "streamUrl",
    },
    laml.Number: {
        "method", "sendDigits", "statusCallback", "statusCallbackEvent", "statusCallbackMethod",
        "url",
    },
    laml.Queue: {"method", "url"},
    laml.Sip: {
        "codecs", "method", "password", "sessionTimeout", "statusCallback", "statusCallbackEvent",
        "statusCallbackMethod", "url", "username",
    },
    laml.ReferSip: set(),
    laml.Verto: set(),
    laml.Room: set(),
    laml.Stream: {
        "url", "authBearerToken", "codec", "name", "realtime", "statusCallback",
        "statusCallbackMethod", "track",
    },
    laml.ConferenceStream: {
        "name", "url", "bidir", "codec", "realtime", "statusCallback", "statusCallbackMethod",
        "streamSslValidateCertificate", "streamStartConferenceOnEnter", "track",
    },
    laml.VirtualAgent: {"connectorName"},
    laml.Parameter: {"name", "value"},
    laml.Prompt: {"for", "attempt", "cardType", "errorType"},
    laml.MessagingResponse: set(),
    laml.Message: {"action", "from", "method", "to"},
    laml.Body: set(),
    laml.Media: set(),
    laml.MessagingRedirect: {"method"},
    laml.FaxResponse: set(),
    laml.Receive: {"action", "mediaType", "method", "pageSize"},
    laml.FaxReject: set(),
    laml.SsmlBreak: {"strength", "time"},
    laml.SsmlEmphasis: {"level"},
    laml.SsmlLang: {"xml:lang"},
    laml.SsmlP: set(),
    laml.SsmlPhoneme: {"alphabet", "ph"},
    laml.SsmlProsody: {"volume", "pitch", "rate"},
    laml.SsmlS: set(),
    laml.SsmlSayAs: {"interpret-as", "format"},
    laml.SsmlSub: {"alias"},
}  # fmt: skip
