compile --format csv --top 3 "$PLAYS/ties.csv"
