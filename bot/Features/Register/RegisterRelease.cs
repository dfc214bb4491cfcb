using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Register;

/// <summary>
/// <c>new release</c> / <c>nova liberação</c>: release managers register a release from a card, validated by the rules the
/// API uses; it answers with the new release's card, and its flow starts (the log's first entry, the "registered" news).
/// </summary>
public sealed class RegisterRelease : IFeature
{
    public const string Verb = "register";

    public void Map(Routes routes) => routes
        .Command(CommandKind.Register, (turn, _) => ReleaseRequest.WhyNotRegistrableBy(turn.Actor) is null
            ? CardAsync(turn, RegistrationForm.New)
            : Task.FromResult(Reply.WithText(turn.Texts["reg.notManager"])))
        .Action(Verb, data => RegistrationForm.From(data), RegisterAsync);

    private static async Task<Reply> CardAsync(Turn turn, RegistrationForm form, Notice? notice = null) =>
        Reply.WithCard(RegistrationCard.Build(turn.Cards, turn.Texts, turn.Zone, await turn.Desk.RegistrableTypesAsync(turn.Cancellation),
            (await turn.Desk.GroupIdsByNameAsync(turn.Cancellation)).Keys.ToList(), form, notice));

    private static async Task<Reply> RegisterAsync(Turn turn, RegistrationForm form)
    {
        if (ReleaseRequest.WhyNotRegistrableBy(turn.Actor) is not null) return Reply.WithText(turn.Texts["reg.notManager"]);
        var t = turn.Texts;
        var (details, errors) = form.ToRegistration(turn.Actor, turn.Zone)
            .Validate(await turn.Desk.RegistrableTypesAsync(turn.Cancellation), await turn.Desk.GroupIdsByNameAsync(turn.Cancellation));
        if (details is null)
            return await CardAsync(turn, form, new Notice(NoticeKind.Refusal, t["reg.refused"],
                [.. errors.Select(e => t.Format("reg.problem." + e.Problem, RegistrationCard.FieldName(t, e.Field), RegistrationCard.MaxLength(e.Field)))]));

        var release = await turn.Desk.RegisterAsync(details, turn.Actor, [], turn.Cancellation);
        var c = await turn.CardContextAsync(release);
        return await turn.ReleaseCardAsync(release, new Notice(NoticeKind.Success, t.Format("notice.registered", release.Key, c.StepName(release.CurrentTask!.StepKey))));
    }
}
