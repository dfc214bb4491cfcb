using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Domain;

/// <summary>A flow entered as data: the rules that make it one, and new versions for new releases only.</summary>
public class FlowDefinitionTests
{
    private static readonly string[] Groups = ["Release Engineers", "Quality Assurance"];

    private static StepEntry Step(string key, string? next, string? back = null, string? group = null, string resolved = "resolved") =>
        new(key, key.ToUpperInvariant(), key, group, next, back, resolved, back is null ? null : "notResolved");

    private static IEnumerable<FieldError> Errors(params StepEntry?[] steps) => new FlowDefinition(steps).Validate(Groups);

    [Fact]
    public void A_flow_from_first_step_to_an_end_with_a_way_back_is_valid()
    {
        Assert.Empty(Errors(Step("build", "test"), Step("test", null, back: "build", group: "quality assurance")));
    }

    public static TheoryData<StepEntry?[], string, InputProblem> Broken => new()
    {
        { [], "steps", InputProblem.Required },
        { [Step("build", "deploy")], "steps[0].next", InputProblem.NotInList },
        { [Step("build", null), Step("orphan", null)], "steps[1].key", InputProblem.OutOfRange },
        { [Step("build", "test"), Step("test", "build")], "steps", InputProblem.EndNotAfterStart },
        { [Step("build", "build2"), Step("build", null)], "steps[1].key", InputProblem.NotInList },
        { [Step("build", null, group: "Night Shift")], "steps[0].group", InputProblem.NotInList },
        { [Step("build", null, resolved: "done")], "steps[0].statusWhenResolved", InputProblem.NotInList },
        { [Step("build", null) with { PtBr = "" }], "steps[0].ptBr", InputProblem.Required },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_flow_is_refused_with_the_reason(StepEntry?[] steps, string field, InputProblem problem)
    {
        Assert.Contains(new FieldError(field, problem), Errors(steps));
    }

    [Fact]
    public void A_new_version_serves_new_releases_and_one_under_way_keeps_its_own()
    {
        var first = new ReleaseFlow { Id = 1, ReleaseType = "Standard", Version = 1, Steps = [new() { Key = "a", Order = 1, Name = new("A", "A"), StatusWhenResolved = ReleaseStatus.Resolvida }] };
        var release = new ReleaseRequest("REL-1", new ReleaseDetails("t", "", "Standard", "1", Level.Low, Level.Low, Level.Low, 3, Sample.Now, Sample.Now.AddHours(1), "R", null, 1));
        release.Start(first, Sample.Now);
        first.SupersededAt = Sample.Now;
        var second = new FlowDefinition([Step("b", null)]).ToFlow("Standard", new Dictionary<string, int>(), version: 2);
        second.Id = 2;
        var flows = new[] { first, second };

        Assert.Same(second, Flows.For(flows, "Standard"));
        Assert.Same(first, Flows.Of(flows, release));
    }

    [Fact]
    public void The_same_definition_written_otherwise_is_the_same_flow()
    {
        var flow = new FlowDefinition([Step("build", "test", group: "Release Engineers"), Step("test", null)]).ToFlow("Standard",
            new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Release Engineers"] = 7 }, 1);
        var again = new FlowDefinition([Step(" build ", "test", group: "release engineers") with { StatusWhenResolved = "Resolved" }, Step("test", null)]);

        Assert.True(FlowDefinition.Of(flow, new Dictionary<int, string> { [7] = "Release Engineers" }).SameAs(again));
        Assert.False(FlowDefinition.Of(flow, new Dictionary<int, string> { [7] = "Release Engineers" }).SameAs(new FlowDefinition([Step("build", null)])));
    }
}
