using System.Security.Claims;
using System.Text.Encodings.Web;
using BilateralTimeline.Application.Features.Keys.CreateApiKey;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BilateralTimeline.Api.Security;

/// <summary>
/// API keys: "Authorization: Bearer KEY" or "X-Api-Key: KEY"; GET requests may also pass ?apiKey=KEY
/// because a browser's EventSource cannot set headers. Only the key's SHA-256 is looked up.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string RoleClaim = "bt:role";
    public const string KeyIdClaim = "bt:key";

    // No cache of verified keys: a revocation (bt keys revoke, from any process) must refuse the very
    // next request, so the store is asked every time. That is one lookup by a unique index on a pooled
    // connection, small beside the query the request then runs.
    private const string RevokedItem = "bt:revoked";

    /// <summary>HttpContext.Items key holding the SHA-256 of the key this request authenticated with (for <see cref="StreamKeyWatch"/>).</summary>
    public const string KeyHashItem = "bt:key-sha256";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiKeyHash.Of(presented);
        var key = await keys.FindAsync(hash, Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("unknown API key");
        }
        if (key.Revoked is { } revoked)
        {
            Context.Items[RevokedItem] = revoked;
            return AuthenticateResult.Fail("revoked API key");
        }
        Context.Items[KeyHashItem] = hash;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(RoleClaim, key.Role.ToString().ToLowerInvariant()), new Claim(KeyIdClaim, key.Id)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"bilateral-timeline\"";
        var presented = Presented(Request) is not null;
        if (Context.Items[RevokedItem] is DateTimeOffset revoked)
        {
            return ProblemResponses.Write(Context, ProblemResponses.Problem(StatusCodes.Status401Unauthorized, "API key revoked",
                $"this key was revoked at {revoked.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; ask the operator for a new one (bt keys create)"));
        }
        return ProblemResponses.Write(Context, ProblemResponses.Problem(StatusCodes.Status401Unauthorized,
            presented ? "Unknown API key" : "API key required",
            presented
                ? "the key presented is not known here; create one with `bt keys create --role analyst|auditor|consumer`"
                : "send an API key as 'Authorization: Bearer KEY' (or 'X-Api-Key: KEY'); create one with `bt keys create --role ...`"));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.Write(Context, ProblemResponses.Problem(StatusCodes.Status403Forbidden, "Role not allowed",
            $"this key's role ({Context.User.FindFirst(RoleClaim)?.Value ?? "none"}) may only read; writes need an analyst key"));

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && header.ToString() is { Length: > 0 } key)
        {
            return key.Trim();
        }
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Query.TryGetValue("apiKey", out var query) && query.ToString() is { Length: > 0 } q ? q : null;
    }
}
