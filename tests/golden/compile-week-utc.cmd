compile --format csv --period week "$PLAYS/periods.csv"
