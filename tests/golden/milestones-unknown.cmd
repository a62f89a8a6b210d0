milestones "nobody at all"
