"""Learning City Bot: settings, application assembly and the `learnbot` command."""
