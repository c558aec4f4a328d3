using System.Diagnostics;
using System.Text;

namespace GbcPortal.Production.Tests.Deployment;

/// <summary>
/// The portal as deployed: the output of <c>dotnet publish</c> started as its own process with
/// ASPNETCORE_ENVIRONMENT=Production and its settings in environment variables.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(Process process) => _process = process;

    /// <summary>Standard output and error so far, to explain a failure.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string> environment, Uri readyProbe)
    {
        var process = Create(await Published.Value, environment, []);
        var portal = new PortalProcess(process);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await WaitUntilReadyAsync(process, portal, readyProbe);
            return portal;
        }
        catch
        {
            await portal.DisposeAsync(); // a fixture that fails to start is not disposed: leave no process behind
            throw;
        }
    }

    private static async Task WaitUntilReadyAsync(Process process, PortalProcess portal, Uri readyProbe)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }; // nginx's test certificate
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The portal exited with {process.ExitCode}:\n{portal.Output}");
            try
            {
                if ((await http.GetAsync(readyProbe)).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(300);
        }
        throw new TimeoutException($"The portal did not answer {readyProbe} within 90 s:\n{portal.Output}");
    }

    /// <summary>Runs the portal's program to its end (a command, or a refusal to start): exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string[] arguments, string? input = null)
    {
        using var process = Create(await Published.Value, environment, arguments);
        process.StartInfo.RedirectStandardInput = true;
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
            await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static Process Create(string publishDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = publishDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(publishDirectory, "GbcPortal.Portal.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new Process { StartInfo = start };
    }

    /// <summary>Publishes the already-built portal once per test run, as a deployment would ship it.</summary>
    private static async Task<string> PublishAsync()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var output = Path.Combine(Path.GetTempPath(), $"gbc-production-publish-{Environment.ProcessId}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", RepoPaths.PortalProject, "-c", configuration, "--no-build", "-nologo", "-o", output })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed:\n{await log}\n{await errors}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return output;
    }
}
