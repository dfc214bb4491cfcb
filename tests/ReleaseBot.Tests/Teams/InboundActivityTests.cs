using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ReleaseBot.Teams;

namespace ReleaseBot.Tests.Teams;

/// <summary>The pieces of the /api/messages guard on their own: the allow-list, the size limit, the log line.</summary>
public sealed class InboundActivityTests
{
    [Theory]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("http://LOCALHOST:1/", true)]
    [InlineData("https://127.0.0.1/", true)]
    [InlineData("http://[::1]:56150/", true)]
    [InlineData("http://127.0.0.2/", false)]
    [InlineData("http://localhost.evil.example/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", false)]
    [InlineData("http://169.254.169.254/", false)]
    public void By_default_only_loopback_hosts_are_trusted(string url, bool trusted) =>
        Assert.Equal(trusted, new TrustedServiceUrls(null).Allows(new Uri(url)));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", false)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://bot.contoso.example:8443/", true)]
    [InlineData("http://bot.contoso.example/", true)]
    [InlineData("http://localhost:3978/", false)]
    public void Configured_entries_are_hosts_or_url_prefixes(string url, bool trusted) =>
        Assert.Equal(trusted, new TrustedServiceUrls(["https://smba.trafficmanager.net/emea/", "bot.contoso.example"]).Allows(new Uri(url)));

    [Theory]
    [InlineData(1000, true, 413)]
    [InlineData(1000, false, 413)]
    [InlineData(100_000, true, 0)]
    [InlineData(100_000, false, 0)]
    public async Task The_size_limit_holds_with_or_without_a_content_length(long maxBytes, bool withLength, int refusedWith)
    {
        var json = "{\"type\":\"message\",\"text\":\"" + new string('x', 5000) + "\"}";
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        if (withLength) http.Request.ContentLength = Encoding.UTF8.GetByteCount(json);

        var (activity, refusal) = await InboundActivity.ReadAsync(http.Request, maxBytes, CancellationToken.None);

        if (refusedWith == 0)
        {
            Assert.Null(refusal);
            Assert.Equal(5000, activity!.Text.Length);
        }
        else
        {
            Assert.Null(activity);
            Assert.Equal(refusedWith, Assert.IsType<ProblemHttpResult>(refusal).StatusCode);
        }
    }

    [Fact]
    public async Task Nesting_deeper_than_the_serializer_allows_is_a_400()
    {
        var json = "{\"type\":\"message\",\"channelData\":" + new string('[', 200) + new string(']', 200) + "}";
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var (_, refusal) = await InboundActivity.ReadAsync(http.Request, 100_000, CancellationToken.None);

        Assert.Equal(400, Assert.IsType<ProblemHttpResult>(refusal).StatusCode);
    }

    [Fact]
    public void A_log_line_has_no_line_break_and_no_token()
    {
        var line = ReleaseBotAdapter.OneLine("bad\r\nforged: eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.sig and more" + new string('x', 400));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain("eyJ", line);
        Assert.Contains("[token]", line);
        Assert.True(line.Length <= 301);
    }
}
