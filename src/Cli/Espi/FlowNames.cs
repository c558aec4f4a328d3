using GbcPortal.Core.Espi;

namespace GbcPortal.Cli.Espi;

internal static class FlowNames
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
