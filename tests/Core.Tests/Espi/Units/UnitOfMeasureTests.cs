using System.Xml.Linq;
using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Units;

/// <summary>Every unit code the reader names means in espi.xsd what we show for it.</summary>
public sealed class UnitOfMeasureTests
{
    private static readonly Lazy<IReadOnlyDictionary<int, string>> SchemaNames = new(ReadSchemaNames);

    public static TheoryData<int> KnownCodes() => [.. UnitOfMeasure.Known.Select(u => u.Code)];

    [Theory]
    [MemberData(nameof(KnownCodes))]
    public void Each_code_has_the_schemas_meaning(int code)
    {
        var unit = UnitOfMeasure.Known.Single(u => u.Code == code);

        Assert.True(SchemaNames.Value.TryGetValue(code, out var schemaName), $"espi.xsd has no UnitSymbolKind {code}");
        Assert.Equal(schemaName, unit.SchemaName);
        Assert.Equal(unit.Symbol, UnitOfMeasure.Symbol(code));
    }

    [Fact]
    public void Gas_volumes_and_flows_are_told_apart()
    {
        Assert.Equal("m3", UnitOfMeasure.Symbol(42));
        Assert.Equal("m3/h", UnitOfMeasure.Symbol(125));
        Assert.Equal("m3 (compensated)/h", UnitOfMeasure.Symbol(126));
        Assert.Equal("therm", UnitOfMeasure.Symbol(UnitOfMeasure.Therms));
    }

    [Fact]
    public void Symbols_are_unique_so_the_writer_can_turn_them_back_into_codes()
    {
        foreach (var unit in UnitOfMeasure.Known.Where(u => u.Symbol.Length > 0))
        {
            Assert.Equal(unit.Code, UnitOfMeasure.CodeOf(unit.Symbol));
        }
    }

    [Fact]
    public void An_unknown_code_is_shown_by_number_and_has_no_inverse()
    {
        Assert.Equal("uom999", UnitOfMeasure.Symbol(999));
        Assert.Null(UnitOfMeasure.CodeOf("uom999"));
        Assert.Null(UnitOfMeasure.CodeOf(null));
    }

    private static IReadOnlyDictionary<int, string> ReadSchemaNames()
    {
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        var schema = XDocument.Load(Path.Combine(RepositoryFiles.EspiSchema, "espi.xsd"));
        var kind = schema.Descendants(xs + "simpleType").Single(t => (string?)t.Attribute("name") == "UnitSymbolKind");
        return kind.Descendants(xs + "enumeration").ToDictionary(
            e => int.Parse((string)e.Attribute("value")!, System.Globalization.CultureInfo.InvariantCulture),
            e => e.Descendants(xs + "appinfo").Single().Value.Trim());
    }
}
