using Microsoft.AspNetCore.Http;
using NewsApi.Http;

namespace NewsApi.Tests.Http;

/// <summary>The Link header of offset pages, at the edge of the pages offset paging serves.</summary>
public sealed class LinkHeaderTests
{
    private static Dictionary<string, string> Links(int page, int totalPages, int maxPage, string? nextCursor)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/v1/articles";
        context.Request.QueryString = new QueryString($"?tag=energy&page={page}&pageSize=20");
        LinkHeader.AddOffsetLinks(context.Response, page, totalPages, maxPage, nextCursor);
        return context.Response.Headers.Link.ToString().Split(", ")
            .Select(l => l.Split("; rel="))
            .ToDictionary(p => p[1].Trim('"'), p => p[0].Trim('<', '>'));
    }

    [Fact]
    public void WithinTheServedPagesNextAndLastArePages()
    {
        var links = Links(3, 10, maxPage: 500, nextCursor: "c3");

        Assert.Equal(["first", "prev", "next", "last"], links.Keys);
        Assert.Equal("/api/v1/articles?tag=energy&pageSize=20&page=4", links["next"]);
        Assert.Equal("/api/v1/articles?tag=energy&pageSize=20&page=10", links["last"]);
    }

    [Fact]
    public void AtTheDeepestServedPageNextContinuesByCursorAndThereIsNoLast()
    {
        var links = Links(500, 2_000, maxPage: 500, nextCursor: "c500");

        Assert.Equal(["first", "prev", "next"], links.Keys);
        Assert.Equal("/api/v1/articles?tag=energy&pageSize=20&page=499", links["prev"]);
        Assert.Equal("/api/v1/articles?tag=energy&pageSize=20&cursor=c500", links["next"]);
    }

    [Fact]
    public void ALastPageBeyondTheServedOnesIsNotLinkedFromTheFirst()
    {
        var links = Links(1, 2_000, maxPage: 500, nextCursor: "c1");

        Assert.Equal(["first", "next"], links.Keys);
        Assert.Equal("/api/v1/articles?tag=energy&pageSize=20&page=2", links["next"]);
    }
}
