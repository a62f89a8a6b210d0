chart no-such-chart
