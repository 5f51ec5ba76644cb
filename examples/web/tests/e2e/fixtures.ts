import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const apiUrl = (process.env["NEWSAPI_URL"] ?? "http://localhost:5000").replace(/\/+$/, "");
/** The development admin key of appsettings.Development.json: the demo newsroom's API accepts it. */
export const adminKey = process.env["NEWSAPI_ADMIN_KEY"] ?? "nk_development_only_admin_key_0123456789abcdef";

// The demo newsroom's pictures live on images.example.com, which does not exist. The browser is given a placeholder
// for each instead (a calm gradient, different per picture), so pages render as they would with real photographs.
const palettes = [
  ["#274c5e", "#8fb3c2"], ["#5b4a3a", "#c9ab86"], ["#2f4a3a", "#9cbf9a"], ["#4a3550", "#b9a1c4"],
  ["#5e2f2f", "#d49a8a"], ["#2d3a5e", "#9aaee0"], ["#4d4d4d", "#c2c2c2"], ["#3f5a4a", "#d7c99a"],
];

function placeholder(url: string): string {
  let hash = 0;
  for (const ch of url) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const [dark, light] = palettes[hash % palettes.length] ?? ["#444", "#ccc"];
  const x = 200 + (hash % 800);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 675" width="1200" height="675">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
<rect width="1200" height="675" fill="url(#g)"/>
<circle cx="${x}" cy="210" r="90" fill="#fff" opacity=".25"/>
<path d="M0 520 Q 300 ${380 + (hash % 90)} 600 500 T 1200 470 V 675 H 0 Z" fill="${dark}" opacity=".55"/>
<path d="M0 600 Q 400 ${520 + (hash % 60)} 800 590 T 1200 580 V 675 H 0 Z" fill="${dark}" opacity=".8"/>
</svg>`;
}

export const test = base.extend<{ pictures: void }>({
  pictures: [
    async ({ page }, use) => {
      await page.route("https://images.example.com/**", (route) =>
        route.fulfill({ status: 200, contentType: "image/svg+xml", body: placeholder(route.request().url()) }),
      );
      await use();
    },
    { auto: true },
  ],
});

export { expect };

/** axe-core's WCAG 2.x A and AA rules: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
  expect(serious, `axe-core on ${page.url()}`).toEqual([]);
}

/** What the API's served OpenAPI document offers: feeds and JSON-LD appear in pages only when it does. */
export async function apiOffers(mediaType: string): Promise<boolean> {
  const response = await fetch(`${apiUrl}/swagger/v1/swagger.json`);
  const text = await response.text();
  return text.includes(`"${mediaType}"`);
}
