namespace GbcPortal.Core.Espi;

/// <summary>
/// A feed that cannot be read: not XML, truncated, wrong root, a reading without start,
/// duration or value, or hostile input (DTD, oversize, too deep). The message is one line
/// and names the line and position.
/// </summary>
public sealed class EspiFormatException(string message, int lineNumber = 0, int linePosition = 0, Exception? inner = null)
    : Exception(lineNumber > 0 ? $"{message} (line {lineNumber}, position {linePosition})" : message, inner)
{
    public int LineNumber { get; } = lineNumber;

    public int LinePosition { get; } = linePosition;
}
