using System.Globalization;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>Which node serves reads (nodePreference=…); appends always go to the leader.</summary>
public enum EsdbNodePreference
{
    Leader,
    Follower,
    Random,
}

/// <summary>One node address from a connection string.</summary>
public sealed record EsdbEndpoint(string Host, int Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>
/// The subset of EventStoreDB's own connection string that this adapter understands:
/// <c>esdb://[user:pass@]host:port[,host:port...][?tls=true|false&amp;tlsVerifyCert=true|false&amp;defaultDeadline=ms&amp;nodePreference=leader|follower|random&amp;maxDiscoverAttempts=n&amp;discoveryInterval=ms&amp;gossipTimeout=ms]</c>.
/// One host is used directly; several hosts are gossip seeds and the leader is found through them.
/// Every other option, and the <c>esdb+discover://</c> (DNS) scheme, is refused with an error naming it,
/// because silently ignoring a security or routing option would connect somewhere the user did not ask for.
/// </summary>
public sealed record EsdbConnectionString(
    IReadOnlyList<EsdbEndpoint> Hosts,
    bool Tls,
    bool TlsVerifyCert,
    string? UserName,
    string? Password,
    TimeSpan DefaultDeadline)
{
    public const int DefaultPort = 2113;

    public static readonly TimeSpan DefaultCallDeadline = TimeSpan.FromSeconds(10);

    /// <summary>The options accepted after '?', matched without regard to case as EventStoreDB does.</summary>
    public static IReadOnlyList<string> SupportedOptions { get; } = ["tls", "tlsVerifyCert", "defaultDeadline", "nodePreference", "maxDiscoverAttempts", "discoveryInterval", "gossipTimeout"];

    /// <summary>Rounds of leader discovery before a call gives up (EventStoreDB's clients: 10).</summary>
    public int MaxDiscoverAttempts { get; init; } = 10;

    /// <summary>Wait before the second round; it doubles each round up to 2 s, so the default rounds span ~11 s, an election's length several times over.</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Where reads go: the leader (default), a follower, or any live member. Appends always go to the leader.</summary>
    public EsdbNodePreference NodePreference { get; init; } = EsdbNodePreference.Leader;

    /// <summary>Deadline of one gossip call (EventStoreDB's clients: 5 s).</summary>
    public TimeSpan GossipTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <exception cref="FormatException">The string is not a supported EventStoreDB connection string; the message names the part and the fix.</exception>
    public static EsdbConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("the EventStoreDB connection string is empty: give esdb://host:2113?tls=false");
        }
        const string scheme = "esdb://";
        var text = connectionString.Trim();
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            var given = text.Contains("://", StringComparison.Ordinal) ? text[..(text.IndexOf("://", StringComparison.Ordinal) + 3)] : text;
            throw new FormatException($"scheme '{given}' is not supported: use esdb://host:port (esdb+discover:// DNS discovery is not supported; list the nodes instead: esdb://node1:2113,node2:2113)");
        }
        var rest = text[scheme.Length..];
        var query = "";
        var questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }
        rest = rest.TrimEnd('/');
        if (rest.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"'{rest}' has a path; an EventStoreDB connection string has none: esdb://host:port?options");
        }

        string? user = null;
        string? password = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = rest[..at];
            rest = rest[(at + 1)..];
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == credentials.Length - 1)
            {
                throw new FormatException("the credentials before '@' must be user:password (URL-encode ':' or '@' inside them)");
            }
            user = Uri.UnescapeDataString(credentials[..colon]);
            password = Uri.UnescapeDataString(credentials[(colon + 1)..]);
        }

        var hosts = rest.Split(',').Select(ParseHost).ToArray();

        var tls = true;
        var verify = true;
        var deadline = DefaultCallDeadline;
        var attempts = 10;
        var interval = TimeSpan.FromMilliseconds(100);
        var gossipTimeout = TimeSpan.FromSeconds(5);
        var preference = EsdbNodePreference.Leader;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key.ToLowerInvariant())
            {
                case "tls":
                    tls = ParseBool(key, value);
                    break;
                case "tlsverifycert":
                    verify = ParseBool(key, value);
                    break;
                case "defaultdeadline":
                    deadline = Milliseconds(key, value, "defaultDeadline=10000");
                    break;
                case "discoveryinterval":
                    interval = Milliseconds(key, value, "discoveryInterval=100");
                    break;
                case "gossiptimeout":
                    gossipTimeout = Milliseconds(key, value, "gossipTimeout=5000");
                    break;
                case "maxdiscoverattempts":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts < 1)
                    {
                        throw new FormatException($"option '{key}={value}' must be a whole number of at least 1, e.g. maxDiscoverAttempts=10");
                    }
                    break;
                case "nodepreference":
                    // Appends always reach the leader; reads go elsewhere only when asked, since a follower may lag.
                    preference = value.ToLowerInvariant() switch
                    {
                        "leader" => EsdbNodePreference.Leader,
                        "follower" => EsdbNodePreference.Follower,
                        "random" => EsdbNodePreference.Random,
                        _ => throw new FormatException($"option '{key}={value}' is not supported: nodePreference=leader|follower|random (read-only replicas are not)"),
                    };
                    break;
                default:
                    throw new FormatException($"option '{key}' is not supported by bt's EventStoreDB client; supported: {string.Join(", ", SupportedOptions)}");
            }
        }
        if (!tls && user is not null && !IsLoopbackOnly(hosts))
        {
            // Basic credentials over cleartext would be readable by anyone on the path.
            throw new FormatException("credentials with tls=false are refused for non-loopback hosts: enable TLS (tls=true) or drop user:password@");
        }
        return new EsdbConnectionString(hosts, tls, verify, user, password, deadline)
        {
            MaxDiscoverAttempts = attempts,
            DiscoveryInterval = interval,
            GossipTimeout = gossipTimeout,
            NodePreference = preference,
        };
    }

    private static TimeSpan Milliseconds(string key, string value, string example) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"option '{key}={value}' must be a positive number of milliseconds, e.g. {example}");

    private static EsdbEndpoint ParseHost(string text)
    {
        if (text.Length == 0)
        {
            throw new FormatException("a host is missing: give host:port, several separated by commas");
        }
        string host;
        string? port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"host '{text}' opens '[' without closing it");
            }
            host = text[1..close];
            port = close + 1 < text.Length && text[close + 1] == ':' ? text[(close + 2)..] : null;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new FormatException($"host '{text}' is not a host name or IP address");
        }
        if (port is null)
        {
            return new EsdbEndpoint(host, DefaultPort);
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new FormatException($"port '{port}' of host '{host}' must be a number from 1 to 65535");
        }
        return new EsdbEndpoint(host, number);
    }

    private static bool ParseBool(string key, string value) => value.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"option '{key}={value}' must be true or false"),
    };

    private static bool IsLoopbackOnly(IEnumerable<EsdbEndpoint> hosts) =>
        hosts.All(h => h.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(h.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    /// <summary>The connection string without the password, safe for messages and logs.</summary>
    public override string ToString() =>
        $"esdb://{(UserName is null ? "" : UserName + ":***@")}{string.Join(',', Hosts)}?tls={(Tls ? "true" : "false")}";
}
