using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Keys.RevokeApiKey;

/// <summary>
/// Stop a key from working, recording who and when. The key stays listed. Revoking a revoked key
/// changes nothing (the first revocation is kept) and says so; an unknown id is refused.
/// </summary>
public sealed record RevokeApiKey(string Id, string By) : IRequest<RevokedApiKey>;

/// <summary>Changed is false when the key had already been revoked (Revoked and RevokedBy are then the first revocation's).</summary>
public sealed record RevokedApiKey(string Id, string Role, string Name, DateTimeOffset Revoked, string RevokedBy, bool Changed);

public sealed class RevokeApiKeyValidator : AbstractValidator<RevokeApiKey>
{
    public RevokeApiKeyValidator()
    {
        RuleFor(x => x.Id).NotEmpty().WithMessage("is required: the key's id (key-…), as the list of keys shows it").WithRemedy(Remedies.ListKeys);
        RuleFor(x => x.By).NotEmpty().WithMessage("is required: who revokes the key")
            .MaximumLength(100).WithMessage("must be 100 characters or fewer");
    }
}

public sealed class RevokeApiKeyHandler(IApiKeyStore keys, TimeProvider clock) : IRequestHandler<RevokeApiKey, RevokedApiKey>
{
    public async Task<RevokedApiKey> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        var outcome = await keys.RevokeAsync(request.Id, request.By, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("id", $"no API key has the id '{request.Id}'; the list of keys shows the ids", Remedies.ListKeys);
        var key = outcome.Key;
        return new RevokedApiKey(key.Id, key.Role.ToString().ToLowerInvariant(), key.Name, key.Revoked!.Value, key.RevokedBy ?? "", outcome.Changed);
    }
}
