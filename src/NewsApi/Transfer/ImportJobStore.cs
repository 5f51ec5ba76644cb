using System.Text.Json;
using Microsoft.Extensions.Options;

namespace NewsApi.Transfer;

public sealed class TransferOptions
{
    public const string Section = "Transfer";

    /// <summary>
    /// Where uploaded import files and their jobs' state are kept (the upload is deleted when its job ends). By
    /// default a folder under the temporary directory named for the database, so servers of different databases on
    /// one machine never take up each other's jobs.
    /// </summary>
    public string? Directory { get; set; }

    public static string DefaultFor(string? connectionString) =>
        Path.Combine(Path.GetTempPath(), "newsapi-imports",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString ?? "")))[..16]);
}

/// <summary>
/// Import jobs on disk: the uploaded file and a small JSON state beside it. The file is written once and read by the
/// worker as it goes; the state is rewritten (write then rename) after each batch, so a crash loses no more than one.
/// </summary>
public sealed class ImportJobStore(IOptions<TransferOptions> options)
{
    private static readonly JsonSerializerOptions Json = TransferJson.Options;
    private readonly Lock _gate = new();

    private string Root
    {
        get
        {
            System.IO.Directory.CreateDirectory(options.Value.Directory!);
            return options.Value.Directory!;
        }
    }

    public string UploadPath(Guid id) => Path.Combine(Root, $"{id:N}.upload");

    private string StatePath(Guid id) => Path.Combine(Root, $"{id:N}.json");

    public async Task<ImportJob> CreateAsync(Stream upload, ImportMode mode, ImportFormat? declared, DateTime now, CancellationToken cancellationToken)
    {
        var job = new ImportJob { Id = Guid.CreateVersion7(), Status = ImportStatus.Queued, Mode = mode, CreatedAt = now };
        var path = UploadPath(job.Id);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await upload.CopyToAsync(file, cancellationToken);
        }
        job.Format = declared ?? await SniffAsync(path, cancellationToken);
        Save(job);
        return job;
    }

    /// <summary>A file in place already (the command line): the job reads it where it is.</summary>
    public static async Task<ImportFormat> SniffAsync(string path, CancellationToken cancellationToken)
    {
        var start = new byte[512];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        return WxrReader.LooksLikeXml(start.AsSpan(0, read)) ? ImportFormat.Wxr : ImportFormat.Ndjson;
    }

    public ImportJob? Find(Guid id)
    {
        lock (_gate)
        {
            var path = StatePath(id);
            return File.Exists(path) ? JsonSerializer.Deserialize<ImportJob>(File.ReadAllText(path), Json) : null;
        }
    }

    public void Save(ImportJob job)
    {
        lock (_gate)
        {
            var path = StatePath(job.Id);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(job, Json));
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>Jobs not yet finished, oldest first: the queue, and any a stopped server left running.</summary>
    public IReadOnlyList<ImportJob> Unfinished()
    {
        var jobs = new List<ImportJob>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Root, "*.json"))
        {
            if (Guid.TryParseExact(Path.GetFileNameWithoutExtension(path), "N", out var id) && Find(id) is { Status: ImportStatus.Queued or ImportStatus.Running } job)
            {
                jobs.Add(job);
            }
        }
        return jobs.OrderBy(j => j.Id).ToList();
    }

    public void DeleteUpload(Guid id) => File.Delete(UploadPath(id));
}
