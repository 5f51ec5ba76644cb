// Read at run time, not build time, so one production build serves any API.
export const config = {
  /** NewsApi's base URL, e.g. https://api.example.com (no /api/v1). */
  apiUrl: (process.env["NEWSAPI_URL"] ?? "http://localhost:5000").replace(/\/+$/, ""),
  /** An optional read-only API key (content:read), sent as X-Api-Key. */
  apiKey: process.env["NEWSAPI_KEY"] || undefined,
  /** The site's public origin, for canonical and Open Graph URLs; the request's own origin when unset. */
  siteUrl: process.env["SITE_URL"]?.replace(/\/+$/, "") || undefined,
  siteName: process.env["SITE_NAME"] || "The Daily Demo",
};
