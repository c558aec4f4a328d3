using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>The shared ESPI samples, read in place from ../shared/espi/samples beside the repository.</summary>
internal static class Samples
{
    public static string PathOf(string name) => RepositoryFiles.Sample(name);

    public static EspiDocument Read(string name) => new EspiReader().ReadFile(PathOf(name));

    public static EspiDocument ReadText(string xml, EspiReaderOptions? options = null) =>
        new EspiReader(options).Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));

    public static double Total(EspiSeries series) => series.Readings.Sum(r => r.Value);
}
