using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// What the document says about itself (servers, tag descriptions), and references written the way OpenAPI 3.1
/// means them: a nullable reference is <c>oneOf: [null, $ref]</c>, and a lone <c>allOf: [$ref]</c> is the
/// <c>$ref</c> itself with its description beside it. Swashbuckle writes the first as <c>type: null</c> with
/// <c>allOf</c>, which no value satisfies.
/// </summary>
internal sealed class DocumentShapeFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Articles"] = "Stories: their text, byline, tags, source and related articles, and the editorial workflow "
                       + "(publish, schedule, unpublish, archive, revisions).",
        ["Authors"] = "The people and desks that write stories; an article's byline lists them in order.",
        ["Tags"] = "Topics that group articles.",
        ["Sources"] = "The outlets stories are sourced from.",
        ["Trash"] = "Articles deleted without permanent=true, kept for a while before they are purged.",
        ["Keys"] = "API keys and their scopes (admin only). A key's secret is shown once, when it is created.",
        ["Feeds"] = "RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest public articles, for feed readers and aggregators. "
                    + "Served outside /api/v1 so a front end can serve them at the same paths on its own host.",
        ["Sitemaps"] = "Sitemaps for search engines (sitemaps.org) and a Google News sitemap, linking to the site.",
        ["Changes"] = "What changed since a cursor: a snapshot, then every upsert and tombstone, as pages or Server-Sent Events.",
        ["Webhooks"] = "Subscriptions that receive every change, signed as Standard Webhooks 1.0, and their delivery logs (admin only).",
        ["Preview"] = "Reading a draft through a preview link, as the front end's preview page does; never cached.",
        ["Import and export"] = "All content out as NDJSON, and back in from that or from a WordPress export, as a background job (admin only).",
        ["Media"] = "Uploaded images with their alt text, caption and credit, and their renditions in preset sizes. "
                    + "Uploading, changing and deleting needs media:write; reading needs no key.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document." }];
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).Distinct();
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
        {
            Name = name,
            Description = name is not null && TagDescriptions.TryGetValue(name, out var text) ? text : name,
        }));

        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            document.Components!.Schemas![name] = Normalize(schema, document);
        }
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Schema is not null))
            {
                parameter.Schema = Normalize(parameter.Schema!, document);
            }
            foreach (var media in (operation.RequestBody?.Content?.Values ?? []).OfType<OpenApiMediaType>().Where(m => m.Schema is not null))
            {
                media.Schema = Normalize(media.Schema!, document);
            }
            foreach (var media in (operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? [])
                         .OfType<OpenApiMediaType>().Where(m => m.Schema is not null))
            {
                media.Schema = Normalize(media.Schema!, document);
            }
        }
    }

    private static IOpenApiSchema Normalize(IOpenApiSchema schema, OpenApiDocument document)
    {
        if (schema is not OpenApiSchema inline)
        {
            return schema;
        }
        if (inline.Properties is { } properties)
        {
            foreach (var key in properties.Keys.ToList())
            {
                properties[key] = Normalize(properties[key], document);
            }
        }
        if (inline.Items is not null)
        {
            inline.Items = Normalize(inline.Items, document);
        }
        if (inline.AdditionalProperties is not null)
        {
            inline.AdditionalProperties = Normalize(inline.AdditionalProperties, document);
        }
        if (inline.AllOf is [OpenApiSchemaReference reference] && inline.Properties is not { Count: > 0 } && inline.Items is null)
        {
            var target = new OpenApiSchemaReference(reference.Reference.Id!, document);
            if (inline.Type == JsonSchemaType.Null)
            {
                return new OpenApiSchema
                {
                    Description = inline.Description,
                    OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, target],
                };
            }
            if (inline.Type is null)
            {
                target.Description = inline.Description ?? reference.Description;
                return target;
            }
        }
        return schema;
    }
}
