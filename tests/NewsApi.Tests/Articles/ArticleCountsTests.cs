using Microsoft.Extensions.Time.Testing;
using NewsApi.Articles;

namespace NewsApi.Tests.Articles;

public sealed class ArticleCountsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AFreshTotalIsServedWithoutCountingAgain()
    {
        var counts = new ArticleCounts(_clock);
        var calls = 0;

        Assert.Equal(7, await counts.GetAsync("k", search: false, () => Task.FromResult(7 + calls++)));
        Assert.Equal(7, await counts.GetAsync("k", search: false, () => Task.FromResult(7 + calls++)));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AnExpiredTotalIsServedToOthersWhileOneRequestCountsAgain()
    {
        var counts = new ArticleCounts(_clock);
        await counts.GetAsync("k", search: false, () => Task.FromResult(10));
        _clock.Advance(ArticleCounts.Lifetime + TimeSpan.FromSeconds(1));

        var recount = new TaskCompletionSource<int>();
        var refreshing = counts.GetAsync("k", search: false, () => recount.Task);
        var othersCalled = false;
        var meanwhile = await counts.GetAsync("k", search: false, () => { othersCalled = true; return Task.FromResult(99); });

        Assert.Equal(10, meanwhile);
        Assert.False(othersCalled);
        Assert.False(refreshing.IsCompleted);
        recount.SetResult(11);
        Assert.Equal(11, await refreshing);
        Assert.Equal(11, await counts.GetAsync("k", search: false, () => Task.FromResult(99)));
    }

    [Fact]
    public async Task AfterAWriteEveryoneWaitsForOneSharedCountAndNoOneSeesTheOldTotal()
    {
        var counts = new ArticleCounts(_clock);
        await counts.GetAsync("k", search: false, () => Task.FromResult(10));
        counts.Forget();

        var recount = new TaskCompletionSource<int>();
        var calls = 0;
        var first = counts.GetAsync("k", search: false, () => { calls++; return recount.Task; });
        var second = counts.GetAsync("k", search: false, () => { calls++; return Task.FromResult(99); });

        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        recount.SetResult(11);
        Assert.Equal(11, await first);
        Assert.Equal(11, await second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AWriteDuringACountMakesTheNextReaderCountAgain()
    {
        var counts = new ArticleCounts(_clock);
        var recount = new TaskCompletionSource<int>();
        var counting = counts.GetAsync("k", search: false, () => recount.Task);
        counts.Forget();
        recount.SetResult(10);
        Assert.Equal(10, await counting);

        Assert.Equal(11, await counts.GetAsync("k", search: false, () => Task.FromResult(11)));
    }

    [Fact]
    public async Task AWaiterCountsForItselfWhenTheSharedCountIsAbandoned()
    {
        var counts = new ArticleCounts(_clock);
        var abandoned = new TaskCompletionSource<int>();
        var first = counts.GetAsync("k", search: false, () => abandoned.Task);
        var second = counts.GetAsync("k", search: false, () => Task.FromResult(12));

        abandoned.SetCanceled();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(12, await second);
    }

    [Fact]
    public async Task AChangeOfTextForgetsOnlyTheTotalsOfSearches()
    {
        var counts = new ArticleCounts(_clock);
        await counts.GetAsync("list", search: false, () => Task.FromResult(10));
        await counts.GetAsync("search", search: true, () => Task.FromResult(3));

        counts.Forget(ArticleChange.Text);

        Assert.Equal(10, await counts.GetAsync("list", search: false, () => Task.FromResult(99)));
        Assert.Equal(4, await counts.GetAsync("search", search: true, () => Task.FromResult(4)));
    }

    [Fact]
    public async Task AChangeOfNeitherForgetsNothingAndAChangeOfMembersForgetsEverything()
    {
        var counts = new ArticleCounts(_clock);
        await counts.GetAsync("list", search: false, () => Task.FromResult(10));
        await counts.GetAsync("search", search: true, () => Task.FromResult(3));

        counts.Forget(ArticleChange.None);
        Assert.Equal(10, await counts.GetAsync("list", search: false, () => Task.FromResult(99)));
        Assert.Equal(3, await counts.GetAsync("search", search: true, () => Task.FromResult(99)));

        counts.Forget(ArticleChange.Membership);
        Assert.Equal(11, await counts.GetAsync("list", search: false, () => Task.FromResult(11)));
        Assert.Equal(4, await counts.GetAsync("search", search: true, () => Task.FromResult(4)));
    }

    [Fact]
    public async Task RankingsAreRememberedAndForgottenLikeTheTotalsOfSearches()
    {
        var counts = new ArticleCounts(_clock);
        Guid[] first = [Guid.NewGuid()], second = [Guid.NewGuid()], third = [Guid.NewGuid()];
        await counts.RankingAsync("search", () => Task.FromResult<IReadOnlyList<Guid>>(first));

        Assert.Equal(first, await counts.RankingAsync("search", () => Task.FromResult<IReadOnlyList<Guid>>(second)));
        counts.Forget(ArticleChange.None);
        Assert.Equal(first, await counts.RankingAsync("search", () => Task.FromResult<IReadOnlyList<Guid>>(second)));
        counts.Forget(ArticleChange.Text);
        Assert.Equal(second, await counts.RankingAsync("search", () => Task.FromResult<IReadOnlyList<Guid>>(second)));
        counts.Forget(ArticleChange.Membership);
        Assert.Equal(third, await counts.RankingAsync("search", () => Task.FromResult<IReadOnlyList<Guid>>(third)));
    }

    [Fact]
    public async Task ARankingAndATotalUnderTheSameKeyAreKeptApart()
    {
        var counts = new ArticleCounts(_clock);
        Guid[] ranked = [Guid.NewGuid(), Guid.NewGuid()];

        Assert.Equal(5, await counts.GetAsync("k", search: true, () => Task.FromResult(5)));
        Assert.Equal(ranked, await counts.RankingAsync("k", () => Task.FromResult<IReadOnlyList<Guid>>(ranked)));
        Assert.Equal(5, await counts.GetAsync("k", search: true, () => Task.FromResult(99)));
    }

    [Fact]
    public async Task ATotalThatTookLongToCountIsKeptInProportionUntilAWriteForgetsIt()
    {
        var counts = new ArticleCounts(_clock);
        await counts.GetAsync("big", search: false, () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(300_000);
        });

        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(300_000, await counts.GetAsync("big", search: false, () => Task.FromResult(1)));
        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(2, await counts.GetAsync("big", search: false, () => Task.FromResult(2)));

        await counts.GetAsync("huge", search: false, () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            return Task.FromResult(1_000_000);
        });
        _clock.Advance(ArticleCounts.MaxLifetime);
        Assert.Equal(3, await counts.GetAsync("huge", search: false, () => Task.FromResult(3)));

        await counts.GetAsync("big", search: false, () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(300_000);
        });
        counts.Forget();
        Assert.Equal(4, await counts.GetAsync("big", search: false, () => Task.FromResult(4)));
    }
}
