compile --format csv --cap 3 --weight free=2 "$PLAYS/cap.csv"
