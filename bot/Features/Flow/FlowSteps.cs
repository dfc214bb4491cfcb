using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Flow;

/// <summary>Where a step of a release's flow stands.</summary>
public enum StepState { Done, Current, Pending }

/// <summary>A step of a release's flow as its reader sees it: name and detail in plain text (who did it and when, who holds it, or who it will wait for).</summary>
public sealed record StepView(string Key, string Name, StepState State, string Detail);

/// <summary>An arrow of the flow: where a step goes when it is resolved, or when it is not (usually back).</summary>
public sealed record PathView(string From, string To, bool NotResolved);

/// <summary>"Visualizar fluxo" in one place, for the flow card, the flow picture and the release's page.</summary>
public static class FlowSteps
{
    public static IReadOnlyList<StepView> Of(CardContext c, ReleaseRequest release)
    {
        var t = c.Texts;
        var current = release.CurrentTask;
        return c.Flow.Ordered.Select(step =>
        {
            var name = step.Name.In(t.Language);
            if (current?.StepKey == step.Key)
                return new StepView(step.Key, name, StepState.Current, current.AssigneeName is { } who
                    ? $"{t["label.assignee"]}: {who}"
                    : $"{t["label.waitingFor"]}: {c.Setup.GroupName(current.CandidateGroupId)}");
            if (release.Tasks.Where(k => k.StepKey == step.Key && !k.IsOpen).MaxBy(k => k.FinishedAt) is { } done)
                return new StepView(step.Key, name, StepState.Done, $"{t.Format("flow.doneBy", done.FinishedByName)} · {c.When(done.FinishedAt!.Value)}");
            return new StepView(step.Key, name, StepState.Pending, c.Setup.GroupName(step.CandidateGroupId ?? release.ExecutorGroupId));
        }).ToList();
    }

    public static IReadOnlyList<PathView> PathsOf(ReleaseFlow flow) => flow.Ordered
        .SelectMany(step => new[]
        {
            step.NextWhenResolved is { } next ? new PathView(step.Key, next, NotResolved: false) : null,
            step.NextWhenNotResolved is { } back ? new PathView(step.Key, back, NotResolved: true) : null,
        })
        .OfType<PathView>()
        .ToList();
}
