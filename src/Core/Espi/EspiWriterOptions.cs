namespace GbcPortal.Core.Espi;

/// <summary>
/// How <see cref="EspiWriter"/> names and stamps a feed. Links are built the way utilities
/// build them: <c>{BaseUri}/Subscription/{SubscriptionId}/UsagePoint/{id}/MeterReading/{n}/IntervalBlock/{start}</c>.
/// </summary>
public sealed record EspiWriterOptions
{
    /// <summary>The data custodian's resource root, e.g. <c>https://utility.example/DataCustodian/espi/1_1/resource</c>.</summary>
    public Uri BaseUri { get; init; } = new("https://utility.example/DataCustodian/espi/1_1/resource");

    /// <summary>The subscription (or bulk id) the feed answers, used in every resource link.</summary>
    public string SubscriptionId { get; init; } = "1";

    /// <summary>The feed's Atom title.</summary>
    public string Title { get; init; } = "Green Button Usage Feed";

    /// <summary>
    /// The Atom <c>updated</c>/<c>published</c> stamp. When null the end of the latest reading is
    /// used, so the same readings always give byte-identical feeds (no hidden clock).
    /// </summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>UsageSummary entries to add; each names its UsagePoint by <see cref="UsagePointInfo.Id"/>.</summary>
    public IReadOnlyList<UsageSummaryInfo> Summaries { get; init; } = [];

    /// <summary>
    /// The ISO 4217 code written as <c>ReadingType/currency</c> when readings carry cost but their
    /// reading type names no currency (840, US dollars: the utility's currency).
    /// </summary>
    public int DefaultCurrency { get; init; } = UsDollars;

    /// <summary>ISO 4217's number for the US dollar.</summary>
    public const int UsDollars = 840;

    /// <summary>Indent the XML (real feeds are indented; turn off for the smallest output).</summary>
    public bool Indent { get; init; } = true;
}
