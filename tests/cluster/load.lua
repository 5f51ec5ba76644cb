-- The cluster suite's load: anonymous GETs as readers make them. 50% the front page, 40% an article by slug (one of
-- CLUSTER_SLUGS, comma-separated), 10% the second page of the list. With CLUSTER_LOAD_KEY, as a front end reading
-- with a key (X-Api-Key): nothing is then served from the output cache, every read reaches a database.
local slugs = {}
for slug in string.gmatch(os.getenv("CLUSTER_SLUGS") or "", "[^,]+") do
  slugs[#slugs + 1] = slug
end
local key = os.getenv("CLUSTER_LOAD_KEY")
local headers = (key and key ~= "") and { ["X-Api-Key"] = key } or nil
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end

init = function()
  math.randomseed(2000 + (id or 0))
end

request = function()
  local roll = math.random()
  if roll < 0.5 or #slugs == 0 then
    return wrk.format("GET", "/api/v1/articles?pageSize=20", headers)
  elseif roll < 0.9 then
    return wrk.format("GET", "/api/v1/articles/slug/" .. slugs[math.random(#slugs)], headers)
  else
    return wrk.format("GET", "/api/v1/articles?pageSize=20&page=2", headers)
  end
end
