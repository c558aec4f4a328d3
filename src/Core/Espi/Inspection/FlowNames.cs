namespace GbcPortal.Core.Espi.Inspection;

/// <summary>The words for an ESPI flow direction, as inspect reports and the upload page show them.</summary>
public static class FlowNames
{
    public static string Of(int? flowDirection) => flowDirection switch
    {
        null => "unspecified",
        FlowDirections.Forward => "delivered",
        FlowDirections.Reverse => "received",
        FlowDirections.Net => "net",
        FlowDirections.Total => "total",
        _ => $"flow {flowDirection}",
    };
}
