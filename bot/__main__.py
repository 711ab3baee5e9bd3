from bot.app.main import main

main()
