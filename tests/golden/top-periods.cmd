top billboard-hot-100 --by periods --limit 5
