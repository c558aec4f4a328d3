using System.Text;
using System.Xml;
using System.Xml.Schema;
using GbcPortal.Testing;

namespace GbcPortal.Core.Tests.Espi.Writer;

/// <summary>
/// Validates whole feeds against espi.xsd + atom.xsd. atom.xsd imports xml.xsd from w3.org; a
/// resolver serves a minimal local definition of xml:lang/xml:base/xml:space instead (no network).
/// Atom content is <c>xs:any namespace="##other"</c> with strict processing, so the ESPI elements
/// inside each entry are validated too.
/// </summary>
internal static class EspiSchemaValidator
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Every error and warning (a warning means an element was not checked), empty when valid.</summary>
    public static List<string> Validate(Stream feed)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        settings.ValidationEventHandler += (_, e) =>
            problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(feed, settings);
        while (reader.Read())
        {
        }
        return problems;
    }

    public static List<string> Validate(string xml) => Validate(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = new LocalResolver() };
        set.Add("http://naesb.org/espi", Path.Combine(RepositoryFiles.EspiSchema, "espi.xsd"));
        set.Compile();
        return set;
    }

    private sealed class LocalResolver : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (absoluteUri.AbsoluteUri.EndsWith("/xml.xsd", StringComparison.Ordinal))
                return new MemoryStream(Encoding.UTF8.GetBytes(XmlNamespaceSchema.Text));
            if (absoluteUri.IsFile)
                return File.OpenRead(absoluteUri.LocalPath);
            throw new InvalidOperationException($"No network in tests: refused to fetch {absoluteUri}.");
        }
    }
}
