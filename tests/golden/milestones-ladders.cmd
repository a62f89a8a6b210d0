milestones --ladders --format csv
