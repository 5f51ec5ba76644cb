-- Scenario 8: revalidating one article with the ETag it was served with; every answer is a 304.
local path = os.getenv("BENCH_PATH")
local etag = os.getenv("BENCH_ETAG")

request = function()
  return wrk.format("GET", path, { ["If-None-Match"] = etag })
end
