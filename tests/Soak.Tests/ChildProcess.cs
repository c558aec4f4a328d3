using System.Diagnostics;

namespace GbcPortal.Soak.Tests;

/// <summary>
/// One built app run as its own process (<c>dotnet App.dll --key=value …</c>), its output appended to a log
/// file, killed with SIGKILL and started again with the same command line.
/// </summary>
public sealed class ChildProcess(string name, string dll, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> environment, string logFile)
    : IDisposable
{
    private Process? process;

    public string Name { get; } = name;

    public string LogFile { get; } = logFile;

    public int Pid => process?.Id ?? 0;

    public bool Running => process is { HasExited: false };

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        var log = new StreamWriter(new FileStream(LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (gate)
                log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) => Write($"==== {Name} exited");
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Write($"==== {Name} started, pid {process.Id}, {DateTimeOffset.UtcNow:O}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no clean-up, connections dropped mid-statement.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>Waits until <paramref name="url"/> answers at all (any status): the app is listening.</summary>
    public async Task WaitUntilAnswersAsync(Uri url, TimeSpan patience)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            if (process is { HasExited: true })
                throw new InvalidOperationException($"{Name} exited during start-up:\n{Tail()}");
            try
            {
                using var response = await http.GetAsync(url);
                return;
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < until)
            {
            }
            catch (TaskCanceledException) when (DateTimeOffset.UtcNow < until)
            {
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The end of the log, to explain a failure.</summary>
    public string Tail(int lines = 60)
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        process = null;
    }
}
