namespace ReleaseBot.Domain;

/// <summary>
/// A flow as someone enters it (the API, the desk file): its steps in order, the first one first. The one place for the
/// rules of a flow: every step named once, every next step in the flow, every step reachable from the first, and an end.
/// </summary>
public sealed record FlowDefinition(IReadOnlyList<StepEntry?> Steps)
{
    public const int MaxSteps = 30;

    /// <summary>The problems, named by field ("steps[2].next"); the flow-wide ones under "steps".</summary>
    public IReadOnlyList<FieldError> Validate(IReadOnlyCollection<string> groupNames)
    {
        var errors = new List<FieldError>();
        if (Steps.Count == 0) return [new("steps", InputProblem.Required)];
        if (Steps.Count > MaxSteps) return [new("steps", InputProblem.TooLong)];
        var keys = Steps.Select(s => s?.Key?.Trim()).ToList();
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i] ?? new StepEntry(null, null, null, null, null, null, null);
            var at = $"steps[{i}]";
            Check($"{at}.key", step.Key, StepEntry.MaxKey);
            Check($"{at}.en", step.En, StepEntry.MaxName);
            Check($"{at}.ptBr", step.PtBr, StepEntry.MaxName);
            if (keys[i] is { Length: > 0 } key && keys.IndexOf(key) != i) errors.Add(new($"{at}.key", InputProblem.NotInList));
            if (!string.IsNullOrWhiteSpace(step.Group) && !groupNames.Contains(step.Group.Trim(), StringComparer.OrdinalIgnoreCase))
                errors.Add(new($"{at}.group", InputProblem.NotInList));
            if (Blank(step.Next) is { } next && !keys.Contains(next)) errors.Add(new($"{at}.next", InputProblem.NotInList));
            if (Blank(step.NextWhenNotResolved) is { } back && !keys.Contains(back)) errors.Add(new($"{at}.nextWhenNotResolved", InputProblem.NotInList));
            if (StatusOf(step.StatusWhenResolved) is null) errors.Add(new($"{at}.statusWhenResolved", Blank(step.StatusWhenResolved) is null ? InputProblem.Required : InputProblem.NotInList));
            if (Blank(step.StatusWhenNotResolved) is not null && StatusOf(step.StatusWhenNotResolved) is null) errors.Add(new($"{at}.statusWhenNotResolved", InputProblem.NotInList));
            if (Blank(step.StatusWhenClaimed) is not null && StatusOf(step.StatusWhenClaimed) is null) errors.Add(new($"{at}.statusWhenClaimed", InputProblem.NotInList));
        }
        if (errors.Count > 0) return errors;

        // Walk from the first step along both outcomes: every step is reached, and some reached step ends the flow.
        var reached = new HashSet<string>();
        var queue = new Queue<string>([keys[0]!]);
        while (queue.TryDequeue(out var key))
        {
            if (!reached.Add(key)) continue;
            var step = Steps[keys.IndexOf(key)]!;
            foreach (var next in new[] { Blank(step.Next), Blank(step.NextWhenNotResolved) }.OfType<string>()) queue.Enqueue(next);
        }
        for (var i = 0; i < Steps.Count; i++)
            if (!reached.Contains(keys[i]!)) errors.Add(new($"steps[{i}].key", InputProblem.OutOfRange));
        if (!Steps.Any(s => Blank(s!.Next) is null)) errors.Add(new("steps", InputProblem.EndNotAfterStart));
        return errors;

        void Check(string field, string? value, int max)
        {
            Input.Text(value, max, required: true, out var problem);
            if (problem is { } p) errors.Add(new(field, p));
        }
    }

    /// <summary>A valid definition as a flow of the release type; groups by name, ignoring case.</summary>
    public ReleaseFlow ToFlow(string releaseType, IReadOnlyDictionary<string, int> groupIds, int version) => new()
    {
        ReleaseType = releaseType,
        Version = version,
        Steps = [.. Steps.Select((s, i) => new FlowStep
        {
            Key = s!.Key!.Trim(),
            Order = i + 1,
            Name = new LocalizedText(s.En!.Trim(), s.PtBr!.Trim()),
            CandidateGroupId = Blank(s.Group) is { } group ? groupIds[group] : null,
            NextWhenResolved = Blank(s.Next),
            NextWhenNotResolved = Blank(s.NextWhenNotResolved),
            StatusWhenResolved = StatusOf(s.StatusWhenResolved)!.Value,
            StatusWhenNotResolved = StatusOf(s.StatusWhenNotResolved),
            StatusWhenClaimed = StatusOf(s.StatusWhenClaimed),
            IsApproval = s.Approval,
        })],
    };

    /// <summary>The definition of a flow as it is, so that putting the same flow again changes nothing.</summary>
    public static FlowDefinition Of(ReleaseFlow flow, IReadOnlyDictionary<int, string> groupNames) => new([.. flow.Ordered.Select(s => (StepEntry?)new StepEntry(
        s.Key, s.Name.En, s.Name.PtBr, s.CandidateGroupId is { } id ? groupNames.GetValueOrDefault(id) : null, s.NextWhenResolved, s.NextWhenNotResolved,
        MachineNames.Of(s.StatusWhenResolved), s.StatusWhenNotResolved is { } back ? MachineNames.Of(back) : null,
        s.StatusWhenClaimed is { } claimed ? MachineNames.Of(claimed) : null, s.IsApproval))]);

    /// <summary>Whether two definitions make the same flow (names of groups and statuses compared as people write them).</summary>
    public bool SameAs(FlowDefinition other) => Steps.Count == other.Steps.Count && Steps.Zip(other.Steps).All(p => Normal(p.First) == Normal(p.Second));

    private static StepEntry? Normal(StepEntry? s) => s is null ? null : new(Blank(s.Key), Blank(s.En), Blank(s.PtBr), Blank(s.Group)?.ToLowerInvariant(), Blank(s.Next),
        Blank(s.NextWhenNotResolved), StatusOf(s.StatusWhenResolved)?.ToString(), StatusOf(s.StatusWhenNotResolved)?.ToString(), StatusOf(s.StatusWhenClaimed)?.ToString(), s.Approval);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ReleaseStatus? StatusOf(string? name) =>
        Blank(name) is { } text ? Enum.GetValues<ReleaseStatus>().Cast<ReleaseStatus?>().FirstOrDefault(s => MachineNames.Of(s!.Value).Equals(text, StringComparison.OrdinalIgnoreCase)) : null;
}
