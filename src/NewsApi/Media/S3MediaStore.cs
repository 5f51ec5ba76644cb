using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace NewsApi.Media;

/// <summary>Any S3-compatible object store (AWS, MinIO, R2, s3rver in the tests).</summary>
public sealed class S3MediaStore : IMediaStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    public S3MediaStore(IOptions<MediaOptions> options)
    {
        var s3 = options.Value.S3;
        _bucket = s3.Bucket ?? throw new InvalidOperationException("Media:S3:Bucket is required when Media:Storage is S3.");
        var config = new AmazonS3Config
        {
            // Path-style addressing and checksums only when required: what S3-compatible servers understand.
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrEmpty(s3.ServiceUrl))
        {
            config.ServiceURL = s3.ServiceUrl;
            config.AuthenticationRegion = s3.Region ?? "us-east-1";
        }
        else if (!string.IsNullOrEmpty(s3.Region))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }
        _client = string.IsNullOrEmpty(s3.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = stream,
            ContentType = contentType,
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteKeyAsync(string key, CancellationToken cancellationToken) =>
        _client.DeleteObjectAsync(_bucket, key, cancellationToken);

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                await _client.DeleteObjectAsync(_bucket, item.Key, cancellationToken);
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public void Dispose() => _client.Dispose();
}
