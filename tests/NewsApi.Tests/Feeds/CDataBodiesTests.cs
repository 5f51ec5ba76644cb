using System.Text;
using System.Xml;
using System.Xml.Linq;
using NewsApi.Feeds;

namespace NewsApi.Tests.Feeds;

/// <summary>A body written as CDATA reads back as the same text, whatever it holds.</summary>
public sealed class CDataBodiesTests
{
    [Theory]
    [InlineData("<p>Plain &amp; simple.</p>")]
    [InlineData("<p>A body that quotes ]]> in the middle, and ]]> again</p>")]
    [InlineData("]]>")]
    [InlineData("<p>Ünïcödé, 漢字 and an emoji 🗞️ across the text.</p>")]
    [InlineData("")]
    public void TheTextReadsBackUnchanged(string html) => Assert.Equal(html, RoundTrip(html));

    [Fact]
    public void ALongBodyEndingInTheSequenceThatClosesASectionReadsBackUnchanged()
    {
        var html = new string('a', 16 * 1024 - 1) + "🗞" + new string('b', 40_000) + "]]>" + "end" + "]]>";
        Assert.Equal(html, RoundTrip(html));
    }

    [Fact]
    public void CharactersXmlDoesNotAllowAreLeftOutAndTheFeedStaysWellFormed()
    {
        Assert.Equal("<p>bell and form feed</p>\t\n", RoundTrip("<p>bell\u0007 and form\u000C feed</p>\t\n\uFFFF"));
        // U+FFFD and other characters starting with the same byte as U+FFFE stay.
        Assert.Equal("\uFFFD \uFEFF ok", RoundTrip("\uFFFD \uFFFE\uFEFF ok"));
    }

    private static string RoundTrip(string html)
    {
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("item");
            xml.WriteStartElement("content");
            xml.WriteAttributeString("type", "html");
            CDataBodies.Write(xml, output, Encoding.UTF8.GetBytes(html));
            xml.WriteEndElement();
            xml.WriteElementString("after", "kept");
            xml.WriteEndElement();
        }
        var document = XDocument.Parse(Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("kept", (string?)document.Root!.Element("after"));
        Assert.Equal("html", (string?)document.Root!.Element("content")!.Attribute("type"));
        return document.Root!.Element("content")!.Value;
    }
}
