compile --format csv --cap 3 --group region "$PLAYS/cap.csv"
