using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace NewsApi.Fuzz;

/// <summary>
/// A small newsroom made before fuzzing, so ids and slugs in paths and bodies hit existing resources part of the
/// time: authors, sources, tags, articles (some published, some drafts) and a key.
/// </summary>
public static class Seed
{
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==";

    public static async Task<Pools> NewsroomAsync(HttpClient admin, string run, CancellationToken cancel)
    {
        var pools = new Pools();
        async Task<JsonObject> Create(string resource, object body)
        {
            using var response = await admin.PostAsJsonAsync(new Uri($"/api/v1/{resource}", UriKind.Relative), body, cancel);
            var created = (await response.Content.ReadFromJsonAsync<JsonObject>(cancel))!;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Seeding {resource} failed with {(int)response.StatusCode}: {created.ToJsonString()}");
            }
            var resourceNode = created["id"] is null && created["key"] is JsonObject key ? key : created;
            pools.Add(resource, (string)resourceNode["id"]!, (string?)resourceNode["slug"]);
            return created;
        }

        var authors = new List<string>();
        foreach (var name in new[] { "Maria Keller", "Jonas Berg", "Aino Virtanen", "Tomás Ruiz" })
        {
            authors.Add((string)(await Create("authors", new { name = $"{name} ({run})", email = "desk@example.com" }))["id"]!);
        }
        var sources = new List<string>();
        foreach (var name in new[] { "Baltic Wire", "Harbour Post", "Valley Times" })
        {
            sources.Add((string)(await Create("sources", new { name = $"{name} ({run})", homepageUrl = "https://source.example.com" }))["id"]!);
        }
        var tags = new List<string>();
        foreach (var name in new[] { "Climate", "Energy", "Politics", "Culture", "Science" })
        {
            tags.Add((string)(await Create("tags", new { name = $"{name} ({run})" }))["id"]!);
        }
        for (var i = 0; i < 8; i++)
        {
            var article = await Create("articles", new
            {
                title = $"Seeded story number {i + 1} ({run})",
                body = "Some *markdown* text.",
                excerpt = "What the story says, briefly.",
                authorIds = new[] { authors[i % authors.Count] },
                tagIds = new[] { tags[i % tags.Count], tags[(i + 1) % tags.Count] },
                sourceId = sources[i % sources.Count],
            });
            if (i % 2 == 0)
            {
                using var published = await admin.PostAsJsonAsync(new Uri($"/api/v1/articles/{article["id"]}/publish", UriKind.Relative), new { }, cancel);
                published.EnsureSuccessStatusCode();
            }
        }
        // One image in the media library, so a mediaId can name an asset that exists (a 1×1 PNG).
        using (var form = new MultipartFormDataContent())
        {
            var image = new ByteArrayContent(Convert.FromBase64String(OnePixelPng));
            image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(image, "file", "pixel.png");
            form.Add(new StringContent("A single grey pixel"), "alt");
            using var uploaded = await admin.PostAsync(new Uri("/api/v1/media", UriKind.Relative), form, cancel);
            var asset = (await uploaded.Content.ReadFromJsonAsync<JsonObject>(cancel))!;
            if (!uploaded.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Seeding media failed with {(int)uploaded.StatusCode}: {asset.ToJsonString()}");
            }
            pools.Add("media", (string)asset["id"]!, null);
        }
        await Create("keys", new { name = $"Fuzz reader ({run})", scopes = new[] { "content:read" } });
        return pools;
    }
}
