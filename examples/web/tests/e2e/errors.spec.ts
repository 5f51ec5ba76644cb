import type { components } from "../../src/api/schema";
import { adminKey, apiUrl, expect, expectAccessible, test } from "./fixtures";

type Article = components["schemas"]["ArticleResponse"];
type Author = components["schemas"]["AuthorResponse"];

test("an unknown story is the site's 404 page", async ({ page }) => {
  const response = await page.goto("/articles/no-such-story-here");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can't find that page");
  await expectAccessible(page);

  expect((await page.goto("/tags/no-such-topic"))?.status()).toBe(404);
  expect((await page.goto("/no/such/page"))?.status()).toBe(404);
});

test("an address the API refuses is a friendly error page, never a stack trace", async ({ page }) => {
  const response = await page.goto("/?cursor=not-a-cursor");
  expect(response?.status()).toBe(400);
  await expect(page.getByTestId("error-page")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/UpstreamError|at async|\.mjs|stack/i);
  await expectAccessible(page);
});

test("a story's former address follows the API's 301 to the current one", async ({ page, request }) => {
  const headers = { "X-Api-Key": adminKey };
  const desk = (await (await request.get(`${apiUrl}/api/v1/authors/slug/news-desk`)).json()) as Author;
  const suffix = Date.now().toString(36);
  const created = await request.post(`${apiUrl}/api/v1/articles`, {
    headers,
    data: { title: `Harbour ferry timetable changes ${suffix}`, excerpt: "Timetables change.", body: "The new timetable starts on Monday.", authorIds: [desk.id] },
  });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as Article;
  try {
    expect((await request.post(`${apiUrl}/api/v1/articles/${article.id}/publish`, { headers })).status()).toBe(200);
    const current = await request.get(`${apiUrl}/api/v1/articles/${article.id}`, { headers });
    const renamed = `harbour-ferry-timetable-${suffix}`;
    const patched = await request.patch(`${apiUrl}/api/v1/articles/${article.id}`, {
      headers: { ...headers, "If-Match": current.headers()["etag"] ?? "", "Content-Type": "application/merge-patch+json" },
      data: { slug: renamed },
    });
    expect(patched.status()).toBe(200);

    const hop = await request.get(`/articles/${article.slug}`, { maxRedirects: 0 });
    expect(hop.status()).toBe(301);
    expect(hop.headers()["location"]).toBe(`/articles/${renamed}`);
    await page.goto(`/articles/${article.slug}`);
    await expect(page).toHaveURL(new RegExp(`/articles/${renamed}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(article.title);
  } finally {
    await request.delete(`${apiUrl}/api/v1/articles/${article.id}?permanent=true`, { headers });
  }
});
