using System.Globalization;
using System.Resources;

namespace ReleaseBot.Localization;

/// <summary>The strings a person sees, in one language (en or pt-BR), from Strings.resx and Strings.pt-BR.resx.</summary>
public sealed class Texts
{
    private static readonly ResourceManager Resources = new("ReleaseBot.Localization.Strings", typeof(Texts).Assembly);
    private static readonly Texts EnglishTexts = new(Domain.Language.English);
    private static readonly Texts PortugueseTexts = new(Domain.Language.PortugueseBrazil);

    private Texts(string language)
    {
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language);
    }

    public string Language { get; }
    public CultureInfo Culture { get; }

    public static Texts For(string language) => language == Domain.Language.PortugueseBrazil ? PortugueseTexts : EnglishTexts;

    public static Texts ForLocale(string? locale) => For(Domain.Language.FromLocale(locale));

    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"No text '{key}' in {Language}.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);
}
