compile --format csv --weight free=lots "$PLAYS/cap.csv"
