"""The bot's web server: hosted photos, health, metrics, vendor callbacks and the Telegram webhook."""
