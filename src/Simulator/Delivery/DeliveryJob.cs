using GbcPortal.Simulator.Accounts;

namespace GbcPortal.Simulator.Delivery;

/// <summary>
/// An accepted request waiting for its callback, with the fault draws made when it was
/// accepted. <see cref="Account"/> is the account as it was then: a PIN changed since makes
/// the callback an asynchronous PinMismatch.
/// </summary>
internal sealed record DeliveryJob(
    string RequestId,
    string UtilityRequestId,
    SimAccount Account,
    DateTimeOffset Start,
    DateTimeOffset End,
    Uri CallbackUri,
    string RequestorThumbprint,
    TimeSpan Delay,
    DeliveryMode Mode,
    bool LoseFirstAttempt,
    bool Duplicate,
    bool FailAsynchronously);
