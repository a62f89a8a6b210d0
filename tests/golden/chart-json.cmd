chart billboard-hot-100 --period 1973-05-19 --limit 3 --format json
