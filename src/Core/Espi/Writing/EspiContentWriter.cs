using System.Globalization;
using System.Xml;

namespace GbcPortal.Core.Espi.Writing;

/// <summary>
/// Writes the ESPI resources inside Atom content. Child elements follow the sequence order of
/// espi.xsd exactly: the schema is a sequence, so order is part of validity.
/// </summary>
internal sealed class EspiContentWriter(XmlWriter xml)
{
    private const string Ns = AtomWriter.EspiNs;
    private const int DataQualifierNormal = 12;
    private const int PhaseNone = 0;
    private const int TimeAttributeNone = 0;

    public void UsagePoint(UsagePointInfo usagePoint)
    {
        xml.WriteStartElement("UsagePoint", Ns);
        if (usagePoint.Kind != ServiceKind.Unknown)
        {
            xml.WriteStartElement("ServiceCategory", Ns);
            Number("kind", (int)usagePoint.Kind);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    public void LocalTimeParameters(LocalTimeParameters local)
    {
        xml.WriteStartElement("LocalTimeParameters", Ns);
        xml.WriteElementString("dstEndRule", Ns, local.DstEndRule.ToString("X8", CultureInfo.InvariantCulture));
        Number("dstOffset", local.DstOffsetSeconds);
        xml.WriteElementString("dstStartRule", Ns, local.DstStartRule.ToString("X8", CultureInfo.InvariantCulture));
        Number("tzOffset", local.TzOffsetSeconds);
        xml.WriteEndElement();
    }

    public void MeterReading() => xml.WriteElementString("MeterReading", Ns, null);

    public void ReadingType(ReadingTypeInfo type)
    {
        xml.WriteStartElement("ReadingType", Ns);
        Optional("accumulationBehaviour", type.Accumulation);
        Optional("commodity", type.Commodity);
        Optional("currency", type.Currency);
        Number("dataQualifier", DataQualifierNormal);
        Optional("flowDirection", type.FlowDirection);
        Optional("intervalLength", type.IntervalLengthSeconds);
        Optional("kind", type.Kind);
        Number("phase", PhaseNone);
        Number("powerOfTenMultiplier", type.PowerOfTenMultiplier);
        Number("timeAttribute", TimeAttributeNone);
        Number("uom", type.Uom);
        xml.WriteEndElement();
    }

    public void IntervalBlock(DayBlock block, int multiplier)
    {
        xml.WriteStartElement("IntervalBlock", Ns);
        Interval("interval", block.Start, (long)(block.End - block.Start).TotalSeconds);
        foreach (var reading in block.Readings)
        {
            xml.WriteStartElement("IntervalReading", Ns);
            if (reading.Cost is { } cost)
                Number("cost", EspiNumbers.ToHundredThousandths(cost));
            foreach (var code in reading.Quality.Codes())
            {
                xml.WriteStartElement("ReadingQuality", Ns);
                Number("quality", code);
                xml.WriteEndElement();
            }
            Interval("timePeriod", reading.Start, reading.DurationSeconds);
            Number("value", EspiNumbers.ToRaw(reading.Value, multiplier));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    public void UsageSummary(UsageSummaryInfo summary, DateTimeOffset statusTime)
    {
        xml.WriteStartElement("UsageSummary", Ns);
        Interval("billingPeriod", summary.PeriodStart, summary.PeriodDurationSeconds);
        if (summary.BillAmount is { } bill)
            Number("billLastPeriod", EspiNumbers.ToHundredThousandths(bill));
        Optional("currency", summary.Currency);
        if (summary.ConsumptionValue is { } consumption)
        {
            var multiplier = EspiNumbers.SummaryMultiplier(consumption);
            xml.WriteStartElement("overallConsumptionLastPeriod", Ns);
            Number("powerOfTenMultiplier", multiplier);
            Optional("uom", UnitOfMeasure.CodeOf(summary.ConsumptionUnit));
            Number("value", EspiNumbers.ToRaw(consumption, multiplier));
            xml.WriteEndElement();
        }
        Number("statusTimeStamp", statusTime.ToUnixTimeSeconds());
        xml.WriteEndElement();
    }

    private void Interval(string name, DateTimeOffset start, long durationSeconds)
    {
        xml.WriteStartElement(name, Ns);
        Number("duration", durationSeconds);
        Number("start", start.ToUnixTimeSeconds());
        xml.WriteEndElement();
    }

    private void Optional(string name, int? value)
    {
        if (value is { } v)
            Number(name, v);
    }

    private void Number(string name, long value) =>
        xml.WriteElementString(name, Ns, value.ToString(CultureInfo.InvariantCulture));
}
