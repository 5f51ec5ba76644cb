// Feeds and structured data are optional parts of the API: an older NewsApi does not serve them. Rather than
// guess URLs, the site reads the API's own OpenAPI document and looks for operations answering in a feed or
// JSON-LD media type. Whatever the API documents, the <head> links to; what it does not, the page leaves out.
import { config } from "../config";

const FEED_TYPES = ["application/rss+xml", "application/atom+xml", "application/feed+json"] as const;
const JSON_LD = "application/ld+json";
// A feed operation may serve every format from one path, with the format as its file extension ("/feeds/articles.{format}").
const EXTENSIONS: Record<(typeof FEED_TYPES)[number], string> = {
  "application/rss+xml": "rss",
  "application/atom+xml": "atom",
  "application/feed+json": "json",
};
const DOCUMENT_PATH = process.env["NEWSAPI_OPENAPI_PATH"] ?? "/swagger/v1/swagger.json";
const REMEMBER_MS = 5 * 60_000;

export interface FeedLink {
  type: string;
  /** An absolute URL, or a template with one `{param}` for a tag, author or source. */
  href: string;
  scope: "site" | "tag" | "author" | "source";
  param?: string;
}

export interface Capabilities {
  feeds: FeedLink[];
  /** A path template (with `{slug}` or `{id}`) answering an article's JSON-LD, when the API has one. */
  articleJsonLd?: { path: string; param: string };
}

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

const NONE: Capabilities = { feeds: [] };
let remembered: { at: number; value: Promise<Capabilities> } | undefined;

export function capabilities(): Promise<Capabilities> {
  const now = Date.now();
  if (!remembered || now - remembered.at > REMEMBER_MS) {
    remembered = { at: now, value: discover() };
  }
  return remembered.value;
}

async function discover(): Promise<Capabilities> {
  try {
    const response = await fetch(config.apiUrl + DOCUMENT_PATH, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return NONE;
    const document = (await response.json()) as { paths?: Record<string, Record<string, OpenApiOperation>> };
    return read(document.paths ?? {});
  } catch {
    // The document is an optional extra; the pages work without it. Try again at the next interval.
    remembered = { at: Date.now() - REMEMBER_MS + 30_000, value: Promise.resolve(NONE) };
    return NONE;
  }
}

export function read(paths: Record<string, Record<string, OpenApiOperation>>): Capabilities {
  const found: Capabilities = { feeds: [] };
  for (const [path, item] of Object.entries(paths)) {
    const types = Object.keys(item["get"]?.responses?.["200"]?.content ?? {});
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
    for (const type of FEED_TYPES.filter((t) => types.includes(t))) {
      const feedPath = path.replace("{format}", EXTENSIONS[type]);
      const feedParams = params.filter((p) => p !== "format");
      if (feedParams.length === 0) {
        found.feeds.push({ type, href: config.apiUrl + feedPath, scope: "site" });
      } else if (feedParams.length === 1) {
        const scope = /\/(tag|author|source)s?\//.exec(path)?.[1];
        if (scope) {
          found.feeds.push({
            type,
            href: config.apiUrl + feedPath,
            scope: scope as FeedLink["scope"],
            param: feedParams[0] ?? "",
          });
        }
      }
    }
    if (types.includes(JSON_LD) && path.includes("/articles/") && params.length === 1 && !found.articleJsonLd) {
      found.articleJsonLd = { path, param: params[0] ?? "" };
    }
  }
  return found;
}

/** The feed links for a page: the site's, and those of the tag, author or source it lists. */
export function feedLinks(
  caps: Capabilities,
  scope?: { kind: "tag" | "author" | "source"; slug: string; id: string },
): { type: string; href: string }[] {
  return caps.feeds.flatMap((feed) => {
    if (feed.scope === "site") return [{ type: feed.type, href: feed.href }];
    if (!scope || feed.scope !== scope.kind || !feed.param) return [];
    const value = feed.param.toLowerCase().includes("id") ? scope.id : scope.slug;
    return [{ type: feed.type, href: feed.href.replace(`{${feed.param}}`, encodeURIComponent(value)) }];
  });
}

/** The article's JSON-LD as the API serves it, or null. Embedded as text, so `</script>` is escaped. */
export async function articleJsonLd(caps: Capabilities, article: { id: string; slug: string }): Promise<string | null> {
  const op = caps.articleJsonLd;
  if (!op) return null;
  const value = op.param.toLowerCase().includes("id") ? article.id : article.slug;
  try {
    const response = await fetch(config.apiUrl + op.path.replace(`{${op.param}}`, encodeURIComponent(value)), {
      headers: { Accept: JSON_LD },
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) return null;
    return JSON.stringify(await response.json()).replace(/</g, "\\u003c");
  } catch {
    return null;
  }
}
