// The site's whole data layer: a client generated from NewsApi's committed OpenAPI document (schema.d.ts, written
// by `npm run generate`). Every request and answer below is typed by that document; nothing here is hand-written.
import createClient from "openapi-fetch";
import { config } from "../config";
import { remember } from "../lib/remember";
import type { components, paths } from "./schema";

export type Article = components["schemas"]["ArticleResponse"];
export type ArticleSummary = components["schemas"]["ArticleSummary"];
export type ArticlePage = components["schemas"]["ArticlePage"];
export type RelatedArticle = components["schemas"]["RelatedArticleSummary"];
export type FeaturedImage = components["schemas"]["ArticleImage"];
export type Author = components["schemas"]["AuthorResponse"];
export type Tag = components["schemas"]["TagResponse"];
export type Source = components["schemas"]["SourceResponse"];
export type ListQuery = NonNullable<paths["/api/v1/articles"]["get"]["parameters"]["query"]>;

export const api = createClient<paths>({
  baseUrl: config.apiUrl,
  // A read-only key (content:read) is optional: without one the site sees what any reader sees.
  headers: config.apiKey ? { "X-Api-Key": config.apiKey } : {},
});

/** The API could not answer as documented (down, 5xx, or a 4xx other than 404): the site shows its error page. */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`NewsApi answered ${status}: ${detail}`);
  }
}

type Problem = components["schemas"]["ProblemDetails"] | components["schemas"]["HttpValidationProblemDetails"];

function fail(response: Response, error: Problem | undefined): never {
  throw new UpstreamError(response.status, error?.title ?? response.statusText);
}

/** The newest published articles, by cursor (keyset) paging: what "More stories" walks. */
export async function listArticles(query: ListQuery): Promise<ArticlePage> {
  // With a key the API lists drafts too (for editors); readers of this site see published stories only.
  const visible: ListQuery = config.apiKey ? { ...query, status: "published" } : query;
  const { data, error, response } = await api.GET("/api/v1/articles", { params: { query: visible } });
  if (!data) fail(response, error);
  return data;
}

/**
 * An article by slug. The API answers a former slug with a 301 to the current one, which fetch follows: the
 * article that comes back then carries a different slug, and the page redirects the reader there in turn.
 */
export async function articleBySlug(slug: string): Promise<Article | null> {
  const { data, error, response } = await api.GET("/api/v1/articles/slug/{slug}", { params: { path: { slug } } });
  if (response.status === 404 || response.status === 400) return null;
  if (!data) fail(response, error);
  // With a key the API answers drafts and scheduled stories too; they are not for readers.
  const due = data.status === "published" && data.publishedAt !== null && Date.parse(data.publishedAt) <= Date.now();
  return due ? data : null;
}

/**
 * A draft as an editor's preview link shows it. An expired, revoked or unknown token is a 404 from the API (never a
 * 401, so tokens cannot be probed), and null here.
 */
export async function previewArticle(token: string): Promise<Article | null> {
  const { data, error, response } = await api.GET("/api/v1/preview/{token}", { params: { path: { token } } });
  if (response.status === 404 || response.status === 400) return null;
  if (!data) fail(response, error);
  return data;
}

export async function relatedArticles(id: string, limit = 4): Promise<RelatedArticle[]> {
  const { data, error, response } = await api.GET("/api/v1/articles/{id}/related", {
    params: { path: { id }, query: { limit } },
  });
  if (response.status === 404) return [];
  if (!data) fail(response, error);
  return data;
}

export async function tagBySlug(slug: string): Promise<Tag | null> {
  const { data, error, response } = await api.GET("/api/v1/tags/slug/{slug}", { params: { path: { slug } } });
  if (response.status === 404 || response.status === 400) return null;
  if (!data) fail(response, error);
  return data;
}

export async function authorBySlug(slug: string): Promise<Author | null> {
  const { data, error, response } = await api.GET("/api/v1/authors/slug/{slug}", { params: { path: { slug } } });
  if (response.status === 404 || response.status === 400) return null;
  if (!data) fail(response, error);
  return data;
}

export async function sourceBySlug(slug: string): Promise<Source | null> {
  const { data, error, response } = await api.GET("/api/v1/sources/slug/{slug}", { params: { path: { slug } } });
  if (response.status === 404 || response.status === 400) return null;
  if (!data) fail(response, error);
  return data;
}

/** The six tags with the most articles, for the navigation bar; kept for a minute, as long as the API's max-age. */
export const navigationTags = remember(60_000, async (): Promise<Tag[]> => {
  const { data, error, response } = await api.GET("/api/v1/tags", {
    params: { query: { sort: "-articleCount", pageSize: 6 } },
  });
  if (!data) fail(response, error);
  return data.items;
});
