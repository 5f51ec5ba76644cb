using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace NewsApi.Fuzz;

public sealed record Failure(string OperationId, string Variation, string Request, int Status, string Problem);

public sealed class FuzzReport
{
    public int Requests { get; set; }
    public int ValidRequests { get; set; }
    public int InvalidRequests { get; set; }
    public int Excluded { get; set; }
    public TimeSpan Elapsed { get; set; }
    public bool OutOfTime { get; set; }
    public SortedDictionary<int, int> Statuses { get; } = [];
    public HashSet<string> OperationsCovered { get; } = [];
    public List<Failure> Failures { get; } = [];

    public string Summary(string who, ulong seed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{who}: {Requests} requests ({ValidRequests} valid, {InvalidRequests} invalid) in {Elapsed.TotalSeconds:F1} s, seed {seed}, "
            + $"{OperationsCovered.Count} operations, statuses {string.Join(' ', Statuses.Select(s => $"{s.Key}x{s.Value}"))}, "
            + $"{Failures.Count} failures, {Excluded} excluded") + (OutOfTime ? ", stopped by the time budget" : "");

    /// <summary>Failures grouped by operation, variation and problem, each with one request that shows it.</summary>
    public string Findings(int limit = 60)
    {
        var groups = Failures.GroupBy(f => (f.OperationId, Variation: Generalize(f.Variation), f.Status, Problem: Generalize(f.Problem)))
            .OrderByDescending(g => g.Count()).Take(limit);
        var text = new StringBuilder();
        foreach (var g in groups)
        {
            var first = g.First();
            text.Append(CultureInfo.InvariantCulture, $"- {g.Key.OperationId} [{first.Variation}] x{g.Count()}: {first.Problem}\n    {first.Request}\n");
        }
        return text.ToString();
    }

    private static string Generalize(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "'[^']*'|[0-9a-f]{8}-[0-9a-f-]{27}|-?\\d+", "#");
}

/// <summary>
/// Draws requests from the document with CsCheck, sends them one at a time (so a seed replays a run exactly against
/// a fresh API) and checks each answer against what the document promises for that operation.
/// </summary>
public sealed class Fuzzer(HttpClient http, ApiDocument document, string? key, Pools pools)
{
    private static readonly string[] NoBodyStatuses = ["204", "304"];
    private readonly SchemaGen _schemas = new(document);
    /// <summary>A file to append every request to (NEWSAPI_FUZZ_TRACE), to see what a run sent.</summary>
    private static readonly string? Trace = Environment.GetEnvironmentVariable("NEWSAPI_FUZZ_TRACE") is { Length: > 0 } t ? t : null;

    public async Task<FuzzReport> RunAsync(ulong seed, int count, TimeSpan budget, CancellationToken cancel)
    {
        var report = new FuzzReport();
        var gen = new RequestGen(document).Any(key is not null);
        var pcg = new PCG(1, seed);
        var clock = Stopwatch.StartNew();
        while (report.Requests < count)
        {
            if (clock.Elapsed > budget)
            {
                report.OutOfTime = true;
                break;
            }
            var request = gen.Generate(pcg, null, out _);
            await SendAsync(request, report, cancel);
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private async Task SendAsync(FuzzRequest drawn, FuzzReport report, CancellationToken cancel)
    {
        var op = drawn.Operation;
        var parameters = drawn.Parameters.ToDictionary(p => p.Key, p => Placeholders.Fill(p.Value?.DeepClone(), pools));
        var body = Placeholders.Fill(drawn.Body?.DeepClone(), pools);

        var path = op.Path;
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            var value = parameters.TryGetValue(p, out var v) ? Wire.Text(v) : "";
            path = path.Replace("{" + p.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        var query = string.Join('&', parameters.Where(p => p.Key.In == "query")
            .SelectMany(p => Wire.Texts(p.Value).Select(t => Uri.EscapeDataString(p.Key.Name) + "=" + Uri.EscapeDataString(t))));
        var url = query.Length > 0 ? path + "?" + query : path;

        using var message = new HttpRequestMessage(new HttpMethod(op.Method), new Uri(url, UriKind.Relative));
        if (key is not null)
        {
            message.Headers.Add("X-Api-Key", key);
        }
        foreach (var (p, value) in parameters.Where(p => p.Key.In == "header"))
        {
            var text = Wire.Text(value);
            if (text == Placeholders.CurrentETag)
            {
                text = await CurrentETagAsync(op, path, url, cancel) ?? "\"none\"";
                parameters[p] = JsonValue.Create(text);
            }
            message.Headers.TryAddWithoutValidation(p.Name, text);
        }
        string? sentBody = null;
        if (drawn.HasBody && op.Body is not null)
        {
            sentBody = drawn.RawBody ?? body?.ToJsonString() ?? "null";
            message.Content = new StringContent(sentBody, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(op.Body.ContentType) { CharSet = "utf-8" };
        }

        var whyInvalid = WhyInvalid(drawn, parameters, body);
        var valid = whyInvalid is null;
        report.Requests++;
        if (valid)
        {
            report.ValidRequests++;
        }
        else
        {
            report.InvalidRequests++;
        }
        report.OperationsCovered.Add(op.Id);
        var shown = $"{op.Method} {url}" + (message.Headers.TryGetValues("If-Match", out var m) ? $" If-Match: {m.First()}" : "")
                    + (message.Headers.TryGetValues("If-None-Match", out var n) ? $" If-None-Match: {n.First()}" : "")
                    + (sentBody is null ? "" : " " + Shorten(sentBody, 400))
                    + (valid ? "" : $" (invalid: {whyInvalid})");

        HttpResponseMessage response;
        var sent = Stopwatch.GetTimestamp();
        try
        {
            // A Server-Sent Events stream never ends by itself: its headers are checked, and disposing it ends it.
            response = await http.SendAsync(message, IsEventStream(op) ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancel);
        }
        catch (HttpRequestException e)
        {
            report.Failures.Add(new Failure(op.Id, drawn.Variation, shown, 0, "no answer: " + e.Message));
            return;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            report.Statuses[status] = report.Statuses.GetValueOrDefault(status) + 1;
            if (Trace is not null)
            {
                var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                File.AppendAllText(Trace, string.Create(CultureInfo.InvariantCulture, $"{status} {ms:F0}ms {op.Id} | {drawn.Variation} | {shown}\n"));
            }
            var streaming = IsEventStream(op) && status == 200;
            var bytes = streaming ? [] : await response.Content.ReadAsByteArrayAsync(cancel);
            var problems = !streaming ? Check(op, valid, response, bytes)
                : response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? []
                : [$"200 sent as {response.Content.Headers.ContentType?.MediaType}, not the text/event-stream the document names"];
            foreach (var problem in problems)
            {
                var failure = new Failure(op.Id, valid ? RequestGen.Valid : drawn.Variation, shown, status, problem);
                if (Exclusions.Reason(failure) is not null)
                {
                    report.Excluded++;
                    continue;
                }
                report.Failures.Add(failure);
            }
            if (status == 201)
            {
                Remember(op, bytes);
            }
        }
    }

    private static bool IsEventStream(Operation op) =>
        op.Responses["200"]?["content"] is JsonObject content && content.ContainsKey("text/event-stream");

    /// <summary>Null when every parameter and the body match their schemas; otherwise the first mismatch.</summary>
    private string? WhyInvalid(FuzzRequest drawn, Dictionary<Parameter, JsonNode?> parameters, JsonNode? body)
    {
        var op = drawn.Operation;
        foreach (var p in op.Parameters)
        {
            if (!parameters.TryGetValue(p, out var value))
            {
                if (p.Required && !(p.In == "header" && p.Name is "X-Api-Key" or "Authorization"))
                {
                    return $"required {p.In} parameter {p.Name} missing";
                }
                continue;
            }
            var types = SchemaGen.Types(_schemas.NonNull(p.Schema));
            JsonNode? typed = value is JsonArray
                ? new JsonArray(Wire.Texts(value).Select(t => Wire.Typed(t, SchemaGen.Types(_schemas.NonNull(_schemas.NonNull(p.Schema)["items"])))).ToArray())
                : types.Contains("array") ? new JsonArray(Wire.Typed(Wire.Text(value), SchemaGen.Types(_schemas.NonNull(_schemas.NonNull(p.Schema)["items"]))))
                : Wire.Typed(Wire.Text(value), types);
            if (document.Validate(p.Schema, typed) is { } error)
            {
                return $"{p.In} parameter {p.Name}: {error}";
            }
        }
        if (op.Body is { } schema)
        {
            if (!drawn.HasBody)
            {
                return schema.Required ? "required body missing" : null;
            }
            if (drawn.RawBody is not null)
            {
                return "malformed JSON";
            }
            if (document.Validate(schema.Schema, body) is { } error)
            {
                return "body " + error;
            }
        }
        return null;
    }

    private List<string> Check(Operation op, bool valid, HttpResponseMessage response, byte[] bytes)
    {
        var problems = new List<string>();
        var status = (int)response.StatusCode;
        var key = status.ToString(CultureInfo.InvariantCulture);
        var documented = op.Responses[key] ?? op.Responses[key[0] + "XX"] ?? op.Responses["default"];
        if (documented is null)
        {
            problems.Add($"status {status} is not documented (documented: {string.Join(' ', op.Responses.Select(r => r.Key))})");
        }
        if (status >= 500)
        {
            problems.Add($"server error {status}: {Shorten(Encoding.UTF8.GetString(bytes), 300)}");
        }
        else if (valid && status is 400 or 422)
        {
            problems.Add($"a schema-valid request was refused with {status}: {ProblemSummary(bytes)}");
        }
        else if (!valid && status is < 400 or >= 500)
        {
            problems.Add($"a schema-invalid request was accepted with {status}");
        }
        if (documented is null)
        {
            return problems;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var content = documented["content"] as JsonObject;
        if (content is null || content.Count == 0)
        {
            if (bytes.Length > 0 && !NoBodyStatuses.Contains(key))
            {
                problems.Add($"a body ({mediaType}) where the document describes none");
            }
            else if (bytes.Length > 0)
            {
                problems.Add($"{status} must have no body");
            }
        }
        else if (bytes.Length == 0 && status != 304)
        {
            problems.Add($"no body where the document describes {string.Join(", ", content.Select(c => c.Key))}");
        }
        else if (bytes.Length > 0)
        {
            var media = mediaType is null ? null : content[mediaType];
            if (media is null)
            {
                problems.Add($"content type {mediaType ?? "(none)"} is not documented ({string.Join(", ", content.Select(c => c.Key))})");
            }
            // One JSON document: application/json or a +json type (NDJSON, many documents, is not one).
            else if ((mediaType == "application/json" || mediaType!.EndsWith("+json", StringComparison.Ordinal)) && media["schema"] is { } schema)
            {
                JsonNode? json = null;
                try
                {
                    json = JsonNode.Parse(bytes);
                }
                catch (JsonException)
                {
                    problems.Add("the body is not JSON: " + Shorten(Encoding.UTF8.GetString(bytes), 200));
                }
                if (json is not null && document.Validate(schema, json) is { } error)
                {
                    problems.Add("the body does not match its schema: " + error);
                }
            }
        }
        if (status >= 400 && mediaType != "application/problem+json")
        {
            problems.Add($"an error answered as {mediaType ?? "(no content type)"}, not application/problem+json");
        }
        if (documented["headers"] is JsonObject headers)
        {
            foreach (var (name, header) in headers)
            {
                var present = response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values);
                if (!present)
                {
                    if ((bool?)header?["required"] == true)
                    {
                        problems.Add($"documented required header {name} is missing");
                    }
                    continue;
                }
                if (header?["schema"] is { } schema
                    && document.Validate(schema, Wire.Typed(string.Join(", ", values!), SchemaGen.Types(_schemas.NonNull(schema)))) is { } error)
                {
                    problems.Add($"header {name} does not match its schema: {error}");
                }
            }
        }
        return problems;
    }

    /// <summary>The ETag of the resource a write or conditional read is about, as this caller sees it.</summary>
    private async Task<string?> CurrentETagAsync(Operation op, string path, string url, CancellationToken cancel)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = op.Method == "GET" ? url : "/" + string.Join('/', segments.Take(4));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        using var response = await http.SendAsync(request, cancel);
        return response.Headers.ETag?.ToString();
    }

    private void Remember(Operation op, byte[] bytes)
    {
        try
        {
            // A created key comes wrapped with its secret: { key: { id, … }, secret }.
            var created = JsonNode.Parse(bytes) is JsonObject o && o["id"] is null && o["key"] is JsonObject inner ? inner : JsonNode.Parse(bytes) as JsonObject;
            if (created is not null && (string?)created["id"] is { } id)
            {
                pools.Add(op.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[2], id, (string?)created["slug"]);
            }
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>A problem's title and the fields it names, which is what tells one refusal from another.</summary>
    private static string ProblemSummary(byte[] bytes)
    {
        try
        {
            if (JsonNode.Parse(bytes) is JsonObject problem)
            {
                var errors = problem["errors"] as JsonObject;
                return errors is { Count: > 0 }
                    ? string.Join("; ", errors.Select(e => $"{e.Key}: {(e.Value as JsonArray)?.FirstOrDefault()}"))
                    : $"{problem["title"]}: {problem["detail"]}";
            }
        }
        catch (JsonException)
        {
        }
        return Shorten(Encoding.UTF8.GetString(bytes), 300);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
