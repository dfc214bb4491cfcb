namespace ReleaseBot.Domain;

/// <summary>
/// A catalog item as someone enters it (the API, the desk file): its code is its id in the source catalog. The one
/// place for the rules of an item; <see cref="ApplyTo"/> writes it into a new or existing item, which it also brings back
/// if it was retired.
/// </summary>
public sealed record CatalogEntry(CatalogKind Kind, string? Code, string? Title, string? Version = null, string? Location = null,
    string? Email = null, string? AadObjectId = null)
{
    public const int MaxCode = 50;
    public const int MaxTitle = 200;
    public const int MaxVersion = 50;
    public const int MaxLocation = 500;

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        Check("externalId", Code, MaxCode, required: true);
        Check("title", Title, MaxTitle, required: true);
        Check("version", Version, MaxVersion, required: false);
        Check("location", Location, MaxLocation, required: false);
        if (Kind != CatalogKind.DefinitiveMedia && (Version ?? Location) is not null) errors.Add(new("version", InputProblem.NotInList));
        if (Kind != CatalogKind.Person && (Email ?? AadObjectId) is not null) errors.Add(new("email", InputProblem.NotInList));
        if (!string.IsNullOrWhiteSpace(Email) && !Input.IsEmail(Email.Trim())) errors.Add(new("email", InputProblem.InvalidIdentity));
        if (!string.IsNullOrWhiteSpace(AadObjectId) && !Input.IsEntraObjectId(AadObjectId.Trim())) errors.Add(new("aadObjectId", InputProblem.InvalidIdentity));
        return errors;

        void Check(string field, string? value, int max, bool required)
        {
            Input.Text(value, max, required, out var problem);
            if (problem is { } p) errors.Add(new(field, p));
        }
    }

    /// <summary>Writes a valid entry into an item (call <see cref="Validate"/> first).</summary>
    public LinkableItem ApplyTo(LinkableItem? item)
    {
        item ??= new LinkableItem { Kind = Kind, Code = Code!.Trim(), Title = "" };
        item.Title = Title!.Trim();
        item.Version = Blank(Version);
        item.Location = Blank(Location);
        item.Email = Blank(Email);
        item.AadObjectId = Blank(AadObjectId)?.ToLowerInvariant();
        item.RetiredAt = null;
        return item;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
