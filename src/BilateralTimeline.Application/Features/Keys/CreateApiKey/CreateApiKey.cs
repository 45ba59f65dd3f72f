using System.Security.Cryptography;
using System.Text;
using BilateralTimeline.Application.Ports;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Keys.CreateApiKey;

/// <summary>Make a new API key for a role. The key is returned once; only its SHA-256 is stored.</summary>
public sealed record CreateApiKey(ApiRole Role, string Name) : IRequest<CreatedApiKey>
{
    /// <summary>Who made the key (bt keys create --by, default $BT_USER); shown by bt keys list.</summary>
    public string? CreatedBy { get; init; }
}

public sealed record CreatedApiKey(string Id, string Key, ApiRole Role, string Name, DateTimeOffset Created);

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(x => x.Role).IsInEnum().WithMessage("must be analyst, auditor or consumer");
        RuleFor(x => x.Name).NotEmpty().WithMessage("is required: who holds the key (it becomes recordedBy on their writes)")
            .MaximumLength(100).WithMessage("must be 100 characters or fewer");
        RuleFor(x => x.CreatedBy).MaximumLength(100).WithMessage("must be 100 characters or fewer");
    }
}

public sealed class CreateApiKeyHandler(IApiKeyStore keys, TimeProvider clock) : IRequestHandler<CreateApiKey, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        var key = "bt_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var created = clock.GetUtcNow();
        await keys.AddAsync(new ApiKeyRecord(id, ApiKeyHash.Of(key), request.Role, request.Name, created) { CreatedBy = request.CreatedBy }, cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(id, key, request.Role, request.Name, created);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>How a presented key is looked up: the SHA-256 of its UTF-8 text, lower-case hex.</summary>
public static class ApiKeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
