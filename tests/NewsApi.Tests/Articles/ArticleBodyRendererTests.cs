using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;

namespace NewsApi.Tests.Articles;

public sealed class ArticleBodyRendererTests
{
    // One instance for every test, as in the application: sharing it is part of what is tested.
    private static readonly ArticleBodyRenderer Renderer = new();

    [Fact]
    public void OrdinaryMarkdownRendersHeadingsEmphasisListsLinksTablesAutolinksAndFootnotes()
    {
        var body = Render("""
            # Election night

            ## Results

            Turnout was *high* and the count **fast**; ~~no~~ recounts.

            - first
            - second

            3. third
            4. fourth

            See [the report](https://example.com/report "Full report") or www.example.org for more.

            | Party | Seats |
            |:------|------:|
            | Red   | 120   |

            Figures are provisional[^1].

            [^1]: Official results follow on Monday.
            """);

        Assert.Equal("Election night", body.QuerySelector("h1")!.TextContent);
        Assert.Equal("Results", body.QuerySelector("h2")!.TextContent);
        Assert.Equal("high", body.QuerySelector("p > em")!.TextContent);
        Assert.Equal("fast", body.QuerySelector("p > strong")!.TextContent);
        Assert.Equal("no", body.QuerySelector("p > del")!.TextContent);
        Assert.Equal(["first", "second"], body.QuerySelectorAll("body > ul > li").Select(li => li.TextContent));
        var ordered = body.QuerySelector("body > ol")!;
        Assert.Equal("3", ordered.GetAttribute("start"));
        Assert.Equal(["third", "fourth"], ordered.QuerySelectorAll("li").Select(li => li.TextContent));

        var link = body.QuerySelector("a[href='https://example.com/report']")!;
        Assert.Equal("the report", link.TextContent);
        Assert.Equal("Full report", link.GetAttribute("title"));
        Assert.Equal("www.example.org", body.QuerySelector("a[href='http://www.example.org']")!.TextContent);

        Assert.Equal(["Party:left", "Seats:right"], body.QuerySelectorAll("table > thead > tr > th").Select(Aligned));
        Assert.Equal(["Red:left", "120:right"], body.QuerySelectorAll("table > tbody > tr > td").Select(Aligned));

        var reference = body.QuerySelector("a.footnote-ref")!;
        Assert.Equal("#fn:1", reference.GetAttribute("href"));
        Assert.Equal("1", reference.QuerySelector("sup")!.TextContent);
        var note = body.QuerySelector("div.footnotes li#fn\\:1")!;
        Assert.Contains("Official results follow on Monday.", note.TextContent);
        Assert.Equal("#fnref:1", note.QuerySelector("a.footnote-back-ref")!.GetAttribute("href"));

        AssertSafe(body.OuterHtml);

        static string Aligned(IElement cell) => $"{cell.TextContent}:{cell.GetAttribute("align")}";
    }

    [Fact]
    public void FencedCodeKeepsItsLanguageForHighlighters()
    {
        var body = Render("""
            ```csharp
            var x = "<b>1</b>";
            ```
            """);

        var code = body.QuerySelector("pre > code.language-csharp")!;
        Assert.Equal("var x = \"<b>1</b>\";\n", code.TextContent);
    }

    [Fact]
    public void RawHtmlIsShownAsTextRatherThanInterpreted()
    {
        var body = Render("Press <kbd>Ctrl</kbd> and <b>go</b>.");

        Assert.Empty(body.QuerySelectorAll("kbd, b"));
        Assert.Equal("Press <kbd>Ctrl</kbd> and <b>go</b>.", body.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void SafeLinksAndImagesKeepTheirUrls()
    {
        var body = Render("""
            [secure](https://example.com/a) [plain](http://example.com/b) <editor@example.com>
            [relative](/articles/other-story) [fragment](#results) [query](?page=2)

            ![Turnout chart](/media/chart.png "Turnout by region")
            """);

        Assert.Equal(
            ["https://example.com/a", "http://example.com/b", "mailto:editor@example.com", "/articles/other-story",
                "#results", "?page=2"],
            body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        var image = body.QuerySelector("img")!;
        Assert.Equal("/media/chart.png", image.GetAttribute("src"));
        Assert.Equal("Turnout chart", image.GetAttribute("alt"));
        Assert.Equal("Turnout by region", image.GetAttribute("title"));
    }

    [Theory]
    [InlineData("[text](javascript:alert(1))", "a", "href")]
    [InlineData("[text][ref]\n\n[ref]: javascript:alert(1)", "a", "href")]
    [InlineData("<javascript:text(1)>", "a", "href")]
    [InlineData("[text](data:text/html,alert(1))", "a", "href")]
    [InlineData("![text](javascript:alert(1))", "img", "src")]
    public void AMarkdownLinkToAScriptingUrlKeepsItsTextButLosesTheUrl(
        string markdown, string element, string attribute)
    {
        var body = Render(markdown);

        var link = body.QuerySelector(element)!;
        Assert.False(link.HasAttribute(attribute));
        Assert.Contains("text", link.TextContent + link.GetAttribute("alt"));
    }

    [Fact]
    public void MarkdownNestedBeyondMarkdigsLimitIsRefused() =>
        Assert.Throws<ArgumentException>(() => Renderer.Render(new string('>', 200) + " deep"));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(230, 1)]
    [InlineData(231, 2)]
    [InlineData(460, 2)]
    [InlineData(1000, 5)]
    public void ReadingTimeIsWordsOver230RoundedUpAndAtLeastOneMinute(int words, int minutes)
    {
        var rendered = Renderer.Render(string.Join(' ', Enumerable.Repeat("word", words)));

        Assert.Equal(words, rendered.WordCount);
        Assert.Equal(minutes, rendered.ReadingTimeMinutes);
    }

    [Fact]
    public void WordsAreRunsOfLettersAndDigitsThatMayHoldAnApostrophe()
    {
        // It's · 2024 · the · well · known · quoted · café's · 3 · 5 · rise · don’t
        var rendered = Renderer.Render("It's 2024 — the *well-known* 'quoted' café's 3.5% rise! ... don’t");

        Assert.Equal(11, rendered.WordCount);
    }

    [Fact]
    public void MarkupUrlsAndAltTextAreNotCountedAsWords()
    {
        var rendered = Renderer.Render(
            "**Bold** [link](https://example.com/a/very/long/path \"a long title\") ![alt text here](/chart.png)");

        Assert.Equal(2, rendered.WordCount);
    }

    [Fact]
    public void WordsInNeighbouringBlocksAreCountedApart()
    {
        var rendered = Renderer.Render("""
            | a | b |
            |---|---|
            | c | d |

            - e
            - f

            g\
            h
            # i
            """);

        Assert.Equal(9, rendered.WordCount);
    }

    [Fact]
    public void RenderingConcurrentlyGivesTheSameResultAsRenderingAlone()
    {
        const string markdown =
            "# Title\n\nSome *text* with [a link](https://example.com)[^1].\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n[^1]: Note.";
        var expected = Renderer.Render(markdown);

        var results = new RenderedBody[64];
        Parallel.For(0, results.Length, i => results[i] = Renderer.Render(markdown));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void TheRendererIsRegisteredAsOneSharedInstance()
    {
        using var services = new ServiceCollection().AddArticleBodyRenderer().BuildServiceProvider();

        var first = services.GetRequiredService<ArticleBodyRenderer>();
        Assert.Same(first, services.GetRequiredService<ArticleBodyRenderer>());
    }

    /// <summary>
    /// Filter-evasion vectors in the manner of the OWASP XSS cheat sheet, plus Markdown's own ways to make a link.
    /// Each goes into a body in several places: its own block, mid-sentence, a quote and a list item.
    /// </summary>
    public static TheoryData<string> XssVectors { get; } = new(
        // script
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<script>alert(String.fromCharCode(88,83,83))</script>",
        "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
        "<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
        "<script src=//xss.example/.j>",
        "\"><script>alert(1)</script>",
        "'';!--\"<XSS>=&{()}",
        "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
        // img and event handlers
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
        "<IMG DYNSRC=\"javascript:alert('XSS')\">",
        "<IMG LOWSRC=\"javascript:alert('XSS')\">",
        "<IMG SRC=\"javascript:alert('XSS')\"",
        "<img src=\"x\n onerror=alert(1)//",
        "<audio src=x onerror=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<x onclick=alert(1)>click me",
        "<xss onafterscriptexecute=alert(1)><script>1</script>",
        "<isindex type=image src=1 onerror=alert(1)>",
        // svg and math
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
        "<math href=\"javascript:alert(1)\">CLICK</math>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        // frames, plugins
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
        "<frameset onload=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.example/scriptlet.html\"></OBJECT>",
        "<embed src=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiPjwvc3ZnPg==\">",
        "<applet code=\"javascript:alert(1)\"></applet>",
        // anchors
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
        "<a href=\"&#106;avascript:alert(1)\">click</a>",
        "<a href=\"java&#x09;script:alert(1)\">click</a>",
        "<a href=\"java\nscript:alert(1)\">click</a>",
        "<a href=\"  javascript:alert(1)\">click</a>",
        "<a href=\"vbscript:msgbox(1)\">click</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
        "<a href=\"https://example.com\" target=\"_blank\">new tab</a>",
        "<a href=\"https://example.com\" target=_blank rel=\"opener\">new tab</a>",
        "<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>",
        "<a href=\"x\" title=\"&quot;><script>alert(1)</script>\">x</a>",
        "<a href=\"https://example.com/\" id=\"x\" name=\"y\"><img src=x onerror=alert(1)></a>",
        // styles
        "<a href=\"https://example.com\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</a>",
        "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
        "<div style=\"width: expression(alert('XSS'));\">x</div>",
        "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028\\0027\\0058\\0053\\0053\\0027\\0029'\\0029\">x</DIV>",
        "<STYLE>@import'http://xss.example/xss.css';</STYLE>",
        "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
        "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TR><TD BACKGROUND=\"javascript:alert('XSS')\">x</TD></TR></TABLE>",
        // document-level tags
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<body onload=alert(1)>",
        "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
        // forms
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<input autofocus onfocus=alert(1)>",
        "<button formaction=\"javascript:alert(1)\">go</button>",
        "<form><button formaction=javascript:alert(1)>X</button></form>",
        "<select onfocus=alert(1) autofocus><option>x</option></select>",
        "<textarea autofocus onfocus=alert(1)>x</textarea>",
        "<keygen autofocus onfocus=alert(1)>",
        // interactive and parser tricks
        "<details open ontoggle=alert(1)>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<div><p>unclosed <b>tags <i onclick=alert(1)>everywhere",
        // Markdown links and images
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x]( javascript:alert(1) \"title\")",
        "[x](javascript://%0aalert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x][ref]\n\n[ref]: JAVASCRIPT:alert(1) \"title\"",
        "![x][img]\n\n[img]: data:text/html,<script>alert(1)</script>",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,alert(1)>",
        "[x](https://example.com \"t\\\" onmouseover=\\\"alert(1)\")",
        "[x](https://example.com\"onmouseover=\"alert(1))",
        "![x\" onerror=\"alert(1)](https://example.com/a.png)",
        "https://example.com/\"onmouseover=\"alert(1)",
        "www.example.com/<script>alert(1)</script>",
        "```js\" onmouseover=\"alert(1)\nalert(1)\n```",
        "Note[^x].\n\n[^x]: <script>alert(1)</script> [y](javascript:alert(1))",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |");

    [Theory]
    [MemberData(nameof(XssVectors))]
    public void AVectorInTheMarkdownBodyLeavesNothingThatRuns(string vector)
    {
        var html = Renderer.Render($"""
            # Heading

            Opening paragraph.

            {vector}

            Inline {vector} text.

            > {vector}

            - {vector}

            Closing paragraph.
            """).Html;

        AssertSafe(html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Heading", document.QuerySelector("h1")?.TextContent);
        Assert.Contains("Closing paragraph.", document.Body!.TextContent);
    }

    /// <summary>Markdig keeps raw HTML out; this shows the sanitiser would hold if it ever let some in.</summary>
    [Theory]
    [MemberData(nameof(XssVectors))]
    public void TheSanitiserAloneLeavesNothingThatRunsInRawHtml(string vector) =>
        AssertSafe(Renderer.Sanitize(vector));

    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "select",
        "option", "textarea", "style", "base", "meta", "link", "svg", "math", "template", "noscript",
    };

    private static readonly HashSet<string> PermittedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "ins", "mark", "sub",
        "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "hr", "br", "table", "thead", "tbody", "tr",
        "th", "td", "div",
    };

    private static readonly HashSet<string> PermittedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "alt", "title", "id", "class", "align", "start",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "xlink:href", "background", "dynsrc", "lowsrc", "data", "poster",
    };

    private static readonly string[] ScriptingSchemes = ["javascript:", "vbscript:", "data:"];

    private static IHtmlElement Render(string markdown)
    {
        var html = Renderer.Render(markdown).Html;
        AssertSafe(html);
        return new HtmlParser().ParseDocument(html).Body!;
    }

    private static void AssertSafe(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            Assert.DoesNotContain(element.LocalName, ForbiddenElements);
            Assert.Contains(element.LocalName, PermittedElements);
            foreach (var attribute in element.Attributes)
            {
                var where = $"{attribute.Name} on {element.LocalName}";
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), where);
                Assert.NotEqual("style", attribute.Name, StringComparer.OrdinalIgnoreCase);
                Assert.Contains(attribute.Name, PermittedAttributes);
                if (UrlAttributes.Contains(attribute.Name))
                {
                    var url = new string([.. attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))])
                        .ToLowerInvariant();
                    Assert.DoesNotContain(ScriptingSchemes, scheme => url.StartsWith(scheme, StringComparison.Ordinal));
                }
            }
        }
        foreach (var link in document.QuerySelectorAll("a[target]"))
        {
            if (string.Equals(link.GetAttribute("target"), "_blank", StringComparison.OrdinalIgnoreCase))
            {
                var rel = (link.GetAttribute("rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Contains("noopener", rel, StringComparer.OrdinalIgnoreCase);
                Assert.Contains("noreferrer", rel, StringComparer.OrdinalIgnoreCase);
            }
        }
    }
}
