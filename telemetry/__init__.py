"""What operators see: Prometheus metrics (prometheus-client), one registry per Application so
several bots in one process (the tests) keep their own figures."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST
# Searches take milliseconds; the top buckets catch a slow machine or a huge catalogue.
SEARCH_BUCKETS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0)


class Metrics:
    """The bot's counters: updates handled, search latency, outbox depth, sends by outcome,
    429s received from Telegram, and catalogue reloads by result."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "learnbot_updates", "Updates handled, by kind", ["kind"], registry=self.registry
        )
        self.search_seconds = Histogram(
            "learnbot_search_seconds",
            "Time to answer a search from the index",
            buckets=SEARCH_BUCKETS,
            registry=self.registry,
        )
        self.outbox = Gauge(
            "learnbot_outbox_rows", "Outbox rows by state", ["state"], registry=self.registry
        )
        self.sends = Counter(
            "learnbot_sends",
            "Messages the bot sent on its own (reminders, notices, announcements), by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.too_many_requests = Counter(
            "learnbot_telegram_429", "429 Too Many Requests answers from Telegram",
            registry=self.registry,
        )  # fmt: skip
        self.reloads = Counter(
            "learnbot_reloads", "Catalogue reloads, by result", ["result"], registry=self.registry
        )

    def set_outbox(self, counts: dict[str, int]) -> None:
        for state in ("pending", "claimed", "sent", "missed", "cancelled", "failed"):
            self.outbox.labels(state).set(counts.get(state, 0))

    def render(self) -> bytes:
        return generate_latest(self.registry)
