"""``python -m bot.db upgrade``: bring the database named by CITYBOT_DATABASE_URL up to date."""

import sys

from bot.db import database_url, upgrade

if __name__ == "__main__":
    if sys.argv[1:] != ["upgrade"]:
        sys.exit("usage: python -m bot.db upgrade")
    upgrade()
    print(f"Database is up to date: {database_url().split('@')[-1]}")
