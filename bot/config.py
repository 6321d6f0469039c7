"""Settings, read from the environment or `.env` once, in `__main__`, and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger
from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from store.reminder_times import QuietHours, parse_leads

OFFICIAL_API_URL = "https://api.telegram.org"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    database_url: str = "sqlite:///learnbot.db"
    telegram_api_url: str = OFFICIAL_API_URL
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "Europe/London"
    catalogue_source: str = ""  # one file, or several separated by commas
    reminder_leads: str = "1d,1h"
    quiet_hours: str = "22:00-07:00"
    reload_cron: str = "0 3 * * *"
    # Webhook mode (learnbot run --webhook, or WEBHOOK_URL set): the public HTTPS address
    # Telegram posts updates to, the secret it sends with each, and where the bot listens
    # (behind a TLS-terminating proxy). /healthz and /metrics are served there too.
    # How often each instance looks for a catalogue another loaded and whether it should run
    # the outbox (seconds); other instances see a reload within about twice this.
    coordination_seconds: float = 2.0
    webhook_url: str = ""
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}, e.g. Europe/London") from None
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("reminder_leads")
    @classmethod
    def _valid_leads(cls, value: str) -> str:
        parse_leads(value)
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _valid_quiet_hours(cls, value: str) -> str:
        QuietHours.parse(value)
        return value

    @field_validator("reload_cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        CronTrigger.from_crontab(value)
        return value

    @property
    def sources(self) -> tuple[Path, ...]:
        """The files CATALOGUE_SOURCE names (an NCS course file and its venues file, say)."""
        return tuple(
            Path(part.strip()) for part in self.catalogue_source.split(",") if part.strip()
        )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def leads(self) -> tuple[int, ...]:
        """Reminder lead times in minutes, longest first."""
        return parse_leads(self.reminder_leads)

    @property
    def quiet(self) -> QuietHours | None:
        return QuietHours.parse(self.quiet_hours)
