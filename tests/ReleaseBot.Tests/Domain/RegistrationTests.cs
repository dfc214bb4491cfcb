using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;

namespace ReleaseBot.Tests.Domain;

/// <summary>Registering a release: every rule of its fields, and what the registration and a note record.</summary>
public class RegistrationTests
{
    private static readonly string[] Types = ["Standard", "Emergency"];
    private static readonly Dictionary<string, int> Groups = new(StringComparer.OrdinalIgnoreCase) { ["Release Engineers"] = Sample.Engineers };

    private static Registration Valid() => new("Checkout 4.2.0", "New gateway.", "standard", "4.2.0", "medium", "High", "Low", 2,
        "2026-12-03T22:00:00-03:00", "2026-12-04T02:00:00-03:00", "Adele Vance", "00000000-0000-0000-0000-0000000000022", null, "release engineers", "CHG1");

    private static IEnumerable<RegistrationError> Errors(Registration registration) => registration.Validate(Types, Groups).Errors;

    [Fact]
    public void A_valid_registration_gives_the_details_with_canonical_type_levels_group_and_UTC_times()
    {
        var (details, errors) = Valid().Validate(Types, Groups);

        Assert.Empty(errors);
        Assert.Equal("Standard", details!.Type);
        Assert.Equal(Level.Medium, details.Risk);
        Assert.Equal(Sample.Engineers, details.ExecutorGroupId);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero), details.PlannedStart);
        Assert.Equal(TimeSpan.Zero, details.PlannedStart.Offset);
        Assert.Equal("CHG1", details.ExternalId);
    }

    public static TheoryData<Registration, RegistrationField, InputProblem> Invalid => new()
    {
        { Valid() with { Title = " " }, RegistrationField.Title, InputProblem.Required },
        { Valid() with { Title = new string('t', Registration.MaxTitle + 1) }, RegistrationField.Title, InputProblem.TooLong },
        { Valid() with { Version = "1.0\u0000" }, RegistrationField.Version, InputProblem.TooLong },
        { Valid() with { Type = "Experimental" }, RegistrationField.Type, InputProblem.NotInList },
        { Valid() with { Urgency = "Critical" }, RegistrationField.Urgency, InputProblem.NotInList },
        { Valid() with { Priority = 0 }, RegistrationField.Priority, InputProblem.OutOfRange },
        { Valid() with { Priority = null }, RegistrationField.Priority, InputProblem.Required },
        { Valid() with { PlannedStart = "2026-12-03T22:00:00" }, RegistrationField.PlannedStart, InputProblem.NeedsOffset },
        { Valid() with { PlannedStart = "03/12/2026 22:00 -03:00" }, RegistrationField.PlannedStart, InputProblem.NeedsOffset },
        { Valid() with { PlannedEnd = "2026-12-04T01:00:00Z" }, RegistrationField.PlannedEnd, InputProblem.EndNotAfterStart },
        { Valid() with { RequesterAadObjectId = null }, RegistrationField.Requester, InputProblem.NeedsIdentity },
        { Valid() with { RequesterAadObjectId = "adele" }, RegistrationField.Requester, InputProblem.InvalidIdentity },
        { Valid() with { RequesterEmail = "adele at contoso" }, RegistrationField.Requester, InputProblem.InvalidIdentity },
        { Valid() with { ExecutorGroup = "Night Shift" }, RegistrationField.ExecutorGroup, InputProblem.NotInList },
        { Valid() with { ExternalId = new string('x', Registration.MaxExternalId + 1) }, RegistrationField.ExternalId, InputProblem.TooLong },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_broken_rule_is_named_and_gives_no_details(Registration registration, RegistrationField field, InputProblem problem)
    {
        var (details, errors) = registration.Validate(Types, Groups);

        Assert.Null(details);
        Assert.Equal([new RegistrationError(field, problem)], errors);
    }

    [Fact]
    public void An_email_alone_identifies_the_requester()
    {
        Assert.Empty(Errors(Valid() with { RequesterAadObjectId = null, RequesterEmail = "adele@contoso.example" }));
    }

    [Fact]
    public void Registering_starts_the_flow_links_catalog_items_and_logs_who_registered_it()
    {
        var flow = Sample.StandardFlow();
        var pipeline = new Actor("", "deploy-pipeline", new HashSet<int>());
        var (details, _) = Valid().Validate(Types, Groups);

        var release = ReleaseRequest.Register("REL-1013", details!, flow, pipeline, Sample.Now, [Sample.Problem, Sample.PersonMegan, Sample.Problem]);

        Assert.Equal(ReleaseStatus.Registrada, release.Status);
        Assert.Equal(1, release.Revision);
        Assert.Equal("registro", release.CurrentTask!.StepKey);
        var registered = Assert.IsType<ReleaseRegistered>(Assert.Single(release.Events));
        Assert.Equal("deploy-pipeline", registered.Stamp.ActorName);
        var entry = Assert.Single(release.Log);
        Assert.Equal(Occurrence.Registered, entry.Occurrence);
        var link = Assert.Single(release.Links);
        Assert.Equal("PRB-2001", link.Item!.Code);
        Assert.Equal("deploy-pipeline", link.LinkedBy);
    }

    [Fact]
    public void A_note_is_logged_whatever_the_task_and_a_blank_or_unsafe_one_changes_nothing()
    {
        var flow = Sample.StandardFlow();
        var release = Sample.NewRelease(flow);
        var revision = release.Revision;
        var pipeline = new Actor("", "deploy-pipeline", new HashSet<int>());

        Assert.Equal(RefusalReason.InvalidNote, release.AddNote(pipeline, "  ", null, Sample.Now)?.Reason);
        Assert.Equal(RefusalReason.InvalidNote, release.AddNote(pipeline, new string('n', ReleaseRequest.MaxNoteLength + 1), null, Sample.Now)?.Reason);
        Assert.Equal(RefusalReason.InvalidNote, release.AddNote(pipeline, "See", "javascript:alert(1)", Sample.Now)?.Reason);
        Assert.Equal(revision, release.Revision);
        Assert.Empty(release.Events);

        Assert.Null(release.AddNote(pipeline, " Deployment started ", "https://ci.example.test/7", Sample.Now));
        var note = Assert.IsType<NoteAdded>(Assert.Single(release.Events));
        Assert.Equal("Deployment started", note.Text);
        Assert.Equal(revision + 1, release.Revision);
        Assert.Equal("https://ci.example.test/7", release.Log[^1].Subject);
    }
}
