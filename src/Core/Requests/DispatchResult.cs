using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Requests;

/// <summary>
/// What a dispatch run did: how many requests it sent, and when it should run again (when the next
/// budget slot frees, a backoff ends or the off-peak window opens); null when nothing is waiting.
/// <see cref="Halted"/> says why it stopped early (staff pause, certificate refused).
/// </summary>
public sealed record DispatchResult(int Sent, DateTimeOffset? NextRunAt, DispatchReason? Halted = null);
