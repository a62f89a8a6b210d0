top billboard-hot-100 --by peak --limit 5
