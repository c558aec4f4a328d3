namespace GbcPortal.EndToEnd.Tests;

/// <summary>Every browser test shares one portal and one Chromium; they run one after another.</summary>
[CollectionDefinition(PortalFixture.Collection)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>;
