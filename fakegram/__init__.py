"""The loopback fake Bot API used by `learnbot shell` and the tests: the server, the checks
Telegram makes, and residents played from Python."""

from fakegram.checks import ApiError, html_to_text, utf16_len
from fakegram.residents import BotMessage, Button, Resident
from fakegram.server import FAKE_TOKEN, FakeBotApi

__all__ = [
    "FAKE_TOKEN",
    "ApiError",
    "BotMessage",
    "Button",
    "FakeBotApi",
    "Resident",
    "html_to_text",
    "utf16_len",
]
