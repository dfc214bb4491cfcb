using System.Globalization;
using Newtonsoft.Json.Linq;
using ReleaseBot.Data;
using ReleaseBot.Dialogs;
using ReleaseBot.Domain;
using ReleaseBot.Localization;

namespace ReleaseBot.Cards;

/// <summary>What the reader of a card needs besides the release: the flow, group names and the reader.</summary>
public sealed record CardContext(Texts T, Actor Reader, ReleaseFlow Flow, IReadOnlyDictionary<int, string> Groups, TimeSpan? UtcOffset = null)
{
    /// <summary>A moment in the reader's time zone (the offset of their Teams client) and language; UTC when it is unknown.</summary>
    public string When(DateTimeOffset at) => UtcOffset is { } offset
        ? at.ToOffset(offset).ToString("g", T.Culture)
        : at.ToUniversalTime().ToString("g", T.Culture) + " UTC";

    public string StepName(string key) => Flow.Step(key).Name.In(T.Language);
    public string Group(int id) => Groups.TryGetValue(id, out var name) ? name : "?";
}

/// <summary>Builds the data of each card view from the domain and binds it to its template.</summary>
public sealed class ReleaseCards(CardLibrary library)
{
    public JObject Help(Texts t) => Bind("help", new
    {
        t = Labels(t, ("title", "help.title"), ("intro", "help.intro"), ("channels", "help.channels"), ("mine", "list.mine"), ("find", "list.all")),
        commands = Command.Words.Select(w => new
        {
            command = Command.WordFor(w.Kind, t.Language) + w.Kind switch
            {
                CommandKind.Find => t.Language == Language.PortugueseBrazil ? " [texto]" : " [text]",
                CommandKind.Open or CommandKind.Log or CommandKind.Flow => " REL-1001",
                _ => "",
            },
            description = t["help." + w.Kind.ToString().ToLowerInvariant()],
        }),
    });

    public JObject Subscriptions(Texts t, IReadOnlyList<string> lines, Notice? notice = null) => Bind("subscriptions", new
    {
        t = Labels(t, ("title", "subs.title"), ("none", "subs.none"), ("unsubscribe", "subs.unsubscribeAll")),
        hasSubscriptions = lines.Count > 0,
        subscriptions = lines.Select((line, i) => new { number = i + 1, line }),
    }, notice);

    public JObject List(Texts t, string title, string emptyText, ReleasePage page, string pageVerb, string query,
        IReadOnlyList<ReleaseFlow> flows, IReadOnlyDictionary<int, string> groups, Notice? notice = null) => Bind("release-list", new
    {
        t = new { empty = emptyText, open = t["action.open"], choose = t["list.choose"], previous = t["action.previous"], next = t["action.next"] },
        firstKey = page.Releases.FirstOrDefault()?.Key ?? "",
        title,
        releases = page.Releases.Select(r =>
        {
            var task = r.CurrentTask;
            var flow = Flows.For(flows, r.Type);
            var parts = new List<string> { t["status." + r.Status] };
            if (task is not null)
            {
                parts.Add(flow.Step(task.StepKey).Name.In(t.Language));
                parts.Add(task.AssigneeName ?? $"{t["label.waitingFor"]} {(groups.TryGetValue(task.CandidateGroupId, out var g) ? g : "?")}");
            }
            parts.Add($"{t["label.priority"]} {r.Priority}");
            return new { key = r.Key, title = r.Title, line = string.Join(" · ", parts) };
        }),
        hasReleases = page.Releases.Count > 0,
        hasPages = page.PageCount > 1,
        pageText = t.Format("list.page", page.Page, page.PageCount),
        pageVerb,
        query,
        hasPrevious = page.Page > 1,
        previousPage = page.Page - 1,
        hasNext = page.Page < page.PageCount,
        nextPage = page.Page + 1,
    }, notice);

    public JObject Release(CardContext c, ReleaseRequest release, Notice? notice = null)
    {
        var t = c.T;
        var closure = new List<object>();
        if (release.LatestClosure is { Situation: { } situation } closed)
        {
            closure.Add(Fact(t["label.task"], c.StepName(closed.StepKey)));
            closure.Add(Fact(t["field.Situation"], t["situation." + situation]));
            if (closed.SolutionCategory is { } category) closure.Add(Fact(t["field.SolutionCategory"], category.PathIn(t.Language)));
            if (closed.ReleaseDate is { } date) closure.Add(Fact(t["field.ReleaseDate"], date.ToString("d", t.Culture)));
            if (closed.ExecutionInformation is { } info) closure.Add(Fact(t["field.ExecutionInformation"], info));
        }
        return Bind("release", new
        {
            t = Labels(t, ("closure", "label.closure"), ("linkedItems", "label.linkedItems"), ("nothingLinked", "label.nothingLinked"),
                ("claim", "action.claim"), ("execute", "action.execute"), ("links", "action.links"), ("log", "action.log"), ("flow", "action.flow")),
            key = release.Key,
            title = release.Title,
            description = release.Description,
            revision = release.Revision,
            facts = Facts(c, release),
            hasClosure = closure.Count > 0,
            closure,
            hasLinks = release.Links.Count > 0,
            links = LinkRows(t, release),
            canClaim = release.MayBeClaimedBy(c.Reader),
            canExecute = release.MayBeExecutedBy(c.Reader),
        }, notice);
    }

    /// <summary>
    /// The release card posted to channels: read-only for everyone, refreshed (Action.Execute "refresh") into
    /// each participant's own view, so the assignee sees the actions there.
    /// </summary>
    public JObject ChannelRelease(CardContext c, ReleaseRequest release, IReadOnlyList<string> participants)
    {
        var card = Release(c, release);
        card["refresh"] = new JObject
        {
            ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = "refresh", ["data"] = new JObject { ["release"] = release.Key } },
            ["userIds"] = new JArray(participants),
        };
        return card;
    }

    public JObject Assignment(CardContext c, ReleaseRequest release, Notice? notice = null)
    {
        var t = c.T;
        var task = release.CurrentTask!;
        return Bind("assignment", new
        {
            t = new
            {
                question = t.Format("confirm.question", release.Key, c.StepName(task.StepKey)),
                detail = t["confirm.detail"],
                confirm = t["action.confirm"],
                cancel = t["action.cancel"],
            },
            key = release.Key,
            title = release.Title,
            revision = release.Revision,
            facts = Facts(c, release),
        }, notice);
    }

    /// <summary>The closing area. <paramref name="typed"/> keeps what the user typed when the form is answered with errors.</summary>
    public JObject ExecutionForm(CardContext c, ReleaseRequest release, IReadOnlyList<SolutionCategory> categories, DateOnly today,
        ClosureForm? typed = null, Notice? notice = null)
    {
        var t = c.T;
        var task = release.CurrentTask!;
        var step = c.Flow.Step(task.StepKey);
        var situations = new List<ExecutionSituation> { ExecutionSituation.Resolvida };
        if (step.AcceptsNotResolved) situations.Add(ExecutionSituation.NaoResolvida);
        situations.Add(ExecutionSituation.EmExecucao);
        return Bind("execution-form", new
        {
            t = new
            {
                closure = t["label.closure"],
                situation = t["field.Situation"],
                category = t["field.SolutionCategory"],
                information = t["field.ExecutionInformation"],
                releaseDate = t["field.ReleaseDate"],
                choose = t["form.choose"],
                informationPlaceholder = t["form.informationPlaceholder"],
                saveKeep = t["action.saveKeep"],
                saveAdvance = t["action.saveAdvance"],
                links = t["action.links"],
                log = t["action.log"],
                flow = t["action.flow"],
                back = t["action.back"],
            },
            key = release.Key,
            title = release.Title,
            revision = release.Revision,
            taskLine = TaskLine(c, release),
            maxInformation = ClosureForm.MaxExecutionInformation,
            situations = situations.Select(s => new { title = t["situation." + s], value = s.ToString() }),
            categories = categories.Select(k => new { title = k.PathIn(t.Language), value = k.Id.ToString(CultureInfo.InvariantCulture) }),
            form = typed is not null
                ? new { situation = typed.Situation ?? "", category = typed.SolutionCategoryId ?? "", information = typed.ExecutionInformation ?? "", releaseDate = typed.ReleaseDate ?? "" }
                : new
                {
                    situation = task.Situation?.ToString() ?? "",
                    category = task.SolutionCategoryId?.ToString(CultureInfo.InvariantCulture) ?? "",
                    information = task.ExecutionInformation ?? "",
                    releaseDate = (task.ReleaseDate ?? today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
        }, notice);
    }

    public JObject LinkItems(CardContext c, ReleaseRequest release, CatalogKind searchKind, string searchText,
        IReadOnlyList<LinkableItem> results, IReadOnlyList<LinkableItem> people, Notice? notice = null)
    {
        var t = c.T;
        return Bind("link-items", new
        {
            t = new
            {
                title = t.Format("links.title", release.Key),
                linkedItems = t["label.linkedItems"],
                nothingLinked = t["label.nothingLinked"],
                unlink = t["action.unlink"],
                searchHeader = t["links.searchHeader"],
                kind = t["links.kind"],
                query = t["links.query"],
                search = t["action.search"],
                noMatch = t["links.noMatch"],
                results = t["links.results"],
                unlinkChoice = t["links.unlinkChoice"],
                link = t["action.link"],
                rolesHeader = t["links.rolesHeader"],
                person = t["links.person"],
                choose = t["form.choose"],
                role = t["links.role"],
                rolePlaceholder = t["links.rolePlaceholder"],
                addRole = t["action.addRole"],
                closure = t["action.closure"],
                back = t["action.back"],
            },
            key = release.Key,
            revision = release.Revision,
            taskLine = TaskLine(c, release),
            hasLinks = release.Links.Count > 0,
            links = LinkRows(t, release),
            search = new { kind = searchKind.ToString(), text = searchText },
            kinds = new[] { CatalogKind.Problem, CatalogKind.Knowledge, CatalogKind.DefinitiveMedia }
                .Select(k => new { title = t["kind." + k], value = k.ToString() }),
            hasResults = results.Count > 0,
            results = results.Select(i => new { id = i.Id.ToString(CultureInfo.InvariantCulture), label = i.Location is null ? i.Label : $"{i.Label} ({i.Location})" }),
            people = people.Select(p => new { title = p.Title, value = p.Id.ToString(CultureInfo.InvariantCulture) }),
            maxRole = ReleaseRequest.MaxRoleLength,
        }, notice);
    }

    public JObject ExecutionLog(CardContext c, ReleaseRequest release, LogPage page, IReadOnlyList<SolutionCategory> categories)
    {
        var t = c.T;
        return Bind("execution-log", new
        {
            t = new { title = t.Format("log.title", release.Key), empty = t["log.empty"], newer = t["action.newer"], older = t["action.older"], back = t["action.back"] },
            key = release.Key,
            pageText = t.Format("list.page", page.Page, page.PageCount),
            hasEntries = page.Entries.Count > 0,
            entries = page.Entries.Select(e => new
            {
                who = e.ActorName,
                at = c.When(e.At),
                what = Describe(c, e, categories),
                hasText = e.Text is not null,
                text = Shorten(e.Text ?? "", LogTextLength),
            }),
            hasNewer = page.Page > 1,
            newerPage = page.Page - 1,
            hasOlder = page.Page < page.PageCount,
            olderPage = page.Page + 1,
        });
    }

    public JObject Flow(CardContext c, ReleaseRequest release)
    {
        var t = c.T;
        var current = release.CurrentTask;
        return Bind("flow", new
        {
            t = new { title = t.Format("flow.title", release.Key), status = t["label.status"], log = t["action.log"], back = t["action.back"] },
            key = release.Key,
            status = t["status." + release.Status],
            steps = c.Flow.Ordered.Select(step =>
            {
                var done = release.Tasks.Where(k => k.StepKey == step.Key && !k.IsOpen).MaxBy(k => k.FinishedAt);
                if (current?.StepKey == step.Key)
                    return StepRow(step, c, "▶", "Accent", "Bolder", t["flow.current"],
                        current.AssigneeName is { } who ? $"{t["label.assignee"]}: {who}" : $"{t["label.waitingFor"]}: {c.Group(current.CandidateGroupId)}");
                if (done is not null)
                    return StepRow(step, c, "✓", "Good", "Default", t["flow.done"],
                        $"{t.Format("flow.doneBy", done.FinishedByName)} · {c.When(done.FinishedAt!.Value)}");
                return StepRow(step, c, "○", "Default", "Default", t["flow.pending"], c.Group(step.CandidateGroupId ?? release.ExecutorGroupId));
            }),
        });
    }

    private static object StepRow(FlowStep step, CardContext c, string mark, string color, string weight, string state, string detail) =>
        new { name = step.Name.In(c.T.Language), mark, color, weight, state, hasDetail = detail.Length > 0, detail };

    /// <summary>One occurrence of the execution log in the reader's words.</summary>
    public static string Describe(CardContext c, ExecutionLogEntry e, IReadOnlyList<SolutionCategory> categories)
    {
        var t = c.T;
        var step = c.StepName(e.StepKey);
        var situation = e.Situation is { } s ? t["situation." + s] : "";
        return e.Occurrence switch
        {
            Occurrence.TaskClaimed => t.Format("occurrence.TaskClaimed", step),
            Occurrence.ExecutionSaved => t.Format("occurrence.ExecutionSaved", step,
                categories.FirstOrDefault(k => k.Id == e.SolutionCategoryId) is { } category ? $"{situation} · {category.PathIn(t.Language)}" : situation),
            Occurrence.FlowAdvanced when e.ToStepKey is null => t.Format("occurrence.FlowEnded", step, situation),
            Occurrence.FlowAdvanced => t.Format("occurrence.FlowAdvanced", step, c.StepName(e.ToStepKey), situation),
            Occurrence.ItemLinked => t.Format("occurrence.ItemLinked", e.Subject),
            _ => t.Format("occurrence.ItemUnlinked", e.Subject),
        };
    }

    private static List<object> Facts(CardContext c, ReleaseRequest release)
    {
        var t = c.T;
        var facts = new List<object> { Fact(t["label.status"], t["status." + release.Status]) };
        if (release.CurrentTask is { } task)
        {
            facts.Add(Fact(t["label.currentTask"], c.StepName(task.StepKey)));
            facts.Add(task.AssigneeName is { } who ? Fact(t["label.assignee"], who) : Fact(t["label.waitingFor"], c.Group(task.CandidateGroupId)));
        }
        facts.Add(Fact(t["label.priority"], release.Priority.ToString(CultureInfo.InvariantCulture)));
        facts.Add(Fact(t["label.type"], release.Type));
        facts.Add(Fact(t["label.version"], release.Version));
        facts.Add(Fact(t["label.risk"], t["level." + release.Risk]));
        facts.Add(Fact(t["label.impact"], $"{t["level." + release.Impact]} · {t["label.urgency"]}: {t["level." + release.Urgency]}"));
        facts.Add(Fact(t["label.planned"], $"{c.When(release.PlannedStart)} – {c.When(release.PlannedEnd)}"));
        facts.Add(Fact(t["label.requester"], release.RequesterName));
        facts.Add(Fact(t["label.executorGroup"], c.Group(release.ExecutorGroupId)));
        return facts;
    }

    private static object[] LinkRows(Texts t, ReleaseRequest release) => release.Links.OrderBy(l => l.Kind).ThenBy(l => l.Id).Select(l => (object)new
    {
        id = l.Id.ToString(CultureInfo.InvariantCulture),
        kind = t["kind." + l.Kind],
        label = l.Kind == LinkKind.Role ? $"{l.Item!.Title} — {l.Role}" : l.Item!.Label,
    }).ToArray();

    private static string TaskLine(CardContext c, ReleaseRequest release) =>
        release.CurrentTask is { } task
            ? $"{c.T["label.currentTask"]}: {c.StepName(task.StepKey)} · {c.T["label.assignee"]}: {task.AssigneeName ?? c.T["label.unassigned"]}"
            : c.T.Format("notice.flowEndedInfo", release.Key);

    private static object Fact(string name, string value) => new { name, value };

    /// <summary>A page of long execution records would not fit in a Teams card; the log shows their start.</summary>
    private const int LogTextLength = 600;

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";


    private static Dictionary<string, string> Labels(Texts t, params (string Name, string Key)[] labels) =>
        labels.ToDictionary(l => l.Name, l => t[l.Key]);

    private JObject Bind(string template, object data, Notice? notice = null)
    {
        var json = JObject.FromObject(data);
        json["hasNotice"] = notice is not null;
        json["notice"] = notice is null ? new JObject { ["text"] = "", ["style"] = "default", ["details"] = new JArray() } : JObject.FromObject(notice.ToData());
        return library.Bind(template, json);
    }
}
