regions --family spotify-daily --leaderboard --limit 3 --format csv
