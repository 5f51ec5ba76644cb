using NewsApi.Articles;
using NewsApi.Authors;
using NewsApi.Http;

namespace NewsApi.Tests.Http;

public sealed class ValidatorTests
{
    private static readonly Guid AuthorId = Guid.CreateVersion7();

    public ValidatorTests() => FluentValidation.ValidatorOptions.Global.PropertyNameResolver = FieldNames.Resolve;

    [Fact]
    public void AMinimalArticleIsValid()
    {
        var result = new ArticleRequestValidator().Validate(new ArticleRequest { Title = "T", AuthorIds = [AuthorId] });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void ArticleErrorsAreKeyedByCamelCaseFieldPath()
    {
        var request = new ArticleRequest
        {
            Title = "",
            AuthorIds = [AuthorId, Guid.Empty],
            FeaturedImage = new FeaturedImage { Url = "not-a-url", Alt = new string('a', 301) },
            SourceUrl = "javascript:alert(1)",
        };

        var keys = new ArticleRequestValidator().Validate(request).Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["authorIds[1]", "featuredImage.alt", "featuredImage.url", "sourceUrl", "title"], keys);
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("http://example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("/relative/path", false)]
    [InlineData("mailto:someone@example.com", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("ftp://example.com/file", false)]
    public void UrlsMustBeAbsoluteHttpOrHttps(string url, bool valid)
    {
        Assert.Equal(valid, ValidatorExtensions.IsAbsoluteHttpUrl(url));
    }

    [Fact]
    public void AnAuthorNeedsANameAndAValidEmail()
    {
        var result = new AuthorRequestValidator().Validate(new AuthorRequest { Name = " ", Email = "nobody" });

        Assert.Equal(["email", "name"], result.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
    }
}
