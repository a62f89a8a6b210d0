compile --format csv --period hour --time-zone America/New_York "$PLAYS/dst.csv"
