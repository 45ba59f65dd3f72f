using System.Net;
using System.Net.NetworkInformation;
using BilateralTimeline.Api.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace BilateralTimeline.Api.Security;

/// <summary>
/// Serves only requests whose Host names this server: the hosts of the addresses it listens on (a
/// loopback address allows 127.0.0.1, localhost and [::1] on its port; a wildcard address allows
/// loopback and this machine's own addresses) plus ApiSettings.AllowedHosts. Anything else gets 400.
/// This is what defeats DNS rebinding: a hostile page whose name was re-pointed at 127.0.0.1 still
/// sends its own name as Host, so it cannot read a --public-read ledger.
/// </summary>
internal sealed class HostAllowList(IServer server, ApiSettings settings)
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    private Hosts? _hosts;

    public async Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (settings.AllowedHosts.Contains("*") || Allowed(http.Request.Host))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        var shown = http.Request.Host.HasValue ? http.Request.Host.Value : "(none)";
        await ProblemResponses.Write(http, ProblemResponses.Problem(StatusCodes.Status400BadRequest, "Host not served here",
            $"this server does not answer for the Host '{(shown.Length > 100 ? shown[..100] + "…" : shown)}'; use an address bt serve listens on, or start it with --allowed-hosts NAME"))
            .ConfigureAwait(false);
    }

    private bool Allowed(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }
        // Built on the first request: only then are the ports of --urls ...:0 known.
        var hosts = _hosts ??= Build();
        var name = host.Host.ToLowerInvariant();
        var bracketed = name.Contains(':', StringComparison.Ordinal) && !name.StartsWith('[') ? $"[{name}]" : name;
        return hosts.AnyPort.Contains(bracketed) || hosts.Exact.Contains($"{bracketed}:{host.Port ?? 80}") || (host.Port is null && hosts.Exact.Contains($"{bracketed}:443"));
    }

    private Hosts Build()
    {
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var anyPort = new HashSet<string>(StringComparer.Ordinal);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.Concat(settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Port == 0)
            {
                continue;
            }
            foreach (var name in NamesFor(uri.Host.ToLowerInvariant()))
            {
                exact.Add($"{name}:{uri.Port}");
            }
        }
        foreach (var allowed in settings.AllowedHosts)
        {
            var entry = allowed.Trim().ToLowerInvariant();
            if (entry.Length == 0)
            {
                continue;
            }
            // "name:port" allows that port only; "name" (or "[v6]") any port, as behind a proxy that rewrites it.
            var colon = entry.LastIndexOf(':');
            if (colon > 0 && entry[(colon + 1)..].All(char.IsAsciiDigit) && (entry.StartsWith('[') ? entry[colon - 1] == ']' : entry.IndexOf(':') == colon))
            {
                exact.Add(entry);
            }
            else
            {
                anyPort.Add(entry.Contains(':', StringComparison.Ordinal) && !entry.StartsWith('[') ? $"[{entry}]" : entry);
            }
        }
        return new Hosts(exact, anyPort);
    }

    private sealed record Hosts(HashSet<string> Exact, HashSet<string> AnyPort);

    private static IEnumerable<string> NamesFor(string host)
    {
        if (host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
        {
            return LoopbackNames;
        }
        if (ip is not null && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            return LoopbackNames.Concat(OwnAddresses());
        }
        return [host];
    }

    private static IEnumerable<string> OwnAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !a.IsIPv6LinkLocal)
            .Select(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString());
}
