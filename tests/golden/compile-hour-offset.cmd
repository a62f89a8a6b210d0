compile --format csv --period hour --time-zone +09:00 "$PLAYS/periods.csv"
