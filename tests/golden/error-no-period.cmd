chart billboard-hot-100 --period 1999-01-02
