using System.Text.RegularExpressions;
using BilateralTimeline.Application.Ports;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// Where a store lives: an Npgsql connection string ("Host=…;Port=…;Username=…;Password=…;Database=…")
/// or a postgres:// URI, plus the schema that holds the store's tables. The schema is the first entry of
/// the connection string's "Search Path" (or the URI's ?schema=), else <see cref="DefaultSchema"/>.
/// </summary>
public sealed partial record PostgresLocation(string ConnectionString, string Schema, string Host, int Port, string Database, string? Username)
{
    public const string DefaultSchema = "bilateral_timeline";

    /// <summary>"host:port/database", for messages: never the password.</summary>
    public string Describe() => $"{Host}:{Port}/{Database}";

    /// <summary>The schema as a quoted SQL identifier; safe because <see cref="Parse"/> allows only [a-z0-9_].</summary>
    internal string Quoted => $"\"{Schema}\"";

    /// <summary>The LISTEN/NOTIFY channel appends announce themselves on.</summary>
    internal string Channel => $"bt_appended_{Schema}";

    /// <exception cref="EventStoreUnavailableException">The text is not a connection string, or names a schema that is not a plain identifier.</exception>
    public static PostgresLocation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new EventStoreUnavailableException("--connection: give a PostgreSQL connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=bt;Password=…;Database=timeline\" (or set BT_CONNECTION)");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUri(text)
                : new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            throw new EventStoreUnavailableException($"--connection: not a valid PostgreSQL connection string ({e.Message}); write it as Key=Value pairs separated by ';', e.g. \"Host=127.0.0.1;Port=5432;Username=bt;Database=timeline\"", e);
        }
        var schema = builder.SearchPath is { Length: > 0 } path ? path.Split(',')[0].Trim() : DefaultSchema;
        if (!SchemaName().IsMatch(schema))
        {
            throw new EventStoreUnavailableException($"--connection: the schema '{schema}' (Search Path) must be 1 to 48 lower-case letters, digits or '_', starting with a letter or '_', e.g. bilateral_timeline");
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new EventStoreUnavailableException("--connection: no Host given; add e.g. Host=127.0.0.1");
        }
        // Our tables are always named with the schema; the search path is only how users choose it.
        builder.SearchPath = null;
        builder.ApplicationName ??= "bilateral-timeline";
        if (builder.MaxAutoPrepare == 0)
        {
            // The same few statements run for every append and read: preparing them saves the server
            // parsing and planning each time. A user's own setting wins.
            builder.MaxAutoPrepare = 32;
        }
        var database = builder.Database is { Length: > 0 } db ? db : builder.Username ?? "postgres";
        return new PostgresLocation(builder.ConnectionString, schema, builder.Host!, builder.Port, database, builder.Username);
    }

    /// <summary>Returns this location with another schema, e.g. one per test fixture.</summary>
    public PostgresLocation WithSchema(string schema) => Parse(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString);

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("the postgres:// URI has no host");
        }
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.Port > 0 ? uri.Port : 5432 };
        if (uri.UserInfo is { Length: > 0 } userInfo)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }
        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key)
            {
                case "schema":
                    builder.SearchPath = value;
                    break;
                case "sslmode":
                    builder.SslMode = Enum.Parse<SslMode>(value, ignoreCase: true);
                    break;
                default:
                    throw new ArgumentException($"the URI option '{key}' is not supported (supported: schema, sslmode)");
            }
        }
        return builder;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,47}$")]
    private static partial Regex SchemaName();
}
