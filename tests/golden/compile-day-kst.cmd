compile --format csv --time-zone Asia/Seoul "$PLAYS/periods.csv"
