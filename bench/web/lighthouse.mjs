// Lighthouse on the story page with its default (mobile) profile: a mid-range phone on a throttled 4G connection.
// Debian's Chromium, named by CHROME_PATH, runs it headless. Prints the performance and accessibility scores, the
// main timings, and keeps the full JSON report in out/.
import { mkdirSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const site = (process.env.WEB_URL ?? "http://127.0.0.1:4321").replace(/\/+$/, "");
const path = process.env.PAGE ?? "/articles/lunar-lander-mission-slips-to-next-year";
const runs = Number(process.env.RUNS ?? 3);

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
mkdirSync("out", { recursive: true });
try {
  for (let run = 1; run <= runs; run++) {
    const result = await lighthouse(site + path, {
      port: chrome.port,
      onlyCategories: ["performance", "accessibility"],
      output: "json",
      logLevel: "error",
    });
    if (!result) throw new Error("Lighthouse returned nothing");
    const { categories, audits } = result.lhr;
    writeFileSync(`out/lighthouse-${run}.json`, String(result.report));
    const ms = (id) => Math.round(audits[id]?.numericValue ?? NaN);
    console.log(
      `run ${run}: performance ${Math.round((categories.performance?.score ?? 0) * 100)}, ` +
        `accessibility ${Math.round((categories.accessibility?.score ?? 0) * 100)}; ` +
        `FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, ` +
        `TBT ${ms("total-blocking-time")} ms, CLS ${audits["cumulative-layout-shift"]?.numericValue?.toFixed(3)}`,
    );
  }
} finally {
  await chrome.kill();
}
