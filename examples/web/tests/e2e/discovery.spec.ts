import { feedLinks, read } from "../../src/api/discovery";
import { expect, test } from "@playwright/test";

// The pages link feeds and embed JSON-LD from what the API's OpenAPI document offers. These documents stand for an
// API that serves them, whatever it names its paths; the browser tests above cover the API as it is.
const ok = (...types: string[]) => ({ get: { responses: { "200": { content: Object.fromEntries(types.map((t) => [t, {}])) } } } });

test("feeds and JSON-LD are found by their media types", () => {
  const caps = read({
    "/api/v1/articles": ok("application/json"),
    "/feeds/latest.xml": ok("application/rss+xml"),
    "/api/v1/feeds/atom": ok("application/atom+xml"),
    "/api/v1/tags/{slug}/feed": ok("application/rss+xml"),
    "/api/v1/authors/{id}/feed.json": ok("application/feed+json"),
    "/api/v1/articles/slug/{slug}": ok("application/json", "application/ld+json"),
  });
  expect(caps.articleJsonLd).toEqual({ path: "/api/v1/articles/slug/{slug}", param: "slug" });

  const site = feedLinks(caps).map((f) => f.type);
  expect(site).toEqual(["application/rss+xml", "application/atom+xml"]);

  const tag = feedLinks(caps, { kind: "tag", slug: "space", id: "0192" });
  expect(tag.at(-1)?.href).toMatch(/\/api\/v1\/tags\/space\/feed$/);
  const author = feedLinks(caps, { kind: "author", slug: "news-desk", id: "0193" });
  expect(author.at(-1)).toMatchObject({ type: "application/feed+json" });
  expect(author.at(-1)?.href).toMatch(/\/api\/v1\/authors\/0193\/feed\.json$/);
});

test("an API without feeds or JSON-LD gets neither", () => {
  const caps = read({ "/api/v1/articles": ok("application/json"), "/api/v1/articles/{id}": ok("application/json") });
  expect(caps).toEqual({ feeds: [] });
  expect(feedLinks(caps, { kind: "tag", slug: "space", id: "1" })).toEqual([]);
});
