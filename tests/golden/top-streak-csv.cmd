top billboard-hot-100 --by streak --limit 5 --format csv
