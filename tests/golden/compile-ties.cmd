compile --format csv "$PLAYS/ties.csv"
