import { defineConfig } from "@playwright/test";

// The API must be running (the demo newsroom: `dotnet run --project src/NewsApi` from the repository root); Playwright
// starts this site's production build against it. The browser is the system's Chromium, not a downloaded one.
const port = Number(process.env["WEB_PORT"] ?? 4321);
const apiUrl = process.env["NEWSAPI_URL"] ?? "http://localhost:5000";
const siteUrl = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  // Generous for a busy CI machine: a test here takes a few seconds on an idle one.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // The tests share the demo newsroom and one test writes to it: one at a time keeps them independent of each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env["CI"],
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  use: {
    baseURL: siteUrl,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
      args: ["--no-sandbox"],
    },
    trace: "retain-on-failure",
  },
  webServer: {
    command: "npm run build --silent && node dist/server/entry.mjs",
    url: `${siteUrl}/robots.txt`,
    reuseExistingServer: !process.env["CI"],
    timeout: 120_000,
    env: { HOST: "127.0.0.1", PORT: String(port), NEWSAPI_URL: apiUrl, SITE_URL: siteUrl },
  },
});
