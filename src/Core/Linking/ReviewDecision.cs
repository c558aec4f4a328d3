namespace GbcPortal.Core.Linking;

/// <summary>What staff decide about a link under review.</summary>
public enum ReviewDecision
{
    /// <summary>Both accounts keep their links; this one is sent.</summary>
    KeepBoth,

    /// <summary>This link is kept and sent; the other accounts' links to the Service ID are refused.</summary>
    KeepThisOne,

    /// <summary>This link is refused; any earlier link stays as it is.</summary>
    Refuse,
}
