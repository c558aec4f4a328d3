using MudBlazor;

namespace GbcPortal.Portal.Components.Layout;

/// <summary>
/// A calm, utility-grade theme: one deep blue, neutral greys, and colours that keep a contrast of
/// at least 4.5:1 for text. System fonts only, so no page waits for a font from a CDN.
/// </summary>
public static class PortalTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f7a",
            PrimaryContrastText = "#ffffff",
            Secondary = "#2f6b3a",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#8a4b00",
            Info = "#1f5fa8",
            Success = "#2e6b33",
            Warning = "#8a5300",
            Error = "#b3261e",
            AppbarBackground = "#1d4f7a",
            AppbarText = "#ffffff",
            Background = "#f5f7f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2933",
            DrawerIcon = "#3e4c59",
            TextPrimary = "#1f2933",
            TextSecondary = "#4a5763",
            ActionDefault = "#3e4c59",
            LinesDefault = "#d5dbe1",
            TableLines = "#e4e7eb",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            H1 = new H1Typography { FontFamily = SystemFonts },
            H2 = new H2Typography { FontFamily = SystemFonts },
            H3 = new H3Typography { FontFamily = SystemFonts },
            H4 = new H4Typography { FontFamily = SystemFonts, FontSize = "1.75rem", FontWeight = "600" },
            H5 = new H5Typography { FontFamily = SystemFonts, FontSize = "1.35rem", FontWeight = "600" },
            H6 = new H6Typography { FontFamily = SystemFonts, FontSize = "1.1rem", FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = SystemFonts, TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
