using Microsoft.EntityFrameworkCore;

namespace ReleaseBot.Tests.Persistence;

/// <summary>The users write Portuguese: search must ignore the case of accented letters too.</summary>
public class SearchAccentsTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var release = await db.Releases.SingleAsync(r => r.Key == "REL-1003");
        // Titles change only through registration today; the search column must follow whatever is saved.
        db.Entry(release).Property(r => r.Title).CurrentValue = "ATUALIZAÇÃO DO PORTAL";
        db.Entry(release).Property(r => r.Description).CurrentValue = "Migração das PERMISSÕES de acesso.";
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Theory]
    [InlineData("ATUALIZAÇÃO DO PORTAL")]
    [InlineData("atualização")]
    [InlineData("Atualização do portal")]
    [InlineData("permissões")]
    [InlineData("MIGRAÇÃO")]
    [InlineData("atualizacao do portal")]
    [InlineData("Permissoes")]
    public async Task Search_finds_accented_words_whatever_their_case(string text)
    {
        var (desk, db) = database.NewDesk();
        await using (db)
        {
            var page = await desk.SearchAsync(text, 1);

            Assert.Equal(["REL-1003"], page.Releases.Select(r => r.Key));
        }
    }
}
