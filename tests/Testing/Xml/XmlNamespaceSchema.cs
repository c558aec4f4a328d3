namespace GbcPortal.Testing;

/// <summary>
/// atom.xsd imports xml.xsd from the web, which is not reachable here: this local definition of the
/// three xml: attributes stands in for it, for both schema validators (.NET's and xmllint's).
/// </summary>
public static class XmlNamespaceSchema
{
    public const string Text = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
          <xs:attribute name="lang" type="xs:language"/>
          <xs:attribute name="base" type="xs:anyURI"/>
          <xs:attribute name="space">
            <xs:simpleType>
              <xs:restriction base="xs:NCName">
                <xs:enumeration value="default"/>
                <xs:enumeration value="preserve"/>
              </xs:restriction>
            </xs:simpleType>
          </xs:attribute>
        </xs:schema>
        """;
}
