using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace BilateralTimeline.Api.Security;

/// <summary>Analysts read and write; auditors and consumers read. Reads may be opened to anyone (ApiSettings.PublicRead).</summary>
internal static class AccessPolicies
{
    public const string Read = "read";
    public const string Write = "write";

    public static void Add(AuthorizationOptions options, bool publicRead)
    {
        options.AddPolicy(Read, policy =>
        {
            if (publicRead)
            {
                policy.RequireAssertion(_ => true);
            }
            else
            {
                policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser();
            }
        });
        options.AddPolicy(Write, policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiKeyAuthentication.RoleClaim, "analyst"));
    }

    /// <summary>Who a write is recorded as: the key's holder and id, so the audit trail names the key.</summary>
    public static string RecordedBy(ClaimsPrincipal user) =>
        $"api:{user.Identity?.Name ?? "anonymous"} ({user.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? "no key"})";
}
