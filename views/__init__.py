"""What every message the bot sends is built from: the Reply, escaping and clipping, how dates,
costs and places read, and the button protocol (callback data) shared by the conversation
(handlers/) and the messages the bot sends on its own (delivery/)."""
