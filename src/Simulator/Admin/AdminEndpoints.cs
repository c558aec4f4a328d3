using System.Net;
using GbcPortal.Simulator.Accounts;
using GbcPortal.Simulator.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GbcPortal.Simulator.Admin;

/// <summary>The admin API of gbc-protocol.md: plain HTTP, loopback callers only, never on the TLS listener.</summary>
internal static class AdminEndpoints
{
    public static void MapSimulatorAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/sim").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.IsHttps)
                return Results.NotFound();
            var remote = http.Connection.RemoteIpAddress;
            return remote is not null && IPAddress.IsLoopback(remote) ? await next(context) : Results.StatusCode(StatusCodes.Status403Forbidden);
        });

        admin.MapPost("/accounts", (AccountOptions body, AccountStore accounts) =>
        {
            if (body.Problem() is { } problem)
                return Results.BadRequest(new AdminError(problem));
            accounts.Upsert(SimAccount.From(body));
            return Results.Created($"/sim/accounts/{body.ServiceId}", AccountView.Of(accounts.Find(body.ServiceId)!));
        });
        admin.MapGet("/accounts", (AccountStore accounts) => accounts.All.Select(AccountView.Of));
        admin.MapPut("/accounts/{serviceId}/pin", (string serviceId, PinChange body, AccountStore accounts) =>
        {
            if (body.Pin is not { Length: >= 1 and <= 32 })
                return Results.BadRequest(new AdminError("pin is 1 to 32 characters."));
            return accounts.Update(serviceId, a => a with { Pin = body.Pin }) ? Results.NoContent() : Results.NotFound();
        });
        admin.MapDelete("/accounts/{serviceId}/pin", (string serviceId, AccountStore accounts) =>
            accounts.Update(serviceId, a => a with { Pin = null }) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/accounts/{serviceId}/deactivate", (string serviceId, AccountStore accounts) =>
            accounts.Update(serviceId, a => a with { Active = false }) ? Results.NoContent() : Results.NotFound());
        admin.MapGet("/accounts/{serviceId}/usage", (string serviceId, long? start, long? end, AccountStore accounts, UsageData data) =>
        {
            var account = accounts.Find(serviceId);
            if (account is null)
                return Results.NotFound();
            if (start is null || end is null || end < start || start < 0 || end > 253402300799)
                return Results.BadRequest(new AdminError("start and end are epoch seconds with start <= end."));
            var totals = data.Totals(account, DateTimeOffset.FromUnixTimeSeconds(start.Value), DateTimeOffset.FromUnixTimeSeconds(end.Value));
            return Results.Ok(new UsageView(totals.ToDictionary(t => t.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), t => t.Value)));
        });
        admin.MapGet("/faults", (FaultState faults) => faults.Current);
        admin.MapPut("/faults", (FaultKnobs body, FaultState faults) =>
        {
            if (body.Problem() is { } problem)
                return Results.BadRequest(new AdminError(problem));
            faults.Set(body);
            return Results.Ok(body);
        });
        admin.MapGet("/metrics", (SimulatorMetrics metrics) => metrics.Snapshot());
        admin.MapGet("/metrics/services/{serviceId}", (string serviceId, SimulatorMetrics metrics) => metrics.For(serviceId));
        admin.MapGet("/requests", (SimulatorMetrics metrics) => metrics.Requests());
    }
}
