top billboard-hot-100 --by fame
