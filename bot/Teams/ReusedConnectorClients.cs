using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using System.Collections.Concurrent;

namespace ReleaseBot.Teams;

/// <summary>
/// The SDK's authentication, with one change: a Bot Connector client is created once per service URL and audience
/// and kept for the life of the app, as the SDK's older BotFrameworkAdapter did. The CloudAdapter creates one per turn
/// and disposes it at the turn's end; each came with Newtonsoft.Json contract resolvers of its own, so the contracts
/// of Activity, ChannelAccount, ResourceResponse… were rebuilt for every reply and the runtime compiled their
/// emitted getters and setters anew each time (about half of a message turn's CPU), besides the client itself.
/// The client is safe for concurrent turns (its HttpClient is, and its credentials cache their token).
/// The clients are this instance's, a singleton of the app: they carry the app's credentials and end with it, so another
/// app in the same process (a host's restart, the next test) answering the same service URL makes its own.
/// </summary>
public sealed class ReusedConnectorClients(BotFrameworkAuthentication inner) : BotFrameworkAuthentication, IDisposable
{
    private readonly ConcurrentDictionary<(string ServiceUrl, string? Audience), Task<IConnectorClient>> clients = new();
    private readonly ConcurrentDictionary<string, Task<UserTokenClient>> tokenClients = new();

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        result.ConnectorFactory = new Factory(result.ConnectorFactory, clients);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        result.ConnectorFactory = new Factory(result.ConnectorFactory, clients);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => new Factory(inner.CreateConnectorFactory(claimsIdentity), clients);

    /// <summary>The user token client (sign-in), likewise one per bot identity: the adapter creates and disposes one every turn.</summary>
    public override async Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
    {
        var botId = claimsIdentity.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AudienceClaim)?.Value ?? "";
        var created = tokenClients.GetOrAdd(botId, _ => inner.CreateUserTokenClientAsync(claimsIdentity, CancellationToken.None));
        try
        {
            return new KeptTokens(await created);
        }
        catch
        {
            tokenClients.TryRemove(new(botId, created));
            throw;
        }
    }

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>The clients that were made: they end with the app.</summary>
    public void Dispose()
    {
        foreach (var client in clients.Values)
            if (client.IsCompletedSuccessfully) client.Result.Dispose();
        foreach (var client in tokenClients.Values)
            if (client.IsCompletedSuccessfully) client.Result.Dispose();
        clients.Clear();
        tokenClients.Clear();
    }

    private sealed class Factory(ConnectorFactory inner, ConcurrentDictionary<(string ServiceUrl, string? Audience), Task<IConnectorClient>> clients) : ConnectorFactory
    {
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var created = clients.GetOrAdd((serviceUrl, audience), _ => inner.CreateAsync(serviceUrl, audience, CancellationToken.None));
            try
            {
                return new Kept(await created);
            }
            catch
            {
                clients.TryRemove(new((serviceUrl, audience), created));
                throw;
            }
        }
    }

    /// <summary>The kept user token client, handed to a turn: the turn's dispose leaves it open for the next.</summary>
    private sealed class KeptTokens(UserTokenClient client) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            client.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            client.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            client.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            client.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            client.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            client.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
        }
    }

    /// <summary>The kept client, handed to a turn: the turn's dispose leaves it open for the next.</summary>
    private sealed class Kept(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri { get => client.BaseUri; set => client.BaseUri = value; }
        public Newtonsoft.Json.JsonSerializerSettings SerializationSettings => client.SerializationSettings;
        public Newtonsoft.Json.JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;
        public Microsoft.Rest.ServiceClientCredentials Credentials => client.Credentials;
        public IAttachments Attachments => client.Attachments;
        public IConversations Conversations => client.Conversations;

        public void Dispose()
        {
        }
    }
}
