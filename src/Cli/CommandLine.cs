namespace GbcPortal.Cli;

/// <summary>
/// A command's arguments split into positionals, flags and valued options. Deliberately small:
/// each command names the flags and options it knows, anything else is an error.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    /// <summary>Null when the arguments parse, else a one-line reason.</summary>
    public string? Error { get; private set; }

    /// <param name="args">The arguments after the command words.</param>
    /// <param name="flags">Switches without a value, e.g. <c>--json</c>.</param>
    /// <param name="options">Options that take a value, with aliases mapped to one name, e.g. <c>-o</c> → <c>--output</c>.</param>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyDictionary<string, string> options)
    {
        var result = new CommandLine();
        for (var i = 0; i < args.Count && result.Error is null; i++)
        {
            var arg = args[i];
            if (flags.Contains(arg))
                result._flags.Add(arg);
            else if (options.TryGetValue(arg, out var name))
            {
                if (i + 1 >= args.Count)
                    result.Error = $"option {arg} needs a value";
                else
                    result._options[name] = args[++i];
            }
            else if (arg.StartsWith('-') && arg != "-")
                result.Error = $"unknown option '{arg}'";
            else
                result.Positionals.Add(arg);
        }
        return result;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Option(string name) => _options.GetValueOrDefault(name);
}
