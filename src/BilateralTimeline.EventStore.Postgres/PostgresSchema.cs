using BilateralTimeline.Application.Ports;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>What <see cref="PostgresSchema.MigrateAsync"/> found and did.</summary>
public sealed record MigrationOutcome(string Schema, int VersionBefore, int VersionAfter)
{
    public bool Created => VersionBefore == 0;
}

/// <summary>
/// Creates and upgrades the store's tables idempotently. Many processes may start at once (a team, an
/// API server and its workers), so migration runs under a transaction-scoped advisory lock. A schema
/// that holds tables we did not create is refused, never written into.
/// </summary>
internal static class PostgresSchema
{
    public const int CurrentVersion = 3;

    public const string Application = "bilateral-timeline";

    // Payload and metadata are bytea, not jsonb: jsonb re-orders keys and drops whitespace, so the bytes
    // read back would differ from the bytes hashed and the chain could not be verified. Nothing queries
    // inside the payload in SQL (projections fold in .NET); operators get jsonb through the events_json view.
    // position is assigned under the head row's lock (see PostgresAppender), so it is gap-free and
    // becomes visible in order. recorded is timestamptz: microseconds, the precision HashChain keeps.
    private static string CreateV1(string s) => $"""
        CREATE SCHEMA IF NOT EXISTS {s};
        CREATE TABLE {s}.store_info (
            key    text PRIMARY KEY,
            value  text NOT NULL
        );
        CREATE TABLE {s}.head (
            singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            position   bigint  NOT NULL,
            hash       bytea   NOT NULL,
            recorded   timestamptz
        );
        INSERT INTO {s}.head (position, hash, recorded) VALUES (0, decode(repeat('00', 32), 'hex'), NULL);
        CREATE TABLE {s}.events (
            position   bigint      PRIMARY KEY,
            stream     text        NOT NULL,
            revision   bigint      NOT NULL,
            event_id   uuid        NOT NULL UNIQUE,
            type       text        NOT NULL,
            data       bytea       NOT NULL,
            metadata   bytea       NOT NULL,
            recorded   timestamptz NOT NULL,
            hash       bytea       NOT NULL,
            UNIQUE (stream, revision)
        );
        CREATE FUNCTION {s}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'events are immutable: record a correction instead' USING ERRCODE = 'restrict_violation';
        END $$;
        CREATE TRIGGER events_are_never_changed BEFORE UPDATE OR DELETE ON {s}.events
            FOR EACH ROW EXECUTE FUNCTION {s}.refuse_change();
        CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON {s}.events
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_change();
        CREATE TRIGGER head_is_never_removed BEFORE DELETE ON {s}.head
            FOR EACH ROW EXECUTE FUNCTION {s}.refuse_change();
        CREATE TRIGGER head_is_never_truncated BEFORE TRUNCATE ON {s}.head
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_change();
        CREATE VIEW {s}.events_json AS
            SELECT position, stream, revision, event_id, type,
                   convert_from(data, 'UTF8')::jsonb AS data, convert_from(metadata, 'UTF8')::jsonb AS metadata, recorded
            FROM {s}.events;
        INSERT INTO {s}.store_info (key, value) VALUES ('application', '{Application}'), ('schema_version', '1');
        """;

    // Version 2: what serving needs beside the log (checkpointed projections, API keys), in the same
    // schema so that a projection's rows and its checkpoint commit in one transaction.
    private static string UpgradeToV2(string s) => $"""
        CREATE TABLE {s}.projection_live (
            projection  text PRIMARY KEY,
            version     integer NOT NULL
        );
        CREATE TABLE {s}.projection_checkpoints (
            projection  text        NOT NULL,
            version     integer     NOT NULL,
            position    bigint      NOT NULL,
            updated     timestamptz NOT NULL,
            PRIMARY KEY (projection, version)
        );
        CREATE TABLE {s}.projection_rows (
            projection  text    NOT NULL,
            version     integer NOT NULL,
            key         text    NOT NULL,
            document    text    NOT NULL,
            position    bigint  NOT NULL,
            PRIMARY KEY (projection, version, key)
        );
        CREATE INDEX projection_rows_by_position ON {s}.projection_rows (projection, version, position);
        CREATE TABLE {s}.api_keys (
            id       text        PRIMARY KEY,
            sha256   text        NOT NULL UNIQUE,
            role     text        NOT NULL,
            name     text        NOT NULL,
            created  timestamptz NOT NULL
        );
        UPDATE {s}.store_info SET value = '2' WHERE key = 'schema_version';
        """;

    // Version 3: keys record who made them and who revoked them when (a key is never deleted). Written
    // with IF NOT EXISTS so the step is harmless wherever it lands in the sequence.
    private static string UpgradeToV3(string s) => $"""
        ALTER TABLE {s}.api_keys
            ADD COLUMN IF NOT EXISTS created_by  text,
            ADD COLUMN IF NOT EXISTS revoked     timestamptz,
            ADD COLUMN IF NOT EXISTS revoked_by  text;
        UPDATE {s}.store_info SET value = '3' WHERE key = 'schema_version';
        """;

    public static async Task<MigrationOutcome> MigrateAsync(NpgsqlConnection connection, PostgresLocation at, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('bt-migrate:' || $1))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue(at.Schema);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var version = await CurrentVersionAsync(connection, transaction, at, cancellationToken).ConfigureAwait(false);
        if (version > CurrentVersion)
        {
            throw new EventStoreUnavailableException($"schema '{at.Schema}' at {at.Describe()} has store version {version}, newer than this build understands ({CurrentVersion}); upgrade bt");
        }
        // Each step takes the schema from one version to the next; a new store runs them all.
        var steps = new Func<string, string>[] { CreateV1, UpgradeToV2, UpgradeToV3 };
        for (var step = version; step < CurrentVersion; step++)
        {
            await using var upgrade = new NpgsqlCommand(steps[step](at.Quoted), connection, transaction);
            await upgrade.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new MigrationOutcome(at.Schema, version, CurrentVersion);
    }

    /// <summary>0 when the schema is missing or empty (ours to create); refuses one that holds other tables.</summary>
    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresLocation at, CancellationToken cancellationToken)
    {
        await using var tables = new NpgsqlCommand(
            "SELECT coalesce(array_agg(table_name::text ORDER BY table_name), '{}') FROM information_schema.tables WHERE table_schema = $1", connection, transaction);
        tables.Parameters.AddWithValue(at.Schema);
        var names = (string[])(await tables.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (names.Length == 0)
        {
            return 0;
        }
        if (!names.Contains("store_info"))
        {
            throw new EventStoreUnavailableException(
                $"schema '{at.Schema}' at {at.Describe()} holds {names.Length} table(s) that bt did not create ({string.Join(", ", names.Take(5))}); choose another schema with Search Path=… in --connection");
        }
        await using var info = new NpgsqlCommand($"SELECT key, value FROM {at.Quoted}.store_info WHERE key IN ('application', 'schema_version')", connection, transaction);
        string? application = null;
        var version = -1;
        await using (var reader = await info.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetString(0) == "application")
                {
                    application = reader.GetString(1);
                }
                else if (int.TryParse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture, out var v))
                {
                    version = v;
                }
            }
        }
        if (application != Application || version < 1)
        {
            throw new EventStoreUnavailableException(
                $"schema '{at.Schema}' at {at.Describe()} has a store_info table that is not a BilateralTimeline store's; choose another schema with Search Path=… in --connection");
        }
        return version;
    }
}
