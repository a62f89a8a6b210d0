top spotify-pk-daily --by no1 --limit 5
