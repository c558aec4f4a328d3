namespace GbcPortal.Core.Gbc;

/// <summary>The headers a utility's callback carries (gbc-protocol.md, Response transaction); both sides use these.</summary>
public static class CallbackHeaders
{
    /// <summary>The Requestor's requestId, echoed back.</summary>
    public const string RequestId = "X-GBC-Request-Id";

    /// <summary>The utility's own id of the request (its receipt's utilityRequestId).</summary>
    public const string UtilityRequestId = "X-GBC-Utility-Request-Id";
}
