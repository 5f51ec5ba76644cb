// A front end's first use of the generated client. `npm run check` compiles it under `strict`: if the document
// named a parameter, a sort value or a field differently from the API, this file would not compile.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/newsapi";

type ArticleSummary = components["schemas"]["ArticleSummary"];
type ArticleRequest = components["schemas"]["ArticleRequest"];

const client = createClient<paths>({ baseUrl: "http://localhost:5000" });

export async function frontPage(page: number): Promise<ArticleSummary[]> {
  const { data, error } = await client.GET("/api/v1/articles", {
    params: { query: { page, pageSize: 10, sort: "-publishedAt", tag: ["energy", "europe"] } },
  });
  if (error) {
    throw new Error(`${error.status ?? ""} ${error.title ?? ""}`);
  }
  return data.items;
}

export async function nextPage(cursor: string): Promise<{ items: ArticleSummary[]; next: string | null }> {
  const { data, error } = await client.GET("/api/v1/articles", { params: { query: { cursor, pageSize: 20 } } });
  if (error) {
    throw new Error(error.detail ?? "");
  }
  return { items: data.items, next: data.nextCursor };
}

export async function byline(slug: string): Promise<string[]> {
  const { data } = await client.GET("/api/v1/articles/slug/{slug}", { params: { path: { slug } } });
  return data?.authors.map((a) => a.name) ?? [];
}

export async function publish(id: string, etag: string, key: string): Promise<string | null | undefined> {
  const { data } = await client.POST("/api/v1/articles/{id}/publish", {
    params: { path: { id }, header: { "If-Match": etag } },
    headers: { "X-Api-Key": key },
  });
  return data?.publishedAt;
}

export const draft: ArticleRequest = {
  title: "Baltic grid cuts its last link",
  authorIds: ["3fa85f64-5717-4562-b3fc-2c963f66afa6"],
  featuredImage: null,
  sourceUrl: "https://balticwire.example.com/2025/02/grid",
};

export async function search(q: string, status: "draft" | "published") {
  // The document's enums and names are the API's: each line below must fail to compile.
  // @ts-expect-error the query parameters are camelCase, as the API documents and answers them
  await client.GET("/api/v1/articles", { params: { query: { Page: 1 } } });
  // @ts-expect-error sort takes only the documented values
  await client.GET("/api/v1/articles", { params: { query: { sort: "newest" } } });
  // @ts-expect-error pageSize is a number
  await client.GET("/api/v1/articles", { params: { query: { pageSize: "10" } } });
  return client.GET("/api/v1/articles", { params: { query: { q, status } } });
}
