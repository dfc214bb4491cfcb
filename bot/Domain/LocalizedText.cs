namespace ReleaseBot.Domain;

/// <summary>A name kept as data in both of the product's languages.</summary>
public sealed record LocalizedText(string En, string PtBr)
{
    public string In(string language) => language == Language.PortugueseBrazil ? PtBr : En;
}

public static class Language
{
    public const string English = "en";
    public const string PortugueseBrazil = "pt-BR";

    /// <summary>pt-* means Brazilian Portuguese; everything else is answered in English.</summary>
    public static string FromLocale(string? locale) =>
        locale is not null && (locale.Equals("pt", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("pt-", StringComparison.OrdinalIgnoreCase))
            ? PortugueseBrazil
            : English;
}
