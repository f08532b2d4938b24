-- wrk script: each connection walks a list of paths (given in the PATHS environment variable,
-- separated by spaces) and the run ends with one line of figures, milliseconds.
local paths = {}
for path in string.gmatch(os.getenv("PATHS") or "/", "%S+") do
  table.insert(paths, path)
end
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("FIGURES %d %.1f %.1f %.1f %.1f %d\n",
    summary.requests,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors))
end
