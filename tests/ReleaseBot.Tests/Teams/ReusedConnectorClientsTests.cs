using System.Security.Claims;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using ReleaseBot.Teams;

namespace ReleaseBot.Tests.Teams;

/// <summary>One Bot Connector client per service URL for the process, however many turns use and dispose it.</summary>
public class ReusedConnectorClientsTests
{
    private static readonly BotFrameworkAuthentication Authentication = new ReusedConnectorClients(
        new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().AddInMemoryCollection().Build()));

    [Fact]
    public async Task Turns_on_one_service_url_share_one_client_and_its_serializer_contracts_and_a_turns_dispose_leaves_it_open()
    {
        var factory = Authentication.CreateConnectorFactory(new ClaimsIdentity());
        var first = await factory.CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);
        first.Dispose(); // the CloudAdapter disposes the turn's client at the turn's end

        var second = await Authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);

        Assert.Same(first.Conversations, second.Conversations);
        Assert.Same(first.SerializationSettings.ContractResolver, second.SerializationSettings.ContractResolver);
        Assert.Equal(new Uri("http://127.0.0.1:1/"), second.BaseUri);
    }

    [Fact]
    public async Task Each_service_url_has_a_client_of_its_own()
    {
        var factory = Authentication.CreateConnectorFactory(new ClaimsIdentity());
        var one = await factory.CreateAsync("http://127.0.0.1:2/", null!, CancellationToken.None);
        var other = await factory.CreateAsync("http://127.0.0.1:3/", null!, CancellationToken.None);

        Assert.NotSame(one.Conversations, other.Conversations);
        Assert.Equal(new Uri("http://127.0.0.1:3/"), other.BaseUri);
    }
}
