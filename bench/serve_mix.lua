-- serve_mix.lua: wrk script for bench/serve.sh's soak: each request takes the
-- next path of the file named by $KCHART_PATHS (one path a line: songs,
-- chart periods, leaderboards, search), round robin.
local paths = {}
for line in io.lines(os.getenv("KCHART_PATHS")) do
  paths[#paths + 1] = line
end
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
