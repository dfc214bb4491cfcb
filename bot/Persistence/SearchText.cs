using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// What searches compare: the searchable words of a release or catalog item in lower case and
/// without accents, kept in a column so that "atualizacao" finds "ATUALIZAÇÃO" on every database engine.
/// </summary>
public static class SearchText
{
    public const string Column = "SearchText";

    public static string Normalize(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string Of(ReleaseRequest release) => Normalize($"{release.Key} {release.Title} {release.Description}");

    /// <summary>The properties a release's search text is made of: a save writes it again only when one of them changed.</summary>
    public static IEnumerable<PropertyEntry> WordsOf(EntityEntry<ReleaseRequest> release) =>
        [release.Property(nameof(ReleaseRequest.Key)), release.Property(nameof(ReleaseRequest.Title)), release.Property(nameof(ReleaseRequest.Description))];

    public static string Of(LinkableItem item) => Normalize($"{item.Code} {item.Title} {item.Version}");
}
