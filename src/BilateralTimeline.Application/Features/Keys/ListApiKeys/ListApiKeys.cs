using BilateralTimeline.Application.Ports;
using MediatR;

namespace BilateralTimeline.Application.Features.Keys.ListApiKeys;

/// <summary>Every API key with its role, who made it and when, and its revocation if any. Never the key or its hash.</summary>
public sealed record ListApiKeys : IRequest<IReadOnlyList<ApiKeyListing>>;

/// <summary>One key as an operator sees it. Prefix: the first characters of the key's SHA-256, enough to tell keys apart, useless to an attacker.</summary>
public sealed record ApiKeyListing(string Id, string HashPrefix, string Role, string Name, DateTimeOffset Created, string? CreatedBy, DateTimeOffset? Revoked, string? RevokedBy)
{
    public bool Active => Revoked is null;
}

public sealed class ListApiKeysHandler(IApiKeyStore keys) : IRequestHandler<ListApiKeys, IReadOnlyList<ApiKeyListing>>
{
    public async Task<IReadOnlyList<ApiKeyListing>> Handle(ListApiKeys request, CancellationToken cancellationToken) =>
        (await keys.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToListing).ToList();

    /// <summary>Shared with revocation, which shows the key it touched the same way.</summary>
    public static ApiKeyListing ToListing(ApiKeyRecord key) =>
        new(key.Id, "sha256:" + key.Sha256Hex[..8], key.Role.ToString().ToLowerInvariant(), key.Name, key.Created, key.CreatedBy, key.Revoked, key.RevokedBy);
}
