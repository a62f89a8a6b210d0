-- write_soak.lua: wrk script for bench/write_soak.sh: one request in
-- $KCHART_WRITE_EVERY is a POST /api/ingest of the next Hot 100 week of the
-- list in $KCHART_BODIES (one path a line, posted in order: new charts
-- until the list is done, then the same files again, which change
-- nothing); the others are GETs of the paths in $KCHART_PATHS, round robin.
local paths, bodies, names = {}, {}, {}
for line in io.lines(os.getenv("KCHART_PATHS")) do
  paths[#paths + 1] = line
end
for line in io.lines(os.getenv("KCHART_BODIES")) do
  local f = assert(io.open(line, "rb"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
  names[#names + 1] = line:match("([^/]+)$")
end
local every = tonumber(os.getenv("KCHART_WRITE_EVERY") or "20")
local token = os.getenv("KCHART_TOKEN")
local n, w, g = 0, 0, 0
local step = 1

-- Each thread has its own copy of this script: thread k of K posts files
-- k, k + K, k + 2K ..., so that no two threads post the same file.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

init = function(args)
  local total = tonumber(os.getenv("KCHART_THREADS") or "1")
  w = (tonumber(wrk.thread:get("id")) or 1) - total
  step = total
end

request = function()
  n = n + 1
  if n % every == 0 then
    w = w + step
    if w > #bodies then w = (w - 1) % #bodies + 1 end
    return wrk.format("POST", "/api/ingest?name=" .. names[w],
      { ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json" }, bodies[w])
  end
  g = g % #paths + 1
  return wrk.format("GET", paths[g])
end

local bad = 0
response = function(status, headers, body)
  if status >= 300 then
    bad = bad + 1
    if bad <= 3 then io.stderr:write("status " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end
