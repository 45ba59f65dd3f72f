using System.Net.Sockets;
using BilateralTimeline.Application.Ports;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>Turns driver and server failures into errors that name the server tried and say what to do.</summary>
internal static class PostgresErrors
{
    public static bool IsConnectionFailure(Exception e) =>
        e is NpgsqlException { IsTransient: true } or SocketException or IOException or TimeoutException
        || (e is PostgresException p && p.SqlState is "57P01" or "57P02" or "57P03" or "08006" or "08003" or "08001");

    public static Exception Explain(PostgresLocation at, Exception e)
    {
        var where = at.Describe();
        return e switch
        {
            EventStoreException => e,
            PostgresException { SqlState: "28P01" } => new EventStoreUnavailableException($"PostgreSQL at {where} refused the password for user '{at.Username}'; check Password in --connection (or BT_CONNECTION)", e),
            PostgresException { SqlState: "28000" } => new EventStoreUnavailableException($"PostgreSQL at {where} does not let user '{at.Username}' connect (pg_hba.conf has no entry for this host/user); ask the server's administrator", e),
            PostgresException { SqlState: "3D000" } => new EventStoreUnavailableException($"PostgreSQL at {at.Host}:{at.Port} has no database '{at.Database}'; create it (createdb {at.Database}) or fix Database= in --connection", e),
            PostgresException { SqlState: "42501" } p => new EventStoreUnavailableException($"PostgreSQL at {where}: user '{at.Username}' lacks a privilege ({p.MessageText}); grant it, or run `bt migrate` as the schema's owner", e),
            PostgresException { SqlState: "53100" } => new EventStoreUnavailableException($"PostgreSQL at {where} is out of disk space; nothing was written", e),
            PostgresException { SqlState: "53300" } => new EventStoreUnavailableException($"PostgreSQL at {where} has too many connections; try again later or raise max_connections", e),
            PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => new EventStoreUnavailableException($"PostgreSQL at {where} is shutting down or starting up; nothing was acknowledged, try again", e),
            _ when IsConnectionFailure(e) => new EventStoreUnavailableException($"cannot reach PostgreSQL at {at.Host}:{at.Port} ({Innermost(e).Message}); is the server running and is --connection right?", e),
            PostgresException p => new EventStoreUnavailableException($"PostgreSQL at {where} failed: {p.MessageText} (SQLSTATE {p.SqlState})", e),
            NpgsqlException => new EventStoreUnavailableException($"PostgreSQL at {where}: {Innermost(e).Message}", e),
            _ => e,
        };
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }
        return e;
    }
}
