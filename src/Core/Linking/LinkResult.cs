namespace GbcPortal.Core.Linking;

public enum LinkResultKind
{
    /// <summary>A new link and its plan were created.</summary>
    Created,

    /// <summary>The customer's own link got the new PIN; requests held for the PIN were re-queued.</summary>
    Updated,

    /// <summary>The input is not valid; see <see cref="LinkResult.Field"/> and <see cref="LinkResult.Error"/>.</summary>
    Invalid,

    /// <summary>No such link for this customer.</summary>
    NotFound,

    /// <summary>
    /// Not sent to the utility: a hold after too many refusals, the account's link limit, or the same PIN the
    /// utility just refused. <see cref="LinkResult.Error"/> says why and when to try again.
    /// </summary>
    Refused,
}

/// <summary>
/// What linking did. <see cref="NeedsReview"/>: the link waits for staff before anything is sent (the Service ID
/// is live on another account, or held after wrong PINs).
/// </summary>
public sealed record LinkResult(LinkResultKind Kind, int? LinkId = null, bool NeedsReview = false, string? Field = null, string? Error = null)
{
    public bool Succeeded => Kind is LinkResultKind.Created or LinkResultKind.Updated;

    public static LinkResult Invalid(string field, string error) => new(LinkResultKind.Invalid, Field: field, Error: error);

    public static LinkResult Refused(string error) => new(LinkResultKind.Refused, Error: error);

    public static LinkResult NotFound { get; } = new(LinkResultKind.NotFound, Error: "No such linked service.");
}
