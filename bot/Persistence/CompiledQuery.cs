using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ReleaseBot.Persistence;

/// <summary>
/// A query that every turn runs, compiled by EF once per model instead of on each call (no per-call parameter extraction
/// or query cache look-up). EF binds a compiled query to one model: an app has one, a test process has many.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    public TQuery For(DbContext db)
    {
        var model = db.Model;
        return byModel.TryGetValue(model, out var query) ? query : byModel.GetValue(model, _ => compile());
    }
}
