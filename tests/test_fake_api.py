"""The fake refuses what Telegram refuses, so the bot's bugs fail tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken

from fakegram import ApiError, FakeBotApi, html_to_text


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    fake_api.resident(1001)
    async with Bot(fake_api.token, base_url=f"{fake_api.url}/bot") as bot:
        yield bot


@pytest.mark.parametrize(
    "html",
    ["<b>unclosed", "a < b", "<blink>x</blink>", "<b><i>x</b></i>", "fish & chips", "&nbsp;"],
)
async def test_malformed_html_is_refused(bot: Bot, html: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(1001, html, parse_mode=ParseMode.HTML)


async def test_good_html_is_accepted_and_measured_after_parsing(bot: Bot) -> None:
    message = await bot.send_message(
        1001, '<b>A</b> &amp; <a href="https://x.org">link</a>', parse_mode=ParseMode.HTML
    )
    assert message.text == "A & link"
    # 4096 characters of text are fine even though the HTML is longer.
    await bot.send_message(1001, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)


async def test_over_long_text_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1001, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1001, "🙂" * 2049)  # counted in UTF-16 code units, as Telegram does


async def test_over_long_callback_data_and_bad_urls_are_refused(bot: Bot) -> None:
    long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(1001, "hi", reply_markup=long)
    url = InlineKeyboardMarkup([[InlineKeyboardButton("x", url="javascript:alert(1)")]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_URL_INVALID"):
        await bot.send_message(1001, "hi", reply_markup=url)


async def test_edits_must_change_something(bot: Bot) -> None:
    message = await bot.send_message(1001, "same")
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("same", chat_id=1001, message_id=message.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("new", chat_id=1001, message_id=99999)


async def test_blocked_residents_and_unknown_chats(fake_api: FakeBotApi, bot: Bot) -> None:
    fake_api.blocked.add(1001)
    with pytest.raises(Forbidden, match=r"(?i)blocked"):
        await bot.send_message(1001, "hi")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(5555, "hi")


async def test_injected_errors_and_a_wrong_token(fake_api: FakeBotApi, bot: Bot) -> None:
    fake_api.inject_error("sendMessage", ApiError(400, "Bad Request: injected"))
    with pytest.raises(BadRequest, match=r"(?i)injected"):
        await bot.send_message(1001, "hi")
    await bot.send_message(1001, "hi")  # only the next call fails
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=f"{fake_api.url}/bot") as other:
            await other.get_me()


def test_html_to_text_decodes_entities() -> None:
    assert html_to_text("&lt;&gt;&amp;&quot;&#39;&#x41;") == "<>&\"'A"


async def test_the_fake_can_enforce_telegrams_overall_rate(fake_api: FakeBotApi, bot: Bot) -> None:
    from telegram.error import RetryAfter

    fake_api.rate_limit = 3
    for _ in range(3):
        await bot.send_message(1001, "hi")
    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "hi")
    assert fake_api.too_many == 1
