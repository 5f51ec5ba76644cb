using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Bench.Seeding;

/// <summary>
/// A deterministic newsroom of <see cref="ArticleCount"/> articles: a few hundred authors, a few thousand tags (a
/// few very common), some forty sources, and articles spread over ten years up to <see cref="Now"/>. Batches are
/// generated independently (each from its own random stream), so they can be made in parallel and still come out
/// the same for the same seed.
/// </summary>
internal sealed class Newsroom
{
    public const int AuthorCount = 300;
    public const int TagCount = 3_000;
    private const int DeskTags = 10;
    private static readonly int[] TagsPerArticle = [5, 12, 18, 20, 16, 12, 8, 5, 4];
    private static readonly int[] TagsPerArticleCumulative = Cumulative(TagsPerArticle);

    private readonly int _seed;
    private readonly Zipf _authors = new(AuthorCount, 0.8);
    private readonly Zipf _tags = new(TagCount - DeskTags, 1.05);
    private readonly Zipf _sources = new(Vocabulary.Outlets.Length, 0.9);
    private readonly DateTime _start;
    private readonly int _scheduled;

    public Newsroom(int seed, int articleCount, DateTime now)
    {
        _seed = seed;
        ArticleCount = articleCount;
        Now = now;
        _start = now.AddYears(-10);
        _scheduled = Math.Max(1, articleCount / 100);
        Prose = new Prose(seed);
        var random = new Random(Determinism.Derive(seed, -2));
        var created = _start.AddDays(-30);
        Authors = MakeAuthors(random, created);
        Tags = MakeTags(random, created);
        Sources = MakeSources(random, created);
    }

    public int ArticleCount { get; }

    public DateTime Now { get; }

    public Prose Prose { get; }

    public IReadOnlyList<NamedRow> Authors { get; }

    public IReadOnlyList<NamedRow> Tags { get; }

    public IReadOnlyList<NamedRow> Sources { get; }

    /// <summary>Articles [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) in publication order.</summary>
    public ArticleBatch Generate(int index, int first, int count)
    {
        var random = new Random(Determinism.Derive(_seed, index));
        var batch = new ArticleBatch
        {
            Index = index,
            Articles = new List<ArticleRow>(count),
            Authors = new List<LinkRow>(count * 2),
            Tags = new List<LinkRow>(count * 4),
            Related = new List<LinkRow>(count),
        };
        var span = (Now - _start).Ticks;
        var regular = ArticleCount - _scheduled;
        Span<Guid> picked = stackalloc Guid[8];
        for (var n = first; n < first + count; n++)
        {
            var desk = random.Next(DeskTags);
            var a = new ArticleRow { Version = Determinism.Version4(random), LastRevision = 0 };
            var roll = random.NextDouble();
            if (n >= regular)
            {
                // Scheduled: stored as published with a time still to come, spread over the next thirty days.
                a.Status = "Published";
                var k = n - regular;
                a.PublishedAt = Whole(Now.AddHours(1).AddTicks(TimeSpan.FromDays(30).Ticks / _scheduled * k));
                a.CreatedAt = Whole(Now.AddMinutes(-random.Next(1, 72 * 60)));
                a.UpdatedAt = a.CreatedAt;
            }
            else
            {
                var at = Whole(_start.AddTicks((long)((n + random.NextDouble()) * span / regular)));
                if (roll < 0.03)
                {
                    a.Status = "Draft";
                    a.CreatedAt = at;
                    a.UpdatedAt = Min(Whole(at.AddMinutes(random.Next(0, 3 * 24 * 60))), Now);
                }
                else
                {
                    a.Status = roll < 0.04 ? "Archived" : "Published";
                    a.PublishedAt = at;
                    a.CreatedAt = Whole(at.AddMinutes(-random.Next(5, 48 * 60)));
                    a.UpdatedAt = random.NextDouble() < 0.25 ? Min(Whole(at.AddMinutes(random.Next(1, 7 * 24 * 60))), Now) : at;
                }
            }
            a.Id = Determinism.Version7(a.CreatedAt, random);

            a.Title = Prose.Headline(random, desk);
            a.Slug = Slug.Generate(a.Title, 190);
            a.Subtitle = random.NextDouble() < 0.8 ? Prose.Desks[desk][random.Next(Prose.Desks[desk].Length)].Text : null;
            a.Excerpt = random.NextDouble() < 0.9 ? Prose.Pick(random, desk).Text : null;
            var words = 300 + (int)(1700 * Math.Pow(random.NextDouble(), 1.6));
            var body = Prose.Body(random, desk, words);
            a.Body = body.Markdown;
            a.BodyHtml = body.Html;
            a.WordCount = body.Words;
            a.ReadingTimeMinutes = Math.Max(1, (body.Words + ArticleBodyRenderer.WordsPerMinute - 1) / ArticleBodyRenderer.WordsPerMinute);
            a.Featured = random.NextDouble() < 0.02;

            var day = (a.PublishedAt ?? a.CreatedAt).ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture);
            if (random.NextDouble() < 0.75)
            {
                a.FeaturedImageUrl = $"https://images.example.org/{day}/{a.Id:N}.jpg";
                a.FeaturedImageAlt = Prose.Headline(random, desk);
                a.FeaturedImageCaption = random.NextDouble() < 0.5 ? Prose.Pick(random, desk).Text : null;
                a.FeaturedImageCredit = random.NextDouble() < 0.7 ? "Photo: " + Prose.RandomPerson(random) : null;
            }
            if (random.NextDouble() < 0.5)
            {
                var source = Sources[_sources.Next(random)];
                a.SourceId = source.Id;
                a.SourceUrl = $"{source.WebsiteUrl}{day}/{a.Slug}";
                a.CanonicalUrl = random.NextDouble() < 0.1 ? a.SourceUrl : null;
            }
            a.MetaTitle = random.NextDouble() < 0.1 ? a.Title[..Math.Min(a.Title.Length, 60)] : null;
            a.MetaDescription = random.NextDouble() < 0.3 ? (a.Excerpt ?? a.Subtitle)?[..Math.Min((a.Excerpt ?? a.Subtitle)!.Length, 160)] : null;
            batch.Articles.Add(a);

            var byline = random.NextDouble() switch { < 0.70 => 1, < 0.92 => 2, _ => 3 };
            var chosen = Distinct(random, byline, picked, () => Authors[_authors.Next(random)].Id);
            for (var i = 0; i < chosen; i++)
            {
                batch.Authors.Add(new LinkRow(a.Id, picked[i], i));
            }

            var tagCount = Draw(random, TagsPerArticleCumulative);
            var first0 = true;
            chosen = Distinct(random, tagCount, picked, () =>
            {
                // The desk's own tag comes first on most articles; the rest are Zipf-skewed over the long tail.
                var deskTag = first0 && random.NextDouble() < 0.85;
                first0 = false;
                return Tags[deskTag ? desk : DeskTags + _tags.Next(random)].Id;
            });
            for (var i = 0; i < chosen; i++)
            {
                batch.Tags.Add(new LinkRow(a.Id, picked[i], i));
            }

            // "Also see" links point back at recent stories of the same batch.
            var mine = batch.Articles.Count - 1;
            var related = Math.Min(mine, random.NextDouble() switch { < 0.4 => 0, < 0.7 => 1, < 0.9 => 2, _ => 3 });
            chosen = Distinct(random, related, picked, () => batch.Articles[Math.Max(0, mine - 1 - random.Next(Math.Min(mine, 500)))].Id);
            for (var i = 0; i < chosen; i++)
            {
                batch.Related.Add(new LinkRow(a.Id, picked[i], i));
            }
        }
        return batch;
    }

    /// <summary>A word that about 1% of articles contain, and a two-word phrase in about 0.3% whose words are each common.</summary>
    public (string Word, string Phrase) SearchTerms()
    {
        var random = new Random(Determinism.Derive(_seed, -3));
        const int sample = 3_000;
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), int>();
        var function = new HashSet<string>(Vocabulary.Function, StringComparer.Ordinal);
        // Candidates are ordinary words a reader would type, not names.
        var ordinary = new HashSet<string>(Vocabulary.General.Concat(Vocabulary.Desks.SelectMany(d => d.Words)), StringComparer.Ordinal);
        for (var i = 0; i < sample; i++)
        {
            var (markdown, _, _) = Prose.Body(random, random.Next(DeskTags), 300 + (int)(1700 * Math.Pow(random.NextDouble(), 1.6)));
            var seenWords = new HashSet<string>(StringComparer.Ordinal);
            var seenPairs = new HashSet<(string, string)>();
            foreach (var sentence in markdown.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                var tokens = sentence.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).ToArray();
                for (var t = 0; t < tokens.Length; t++)
                {
                    seenWords.Add(tokens[t]);
                    if (t > 0 && !function.Contains(tokens[t - 1]) && !function.Contains(tokens[t]))
                    {
                        seenPairs.Add((tokens[t - 1], tokens[t]));
                    }
                }
            }
            foreach (var w in seenWords)
            {
                words[w] = words.GetValueOrDefault(w) + 1;
            }
            foreach (var p in seenPairs)
            {
                pairs[p] = pairs.GetValueOrDefault(p) + 1;
            }
        }
        var word = words.Where(w => ordinary.Contains(w.Key) && w.Key.Length > 4)
            .OrderBy(w => Math.Abs(w.Value - sample * 0.01)).ThenBy(w => w.Key, StringComparer.Ordinal).First().Key;
        var phrase = pairs.Where(p => ordinary.Contains(p.Key.Item1) && ordinary.Contains(p.Key.Item2) && words[p.Key.Item1] > sample * 0.05 && words[p.Key.Item2] > sample * 0.05 && p.Key.Item1 != p.Key.Item2)
            .OrderBy(p => Math.Abs(p.Value - sample * 0.003)).ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Item2, StringComparer.Ordinal).First().Key;
        return (word, phrase.Item1 + " " + phrase.Item2);
    }

    private static int Distinct(Random random, int wanted, Span<Guid> into, Func<Guid> next)
    {
        var count = 0;
        for (var attempt = 0; count < wanted && attempt < wanted * 8; attempt++)
        {
            var id = next();
            if (!into[..count].Contains(id))
            {
                into[count++] = id;
            }
        }
        return count;
    }

    private static int Draw(Random random, int[] cumulative)
    {
        var roll = random.Next(cumulative[^1]);
        var i = 0;
        while (roll >= cumulative[i])
        {
            i++;
        }
        return i;
    }

    private static int[] Cumulative(int[] weights)
    {
        var result = new int[weights.Length];
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            result[i] = sum += weights[i];
        }
        return result;
    }

    private static DateTime Whole(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private List<NamedRow> MakeAuthors(Random random, DateTime created)
    {
        var authors = new List<NamedRow>(AuthorCount);
        for (var j = 0; j < AuthorCount; j++)
        {
            var first = Vocabulary.FirstNames[j % Vocabulary.FirstNames.Length];
            var surname = Vocabulary.Surnames[(j / Vocabulary.FirstNames.Length * 17 + j) % Vocabulary.Surnames.Length];
            var name = first + " " + surname;
            var slug = Slug.Generate(name, 120);
            authors.Add(new NamedRow
            {
                Id = Determinism.Version7(created, random),
                Name = name,
                Slug = slug,
                Description = Prose.General[random.Next(Prose.General.Length)].Text,
                Email = $"{first.ToLowerInvariant()}.{surname.ToLowerInvariant()}@newsroom.example",
                AvatarUrl = $"https://images.example.org/authors/{slug}.jpg",
                WebsiteUrl = random.NextDouble() < 0.2 ? $"https://{slug}.example.net/" : null,
                SocialHandle = random.NextDouble() < 0.6 ? "@" + slug.Replace("-", "", StringComparison.Ordinal) : null,
                CreatedAt = created,
                Version = Determinism.Version4(random),
            });
        }
        return authors;
    }

    private List<NamedRow> MakeTags(Random random, DateTime created)
    {
        var names = new List<string>(TagCount);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name)
        {
            if (names.Count < TagCount && slugs.Add(Slug.Generate(name, 100)))
            {
                names.Add(name);
            }
        }
        foreach (var (desk, _) in Vocabulary.Desks)
        {
            Add(desk);
        }
        // The long tail, most general first: single words, then places, people and two-word topics.
        foreach (var (_, words) in Vocabulary.Desks)
        {
            foreach (var word in words.Take(10))
            {
                Add(Prose.Capitalise(word));
            }
        }
        foreach (var place in Vocabulary.Places)
        {
            Add(place);
        }
        for (var k = 0; names.Count < TagCount && k < 100_000; k++)
        {
            Add(k % 3 == 0
                ? Prose.Person(k * 7 % (Vocabulary.FirstNames.Length * Vocabulary.Surnames.Length))
                : Prose.Capitalise(Prose.GeneralWord(random)) + " " + Prose.DeskWord(random, random.Next(DeskTags)));
        }
        return names.Select(name => new NamedRow
        {
            Id = Determinism.Version7(created, random),
            Name = name,
            Slug = Slug.Generate(name, 100),
            Description = random.NextDouble() < 0.2 ? Prose.General[random.Next(Prose.General.Length)].Text : null,
            CreatedAt = created,
            Version = Determinism.Version4(random),
        }).ToList();
    }

    private static List<NamedRow> MakeSources(Random random, DateTime created) =>
        Vocabulary.Outlets.Select(name =>
        {
            var slug = Slug.Generate(name, 150);
            return new NamedRow
            {
                Id = Determinism.Version7(created, random),
                Name = name,
                Slug = slug,
                Description = $"{name}, a news outlet.",
                WebsiteUrl = $"https://{slug}.example/",
                CreatedAt = created,
                Version = Determinism.Version4(random),
            };
        }).ToList();
}
