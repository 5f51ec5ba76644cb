-- Scenario 9: a newsroom's day in one connection pool. 95% anonymous reads spread over the other scenarios'
-- requests, 5% merge-patches of an article's subtitle by several editors, each with its own API key.
-- BENCH_PARAMS names the Lua table written by `NewsApi.Bench params`; BENCH_KEYS the editors' keys, comma-separated.
local p = dofile(os.getenv("BENCH_PARAMS"))
local keys = {}
for key in string.gmatch(os.getenv("BENCH_KEYS") or "", "[^,]+") do
  keys[#keys + 1] = key
end
local etag = os.getenv("BENCH_ETAG")
local list = "/api/v1/articles?pageSize=20"
local lists = {
  list .. "&cursor=" .. p.cursor,
  "/api/v1/articles?page=" .. p.offset_page .. "&pageSize=20",
  list .. "&tag=" .. p.tag,
  list .. "&author=" .. p.author,
  list .. "&q=" .. p.word,
  list .. "&q=%22" .. string.gsub(p.phrase, " ", "%%20") .. "%22",
}
local counter = 0
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end

init = function()
  math.randomseed(1000 + (id or 0))
end

request = function()
  counter = counter + 1
  local roll = math.random()
  if roll < 0.05 and #keys > 0 then
    local article = p.ids[math.random(#p.ids)]
    local body = '{"subtitle":"Updated by the benchmark, edit ' .. counter .. ' of thread ' .. (id or 0) .. '"}'
    return wrk.format("PATCH", "/api/v1/articles/" .. article,
      { ["Content-Type"] = "application/merge-patch+json", ["X-Api-Key"] = keys[math.random(#keys)] }, body)
  elseif roll < 0.40 then
    return wrk.format("GET", "/api/v1/articles/slug/" .. p.slugs[math.random(#p.slugs)])
  elseif roll < 0.45 then
    return wrk.format("GET", "/api/v1/articles/slug/" .. p.slug, { ["If-None-Match"] = etag })
  elseif roll < 0.70 then
    return wrk.format("GET", list)
  else
    return wrk.format("GET", lists[math.random(#lists)])
  end
end
