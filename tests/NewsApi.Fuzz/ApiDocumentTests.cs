using System.Text.Json.Nodes;

namespace NewsApi.Fuzz;

/// <summary>The fuzzer's own reading of a document: 3.0 and 3.1 nullability, references and integer formats.</summary>
public sealed class ApiDocumentTests
{
    private static ApiDocument Document(string openapi) => new(JsonNode.Parse($$"""
        {
          "openapi": "{{openapi}}",
          "paths": {},
          "components": { "schemas": {
            "Image": { "type": "object", "required": ["url"], "properties": { "url": { "type": "string", "format": "uri" } } }
          } }
        }
        """)!);

    [Theory]
    [InlineData("""{ "type": "string", "format": "date-time", "nullable": true }""", "null", true)]
    [InlineData("""{ "type": "string", "format": "date-time", "nullable": true }""", "\"2026-01-01T00:00:00Z\"", true)]
    [InlineData("""{ "type": "string", "format": "date-time", "nullable": true }""", "\"2026-01-01\"", false)]
    [InlineData("""{ "allOf": [{ "$ref": "#/components/schemas/Image" }], "nullable": true }""", "null", true)]
    [InlineData("""{ "allOf": [{ "$ref": "#/components/schemas/Image" }], "nullable": true }""", """{ "url": "https://a.example/b" }""", true)]
    [InlineData("""{ "allOf": [{ "$ref": "#/components/schemas/Image" }], "nullable": true }""", """{ "url": "" }""", false)]
    [InlineData("""{ "type": "integer", "format": "int32" }""", "2147483648", false)]
    [InlineData("""{ "type": "integer", "minimum": 1, "exclusiveMaximum": true, "maximum": 10 }""", "10", false)]
    public void ReadsOpenApi30Schemas(string schema, string instance, bool valid)
    {
        var document = Document("3.0.4");

        var error = document.Validate(ApiDocument.Normalize(JsonNode.Parse(schema))!, JsonNode.Parse(instance));

        Assert.True(valid == (error is null), error ?? "valid");
    }

    [Theory]
    [InlineData("""{ "type": ["string", "null"], "format": "date-time" }""", "null", true)]
    [InlineData("""{ "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Image" }] }""", "null", true)]
    [InlineData("""{ "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Image" }] }""", "{}", false)]
    [InlineData("""{ "type": "array", "items": { "type": "string" }, "uniqueItems": true, "maxItems": 2 }""", """["a", "a"]""", false)]
    public void ReadsOpenApi31Schemas(string schema, string instance, bool valid)
    {
        var document = Document("3.1.1");

        var error = document.Validate(ApiDocument.Normalize(JsonNode.Parse(schema))!, JsonNode.Parse(instance));

        Assert.True(valid == (error is null), error ?? "valid");
    }
}
