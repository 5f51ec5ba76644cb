namespace NewsApi.Articles;

/// <summary>
/// What an article write may have changed, as far as lists go. The editor works it out from the fields a save
/// changed (<see cref="ArticleEditor.SavedChange"/>); from it, <see cref="ArticleCounts"/> decides which totals and
/// rankings to forget and <see cref="ArticleListTags"/> which cached lists to evict. A write made elsewhere (a
/// publication, the trash) is <see cref="Everything"/>.
/// </summary>
[Flags]
public enum ArticleChange
{
    /// <summary>Only what its own card and page show (a caption, a byline's order, its slug, its links).</summary>
    None = 0,

    /// <summary>Its title, subtitle, excerpt or body: what searches match and how they rank it.</summary>
    Text = 1,

    /// <summary>Its title: where lists sorted by title put it.</summary>
    Title = 2,

    /// <summary>Which lists hold it: its status, dates, featured flag, source, authors or tags; or it was created or deleted.</summary>
    Membership = 4,

    /// <summary>It was public before the write or is after it, so public lists may show it.</summary>
    Public = 8,

    Everything = Text | Title | Membership | Public,
}
