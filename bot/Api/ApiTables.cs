using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>The tables of the HTTP API, on the product's database; mapped in <c>Api/Configurations</c>.</summary>
public static class ApiTables
{
    extension(ReleaseBotDb db)
    {
        public DbSet<ApiKey> ApiKeys => db.Set<ApiKey>();
        public DbSet<IdempotentRegistration> IdempotentRegistrations => db.Set<IdempotentRegistration>();
    }
}
