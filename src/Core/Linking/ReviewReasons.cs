namespace GbcPortal.Core.Linking;

/// <summary>Why a link waits for staff (stored in <c>ServiceLink.ReviewReason</c>); the sentences are in <see cref="LinkMessages"/>.</summary>
public static class ReviewReasons
{
    /// <summary>Another account holds a live link to the same Service ID.</summary>
    public const string SharedServiceId = "SharedServiceId";

    /// <summary>The Service ID is held after too many wrong PINs, and this account did not make them.</summary>
    public const string HeldServiceId = "HeldServiceId";

    /// <summary>Staff refused this account's link to the Service ID before.</summary>
    public const string RefusedBefore = "RefusedBefore";
}
