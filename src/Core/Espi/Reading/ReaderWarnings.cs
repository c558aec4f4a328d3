namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Distinct warnings in the order first seen, capped so that a feed with a quirk on every
/// reading cannot grow the list without bound; repeated quirks are counted, not repeated.
/// </summary>
internal sealed class ReaderWarnings(int max)
{
    private readonly List<string> _messages = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _dropped;

    public void Add(string message)
    {
        if (_seen.Contains(message))
            return;
        if (_messages.Count >= max)
        {
            _dropped++;
            return;
        }
        _seen.Add(message);
        _messages.Add(message);
    }

    public IReadOnlyList<string> ToList()
    {
        var result = new List<string>(_messages);
        if (_dropped > 0)
            result.Add($"{_dropped} further warnings were not kept");
        return result;
    }
}
