using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReleaseBot.Cards;

namespace ReleaseBot.Tests.Web;

/// <summary>The flow picture's signed URL: only the one the app made is good, and no other input makes it throw.</summary>
public sealed class ReleaseLinksTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private static readonly ReleaseLinks Links = new(Options.Create(new ReleaseLinkOptions { PublicUrl = "https://releasebot.example.com", LinkSigningKey = "k" }), Clock);

    private static (string Exp, string Sig) Signed(string key, string language)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("https://x" + Links.SignedPicturePath(key, language)).Query);
        return (query["exp"]!, query["sig"]!);
    }

    [Fact]
    public void Every_character_of_the_signature_changed_to_any_other_is_refused_without_an_error()
    {
        var (exp, sig) = Signed("REL-1001", "en");
        Assert.True(Links.IsValidPictureSignature("REL-1001", "en", exp, sig));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=! ";
        for (var i = 0; i < sig.Length; i++)
            foreach (var other in alphabet.Where(c => c != sig[i]))
                Assert.False(Links.IsValidPictureSignature("REL-1001", "en", exp, sig[..i] + other + sig[(i + 1)..]), $"{i}: {other}");
        foreach (var odd in new[] { "", sig[..^1], sig + "A", sig + "=", new string('A', 43), new string('/', 43), "%%%" })
            Assert.False(Links.IsValidPictureSignature("REL-1001", "en", exp, odd));
    }

    [Fact]
    public void A_signature_holds_for_its_release_language_and_expiry_only_and_until_then()
    {
        var (exp, sig) = Signed("REL-1001", "pt-BR");
        Assert.True(Links.IsValidPictureSignature("rel-1001", "pt-BR", exp, sig));
        Assert.False(Links.IsValidPictureSignature("REL-1002", "pt-BR", exp, sig));
        Assert.False(Links.IsValidPictureSignature("REL-1001", "en", exp, sig));
        Assert.False(Links.IsValidPictureSignature("REL-1001", "pt-BR", (long.Parse(exp) + 1).ToString(), sig));
        Assert.False(Links.IsValidPictureSignature("REL-1001", "pt-BR", "-1", sig));
        Assert.False(Links.IsValidPictureSignature("REL-1001", null, exp, sig));

        var later = new ReleaseLinks(Options.Create(new ReleaseLinkOptions { PublicUrl = "https://releasebot.example.com", LinkSigningKey = "k" }),
            new FakeTimeProvider(Clock.GetUtcNow().AddDays(7).AddSeconds(1)));
        Assert.False(later.IsValidPictureSignature("REL-1001", "pt-BR", exp, sig));
    }
}
