namespace NewsApi.Data;

/// <summary>Length limits shared by the database schema and the validators, so the two cannot drift apart.</summary>
public static class FieldLimits
{
    public const int Url = 2048;

    public static class Article
    {
        public const int Title = 200;
        public const int Subtitle = 300;
        public const int Excerpt = 500;
        public const int Body = 200_000;
        public const int BodyHtml = 1_000_000;
        public const int Slug = 200;
        public const int ImageAlt = 300;
        public const int ImageCaption = 500;
        public const int ImageCredit = 200;
        public const int MetaTitle = 200;
        public const int MetaDescription = 400;
        public const int MaxAuthors = 10;
        public const int MaxTags = 20;
        public const int MaxRelated = 10;
    }

    public static class Author
    {
        public const int Name = 120;
        public const int Slug = 120;
        public const int Bio = 2000;
        public const int Email = 254;
        public const int SocialHandle = 100;
    }

    public static class Tag
    {
        public const int Name = 100;
        public const int Slug = 100;
        public const int Description = 1000;
    }

    public static class Media
    {
        public const int Alt = 300;
        public const int Caption = 500;
        public const int Credit = 200;
        public const int Placeholder = 2000;
    }

    public static class Source
    {
        public const int Name = 150;
        public const int Slug = 150;
        public const int Description = 1000;
    }

    public static class Webhook
    {
        public const int EventId = 40;
        public const int EventType = 40;
        public const int Events = 1000;
        public const int MaxEvents = 30;
        public const int Description = 500;
        public const int FilterTags = 2100;
        public const int MaxFilterTags = 20;
        public const int Secret = 60;
        public const int Payload = 20_000;
        public const int ResponseBody = 1024;
        public const int Error = 500;
    }
}
