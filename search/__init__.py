"""Search: reading a resident's message and finding courses. A pure, immutable index built
from the catalogue's courses; nothing here touches the database or Telegram."""
