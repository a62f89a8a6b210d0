regions --family billboard-weekly --leaderboard
