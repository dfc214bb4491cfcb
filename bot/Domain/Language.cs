namespace ReleaseBot.Domain;

/// <summary>The two languages of the product.</summary>
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
