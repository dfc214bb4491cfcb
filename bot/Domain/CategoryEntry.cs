namespace ReleaseBot.Domain;

/// <summary>A solution category as someone enters it, in the whole tree they give: its key, its names, its parent's key.</summary>
public sealed record CategoryEntry(string? Key, string? En, string? PtBr, string? Parent = null)
{
    public const int MaxKey = 50;
    public const int MaxName = 100;

    /// <summary>The problems of a whole tree: each entry's fields (by position), keys given twice, parents not in the tree, cycles.</summary>
    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<CategoryEntry?> tree)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < tree.Count; i++)
        {
            var entry = tree[i] ?? new CategoryEntry(null, null, null);
            Check($"categories[{i}].key", entry.Key, MaxKey);
            Check($"categories[{i}].en", entry.En, MaxName);
            Check($"categories[{i}].ptBr", entry.PtBr, MaxName);
        }
        var keys = tree.Select(e => e?.Key?.Trim()).ToList();
        for (var i = 0; i < tree.Count; i++)
        {
            if (keys[i] is { Length: > 0 } key && keys.IndexOf(key) != i) errors.Add(new($"categories[{i}].key", InputProblem.NotInList));
            var parent = tree[i]?.Parent?.Trim();
            if (string.IsNullOrEmpty(parent)) continue;
            if (!keys.Contains(parent)) errors.Add(new($"categories[{i}].parent", InputProblem.NotInList));
            else if (InCycle(tree, keys, i)) errors.Add(new($"categories[{i}].parent", InputProblem.OutOfRange));
        }
        return errors;

        void Check(string field, string? value, int max)
        {
            Input.Text(value, max, required: true, out var problem);
            if (problem is { } p) errors.Add(new(field, p));
        }
    }

    /// <summary>Whether following the parents from an entry never reaches a root.</summary>
    private static bool InCycle(IReadOnlyList<CategoryEntry?> tree, List<string?> keys, int start)
    {
        var at = start;
        for (var steps = 0; steps <= tree.Count; steps++)
        {
            at = tree[at]?.Parent?.Trim() is { Length: > 0 } parent ? keys.IndexOf(parent) : -1;
            if (at < 0) return false;
        }
        return true;
    }
}
