using GbcPortal.Core.Tests.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>
/// A test of the request pipeline on a real SQLite file: one account, a clock at 18:00 UTC on
/// 26 November 2025 (10 am Pacific) and a scripted utility, wired as <see cref="Requests.Pipeline"/>.
/// </summary>
public abstract class PipelineTest(string ownerEmail = "a@example.com") : IAsyncLifetime
{
    protected TempDatabase Database { get; private set; } = null!;

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected ScriptedUtilityClient Utility { get; private set; } = null!;

    protected Pipeline Pipeline { get; set; } = null!;

    /// <summary>The user id of the account made for the test.</summary>
    protected string Owner { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TempDatabase.CreateAsync();
        Owner = await Database.AddUserAsync(ownerEmail);
        Time = Pipeline.ClockAt("2025-11-26T18:00:00Z");
        Utility = new ScriptedUtilityClient(Time);
        Pipeline = new Pipeline(Database.Factory, Time, Utility);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
