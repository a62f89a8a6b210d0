compile --format csv --rules "$PLAYS/bad.rules" "$PLAYS/cap.csv"
