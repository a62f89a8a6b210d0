entries billboard-hot-100 --format csv
