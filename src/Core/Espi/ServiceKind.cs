namespace GbcPortal.Core.Espi;

/// <summary>ESPI ServiceKind codes (UsagePoint/ServiceCategory/kind).</summary>
public enum ServiceKind
{
    Unknown = -1,
    Electricity = 0,
    Gas = 1,
    Water = 2,
    Time = 3,
    Heat = 4,
    Refuse = 5,
    Sewerage = 6,
    Rates = 7,
    TvLicence = 8,
    Internet = 9,
}
