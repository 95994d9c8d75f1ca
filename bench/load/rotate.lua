-- Sends each request to the next path of the file named in URLS, round robin, so no cache answers twice.
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(os.getenv("URLS")) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
