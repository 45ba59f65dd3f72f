-- wrk script: POST /api/claims with a new claim id each request (ids are unique per thread and request).
-- Usage: KEY=... wrk -s post-claim.lua ...  (the source src-bench must be registered first; run.sh does it)
local counter = 0
local thread_id = 0
local key = os.getenv("KEY")

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  counter = counter + 1
  local id = string.format("c-bench-%d-%d-%d", tid or 0, counter, math.random(1, 1000000000))
  local body = '{"dyad":"AZE-IRN","claim":{"id":"' .. id .. '","source":"src-bench","kind":"meeting",' ..
    '"summary":"The foreign ministers met in Baku.","modality":"asserted",' ..
    '"quotes":[{"start":0,"end":29,"text":"The two ministers met in Baku"}],' ..
    '"confidence":{"reliability":"B","credibility":2}}}'
  return wrk.format("POST", "/api/claims", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end

local statuses = {}
function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end
