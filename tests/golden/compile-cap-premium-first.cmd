compile --format csv --cap 3 --weight free=1/2 "$PLAYS/cap.csv"
