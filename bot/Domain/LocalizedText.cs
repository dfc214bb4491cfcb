namespace ReleaseBot.Domain;

/// <summary>A name kept as data in both of the product's languages.</summary>
public sealed record LocalizedText(string En, string PtBr)
{
    public string In(string language) => language == Language.PortugueseBrazil ? PtBr : En;
}
