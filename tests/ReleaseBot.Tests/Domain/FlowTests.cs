using ReleaseBot.Domain;
using static ReleaseBot.Tests.Domain.Sample;

namespace ReleaseBot.Tests.Domain;

public class FlowTests
{
    [Fact]
    public void The_first_step_is_the_lowest_order_not_the_first_in_the_list()
    {
        var flow = StandardFlow();

        Assert.NotEqual("registro", flow.Steps[0].Key);
        Assert.Equal("registro", flow.First.Key);
        Assert.Equal(["registro", "autorizacao", "execucao", "teste", "homologacao", "encerramento"], flow.Ordered.Select(s => s.Key));
    }

    [Fact]
    public void A_step_is_found_by_its_key_and_an_unknown_key_is_an_error()
    {
        var flow = StandardFlow();

        Assert.Equal(3, flow.Step("execucao").Order);
        Assert.Throws<InvalidOperationException>(() => flow.Step("deploy"));
    }

    [Fact]
    public void A_step_accepts_not_resolved_only_where_it_leads_somewhere()
    {
        var flow = StandardFlow();

        Assert.Equal(["execucao", "teste", "homologacao"], flow.Ordered.Where(s => s.AcceptsNotResolved).Select(s => s.Key));
    }

    [Fact]
    public void A_release_type_uses_its_own_flow_or_the_default_one()
    {
        var standard = StandardFlow();
        var emergency = EmergencyFlow();
        IReadOnlyList<ReleaseFlow> flows = [standard, emergency];

        Assert.Same(emergency, Flows.For(flows, "Emergency"));
        Assert.Same(standard, Flows.For(flows, "Standard"));
        Assert.Same(standard, Flows.For(flows, "emergency"));
        Assert.Throws<InvalidOperationException>(() => Flows.For([emergency], "Standard"));
    }

    [Fact]
    public void Starting_a_release_opens_the_first_step_for_its_group()
    {
        var flow = StandardFlow();

        var release = NewRelease(flow);

        var task = Assert.Single(release.Tasks);
        Assert.Same(task, release.CurrentTask);
        Assert.Equal("registro", task.StepKey);
        Assert.Equal(Managers, task.CandidateGroupId);
        Assert.False(task.IsAssigned);
        Assert.True(task.IsOpen);
    }

    [Fact]
    public void A_first_step_without_a_group_waits_for_the_executor_group()
    {
        var flow = new ReleaseFlow
        {
            ReleaseType = "Tiny",
            Steps = [new FlowStep { Key = "execucao", Order = 1, Name = new LocalizedText("Execution", "Execução"), StatusWhenResolved = ReleaseStatus.Fechada }],
        };

        var release = NewRelease(flow, executorGroup: Dba);

        Assert.Equal(Dba, release.CurrentTask!.CandidateGroupId);
    }

    [Theory]
    [InlineData("pt-BR")]
    [InlineData("pt-br")]
    [InlineData("PT-BR")]
    [InlineData("pt-PT")]
    [InlineData("pt")]
    [InlineData("PT")]
    public void Portuguese_locales_are_answered_in_Brazilian_Portuguese(string locale) =>
        Assert.Equal(Language.PortugueseBrazil, Language.FromLocale(locale));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("en-US")]
    [InlineData("en")]
    [InlineData("es-ES")]
    [InlineData("fr-FR")]
    [InlineData("ptx")]
    [InlineData("p")]
    public void Every_other_locale_is_answered_in_English(string? locale) =>
        Assert.Equal(Language.English, Language.FromLocale(locale));

    [Fact]
    public void Names_are_given_in_the_language_and_categories_with_their_parents()
    {
        var degraded = Categories().Single(c => c.Id == 3);

        Assert.Equal("Deployed with reservations › Degraded performance", degraded.PathIn(Language.English));
        Assert.Equal("Implantada com ressalvas › Desempenho degradado", degraded.PathIn(Language.PortugueseBrazil));
        Assert.Equal("Deployed successfully", Categories()[0].PathIn(Language.English));
        Assert.Equal("Deployed successfully", Categories()[0].Name.In("fr"));
    }
}
