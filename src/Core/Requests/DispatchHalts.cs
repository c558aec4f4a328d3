using GbcPortal.Core.Gbc;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// When dispatch stops: staff paused it or a hold runs (read from the <see cref="DispatchControl"/> row; the budget
/// refuses every take meanwhile), or the utility's answers say it should (a run of dropped connections is a refused
/// client certificate, a run of 503s an outage: <see cref="ConnectionDrops"/> counts them in this process).
/// </summary>
public sealed class DispatchHalts(
    IDbContextFactory<PortalDbContext> dbFactory,
    ConnectionDrops drops,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatchHalts> logger)
{
    private readonly DispatchOptions settings = options.Value;

    /// <summary>The stop in force now (paused, or held until a time); null when dispatch may run.</summary>
    public async Task<DispatchResult?> InForceAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var control = await ControlQuery.For(db)(db, cancellationToken);
        if (control.Paused)
        {
            return new DispatchResult(0, null, control.PauseReason ?? DispatchReason.PausedByStaff);
        }

        return control.HoldUntil > time.GetUtcNow() ? new DispatchResult(0, control.HoldUntil) : null;
    }

    // Compiled once: every dispatch run begins with it.
    private static readonly PerModel<Func<PortalDbContext, CancellationToken, Task<DispatchControl>>> ControlQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, CancellationToken _) => db.DispatchControl.AsNoTracking().Single()));

    /// <summary>The budget refused a take because dispatch is paused or held.</summary>
    public static DispatchResult From(BudgetTake halted) =>
        halted.PauseReason is { } reason ? new DispatchResult(0, null, reason) : new DispatchResult(0, halted.NextFreeAt);

    /// <summary>
    /// The answer as the outcome rules should see it: a lone 503 costs its own slot only, several in a row are an outage
    /// and hold everything; a run of dropped connections is treated as a refused certificate.
    /// </summary>
    public UtilityOutcome Classify(UtilityOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case UtilityOutcomeKind.ConnectionDropped:
                return CountDrops(outcome);
            case UtilityOutcomeKind.Unavailable:
                return drops.RecordUnavailable() < settings.UnavailableBeforeHold ? outcome with { HoldsDispatch = false } : outcome;
            default:
                drops.Reset();
                return outcome;
        }
    }

    private UtilityOutcome CountDrops(UtilityOutcome outcome)
    {
        var inARow = drops.Record();
        if (inARow < settings.DropsBeforePause)
        {
            return outcome;
        }

        drops.Reset();
        logger.LogError("The utility closed the connection without an answer {Count} times in a row; pausing dispatch", inARow);
        return new UtilityOutcome(UtilityOutcomeKind.CertificateRefused, DroppedInARow: inARow);
    }
}
