compile --merge --format csv "$PLAYS/cap.csv"
