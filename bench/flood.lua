-- wrk script for the flood rows of bench/run.py: one client (its own X-Forwarded-For address)
-- requesting a path, with `<random>` in it replaced by a new random token on every request
-- (a new query string, so a new cache key each time); counts the answers by status and
-- prints them as `status <code> <count>` lines when done.
--   wrk -c8 -d5s -s bench/flood.lua http://127.0.0.1:PORT -- '/?utm_source=<random>' 192.0.2.66

local threads = {}
local number = 0

function setup(thread)
   number = number + 1
   thread:set("id", number)
   table.insert(threads, thread)
end

function init(args)
   template = args[1] or "/"
   wrk.headers["X-Forwarded-For"] = args[2] or "192.0.2.1"
   math.randomseed(os.time() * 1000 + id)
   counts = {}
end

function request()
   local path = template:gsub("<random>", function()
      return string.format("%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
   end)
   return wrk.format("GET", path)
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("counts")) do
         total[status] = (total[status] or 0) + count
      end
   end
   for status, count in pairs(total) do
      io.write(string.format("status %d %d\n", status, count))
   end
end
