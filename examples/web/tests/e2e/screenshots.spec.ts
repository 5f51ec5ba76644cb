import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures";

// Written on every run (test-results/screenshots); `npm run screenshots` writes the README's copies in docs/screenshots.
const dir = process.env["SCREENSHOTS_DIR"] ?? join("test-results", "screenshots");
const widths = { desktop: { width: 1280, height: 1000 }, phone: { width: 390, height: 844 } } as const;
const pages = { front: "/", article: "/articles/lunar-lander-mission-slips-to-next-year" } as const;

for (const [device, viewport] of Object.entries(widths)) {
  for (const [name, path] of Object.entries(pages)) {
    test(`screenshot: ${name} page, ${device}`, async ({ page }) => {
      mkdirSync(dir, { recursive: true });
      await page.setViewportSize(viewport);
      await page.goto(path);
      await expect(page.locator("main h1, main h2").first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: join(dir, `${name}-${device}.png`), animations: "disabled" });
    });
  }
}
