verify spotify-pk-daily --misses 5
