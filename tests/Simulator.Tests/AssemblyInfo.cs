// The utility and its clients share two dev certificate sets made once for the run (RSA key generation is slow).
[assembly: AssemblyFixture(typeof(GbcPortal.Testing.CertificatesFixture))]
