-- wrk script for load.sh: every request is a different presigned DescribeImages call (the emulator
-- refuses a replayed nonce), taken from the pool file; each wrk thread uses its own share once.
-- Arguments: POOL_FILE THREADS.
--
-- The requests are formatted up front, so that sending makes no garbage: a Lua garbage collection
-- over the large pool would stall the thread for tens of milliseconds, counted as server latency.

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local requests, next_request = {}, 1
function init(args)
  local count = tonumber(args[2])
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % count == id then
      requests[#requests + 1] = wrk.format("GET", line)
    end
    line_number = line_number + 1
  end
  collectgarbage("collect")
end

function request()
  -- Past the end of its share a thread replays its last call, which the emulator refuses: the
  -- run then reports non-2xx answers, so an exhausted pool cannot pass for a good result.
  local request = requests[next_request] or requests[#requests]
  next_request = next_request + 1
  return request
end

-- The tail beyond wrk's own percentiles.
function done(summary, latency, requests)
  for _, p in ipairs({90, 95, 98, 99, 99.5, 99.9}) do
    io.write(string.format("p%s %.2fms  ", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max %.2fms\n", latency.max / 1000))
end
