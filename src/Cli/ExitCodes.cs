namespace GbcPortal.Cli;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input could not be read or the output not written.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;
}
