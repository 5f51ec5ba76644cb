using System.Text;

namespace NewsApi.Bench.Seeding;

/// <summary>
/// Generated newsroom copy. A fixed pool of sentences is written once per seed (a general pool and one per desk);
/// bodies are paragraphs of sentences drawn from the pools, which keeps generation far cheaper than the database
/// work and gives every word a stable share of articles, so search selectivity does not drift with the size.
/// The text has no Markdown specials, so a paragraph renders as exactly one &lt;p&gt; element.
/// </summary>
internal sealed class Prose
{
    private const int GeneralSentences = 16_000;
    private const int DeskSentences = 3_000;

    private readonly Zipf _function = new(Vocabulary.Function.Length, 1.0);
    private readonly Zipf _general = new(Vocabulary.General.Length, 0.9);
    private readonly Zipf _deskWord = new(30, 0.8);
    private readonly Zipf _person = new(Vocabulary.FirstNames.Length * Vocabulary.Surnames.Length, 1.05);
    private readonly Zipf _place = new(Vocabulary.Places.Length, 1.0);

    public Prose(int seed)
    {
        var random = new Random(Determinism.Derive(seed, -1));
        General = Enumerable.Range(0, GeneralSentences).Select(_ => Sentence(random, desk: -1)).ToArray();
        Desks = Enumerable.Range(0, Vocabulary.Desks.Length)
            .Select(d => Enumerable.Range(0, DeskSentences).Select(_ => Sentence(random, d)).ToArray()).ToArray();
    }

    public Sentence[] General { get; }

    public Sentence[][] Desks { get; }

    public static string Person(int index)
    {
        var first = index % Vocabulary.FirstNames.Length;
        var surname = (index / Vocabulary.FirstNames.Length + index) % Vocabulary.Surnames.Length;
        return Vocabulary.FirstNames[first] + " " + Vocabulary.Surnames[surname];
    }

    public string RandomPerson(Random random) => Person(_person.Next(random));

    public string RandomPlace(Random random) => Vocabulary.Places[_place.Next(random)];

    public string DeskWord(Random random, int desk) => Vocabulary.Desks[desk].Words[_deskWord.Next(random)];

    public string GeneralWord(Random random) => Vocabulary.General[_general.Next(random)];

    public Sentence Pick(Random random, int desk) =>
        random.NextDouble() < 0.6 ? Desks[desk][random.Next(DeskSentences)] : General[random.Next(GeneralSentences)];

    /// <summary>A body of at least <paramref name="words"/> words, as Markdown and as the HTML the API's renderer makes of it.</summary>
    public (string Markdown, string Html, int Words) Body(Random random, int desk, int words)
    {
        var markdown = new StringBuilder(words * 7);
        var html = new StringBuilder(words * 7 + 256);
        var count = 0;
        while (count < words)
        {
            if (markdown.Length > 0)
            {
                markdown.Append("\n\n");
            }
            html.Append("<p>");
            var sentences = 2 + random.Next(4);
            for (var i = 0; i < sentences; i++)
            {
                var sentence = Pick(random, desk);
                if (i > 0)
                {
                    markdown.Append(' ');
                    html.Append(' ');
                }
                markdown.Append(sentence.Text);
                html.Append(sentence.Text);
                count += sentence.Words;
            }
            html.Append("</p>\n");
        }
        return (markdown.ToString(), html.ToString(), count);
    }

    /// <summary>A headline: five to eleven words, no closing full stop.</summary>
    public string Headline(Random random, int desk)
    {
        var words = 5 + random.Next(7);
        var builder = new StringBuilder(96);
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }
            var roll = random.NextDouble();
            var word = roll switch
            {
                < 0.30 => DeskWord(random, desk),
                < 0.40 => RandomPlace(random),
                < 0.47 => RandomPerson(random),
                < 0.62 => Vocabulary.Function[_function.Next(random) % 20],
                _ => GeneralWord(random),
            };
            builder.Append(i == 0 ? Capitalise(word) : word);
        }
        return builder.ToString();
    }

    private Sentence Sentence(Random random, int desk)
    {
        var words = 9 + random.Next(16);
        var builder = new StringBuilder(160);
        var count = 0;
        while (count < words)
        {
            if (count > 0)
            {
                builder.Append(count > 4 && random.NextDouble() < 0.06 ? ", " : " ");
            }
            var roll = random.NextDouble();
            string word;
            if (roll < 0.44)
            {
                word = Vocabulary.Function[_function.Next(random)];
            }
            else if (roll < 0.47)
            {
                word = RandomPerson(random);
            }
            else if (roll < 0.50)
            {
                word = RandomPlace(random);
            }
            else if (desk >= 0 && roll < 0.68)
            {
                word = DeskWord(random, desk);
            }
            else
            {
                word = GeneralWord(random);
            }
            builder.Append(count == 0 ? Capitalise(word) : word);
            count += word.Count(c => c == ' ') + 1;
        }
        builder.Append('.');
        return new Sentence(builder.ToString(), count);
    }

    public static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

internal sealed record Sentence(string Text, int Words);
