series import $PLAYS/../../milestones/streams-1.csv
