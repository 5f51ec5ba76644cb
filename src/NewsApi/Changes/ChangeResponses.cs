namespace NewsApi.Changes;

/// <summary>One change: the resource as the caller may now see it (<c>upsert</c>), or a tombstone (<c>delete</c>).</summary>
/// <param name="Cursor">Resume after this item by passing it as <c>since</c> (or as <c>Last-Event-ID</c> to the stream).</param>
/// <param name="Op"><c>upsert</c> or <c>delete</c>.</param>
/// <param name="Type"><c>articles</c>, <c>authors</c>, <c>tags</c> or <c>sources</c>.</param>
/// <param name="Id">The resource's id.</param>
/// <param name="At">When the change was recorded (for a snapshot item: when the snapshot began).</param>
/// <param name="Data">For an upsert, the resource as <c>GET</c> by id answers it (or its list shape with <c>shape=summary</c>); null for a delete.</param>
public sealed record ChangeItem(string Cursor, string Op, string Type, Guid Id, DateTime At, object? Data);

/// <summary>A page of the change feed.</summary>
/// <param name="Items">The changes, oldest first.</param>
/// <param name="NextCursor">Where the next page starts; keep it even when the page is empty and poll with it later.</param>
/// <param name="HasMore">Whether more changes are ready now.</param>
public sealed record ChangePage(IReadOnlyList<ChangeItem> Items, string NextCursor, bool HasMore);

/// <summary>The query string of the change feed.</summary>
/// <param name="Since">The cursor of the last item (or page) read; omitted, the feed starts with a snapshot of everything, then every later change.</param>
/// <param name="Types">A comma-separated subset of <c>articles,authors,tags,sources</c>; all when omitted.</param>
/// <param name="Limit">Items per page, 1 to 1000.</param>
/// <param name="Shape"><c>full</c> (default: as GET by id) or <c>summary</c> (as the lists show them).</param>
public sealed record ChangeFeedQuery(string? Since = null, string? Types = null, int Limit = ChangeFeedQuery.DefaultLimit, string? Shape = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public static readonly string[] Shapes = ["full", "summary"];

    public bool Summary => Shape == "summary";
}

/// <summary>The query string of the change stream.</summary>
/// <param name="Since">The cursor to start after; omitted (and no Last-Event-ID), a snapshot of everything comes first.</param>
/// <param name="Types">A comma-separated subset of <c>articles,authors,tags,sources</c>; all when omitted.</param>
/// <param name="Shape"><c>full</c> (default) or <c>summary</c>.</param>
public sealed record ChangeStreamQuery(string? Since = null, string? Types = null, string? Shape = null)
{
    public bool Summary => Shape == "summary";
}
