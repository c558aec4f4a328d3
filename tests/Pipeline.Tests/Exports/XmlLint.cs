using GbcPortal.Testing;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>
/// <c>xmllint --schema</c> (Debian's libxml2-utils) against ../shared/espi/schema/espi.xsd. atom.xsd
/// imports xml.xsd from the web; an XML catalog serves a local copy of its three attributes instead
/// (no network here), the same definition the Core tests' validator uses.
/// </summary>
public static class XmlLint
{
    private const string Catalog = """
        <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
          <system systemId="http://www.w3.org/2001/03/xml.xsd" uri="xml.xsd"/>
          <uri name="http://www.w3.org/2001/03/xml.xsd" uri="xml.xsd"/>
        </catalog>
        """;

    /// <summary>xmllint's verdict: exit code 0 and "FILE validates", or its complaints.</summary>
    public static async Task<ExternalTool.Result> ValidateAsync(string xmlFile, string scratchFolder)
    {
        var catalog = Path.Combine(scratchFolder, "catalog.xml");
        await File.WriteAllTextAsync(Path.Combine(scratchFolder, "xml.xsd"), XmlNamespaceSchema.Text);
        await File.WriteAllTextAsync(catalog, Catalog);
        return await ExternalTool.RunAsync("xmllint", ["--noout", "--nonet", "--schema", RepositoryFiles.Shared("espi", "schema", "espi.xsd"), xmlFile],
            environment: new Dictionary<string, string> { ["XML_CATALOG_FILES"] = catalog });
    }
}
