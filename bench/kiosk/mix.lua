-- wrk script for bench/kiosk/run.py: a seeded mix of kiosk screens, and the server's own time.
-- Paths come from the environment (KIOSK_PATHS, space-separated); PARTIAL_SHARE of the requests
-- carry X-Kiosk-Partial: 1 (what a tap fetches), the rest ask for the whole page.
-- Every response's `Server-Timing: app;dur=...` is kept, and done() prints both sets of
-- percentiles as one JSON line prefixed with "RESULT ".

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for p in string.gmatch(os.getenv("KIOSK_PATHS") or "/", "%S+") do
    table.insert(paths, p)
  end
  share = tonumber(os.getenv("PARTIAL_SHARE") or "0.667")
  math.randomseed(tonumber(os.getenv("SEED") or "5") * 1000 + id)
  server = {}
  hits = 0
  misses = 0
  statuses = {}
end

function request()
  local path = paths[math.random(#paths)]
  local headers = {}
  if os.getenv("WARMUP") == "1" then
    headers["Connection"] = "close"  -- a new connection each time: every worker gets some
  end
  if math.random() < share then
    headers["X-Kiosk-Partial"] = "1"
  end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local timing = headers["Server-Timing"] or headers["server-timing"]
  if timing then
    local dur = string.match(timing, "app;dur=([%d%.]+)")
    if dur then table.insert(server, tonumber(dur)) end
    if string.find(timing, "desc=hit", 1, true) then hits = hits + 1 end
    if string.find(timing, "desc=miss", 1, true) then misses = misses + 1 end
  end
end

local function pct(sorted, p)
  if #sorted == 0 then return 0 end
  local i = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[i]
end

function done(summary, latency, requests)
  local all = {}
  local hit, miss = 0, 0
  local codes = {}
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get("server")) do table.insert(all, v) end
    hit = hit + thread:get("hits")
    miss = miss + thread:get("misses")
    for code, n in pairs(thread:get("statuses")) do codes[code] = (codes[code] or 0) + n end
  end
  table.sort(all)
  local statusText = {}
  for code, n in pairs(codes) do table.insert(statusText, string.format('"%d": %d', code, n)) end
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.2f, "errors": %d, "statuses": {%s}, ' ..
    '"client_ms": {"p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f}, ' ..
    '"server_ms": {"n": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f}, ' ..
    '"cache": {"hit": %d, "miss": %d}}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(statusText, ", "),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    #all, pct(all, 50), pct(all, 95), pct(all, 99), all[#all] or 0, hit, miss))
end
