import type { components } from "../../src/api/schema";
import { adminKey, apiUrl, expect, expectAccessible, test } from "./fixtures";

type Article = components["schemas"]["ArticleResponse"];
type Author = components["schemas"]["AuthorResponse"];
type PreviewLink = components["schemas"]["PreviewLinkResponse"];

test("a preview link shows the draft to whoever holds it, and is never cached", async ({ page, request }) => {
  const headers = { "X-Api-Key": adminKey };
  const desk = (await (await request.get(`${apiUrl}/api/v1/authors/slug/news-desk`)).json()) as Author;
  const suffix = Date.now().toString(36);
  const created = await request.post(`${apiUrl}/api/v1/articles`, {
    headers,
    data: { title: `Embargoed budget story ${suffix}`, excerpt: "Not out yet.", body: "The budget is announced at noon.", authorIds: [desk.id] },
  });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as Article;
  try {
    const made = await request.post(`${apiUrl}/api/v1/articles/${article.id}/preview-links`, { headers, data: {} });
    expect(made.status()).toBe(201);
    const link = (await made.json()) as PreviewLink;

    const response = await page.goto(`/preview/${link.token}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("private, no-store");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(article.title);
    await expect(page.getByTestId("preview-banner")).toContainText("draft");
    await expectAccessible(page);
    // Readers cannot reach the draft by its slug.
    expect((await page.goto(`/articles/${article.slug}`))?.status()).toBe(404);

    expect((await request.delete(`${apiUrl}/api/v1/articles/${article.id}/preview-links/${link.id}`, { headers })).status()).toBe(204);
    expect((await page.goto(`/preview/${link.token}`))?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
  } finally {
    await request.delete(`${apiUrl}/api/v1/articles/${article.id}?permanent=true`, { headers });
  }
});
