namespace NewsApi.Data.Entities;

public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,
    Archived,
}
