using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Layout;
using GbcPortal.Portal.Components.Shared;
using MudBlazor;
using MudBlazor.Utilities;

namespace GbcPortal.Portal.Tests.Shared;

/// <summary>
/// Every status chip and every theme colour used for text keeps WCAG AA contrast (4.5:1). The
/// chip's colours are read back from the classes it renders and looked up in the portal theme, and
/// the ratio is the WCAG 2 formula worked out here, independently of MudBlazor.
/// </summary>
public sealed class StatusChipContrastTests : PortalTestContext
{
    private static readonly Palette Palette = PortalTheme.Theme.PaletteLight;

    public static TheoryData<ServiceStatus> Statuses => new(Enum.GetValues<ServiceStatus>());

    [Theory]
    [MemberData(nameof(Statuses))]
    public void StatusChip_TextHasAtLeast4_5To1(ServiceStatus status)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status)).Find("[data-testid=status-chip]");

        var color = Enum.GetNames<Color>().Single(n => chip.ClassList.Contains($"mud-chip-color-{n.ToLowerInvariant()}"));
        var filled = chip.ClassList.Contains("mud-chip-filled");
        var (text, background) = (color, filled) switch
        {
            ("Default", true) => (Palette.TextPrimary, Over(Palette.ActionDisabledBackground, Palette.Surface)),
            ("Default", false) => (Palette.TextPrimary, Palette.Surface),
            (_, true) => (PaletteColor(color + "ContrastText"), PaletteColor(color)),
            _ => (PaletteColor(color), Palette.Surface),
        };

        Assert.True(Contrast(text, background) >= 4.5,
            $"{status}: {text} on {background} is {Contrast(text, background):0.00}:1");
    }

    [Fact]
    public void StatusChip_CarriesTheClassThatTurnsOffTheColourFade()
    {
        // app.css: ".mud-chip.status-chip { transition: none; }" — mid-fade between Pending's grey
        // and Submitted's blue, white text fell to 2.64:1.
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, ServiceStatus.Submitted)).Find("[data-testid=status-chip]");
        Assert.Contains("status-chip", chip.ClassList);
        Assert.Contains(".mud-chip.status-chip", File.ReadAllText(AppCss()));
    }

    // Found from this source file, since test binaries may be built outside the repository.
    private static string AppCss([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Portal", "wwwroot", "app.css"));

    [Theory]
    [InlineData("Primary")]
    [InlineData("Secondary")]
    [InlineData("Tertiary")]
    [InlineData("Info")]
    [InlineData("Success")]
    [InlineData("Warning")]
    [InlineData("Error")]
    public void ThemeColour_ReadsOnItsContrastText_AndAsTextOnThePage(string name)
    {
        Assert.True(Contrast(PaletteColor(name + "ContrastText"), PaletteColor(name)) >= 4.5, $"{name} contrast text");
        Assert.True(Contrast(PaletteColor(name), Palette.Surface) >= 4.5, $"{name} on the surface");
        Assert.True(Contrast(PaletteColor(name), Palette.Background) >= 4.5, $"{name} on the background");
    }

    [Fact]
    public void Contrast_MatchesKnownPairs()
    {
        // Black on white is 21:1; the pair axe reported (white on #84a2c4) is 2.64:1.
        Assert.Equal(21.0, Contrast(new MudColor("#000000"), new MudColor("#ffffff")), 2);
        Assert.Equal(2.64, Contrast(new MudColor("#ffffff"), new MudColor("#84a2c4")), 2);
    }

    private static MudColor PaletteColor(string name) =>
        (MudColor)Palette.GetType().GetProperty(name)!.GetValue(Palette)!;

    // An alpha colour as the browser paints it over an opaque one.
    private static MudColor Over(MudColor top, MudColor under)
    {
        var a = top.A / 255.0;
        byte Mix(byte t, byte u) => (byte)Math.Round(t * a + u * (1 - a));
        return new MudColor(Mix(top.R, under.R), Mix(top.G, under.G), Mix(top.B, under.B), (byte)255);
    }

    private static double Contrast(MudColor a, MudColor b)
    {
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static double Luminance(MudColor c)
    {
        static double Channel(byte v)
        {
            var s = v / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }
}
