-- Posts the registration form with a new address each time (thread and counter in it), reusing one antiforgery
-- cookie and token, which ASP.NET Core accepts for any number of posts. Counts 303 (registered) per thread.
local threads = {}
local next_id = 0
setup = function(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
n = 0
registered = 0
other = 0
init = function(args)
  wrk.method = "POST"
  wrk.path = os.getenv("FORM_PATH")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("COOKIE")
end
request = function()
  n = n + 1
  local body = string.format(os.getenv("BODY"), os.getenv("RUN") .. "-" .. id .. "-" .. n)
  return wrk.format(nil, nil, nil, body)
end
response = function(status, headers, body)
  if status == 303 then registered = registered + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local r, o = 0, 0
  for _, t in ipairs(threads) do r = r + t:get("registered"); o = o + t:get("other") end
  io.write(string.format("registered=%d other=%d\n", r, o))
end
