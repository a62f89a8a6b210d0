compile --format csv --time-zone Mars/Olympus "$PLAYS/cap.csv"
