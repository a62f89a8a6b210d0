compile --format csv --rules "$PLAYS/kst-hourly.rules" --cap 2 "$PLAYS/cap.csv"
