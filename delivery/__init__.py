"""Everything that leaves the bot on its own: the outbox worker (worker.py), the rate-limited
Sender that retries 429s and timeouts (sender.py), and the views of reminders, change notices,
announcements and reports (views.py). Handlers wake it through bot_data, never import it."""
