using GbcPortal.Core.Gbc;

namespace GbcPortal.Core.Requests;

/// <summary>
/// The utility's request transaction, as the dispatcher needs it. Implemented by <see cref="GbcClient"/>
/// (src/Core/Gbc). An implementation sends exactly one HTTP request per call and does not retry
/// on its own: every request counts against the utility's rate limit, and the dispatcher only sends
/// what the global budget allows. Transport failures come back as <see cref="UtilityOutcomeKind.Unavailable"/>.
/// </summary>
public interface IUtilityClient
{
    Task<UtilityOutcome> SubmitAsync(UsageRequest request, CancellationToken cancellationToken);
}
