namespace GbcPortal.Cli;

/// <summary>One <c>gbc</c> sub-command. Output goes to the writers it was made with, so tests run it in-process.</summary>
public interface ICommand
{
    /// <summary>Runs with the arguments after the command words; returns the process exit code.</summary>
    int Run(IReadOnlyList<string> args);
}
