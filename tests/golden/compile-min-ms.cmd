compile --format csv --top 5 "$PLAYS/min-ms.csv"
