using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReleaseBot.Api;

/// <summary>The API's JSON: camelCase, numbers also read from strings.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        return options;
    }
}
