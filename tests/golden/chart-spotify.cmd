chart spotify-pk-daily --limit 10
