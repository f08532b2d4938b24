-- wrk script for distinct requests: the paths are read from the file PATHS_FILE (one a line)
-- and shared out between the threads, so that no path is sent twice unless the run outlasts
-- the list; then it starts over and the line of figures says how many were sent again.
-- PAUSE_MS, when set, makes each connection a person typing: after each answer it waits
-- between half and one and a half times PAUSE_MS (the keys typed before the browser's
-- debounce sends the next request) instead of asking again at once.
local threads = {}
local pause = tonumber(os.getenv("PAUSE_MS") or "0")

setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

init = function(args)
  paths, sent, again = {}, 0, 0
  local n, count = 0, tonumber(os.getenv("THREADS") or "2")
  for line in io.lines(os.getenv("PATHS_FILE")) do
    if n % count == id then
      table.insert(paths, line)
    end
    n = n + 1
  end
end

request = function()
  sent = sent + 1
  if sent > #paths then
    again = again + 1
  end
  return wrk.format("GET", paths[((sent - 1) % #paths) + 1])
end

if pause > 0 then
  delay = function()
    return math.floor(pause * (0.5 + math.random()))
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  local repeated = 0
  for _, thread in ipairs(threads) do
    repeated = repeated + thread:get("again")
  end
  io.write(string.format("FIGURES %d %.1f %.1f %.1f %.1f %d %d\n",
    summary.requests,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors, repeated))
end
