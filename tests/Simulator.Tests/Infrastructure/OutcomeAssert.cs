using GbcPortal.Core.Requests;

namespace GbcPortal.Simulator.Tests.Infrastructure;

public static class OutcomeAssert
{
    /// <summary>Asserts the outcome's kind (its text in the failure message) and returns it.</summary>
    public static UtilityOutcome Is(UtilityOutcomeKind kind, UtilityOutcome outcome)
    {
        Assert.True(outcome.Kind == kind, $"Expected {kind}, got {outcome}");
        return outcome;
    }
}
