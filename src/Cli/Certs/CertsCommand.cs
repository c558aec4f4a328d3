using System.Security.Cryptography;
using GbcPortal.Core.Gbc.Certificates;

namespace GbcPortal.Cli.Certs;

/// <summary>
/// <c>gbc certs dev --out DIR [--force]</c>: the development CA and the four TLS certificates of
/// gbc-protocol.md. Existing files are kept unless --force; each file is listed as written or kept.
/// </summary>
public sealed class CertsCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    private static readonly Dictionary<string, string> Options = new() { ["--out"] = "--out" };

    public int Run(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args, ["--force"], Options);
        var directory = line.Option("--out");
        var error = line.Error ?? (directory is null || line.Positionals.Count > 0 ? "expected --out DIR and nothing else" : null);
        if (error is not null)
        {
            stderr.WriteLine($"gbc certs dev: {error}; usage: gbc certs dev --out DIR [--force]");
            return ExitCodes.Usage;
        }

        var files = ExpectedFiles(Path.GetFullPath(directory!));
        try
        {
            var before = files.ToDictionary(f => f, Fingerprint);
            var set = DevCertificates.EnsureCreated(directory!, line.Has("--force"));
            foreach (var cert in new[] { set.Ca, set.UtilityServer, set.UtilityClient, set.PortalServer, set.PortalClient })
                cert.Dispose();

            var written = 0;
            foreach (var file in files)
            {
                var changed = before[file] is null || !before[file]!.AsSpan().SequenceEqual(Fingerprint(file));
                written += changed ? 1 : 0;
                stdout.WriteLine($"{(changed ? "written" : "kept   ")}  {file}");
            }
            stderr.WriteLine($"{written} written, {files.Count - written} kept in {set.Directory}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            stderr.WriteLine($"gbc: {directory}: cannot create certificates: {GbcCli.OneLine(e.Message)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The CA's .crt and .key and every leaf's .pfx, .crt and .key.</summary>
    public static List<string> ExpectedFiles(string directory) =>
    [
        Path.Combine(directory, DevCertificateSet.CaName + ".crt"),
        Path.Combine(directory, DevCertificateSet.CaName + ".key"),
        .. DevCertificateSet.LeafNames.SelectMany(n => new[] { ".pfx", ".crt", ".key" }.Select(ext => Path.Combine(directory, n + ext))),
    ];

    private static byte[]? Fingerprint(string file) => File.Exists(file) ? SHA256.HashData(File.ReadAllBytes(file)) : null;
}
