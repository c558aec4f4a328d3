using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;

namespace GbcPortal.Core.Tests.Usage;

public sealed class StatusSentencesTests
{
    public static TheoryData<ReasonCode> Codes => [.. Enum.GetValues<ReasonCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryReasonCode_HasItsOwnSentence(ReasonCode code)
    {
        var sentence = StatusSentences.For(code);

        Assert.Matches(@"^[A-Z].*\.$", sentence);
        Assert.DoesNotContain(Enum.GetValues<ReasonCode>().Where(c => c != code), other => StatusSentences.For(other) == sentence);
    }

    [Fact]
    public void Staff_ReadTheSentence_ThenTheUtilitysOwnWords()
    {
        Assert.Equal($"{StatusSentences.For(ReasonCode.ServiceInactive)} The utility said: “Meter removed”",
            StatusSentences.ForStaff(ReasonCode.ServiceInactive, "Meter removed"));
        Assert.Equal(StatusSentences.For(ReasonCode.NoData), StatusSentences.ForStaff(ReasonCode.NoData, null));
        Assert.Equal("The utility said: “Gateway says no”", StatusSentences.ForStaff(ReasonCode.Other, "Gateway says no"));
        Assert.Null(StatusSentences.ForStaff(null, null));
    }
}
