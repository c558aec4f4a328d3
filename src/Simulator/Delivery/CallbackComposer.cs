using System.Text;
using System.Xml.Linq;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Gbc;
using GbcPortal.Simulator.Accounts;
using GbcPortal.Simulator.Data;

namespace GbcPortal.Simulator.Delivery;

/// <summary>
/// Decides what a delivery carries when it is due: a UsageRequestStatus when the account
/// changed since acceptance (or the knobs say fail), else the feed (Push) or a BatchList (Notify).
/// </summary>
internal sealed class CallbackComposer(AccountStore accounts, UsageData data, ResourceStore resources, SimulatorMetrics metrics)
{
    public const string AtomContentType = "application/atom+xml";
    public const string XmlContentType = "application/xml";

    /// <summary>Set once the API listener is bound: Notify URIs and feed links point at it.</summary>
    public Uri ApiBase { get; set; } = new("https://127.0.0.1:7443/");

    public (byte[] Body, string ContentType) Compose(DeliveryJob job)
    {
        var now = accounts.Find(job.Account.ServiceId);
        if (now is null || now.Pin != job.Account.Pin)
            return Status(job, RequestState.Rejected, StatusReason.PinMismatch, "PIN does not match Service ID");
        if (!now.Active)
            return Status(job, RequestState.Rejected, StatusReason.ServiceInactive, "Service ID is inactive");
        if (job.FailAsynchronously)
            return Status(job, RequestState.Failed, StatusReason.InternalError, "The request could not be processed; submit it again");
        if (!data.Intervals(job.Account, job.Start, job.End).Any())
            return Status(job, RequestState.Failed, StatusReason.NoData, "No usage data in the requested window");

        if (job.Mode == DeliveryMode.Push)
            return (Feed(job), AtomContentType);
        resources.Add(job);
        return (BatchList(new Uri(ApiBase, ResourceStore.BulkPath + job.UtilityRequestId)), XmlContentType);
    }

    /// <summary>The Atom feed of a job's window; the same job always gives the same bytes.</summary>
    public byte[] Feed(DeliveryJob job)
    {
        using var buffer = new MemoryStream();
        EspiWriter.Write(buffer, data.Series(job.Account, job.Start, job.End), new EspiWriterOptions
        {
            BaseUri = new Uri(ApiBase, "/GreenButtonConnect/espi/1_1/resource"),
            SubscriptionId = job.UtilityRequestId,
            Title = $"Green Button usage for Service ID {job.Account.ServiceId}",
        });
        return buffer.ToArray();
    }

    private (byte[], string) Status(DeliveryJob job, RequestState state, StatusReason reason, string message)
    {
        metrics.Rejected();
        return (new UsageRequestStatus(job.RequestId, job.UtilityRequestId, state, reason, message).ToXml(), XmlContentType);
    }

    private static byte[] BatchList(Uri resource)
    {
        XNamespace espi = "http://naesb.org/espi";
        var root = new XElement(espi + "BatchList",
            new XAttribute(XNamespace.Xmlns + "espi", espi),
            new XElement(espi + "resources", resource.AbsoluteUri));
        return Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.ToString(SaveOptions.DisableFormatting));
    }
}
