namespace GbcPortal.Core.Espi;

/// <summary>ESPI flowDirection codes that matter for electricity.</summary>
public static class FlowDirections
{
    /// <summary>Delivered to the customer (consumption).</summary>
    public const int Forward = 1;

    /// <summary>Net of delivered and received.</summary>
    public const int Net = 4;

    /// <summary>Received from the customer (solar export).</summary>
    public const int Reverse = 19;

    /// <summary>Total of delivered and received.</summary>
    public const int Total = 20;
}
