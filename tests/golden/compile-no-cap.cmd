compile --format csv --cap 0 --weight free=1/2 "$PLAYS/cap.csv"
