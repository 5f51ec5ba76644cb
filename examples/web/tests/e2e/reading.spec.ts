import type { components } from "../../src/api/schema";
import { apiOffers, apiUrl, expect, expectAccessible, test } from "./fixtures";

// Every page a test visits is also checked with axe-core (expectAccessible): no serious or critical violation.

type Article = components["schemas"]["ArticleResponse"];

// The demo story built like a real story page: two bylines (one a desk), a source, a captioned and credited
// picture, tags and "Also see" links.
const DEMO = "lunar-lander-mission-slips-to-next-year";

async function apiArticle(slug: string): Promise<Article> {
  const response = await fetch(`${apiUrl}/api/v1/articles/slug/${slug}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Article;
}

test("a reader goes from the front page to a story, its topic and its author", async ({ page }) => {
  await page.goto("/");
  const lead = page.getByTestId("lead");
  await expect(lead.getByRole("heading", { level: 2 })).toBeVisible();
  await expect(page.getByTestId("story-list").locator("article")).not.toHaveCount(0);
  await expectAccessible(page);

  const headline = (await lead.getByRole("heading", { level: 2 }).textContent())?.trim() ?? "";
  await lead.getByRole("link", { name: headline }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
  await expectAccessible(page);

  const tag = page.getByRole("navigation", { name: "Topics" }).getByRole("link").first();
  const tagName = (await tag.textContent())?.trim() ?? "";
  await tag.click();
  await expect(page).toHaveURL(/\/tags\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tagName);
  await expect(page.getByTestId("story-list").locator("article")).not.toHaveCount(0);
  await expectAccessible(page);

  await page.getByTestId("story-list").locator("article").first().getByRole("heading").getByRole("link").click();
  const author = page.getByTestId("byline").getByRole("link").first();
  const authorName = (await author.textContent())?.trim() ?? "";
  await author.click();
  await expect(page).toHaveURL(/\/authors\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(authorName);
  await expect(page.getByTestId("story-list").locator("article")).not.toHaveCount(0);
  await expectAccessible(page);
});

test("the story page shows every part of the demo story", async ({ page }) => {
  const story = await apiArticle(DEMO);
  const response = await page.goto(`/articles/${DEMO}`);
  expect(response?.status()).toBe(200);
  const article = page.getByTestId("article");

  // Headline, dek, byline with a desk, date.
  await expect(article.getByRole("heading", { level: 1 })).toHaveText(story.title);
  await expect(page.getByTestId("dek")).toHaveText(story.subtitle ?? "");
  await expect(page.getByTestId("byline")).toHaveText("By News Desk and Priya Raman");
  await expect(page.getByTestId("byline").getByRole("link", { name: "News Desk" })).toHaveAttribute("href", "/authors/news-desk");
  await expect(page.getByTestId("byline").getByRole("link", { name: "Priya Raman" })).toHaveAttribute("href", "/authors/priya-raman");
  await expect(page.getByTestId("published")).toHaveAttribute("datetime", story.publishedAt ?? "");
  await expect(page.getByTestId("published")).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);

  // Where the news comes from, linking to the original story.
  await expect(page.getByTestId("sourced")).toHaveText("This news is sourced from Orbital Daily");
  await expect(page.getByTestId("sourced").getByRole("link")).toHaveAttribute("href", story.sourceUrl ?? "");

  // The picture with its caption and credit.
  const figure = page.getByTestId("figure");
  await expect(figure.getByRole("img")).toHaveAttribute("alt", story.featuredImage?.alt ?? "");
  await expect(figure.getByRole("img")).toHaveAttribute("src", story.featuredImage?.url ?? "");
  await expect(figure.locator("figcaption")).toContainText(story.featuredImage?.caption ?? "");
  await expect(figure.locator("figcaption")).toContainText("Image via X/@seleneworks");
  expect(await figure.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // The sanitised body, as the API rendered it, and the tags.
  await expect(page.getByTestId("body").locator("p")).toHaveCount((story.bodyHtml.match(/<p>/g) ?? []).length);
  await expect(page.getByTestId("body")).toContainText("We would rather find this on a test stand");
  const topics = page.getByRole("navigation", { name: "Topics" }).getByRole("link");
  await expect(topics).toHaveText(story.tags.map((t) => t.name));

  // Also see (the editor's links first) and Recent.
  const alsoSee = page.getByTestId("also-see").getByRole("heading", { level: 3 });
  await expect(alsoSee.first()).toHaveText(story.relatedArticles[0]?.title ?? "");
  await expect(page.getByTestId("recent").locator("article")).not.toHaveCount(0);
  await expect(page.getByTestId("recent")).not.toContainText(story.title);

  // The <head>: title, description, canonical and Open Graph, from the API's fields.
  await expect(page).toHaveTitle(`${story.metaTitle ?? story.title} · The Daily Demo`);
  const head = page.locator("head");
  await expect(head.locator('meta[name="description"]')).toHaveAttribute("content", story.metaDescription ?? story.excerpt ?? "");
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/articles/${DEMO}$`));
  await expect(head.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(head.locator('meta[property="og:image"]')).toHaveAttribute("content", story.featuredImage?.url ?? "");
  await expect(head.locator('meta[property="article:published_time"]')).toHaveAttribute("content", story.publishedAt ?? "");

  // Feeds and JSON-LD exactly when the API serves them.
  const feeds = (await apiOffers("application/rss+xml")) || (await apiOffers("application/atom+xml")) || (await apiOffers("application/feed+json"));
  expect(await head.locator('link[rel="alternate"]').count() > 0).toBe(feeds);
  const jsonLd = await apiOffers("application/ld+json");
  const script = head.locator('script[type="application/ld+json"]');
  await expect(script).toHaveCount(jsonLd ? 1 : 0);
  if (jsonLd) {
    expect(JSON.parse((await script.textContent()) ?? "")).toBeTruthy();
  }
  await expectAccessible(page);
});

test("a story's own canonical URL, when the API names one, is the page's canonical", async ({ page }) => {
  const story = await apiArticle("satellite-startup-completes-in-orbit-refuelling-test");
  await page.goto(`/articles/${story.slug}`);
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", story.canonicalUrl ?? "");
});

test("More stories walks on by cursor without repeating a story", async ({ page }) => {
  await page.goto("/");
  const titles = async () => page.locator("main article h2, main article h3").allTextContents();
  const first = await titles();
  await page.getByRole("link", { name: "More stories" }).click();
  await expect(page).toHaveURL(/\?cursor=/);
  await expect(page.getByRole("heading", { level: 1, name: "More stories" })).toBeVisible();
  const second = await titles();
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((t) => first.includes(t))).toEqual([]);
  await expectAccessible(page);
});

test("search finds stories by their words", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("search").first().getByRole("searchbox").fill("lunar lander");
  await page.getByRole("search").first().getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=lunar\+lander/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “lunar lander”");
  await expect(page.getByTestId("story-list").getByRole("link", { name: /Lunar lander mission slips/ })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/search?q=zzzzqqqxx");
  await expect(page.getByTestId("result-count")).toHaveText("No stories match.");
});

test("source pages list the stories from that source", async ({ page }) => {
  await page.goto(`/articles/${DEMO}`);
  await page.getByRole("link", { name: "Orbital Daily", exact: true }).last().click();
  await expect(page).toHaveURL(/\/sources\/orbital-daily$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Orbital Daily");
  await expect(page.getByTestId("listing-header")).toContainText(/\b\d+ stor(y|ies)\b/);
  await expect(page.getByTestId("story-list").getByRole("link", { name: /Lunar lander mission slips/ })).toBeVisible();
  await expectAccessible(page);
});
