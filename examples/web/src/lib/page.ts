import { config } from "../config";

/**
 * A page's own canonical URL, when the site's public origin is configured (SITE_URL). Never taken from the request's
 * Host header, which the client chooses.
 */
export function canonicalFor(path: string): string | null {
  return config.siteUrl ? config.siteUrl + path : null;
}

/** A cursor from the query string, or undefined; the API refuses anything that is not its own cursor (a 400). */
export function cursorParam(url: URL): string | undefined {
  const cursor = url.searchParams.get("cursor");
  return cursor && cursor.length <= 500 ? cursor : undefined;
}

/** The link to the next page of the same listing, or null. */
export function nextHref(url: URL, nextCursor: string | null | undefined): string | null {
  if (!nextCursor) return null;
  const next = new URL(url.pathname, url.origin);
  next.searchParams.set("cursor", nextCursor);
  return next.pathname + next.search;
}
