import { expectAccessible, test } from "./fixtures";

const pages = [
  ["front page", "/"],
  ["More stories", "/?cursor=" /* replaced below by a real cursor */],
  ["article", "/articles/lunar-lander-mission-slips-to-next-year"],
  ["tag", "/tags/space"],
  ["author", "/authors/news-desk"],
  ["source", "/sources/orbital-daily"],
  ["search", "/search?q=energy"],
  ["404", "/articles/no-such-story-here"],
  ["error", "/?cursor=not-a-cursor"],
] as const;

for (const [name, path] of pages) {
  test(`axe-core finds no serious or critical violation: ${name}`, async ({ page }) => {
    if (name === "More stories") {
      await page.goto("/");
      await page.getByRole("link", { name: "More stories" }).click();
    } else {
      await page.goto(path);
    }
    await expectAccessible(page);
  });
}
