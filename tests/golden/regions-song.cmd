regions haseen --family spotify-daily --top 3
