using Amazon.Runtime;
using Amazon.S3;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Media;

/// <summary>The media tests' settings: small limits so the refusals are cheap to provoke.</summary>
internal static class MediaTestSettings
{
    public const long MaxUploadBytes = 2 * 1024 * 1024;
    public const long MaxPixels = 4_000_000;

    public static Dictionary<string, string?> Common() => new()
    {
        ["Media:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Media:MaxPixels"] = MaxPixels.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // One image job at a time, so a test can see uploads wait their turn.
        ["Media:MaxConcurrentImageWork"] = "1",
    };
}

/// <summary>Media in a directory of the class's own, deleted afterwards.</summary>
public sealed class FileSystemMediaApi : SqliteApi
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"newsapi-media-{Guid.NewGuid():N}");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(MediaTestSettings.Common())
    {
        ["Media:Storage"] = "FileSystem",
        ["Media:Path"] = _path,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}

/// <summary>The file-system store over PostgreSQL, for the queries.</summary>
public sealed class FileSystemMediaOnPostgresApi : PostgresApi
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"newsapi-media-{Guid.NewGuid():N}");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(MediaTestSettings.Common())
    {
        ["Media:Storage"] = "FileSystem",
        ["Media:Path"] = _path,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}

/// <summary>
/// Media in a bucket of the class's own on the S3-protocol server named by <see cref="ServerVariable"/> (s3rver in CI).
/// Skipped without it, unless <see cref="RequiredVariable"/> says it must run, in which case it fails.
/// </summary>
public sealed class S3MediaApi : SqliteApi
{
    public const string ServerVariable = "NEWSAPI_TEST_S3";
    public const string RequiredVariable = "NEWSAPI_TEST_S3_REQUIRED";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly string? ServerSetting =
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;
    private static readonly bool Required =
        string.Equals(Environment.GetEnvironmentVariable(RequiredVariable), "true", StringComparison.OrdinalIgnoreCase);

    private readonly string _bucket = $"newsapi-test-{Guid.NewGuid():N}";

    public override string? SkipReason => ServerSetting is null && !Required
        ? $"S3 leg not enabled: set {ServerVariable} to an S3-compatible endpoint with the {AccessKey}/{SecretKey} credentials, "
          + $"e.g. {ServerVariable}=http://127.0.0.1:4569 with tests/s3 (npx s3rver) running (README, 'Media')."
        : null;

    private static string S3Server => ServerSetting
        ?? throw new InvalidOperationException($"{RequiredVariable} is set but {ServerVariable} is not: the S3 leg cannot run.");

    protected override IDictionary<string, string?> Settings => ServerSetting is null && !Required
        ? MediaTestSettings.Common()
        : new Dictionary<string, string?>(MediaTestSettings.Common())
        {
            ["Media:Storage"] = "S3",
            ["Media:S3:Bucket"] = _bucket,
            ["Media:S3:ServiceUrl"] = S3Server,
            ["Media:S3:AccessKey"] = AccessKey,
            ["Media:S3:SecretKey"] = SecretKey,
        };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (ServerSetting is null && !Required)
        {
            return;
        }
        using var client = Client();
        await client.PutBucketAsync(_bucket);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ServerSetting is null)
        {
            return;
        }
        using var client = Client();
        var objects = await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = _bucket });
        foreach (var item in objects.S3Objects ?? [])
        {
            await client.DeleteObjectAsync(_bucket, item.Key);
        }
        await client.DeleteBucketAsync(_bucket);
    }

    private static AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = S3Server,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });
}
