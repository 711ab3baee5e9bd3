"""The Telegram side of a job (the runner's chat port), and the Bot API's flood limits."""
