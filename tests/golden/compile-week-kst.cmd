compile --format csv --period week --time-zone Asia/Seoul "$PLAYS/periods.csv"
