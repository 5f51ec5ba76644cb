using NewsApi.Http;

namespace NewsApi.Tests.Http;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Hello World", "hello-world")]
    [InlineData("  Baltic grid:  the last link!  ", "baltic-grid-the-last-link")]
    [InlineData("Zoë Ångström", "zoe-angstrom")]
    [InlineData("Crème brûlée à São Paulo", "creme-brulee-a-sao-paulo")]
    [InlineData("Straße & Øresund — Łódź", "strasse-oresund-lodz")]
    [InlineData("Don't panic", "dont-panic")]
    [InlineData("U.S. election 2026", "us-election-2026")]
    [InlineData("AI/ML: 10 things", "ai-ml-10-things")]
    [InlineData("---multiple---hyphens---", "multiple-hyphens")]
    [InlineData("snake_case_name", "snake-case-name")]
    [InlineData("東京", "")]
    [InlineData("", "")]
    public void GenerateFoldsAccentsAndKeepsOnlyLettersDigitsAndSingleHyphens(string text, string expected)
    {
        var slug = Slug.Generate(text, 200);

        Assert.Equal(expected, slug);
        Assert.True(slug.Length == 0 || Slug.IsValid(slug));
    }

    [Fact]
    public void GenerateCutsLongTitlesAtAWordBoundary()
    {
        var slug = Slug.Generate("one two three four five six", 15);

        Assert.Equal("one-two-three", slug);
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a-b-c-123", true)]
    [InlineData("a--b", false)]
    [InlineData("-abc", false)]
    [InlineData("abc-", false)]
    [InlineData("ABC", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    public void IsValidAcceptsOnlyLowerCaseLettersDigitsAndSingleInnerHyphens(string slug, bool valid)
    {
        Assert.Equal(valid, Slug.IsValid(slug));
    }
}
