using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary><see cref="IApiKeyStore"/> in the store's SQLite file: key hashes and roles, never keys.</summary>
public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private readonly string _connectionString;

    private SqliteApiKeyStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens the key table of the store at <paramref name="path"/>, creating it on first use.</summary>
    public static SqliteApiKeyStore Open(string path) => new(SqliteServingSchema.Prepare(path));

    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqliteProjectionStore.Command(connection, null, "INSERT INTO api_keys (id, sha256, role, name, created) VALUES ($id, $sha, $role, $name, $created);",
            ("$id", key.Id), ("$sha", key.Sha256Hex), ("$role", key.Role.ToString().ToLowerInvariant()), ("$name", key.Name), ("$created", key.Created.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRecord?> FindAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqliteProjectionStore.Command(connection, null, "SELECT id, role, name, created FROM api_keys WHERE sha256 = $sha;", ("$sha", sha256Hex));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new ApiKeyRecord(reader.GetString(0), sha256Hex, Enum.Parse<ApiRole>(reader.GetString(1), ignoreCase: true), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
    }
}
