using System.Globalization;
using GbcPortal.Core.Usage;

namespace GbcPortal.Portal.Components.Pages.Usage;

/// <summary>How a period and its parts are named on the usage page.</summary>
public static class UsageLabels
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Period(UsageView view, DateOnly first) => view switch
    {
        UsageView.Day => first.ToString("dddd, MMMM d, yyyy", English),
        UsageView.Week => $"Week of {first.ToString("MMMM d, yyyy", English)}",
        UsageView.Month => first.ToString("MMMM yyyy", English),
        _ => first.Year.ToString(English),
    };

    public static string Unit(UsageView view) => view switch
    {
        UsageView.Day => "day",
        UsageView.Week => "week",
        UsageView.Month => "month",
        _ => "year",
    };

    public static string Change(double? percent) => percent switch
    {
        null => "",
        > 0 => $"{percent.Value.ToString("0.0", English)}% more",
        < 0 => $"{(-percent.Value).ToString("0.0", English)}% less",
        _ => "the same",
    };
}
