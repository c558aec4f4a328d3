namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Parses the small resources (UsagePoint, ReadingType, LocalTimeParameters, summaries).
/// They describe readings rather than carry them, so a bad field here is a warning and a
/// missing value, not a refused feed.
/// </summary>
internal sealed class ResourceParser(XmlCursor cursor, ReaderWarnings warnings)
{
    public (int? Kind, bool KindEmpty) ParseUsagePoint()
    {
        int? kind = null;
        var empty = false;
        foreach (var _ in Children())
        {
            if (!cursor.Is(cursor.Names.ServiceCategory))
            {
                cursor.Skip();
                continue;
            }
            foreach (var __ in Children())
            {
                if (!cursor.Is(cursor.Names.Kind))
                {
                    cursor.Skip();
                    continue;
                }
                kind = TryInt32("ServiceCategory kind");
                empty = kind is null;
            }
        }
        return (kind, empty);
    }

    public ReadingTypeInfo ParseReadingType()
    {
        int? commodity = null, flow = null, uom = null, multiplier = null, interval = null;
        int? kind = null, accumulation = null, currency = null, defaultQuality = null;
        foreach (var _ in Children())
        {
            switch (OurName())
            {
                case "commodity": commodity = TryInt32("commodity"); break;
                case "flowDirection": flow = TryInt32("flowDirection"); break;
                case "uom": uom = TryInt32("uom"); break;
                case "powerOfTenMultiplier": multiplier = TryInt32("powerOfTenMultiplier"); break;
                case "intervalLength": interval = TryInt32("intervalLength"); break;
                case "kind": kind = TryInt32("ReadingType kind"); break;
                case "accumulationBehaviour": accumulation = TryInt32("accumulationBehaviour"); break;
                case "currency": currency = TryInt32("currency"); break;
                case "defaultQuality": defaultQuality = TryInt32("defaultQuality"); break;
                default: cursor.Skip(); break;
            }
        }
        if (multiplier is < -30 or > 30)
        {
            warnings.Add($"powerOfTenMultiplier {multiplier} is implausible; 0 was used");
            multiplier = 0;
        }
        return new ReadingTypeInfo("", commodity, flow, uom ?? 0, multiplier ?? 0, interval, kind, accumulation, currency, defaultQuality);
    }

    public RawLocalTime ParseLocalTime()
    {
        var line = cursor.Line;
        string? tz = null, dst = null, start = null, end = null;
        foreach (var _ in Children())
        {
            switch (OurName())
            {
                case "tzOffset": tz = cursor.ReadString(); break;
                case "dstOffset": dst = cursor.ReadString(); break;
                case "dstStartRule": start = cursor.ReadString(); break;
                case "dstEndRule": end = cursor.ReadString(); break;
                default: cursor.Skip(); break;
            }
        }
        return new RawLocalTime("", tz, dst, start, end, line);
    }

    public RawSummary ParseSummary()
    {
        long? periodStart = null, periodDuration = null, bill = null;
        int? currency = null, uom = null;
        double? consumption = null;
        var multiplier = 0;
        foreach (var _ in Children())
        {
            switch (OurName())
            {
                case "billingPeriod":
                    foreach (var __ in Children())
                    {
                        switch (OurName())
                        {
                            case "start": periodStart = TryInt64("billingPeriod start"); break;
                            case "duration": periodDuration = TryInt64("billingPeriod duration"); break;
                            default: cursor.Skip(); break;
                        }
                    }
                    break;
                case "billLastPeriod": bill = TryInt64("billLastPeriod"); break;
                case "currency": currency = TryInt32("currency"); break;
                case "overallConsumptionLastPeriod":
                    foreach (var __ in Children())
                    {
                        switch (OurName())
                        {
                            case "powerOfTenMultiplier": multiplier = TryInt32("powerOfTenMultiplier") ?? 0; break;
                            case "uom": uom = TryInt32("uom"); break;
                            case "value": consumption = cursor.ReadDouble("value"); break;
                            default: cursor.Skip(); break;
                        }
                    }
                    break;
                default: cursor.Skip(); break;
            }
        }
        return new RawSummary(null, periodStart, periodDuration, consumption, uom, multiplier, bill, currency);
    }

    /// <summary>Visits each child element of the current one; the body must consume it.</summary>
    private IEnumerable<bool> Children()
    {
        if (cursor.Reader.IsEmptyElement)
            yield break;
        var depth = cursor.Reader.Depth;
        while (cursor.NextChild(depth))
            yield return true;
    }

    private string? OurName() => cursor.OurName();

    private int? TryInt32(string what)
    {
        var value = TryInt64(what);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : null;
    }

    private long? TryInt64(string what)
    {
        try
        {
            return cursor.ReadInt64(what, out _);
        }
        catch (EspiFormatException e)
        {
            warnings.Add(e.Message + "; ignored");
            return null;
        }
    }
}
