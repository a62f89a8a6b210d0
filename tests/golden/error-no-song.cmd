song "zzzz no such song"
