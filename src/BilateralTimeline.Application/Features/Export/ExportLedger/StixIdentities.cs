using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

public sealed record StixIdentity(string Id, string Name, string Class, string Role, DateTimeOffset FirstSeen);

/// <summary>
/// The identities a bundle names: each outlet that published an exported claim's source, and each
/// outlet, agency, speaker and organisation in a claim's attribution chain. Unnamed links and the
/// article itself are not identities.
/// </summary>
public sealed class StixIdentities
{
    private readonly Dictionary<(string Class, string Name), StixIdentity> _byKey = [];

    public IEnumerable<StixIdentity> All => _byKey.Values.OrderBy(i => i.Class, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal);

    public static StixIdentities Collect(LedgerExport export, IEnumerable<ClaimView> claims)
    {
        var identities = new StixIdentities();
        foreach (var claim in claims)
        {
            if (export.SourceOf(claim) is { } source)
            {
                identities.Add(source.Source.Outlet, "organization", "outlet", source.Recorded);
            }
            foreach (var link in claim.Claim.Attribution)
            {
                if (Classify(link.Kind) is { } kind)
                {
                    identities.Add(link.Name, kind.Class, kind.Role, claim.Recorded);
                }
            }
        }
        return identities;
    }

    public string Outlet(string outlet) => StixIds.Identity("organization", outlet);

    public IEnumerable<string> AttributionOf(ClaimRecorded claim) =>
        claim.Attribution
            .Select(l => Classify(l.Kind) is { } kind && _byKey.TryGetValue((kind.Class, l.Name), out var identity) ? identity.Id : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private void Add(string name, string identityClass, string role, DateTimeOffset seen)
    {
        var key = (identityClass, name);
        if (_byKey.TryGetValue(key, out var known))
        {
            if (seen < known.FirstSeen)
            {
                _byKey[key] = known with { FirstSeen = seen };
            }
            return;
        }
        _byKey[key] = new StixIdentity(StixIds.Identity(identityClass, name), name, identityClass, role, seen);
    }

    private static (string Class, string Role)? Classify(AttributionKind kind) => kind switch
    {
        AttributionKind.Outlet => ("organization", "outlet"),
        AttributionKind.Agency => ("organization", "agency"),
        AttributionKind.Organisation => ("organization", "organisation"),
        AttributionKind.Speaker => ("individual", "speaker"),
        _ => null,
    };
}
