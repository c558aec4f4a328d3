using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Accounts;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// <c>staff add EMAIL</c> and <c>staff remove EMAIL</c>: the first staff account of a deployment, made
/// with the portal's own configuration and database, without a seeded password. The password is read
/// from standard input (a line) when it is not a terminal, else asked for without echo.
/// </summary>
public sealed record StaffCommand(string Verb, string Email)
{
    public const string Usage = "usage: staff add EMAIL | staff remove EMAIL (the password of 'add' is read from standard input)";

    /// <summary>The command in <paramref name="args"/>, if they start with <c>staff</c>; the rest are host settings.</summary>
    public static bool TryParse(string[] args, out StaffCommand? command, out string[] hostArgs)
    {
        command = null;
        hostArgs = args;
        if (args.Length == 0 || args[0] != "staff")
            return false;
        hostArgs = args.Length > 3 ? args[3..] : [];
        if (args.Length >= 3 && args[1] is "add" or "remove" && args[2].Contains('@'))
            command = new StaffCommand(args[1], args[2]);
        return true;
    }

    public async Task<int> RunAsync(IServiceProvider services, TextReader input, TextWriter output, TextWriter error)
    {
        try
        {
            await services.InitializeDatabaseAsync();
            await using var scope = services.CreateAsyncScope();
            var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            var outcome = Verb == "add"
                ? await staff.AddAsync(Email, ReadPassword(input, error))
                : await staff.RemoveAsync(Email);
            await output.WriteLineAsync($"{Email}: {outcome}");
            return 0;
        }
        catch (StaffAccountException e)
        {
            await error.WriteLineAsync($"staff {Verb} {Email}: {e.Message}");
            return 1;
        }
    }

    private static string? ReadPassword(TextReader input, TextWriter error)
    {
        if (Console.IsInputRedirected)
            return input.ReadLine()?.TrimEnd('\r');
        error.Write("Password: ");
        var password = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
                password.Length--;
            else if (!char.IsControl(key.KeyChar))
                password.Append(key.KeyChar);
        }
        error.WriteLine();
        return password.ToString();
    }
}
